import { assertNonEmpty, assertWeight } from './validate.ts';

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
 * Complexity: O(n log n) time (one sort of a Float64Array copy), O(n) memory.
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
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    assertWeight('tailEquivalentCount', 'weights', i, w);
    if (i > 0 && w > weights[i - 1]!) descending = false;
  }
  // Holdings arrive largest first; then reading the input backwards is ascending order already,
  // and neither a copy nor a sort is needed.
  const ascending: ArrayLike<number> = descending ? weights : Float64Array.from(weights).sort();
  const at = descending ? (k: number) => ascending[n - 1 - k]! : (k: number) => ascending[k]!;
  const largest = at(n - 1);
  if (!(largest > 0)) {
    throw new RangeError('tailEquivalentCount: all weights are 0; at least one must be positive');
  }
  const target = largest * (1 - 1e-12);
  let acc = 0;
  for (let k = 0; k < n - 1; k++) {
    acc += at(k);
    if (acc >= target) return k + 1;
  }
  return null;
}
