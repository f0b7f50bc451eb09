import { assertNonEmpty, assertWeight } from './validate.ts';

/**
 * Top-N weight: the sum of the n largest weights (top-10 is the usual headline).
 *
 * Uses a size-n min-heap over one pass instead of sorting: most weights are rejected by a
 * single comparison with the smallest of the current top n.
 *
 * Range: [0, Σ w]; with weights summing to 1, in [n/len, 1] when n ≤ len. n ≥ len gives Σ w.
 * Non-decreasing in n.
 * Complexity: O(len · log n) time worst case (O(len) typical), O(n) memory.
 *
 * @param weights each finite and ≥ 0 (need not sum to 1)
 * @param n how many of the largest to add: an integer ≥ 1
 * @throws {RangeError} when weights is empty, has a negative or non-finite weight, or n is not an integer ≥ 1
 * @example
 * topN([0.1, 0.4, 0.2, 0.3], 2); // => 0.7
 */
export function topN(weights: readonly number[], n: number): number {
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`topN: n is ${String(n)}; it must be an integer ≥ 1`);
  }
  const len = weights.length;
  assertNonEmpty('topN', 'weights', len);

  if (n >= len) {
    let sum = 0;
    for (let i = 0; i < len; i++) {
      const w = weights[i]!;
      assertWeight('topN', 'weights', i, w);
      sum += w;
    }
    return sum;
  }

  // Min-heap of the n largest seen so far; heap[0] is the smallest of them.
  const heap = new Float64Array(n);
  let size = 0;
  for (let i = 0; i < len; i++) {
    const w = weights[i]!;
    assertWeight('topN', 'weights', i, w);
    if (size < n) {
      let j = size++;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        const p = heap[parent]!;
        if (p <= w) break;
        heap[j] = p;
        j = parent;
      }
      heap[j] = w;
    } else if (w > heap[0]!) {
      let j = 0;
      for (;;) {
        const left = 2 * j + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        if (right < n && heap[right]! < heap[left]!) child = right;
        const c = heap[child]!;
        if (c >= w) break;
        heap[j] = c;
        j = child;
      }
      heap[j] = w;
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += heap[i]!;
  return sum;
}

/**
 * Top-N weight of weights already ordered largest first (a fund's positions as parsed): the
 * sum of the first n, with no heap and no copy. Same figure as {@link topN} on the same weights.
 *
 * Σ_{i < min(n, len)} wᵢ, with w₀ ≥ w₁ ≥ … (checked over the first n + 1).
 * Range: [0, Σ w]. Complexity: O(n) time, O(1) memory.
 *
 * @param descending each finite and ≥ 0, non-increasing
 * @param n how many of the largest to add: an integer ≥ 1
 * @throws {RangeError} when descending is empty, a weight among the first n + 1 is negative or non-finite or larger than the one before it, or n is not an integer ≥ 1
 * @example
 * topOfDescending([0.4, 0.3, 0.2, 0.1], 2); // => 0.7
 */
export function topOfDescending(descending: ArrayLike<number>, n: number): number {
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`topOfDescending: n is ${String(n)}; it must be an integer ≥ 1`);
  }
  const len = descending.length;
  assertNonEmpty('topOfDescending', 'descending', len);
  let sum = 0;
  const end = Math.min(n + 1, len);
  for (let i = 0; i < end; i++) {
    const w = descending[i]!;
    assertWeight('topOfDescending', 'descending', i, w);
    if (i > 0 && w > descending[i - 1]!) {
      throw new RangeError(`topOfDescending: descending[${i}] = ${w} is larger than the weight before it; order the weights largest first`);
    }
    if (i < n) sum += w;
  }
  return sum;
}
