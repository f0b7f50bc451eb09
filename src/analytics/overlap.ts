import type { KeyedWeight } from './types.ts';
import { assertSumsToOne, compareKeys, sumRowWeights } from './validate.ts';

/** One security held by both funds, in {@link OverlapResult.shared}. */
export interface SharedHolding {
  key: string;
  /** Weight in fund A (duplicates summed). */
  a: number;
  /** Weight in fund B (duplicates summed). */
  b: number;
  /** min(a, b): this holding's contribution to the weight overlap. */
  min: number;
}

/** Result of {@link overlap}. */
export interface OverlapResult {
  /** Σ min(w_A, w_B) over keys held by both, in [0, 1]. */
  weightOverlap: number;
  /** Number of distinct keys held by both. */
  commonCount: number;
  /** Distinct non-null keys in A. */
  countA: number;
  /** Distinct non-null keys in B. */
  countB: number;
  /** commonCount / countA (0 when countA is 0). */
  shareOfA: number;
  /** commonCount / countB (0 when countB is 0). */
  shareOfB: number;
  /** Σ w over the common keys, in each fund. */
  weightInCommon: { a: number; b: number };
  /** Σ w over rows with a non-null key, in each fund: how much of each fund could be matched at all. */
  coverage: { a: number; b: number };
  /** The common holdings, by min descending, then key ascending. */
  shared: SharedHolding[];
}

interface Aggregated {
  byKey: Map<string, number>;
  coverage: number;
}

function aggregate(label: 'a' | 'b', rows: readonly KeyedWeight[]): Aggregated {
  const sum = sumRowWeights('overlap', label, rows);
  assertSumsToOne('overlap', `${label} weights`, sum, rows.length);
  const byKey = new Map<string, number>();
  let coverage = 0;
  for (const { key, weight } of rows) {
    if (key === null) continue;
    coverage += weight;
    byKey.set(key, (byKey.get(key) ?? 0) + weight);
  }
  return { byKey, coverage };
}

/**
 * Overlap between two funds' holdings.
 *
 * weightOverlap = Σ_{k ∈ A ∩ B} min(w_k^A, w_k^B), where w_k is the sum of a fund's rows with
 * key k. Rows with a null key (security not identified) never match anything. Also reports
 * how many names are common, as a share of each fund's distinct identified names.
 *
 * Symmetric: swapping a and b swaps the a/b fields and leaves weightOverlap and commonCount
 * unchanged (sums are taken in the sorted order of `shared`, so this holds bit for bit).
 * Range: weightOverlap in [0, min(coverage.a, coverage.b)] ⊆ [0, 1]; overlap(A, A) = coverage of A.
 * Complexity: O(n_A + n_B + c log c) time for c common keys (one Map per fund), O(n_A + n_B) memory.
 *
 * @param a fund A's positions, weights finite, ≥ 0 and summing to 1 within 1e-9·n + 1e-9 (null-key rows included)
 * @param b fund B's positions, same rules
 * @throws {RangeError} when a fund is empty, has a negative or non-finite weight, or does not sum to 1
 * @example
 * overlap(
 *   [{ key: 'AAPL', weight: 0.5 }, { key: 'MSFT', weight: 0.3 }, { key: 'XOM', weight: 0.2 }],
 *   [{ key: 'AAPL', weight: 0.2 }, { key: 'MSFT', weight: 0.5 }, { key: 'NVDA', weight: 0.3 }],
 * ).weightOverlap; // => 0.5  (min(0.5, 0.2) + min(0.3, 0.5)); commonCount 2, shareOfA 2/3
 */
export function overlap(a: readonly KeyedWeight[], b: readonly KeyedWeight[]): OverlapResult {
  const aggA = aggregate('a', a);
  const aggB = aggregate('b', b);
  const [small, large, smallIsA] =
    aggA.byKey.size <= aggB.byKey.size ? [aggA.byKey, aggB.byKey, true] : [aggB.byKey, aggA.byKey, false];

  const shared: SharedHolding[] = [];
  for (const [key, ws] of small) {
    const wl = large.get(key);
    if (wl === undefined) continue;
    const wa = smallIsA ? ws : wl;
    const wb = smallIsA ? wl : ws;
    shared.push({ key, a: wa, b: wb, min: Math.min(wa, wb) });
  }
  shared.sort((x, y) => y.min - x.min || compareKeys(x.key, y.key));

  let weightOverlap = 0;
  let inA = 0;
  let inB = 0;
  for (const s of shared) {
    weightOverlap += s.min;
    inA += s.a;
    inB += s.b;
  }
  const commonCount = shared.length;
  const countA = aggA.byKey.size;
  const countB = aggB.byKey.size;
  return {
    weightOverlap,
    commonCount,
    countA,
    countB,
    shareOfA: countA === 0 ? 0 : commonCount / countA,
    shareOfB: countB === 0 ? 0 : commonCount / countB,
    weightInCommon: { a: inA, b: inB },
    coverage: { a: aggA.coverage, b: aggB.coverage },
    shared,
  };
}
