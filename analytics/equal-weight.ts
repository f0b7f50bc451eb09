/**
 * Equal-weight counterpart: n weights of 1/n (the S&P 500 Equal Weight idea: ~0.2% each).
 * Compare hhi, topN and exposure against the cap-weighted original.
 *
 * Range: each 1/n; Σ = 1 up to rounding; hhi = 1/n, effectiveN = n.
 * Complexity: O(n) time and memory.
 *
 * @param n number of names: a safe integer ≥ 1
 * @throws {RangeError} when n is not an integer ≥ 1
 * @example
 * equalWeights(4); // => [0.25, 0.25, 0.25, 0.25]
 */
export function equalWeights(n: number): number[] {
  if (!(Number.isSafeInteger(n) && n >= 1)) {
    throw new RangeError(`equalWeights: n is ${String(n)}; it must be an integer ≥ 1`);
  }
  return new Array<number>(n).fill(1 / n);
}
