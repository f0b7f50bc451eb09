import { loadCatalog } from '../holdings/catalog.ts';
import { columnsOf } from '../holdings/columns.ts';
import { concentrationPass, tailEquivalentOfDescending } from '../analytics/index.ts';
import { computeConcentration } from '../commands/concentration.ts';
const catalog = await loadCatalog('/work/shared/data/holdings/raw');
const vt = catalog.funds.get('VT')!.holdings;
const c = columnsOf(vt);
function minTime(name: string, fn: () => unknown) {
  let best = Infinity;
  for (let r = 0; r < 15; r++) { const t0 = performance.now(); for (let i = 0; i < 200; i++) fn(); best = Math.min(best, (performance.now() - t0) / 200); }
  console.log(name.padEnd(30), (best * 1000).toFixed(1), 'µs');
}
const weights = c.weightArray; const sec = c.sectorCodes.codes; const tot = new Float64Array(12);
minTime('floor', () => { tot.fill(0); let h = 0, t = 0; for (let i = 0; i < weights.length; i++) { const w = weights[i]!; h += w * w; if (i < 10) t += w; tot[sec[i]!]! += w; } return h + t; });
minTime('pass0', () => concentrationPass(c.weightArray, [], 0.03));
minTime('pass1', () => concentrationPass(c.weightArray, [c.sectorCodes], 0.03));
minTime('pass2', () => concentrationPass(c.weightArray, [c.sectorCodes, c.countryCodes], 0.03));
minTime('tail', () => tailEquivalentOfDescending(c.descending));
minTime('computeConcentration', () => computeConcentration(vt));
