import { effectiveN, lookThroughIndexed, pairedOverlap, type PairedOverlap } from '../analytics/index.ts';
import { columnsOf } from '../holdings/columns.ts';
import { matchPositions, sharedIds } from '../holdings/identity.ts';
import type { Holdings } from '../holdings/types.ts';

/** Two funds' overlap with stable field names (`topheavy overlap --json`). Fractions throughout. */
export interface PairOverlap extends Omit<PairedOverlap, 'shared'> {
  a: string;
  b: string;
  /** Share of each fund's weight that carries a ticker or an identifier to match on. */
  coverage: { a: number; b: number };
  topShared: { ticker: string; name: string; a: number; b: number; min: number }[];
}

/** Share of a fund's weight carried by positions with a ticker or an identifier (matchable beyond their name). */
function identifiedWeight(h: Holdings): number {
  let sum = 0;
  for (const p of h.positions) if (p.ticker || p.ids.cusip || p.ids.isin || p.ids.sedol) sum += p.weight;
  return sum;
}

/** Overlap of two funds, securities matched across issuers by identity keys. */
export function pairOverlap(a: Holdings, b: Holdings, top = 10, match: Int32Array = matchPositions(a, b)): PairOverlap {
  const result = pairedOverlap(columnsOf(a).weights, columnsOf(b).weights, match, top);
  return {
    a: a.fund,
    b: b.fund,
    weightOverlap: result.weightOverlap,
    commonCount: result.commonCount,
    countA: result.countA,
    countB: result.countB,
    shareOfA: result.shareOfA,
    shareOfB: result.shareOfB,
    weightInCommon: result.weightInCommon,
    coverage: { a: identifiedWeight(a), b: identifiedWeight(b) },
    topShared: result.shared.map((s) => {
      const p = a.positions[s.i]!;
      return { ticker: p.ticker, name: p.name, a: s.a, b: s.b, min: s.min };
    }),
  };
}

/** Effective N of holding the funds in the given proportions (look-through, same security merged). */
export function blendEffectiveN(funds: readonly Holdings[], allocations: readonly number[]): number {
  const { ids, size } = sharedIds(funds);
  return effectiveN(lookThroughIndexed(funds.map((h, f) => ({ allocation: allocations[f]!, weights: columnsOf(h).weights, ids: ids[f]! })), size));
}
