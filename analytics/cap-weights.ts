import { assertNonEmpty, assertSumsToOne, assertWeight } from './validate.ts';

/**
 * Capped counterpart of a weight vector, as capped indices build it (a 10% per-company cap
 * like the capped TSE 300 of 2000, or 4.5%/10%-capped index families): no weight above
 * `cap`, the excess redistributed pro rata to the uncapped names, repeated until none
 * exceeds the cap.
 *
 * The repetition has a closed form, computed here without iterating: with the names sorted by
 * weight, the k largest end at `cap` and every other name is scaled by one common factor
 *   s_k = (1 − k·cap) / (sum of the other names' weights),
 * where k is the smallest count for which the largest uncapped name satisfies w·s_k ≤ cap.
 * That is the fixed point the iteration reaches (each round only multiplies the uncapped
 * names by a common factor, and a name once capped stays capped). Output: out_i = min(cap, w_i·s_k).
 *
 * Names with weight 0 get nothing (pro rata), so at least ⌈1/cap⌉ weights must be positive.
 * Rounding slack in the input sum is absorbed by the uncapped names: the output sums to 1.
 * Input order is kept; if w_i ≤ w_j then out_i ≤ out_j. A cap ≥ every weight just returns w / Σ w.
 *
 * Range: each output in [0, cap], Σ = 1 up to rounding.
 * Complexity: O(n) when nothing exceeds the cap; otherwise O(n log n) (one sort of a
 * Float64Array copy, then one walk), O(n) memory.
 *
 * @param weights fractions, finite, ≥ 0, summing to 1 within 1e-9·n + 1e-9
 * @param cap the largest weight allowed, a finite number > 0 (cap ≥ 1 never binds)
 * @returns a new array in input order
 * @throws {RangeError} when weights is invalid, cap is not > 0, or cap × (number of positive weights) < 1
 * @example
 * capWeights([0.5, 0.3, 0.1, 0.1], 0.4); // => [0.4, 0.36, 0.12, 0.12]
 * // 0.1 of excess goes to the other three pro rata: ×(0.6 / 0.5) = ×1.2
 */
export function capWeights(weights: readonly number[], cap: number): number[] {
  if (!(cap > 0 && cap < Infinity)) {
    throw new RangeError(`capWeights: cap is ${String(cap)}; it must be a finite number > 0`);
  }
  const n = weights.length;
  assertNonEmpty('capWeights', 'weights', n);
  let sum = 0;
  let max = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    assertWeight('capWeights', 'weights', i, w);
    sum += w;
    if (w > max) max = w;
    if (w > 0) positive++;
  }
  assertSumsToOne('capWeights', 'weights', sum, n);
  if (cap * positive < 1 - 1e-12) {
    throw new RangeError(
      `capWeights: cap ${cap} × ${positive} positive weights = ${cap * positive} < 1; ` +
        `no weights capped at ${cap} can sum to 1 (need a cap ≥ ${1 / positive})`,
    );
  }
  if (max / sum <= cap) return weights.map((w) => w / sum);

  const asc = Float64Array.from(weights).sort();
  // prefix[j] = sum of the j smallest weights; summing small-to-large keeps the tails accurate.
  const prefix = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) prefix[j + 1] = prefix[j]! + asc[j]!;

  let scale = 1 / sum; // only kept for n = 1 with cap just under 1 (within the 1e-12 slack)
  for (let k = 1; k < n; k++) {
    const rest = prefix[n - k]!; // the n − k smallest stay uncapped
    const room = 1 - k * cap;
    if (!(rest > 0) || !(room > 0)) {
      // The k largest already fill the portfolio at the cap (cap·positive ≈ 1, or rounding):
      // they get the cap, the rest (all zeros when rest = 0) get nothing.
      const smallestCapped = asc[n - k]!;
      return weights.map((w) => (w > 0 && w >= smallestCapped ? cap : 0));
    }
    scale = room / rest;
    if (asc[n - k - 1]! * scale <= cap) break;
  }
  return weights.map((w) => Math.min(cap, w * scale));
}
