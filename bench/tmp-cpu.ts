import { loadCatalog } from '../holdings/catalog.ts';
import { columnsOf } from '../holdings/columns.ts';
import { concentrationPass, tailEquivalentOfDescending } from '../analytics/index.ts';
import { computeConcentration } from '../commands/concentration.ts';
const catalog = await loadCatalog('/work/shared/data/holdings/raw');
const vt = catalog.funds.get('VT')!.holdings;
const c = columnsOf(vt);
const MAX = Number.MAX_VALUE;
function fused(weights: ArrayLike<number>, c0: ArrayLike<number>, s0: number, c1: ArrayLike<number>, s1: number, threshold: number) {
  const n = weights.length; const t0 = new Float64Array(s0); const t1 = new Float64Array(s1);
  let sum = 0, squares = 0, bigShare = 0, bigCount = 0;
  for (let i = 0; i < n; i++) { const w = weights[i]!; if (!(w >= 0 && w <= MAX)) throw new RangeError(`bad ${i}`); sum += w; squares += w * w; if (w >= threshold) { bigShare += w; bigCount++; } t0[c0[i]!]! += w; t1[c1[i]!]! += w; }
  return { sum, squares, bigShare, bigCount, t0, t1 };
}
function cpu(name: string, fn: () => unknown) {
  for (let i = 0; i < 300; i++) fn();
  let best = Infinity;
  for (let r = 0; r < 12; r++) { const u0 = process.cpuUsage(); for (let i = 0; i < 300; i++) fn(); const u = process.cpuUsage(u0); best = Math.min(best, (u.user + u.system) / 300); }
  console.log(name.padEnd(30), best.toFixed(1), 'µs cpu');
}
const weights = c.weightArray; const sec = c.sectorCodes.codes; const tot = new Float64Array(12);
cpu('floor', () => { tot.fill(0); let h = 0, t = 0; for (let i = 0; i < weights.length; i++) { const w = weights[i]!; h += w * w; if (i < 10) t += w; tot[sec[i]!]! += w; } return h + t; });
cpu('pass2 (separate loops)', () => concentrationPass(c.weightArray, [c.sectorCodes, c.countryCodes], 0.03));
cpu('fused', () => fused(c.weightArray, c.sectorCodes.codes, c.sectorCodes.size, c.countryCodes.codes, c.countryCodes.size, 0.03));
cpu('tail', () => tailEquivalentOfDescending(c.descending));
cpu('computeConcentration', () => computeConcentration(vt));
cpu('floor', () => { tot.fill(0); let h = 0, t = 0; for (let i = 0; i < weights.length; i++) { const w = weights[i]!; h += w * w; if (i < 10) t += w; tot[sec[i]!]! += w; } return h + t; });
