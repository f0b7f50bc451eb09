import { assertNonEmpty, assertWeight } from './validate.ts';

/** Result of {@link bigHoldingShare}. */
export interface BigHoldingShare {
  /** Σ w over the holdings with w ≥ threshold. */
  share: number;
  /** How many holdings have w ≥ threshold. */
  count: number;
}

/**
 * Big-holding share: the total weight, and the number, of holdings with wᵢ ≥ threshold
 * (3% by default, the level at which S&P 500 big-holding share hit a record in 2025).
 *
 * share = Σ { wᵢ : wᵢ ≥ t },  count = #{ i : wᵢ ≥ t }.
 * Range: share in [0, Σ w], count in [0, n].
 * Complexity: O(n) time, one pass, O(1) memory.
 *
 * @param weights fractions, each finite and ≥ 0 (need not sum to 1)
 * @param threshold a fraction in (0, 1]; default 0.03
 * @throws {RangeError} when weights is empty, has a negative or non-finite weight, or threshold is outside (0, 1]
 * @example
 * bigHoldingShare([0.07, 0.05, 0.03, 0.02, 0.01]);  // => { share: 0.15 (±1e-16), count: 3 }
 * bigHoldingShare([0.5, 0.3, 0.2], 0.25);          // => { share: 0.8, count: 2 }
 */
export function bigHoldingShare(weights: readonly number[], threshold = 0.03): BigHoldingShare {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`bigHoldingShare: threshold is ${String(threshold)}; it must be a fraction in (0, 1]`);
  }
  const n = weights.length;
  assertNonEmpty('bigHoldingShare', 'weights', n);
  let share = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    assertWeight('bigHoldingShare', 'weights', i, w);
    if (w >= threshold) {
      share += w;
      count++;
    }
  }
  return { share, count };
}
