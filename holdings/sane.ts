import { HoldingsFileError } from './errors.ts';
import type { Holdings } from './types.ts';

/**
 * The largest market value (in the file's currency) a single holding or fund total may have:
 * 10^15 is a thousand trillion, above any fund on earth in dollars or yen (the largest, in yen,
 * are about 10^14). A bigger figure is a typo or an attack (two 1e308 values overflow a sum).
 */
export const MAX_MARKET_VALUE = 1e15;

/** Subnormal numbers (below 2^-1022) are never a real weight or value; they are how "tiny" is forged. */
const MIN_NORMAL = 2 ** -1022;

/** How far Σ weights may be from 1: rounding of each division, far below any printed precision. */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

const finite = (x: number) => x >= -Number.MAX_VALUE && x <= Number.MAX_VALUE;
const subnormal = (x: number) => x !== 0 && Math.abs(x) < MIN_NORMAL;

/**
 * Σ of values that may be huge or tiny, without overflow: each is divided by the largest
 * magnitude first (Σ x = m · Σ x/m), and the result is Infinity only when the true sum is.
 */
export function scaledSum(values: readonly number[]): number {
  let m = 0;
  for (const v of values) if (Math.abs(v) > m) m = Math.abs(v);
  if (m === 0 || !finite(m)) return m === 0 ? 0 : Number.NaN;
  let s = 0;
  for (const v of values) s += v / m;
  return s * m;
}

/**
 * Refuses, with the reason, a snapshot that could not be answered or would answer wrongly: no
 * positions, a weight or value that is NaN, infinite, subnormal or implausibly large, weights
 * outside [0, 1] or not adding to 1. Every way into the store (folder import, sync, on-demand,
 * chat /import) passes here, so no source can store a fund that poisons its later answers.
 */
export function assertSaneHoldings(h: Holdings): void {
  const refuse = (expected: string, found: string) => {
    throw new HoldingsFileError(h.file, null, expected, found);
  };
  if (h.positions.length === 0) refuse('at least one equity holding to store', 'an empty list of holdings');
  const weights: number[] = [];
  const values: number[] = [];
  h.positions.forEach((p, i) => {
    const row = `holding ${i + 1} (${p.ticker || p.name})`;
    if (!finite(p.weight) || p.weight < 0 || p.weight > 1 + WEIGHT_SUM_TOLERANCE) refuse(`a weight between 0 and 1 for every holding`, `${row}: ${p.weight}`);
    if (subnormal(p.weight)) refuse('weights that are 0 or a normal number (not subnormal)', `${row}: ${p.weight}`);
    for (const [label, x] of [['reported weight', p.reportedWeight], ['market value', p.marketValue]] as const) {
      if (x === null) continue;
      if (!finite(x)) refuse(`a finite ${label} for every holding`, `${row}: ${x}`);
      if (subnormal(x)) refuse(`a ${label} that is 0 or a normal number (not subnormal)`, `${row}: ${x}`);
    }
    if (p.marketValue !== null && Math.abs(p.marketValue) > MAX_MARKET_VALUE) refuse(`market values of at most ${MAX_MARKET_VALUE.toExponential()}`, `${row}: ${p.marketValue}`);
    if (p.reportedWeight !== null && Math.abs(p.reportedWeight) > 10) refuse('a reported weight of at most 1,000% of the fund', `${row}: ${p.reportedWeight}`);
    weights.push(p.weight);
    if (p.marketValue !== null) values.push(p.marketValue);
  });
  const sum = scaledSum(weights);
  if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) refuse(`weights that add up to 1 (within ${WEIGHT_SUM_TOLERANCE})`, `a sum of ${+sum.toPrecision(12)}`);
  const total = scaledSum(values);
  if (!finite(total) || Math.abs(total) > MAX_MARKET_VALUE * 10) refuse('market values whose total is a finite, plausible amount', `a total of ${total}`);
  for (const [label, x] of [['reported equity weight', h.reportedEquityWeight], ['reported total weight', h.reportedTotalWeight]] as const) {
    if (x !== null && !finite(x)) refuse(`a finite ${label}`, String(x));
  }
  h.excluded.forEach((e, i) => {
    for (const x of [e.marketValue, e.reportedWeight]) {
      if (x !== null && x !== undefined && (!finite(x) || Math.abs(x) > MAX_MARKET_VALUE)) refuse('finite, plausible figures in every excluded row', `excluded row ${i + 1} (${e.ticker || e.name}): ${x}`);
    }
  });
}
