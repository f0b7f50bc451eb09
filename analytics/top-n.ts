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
