import { sumOfSquares } from './validate.ts';

/**
 * Effective number of holdings ("実効構成銘柄数"): N_eff = 1 / HHI = 1 / Σᵢ wᵢ².
 * The number of equal-weighted names that would be as concentrated as these weights.
 *
 * Range: [1, n]; n for n equal weights, 1 for a single holding.
 * Complexity: O(n) time, one pass, O(1) memory.
 *
 * @param weights fractions, each finite and ≥ 0, summing to 1 within 1e-9·n + 1e-9
 * @throws {RangeError} when weights is empty, has a negative or non-finite weight, or does not sum to 1
 * @example
 * effectiveN([0.5, 0.3, 0.2]); // => 2.6315… (1 / 0.38)
 */
export function effectiveN(weights: readonly number[]): number {
  return 1 / sumOfSquares('effectiveN', weights);
}
