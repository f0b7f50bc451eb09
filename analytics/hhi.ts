import { sumOfSquares } from './validate.ts';

/**
 * Herfindahl–Hirschman index of concentration: HHI = Σᵢ wᵢ², weights as fractions.
 *
 * Range: [1/n, 1]; 1/n for n equal weights, 1 for a single holding.
 * Complexity: O(n) time, one pass (validation included), O(1) memory.
 *
 * @param weights fractions, each finite and ≥ 0, summing to 1 within 1e-9·n + 1e-9
 * @throws {RangeError} when weights is empty, has a negative or non-finite weight, or does not sum to 1
 * @example
 * hhi([0.5, 0.3, 0.2]); // => 0.38
 */
export function hhi(weights: readonly number[]): number {
  return sumOfSquares('hhi', weights);
}
