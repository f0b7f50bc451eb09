import { sumWeights } from './validate.ts';

/**
 * Scales non-negative values so they sum to 1: wᵢ = vᵢ / Σⱼ vⱼ.
 *
 * Use it to turn issuer percentages (which rarely add up to exactly 100) or market values
 * into fractions, explicitly, before calling the functions that require Σ w = 1.
 *
 * Range: each result in [0, 1], the results sum to 1 (up to rounding).
 * Complexity: O(n) time, one new array.
 *
 * @param values finite numbers ≥ 0 with a positive sum
 * @returns a new array, same order and length
 * @throws {RangeError} when values is empty, has a negative or non-finite value, or sums to 0
 * @example
 * normalise([50, 30, 20]); // => [0.5, 0.3, 0.2]
 */
export function normalise(values: readonly number[]): number[] {
  const sum = sumWeights('normalise', 'values', values);
  if (!(sum > 0)) throw new RangeError('normalise: values sum to 0; at least one value must be positive');
  if (sum === Infinity) throw new RangeError('normalise: values overflow when summed');
  return values.map((v) => v / sum);
}
