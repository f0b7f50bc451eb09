import { assertNonEmpty, assertWeight } from './validate.ts';

/** `w <= FINITE_MAX` is `w < Infinity`, as a compare with a local constant (see validate.ts). */
const FINITE_MAX = Number.MAX_VALUE;

/**
 * Top-vs-tail equivalence: the largest holding expressed as "the K smallest holdings combined".
 *
 * K = min { k : w₍₁₎ + … + w₍ₖ₎ ≥ w_max }, where w₍₁₎ ≤ w₍₂₎ ≤ … are the other holdings in
 * ascending order (the largest holding itself excluded; if two holdings tie for largest, the
 * other one counts among the rest). The comparison allows a relative 1e-12 so that exact
 * ties such as 0.1 + 0.2 vs 0.3 are not lost to rounding.
 * Domain example: NVIDIA at 7.84% of IVV (2025-11-18) = its 242 smallest holdings combined (the RBC
 * paper's "7.4% ≈ the 100 smallest" is a claim this count corrects).
 *
 * Range: an integer in [1, n − 1], or null when all the others together weigh less than the largest
 * (and for a single holding).
 * Complexity: O(n) time when the weights arrive largest first, else O(n log n) (one sort of a
 * Float64Array copy), O(n) memory.
 *
 * @param weights each finite and ≥ 0, at least one positive (need not sum to 1)
 * @throws {RangeError} when weights is empty, has a negative or non-finite weight, or is all zeros
 * @example
 * tailEquivalentCount([0.4, 0.1, 0.2, 0.3]); // => 3  (0.1 + 0.2 < 0.4 ≤ 0.1 + 0.2 + 0.3)
 * tailEquivalentCount([0.7, 0.2, 0.1]);      // => null
 */
export function tailEquivalentCount(weights: readonly number[]): number | null {
  const n = weights.length;
  assertNonEmpty('tailEquivalentCount', 'weights', n);
  let descending = true;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    assertWeight('tailEquivalentCount', 'weights', i, w);
    if (i > 0 && w > weights[i - 1]!) descending = false;
    if (w > largest) largest = w;
  }
  if (!(largest > 0)) {
    throw new RangeError('tailEquivalentCount: all weights are 0; at least one must be positive');
  }
  // Holdings arrive largest first; then the input itself is the order needed, and neither a copy nor a sort is.
  return tailEquivalentOfDescending(descending ? weights : Float64Array.from(weights).sort().reverse());
}

/**
 * {@link tailEquivalentCount} of weights already ordered largest first (a fund's positions as
 * parsed, or a copy sorted once): reads from the small end until the largest is matched, so it
 * touches only the K smallest and the largest, with no copy and no sort.
 *
 * K = min { k : w₍ₙ₋₁₎ + … + w₍ₙ₋ₖ₎ ≥ w₀ (1 − 1e-12) } over w₀ ≥ w₁ ≥ … ≥ wₙ₋₁.
 * Range: an integer in [1, n − 1], or null. Complexity: O(K) time, O(1) memory.
 *
 * @param descending each finite and ≥ 0, non-increasing, the first positive (order and values are checked over what is read)
 * @throws {RangeError} when descending is empty, a weight read is negative, non-finite or out of order, or the largest is 0
 * @example
 * tailEquivalentOfDescending([0.4, 0.3, 0.2, 0.1]); // => 3
 */
export function tailEquivalentOfDescending(descending: ArrayLike<number>): number | null {
  const n = descending.length;
  assertNonEmpty('tailEquivalentOfDescending', 'descending', n);
  const largest = descending[0]!;
  assertWeight('tailEquivalentOfDescending', 'descending', 0, largest);
  if (!(largest > 0)) {
    throw new RangeError('tailEquivalentOfDescending: all weights are 0; at least one must be positive');
  }
  const target = largest * (1 - 1e-12);
  let acc = 0;
  let before = 0;
  for (let k = 0; k < n - 1; k++) {
    const i = n - 1 - k;
    const w = descending[i]!;
    // One test for all three: w ≥ the one after it (so ≥ 0, and not NaN), and finite.
    if (!(w >= before && w <= FINITE_MAX)) {
      assertWeight('tailEquivalentOfDescending', 'descending', i, w);
      throw new RangeError(`tailEquivalentOfDescending: descending[${i}] = ${w} is smaller than the weight after it; order the weights largest first`);
    }
    before = w;
    acc += w;
    if (acc >= target) return k + 1;
  }
  return null;
}
