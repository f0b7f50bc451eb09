import { effectiveN, lookThrough, overlap } from '../analytics/index.ts';
import { sharedKeys } from '../holdings/identity.ts';
import type { Holdings } from '../holdings/types.ts';

/** Two funds' overlap with stable field names (`topheavy overlap --json`). Fractions throughout. */
export interface PairOverlap {
  a: string;
  b: string;
  weightOverlap: number;
  commonCount: number;
  countA: number;
  countB: number;
  shareOfA: number;
  shareOfB: number;
  weightInCommon: { a: number; b: number };
  coverage: { a: number; b: number };
  topShared: { ticker: string; name: string; a: number; b: number; min: number }[];
}

/** A position's key for matching; null when it carries nothing to match on (no ticker, no id). */
function keyed(h: Holdings, keys: readonly string[]): { key: string | null; weight: number }[] {
  return h.positions.map((p, i) => ({
    key: p.ticker || p.ids.cusip || p.ids.isin || p.ids.sedol ? keys[i]! : null,
    weight: p.weight,
  }));
}

/** Overlap of two funds, securities matched across issuers by identity keys. */
export function pairOverlap(a: Holdings, b: Holdings, top = 10): PairOverlap {
  const [ka, kb] = sharedKeys([a, b]) as [string[], string[]];
  const result = overlap(keyed(a, ka), keyed(b, kb));
  const byKey = new Map(ka.map((k, i) => [k, a.positions[i]!]));
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
    coverage: result.coverage,
    topShared: result.shared.slice(0, top).map((s) => {
      const p = byKey.get(s.key)!;
      return { ticker: p.ticker, name: p.name, a: s.a, b: s.b, min: s.min };
    }),
  };
}

/** Effective N of holding the funds in the given proportions (look-through, same security merged). */
export function blendEffectiveN(funds: readonly Holdings[], allocations: readonly number[]): number {
  const keys = sharedKeys(funds);
  const result = lookThrough(
    funds.map((h, f) => ({
      allocation: allocations[f]!,
      positions: h.positions.map((p, i) => ({ key: keys[f]![i]!, weight: p.weight })),
    })),
  );
  return effectiveN(result.exposures.map((e) => e.weight));
}
