import { assertSumsToOne, sumWeights } from './validate.ts';

/** One pair in {@link PairedOverlap.shared}: position indexes in each fund and their weights. */
export interface SharedPair {
  i: number;
  j: number;
  a: number;
  b: number;
  min: number;
}

/** Result of {@link pairedOverlap}; the same measures as `overlap`, for funds already paired by index. */
export interface PairedOverlap {
  weightOverlap: number;
  commonCount: number;
  countA: number;
  countB: number;
  shareOfA: number;
  shareOfB: number;
  weightInCommon: { a: number; b: number };
  /** The first `top` pairs by min descending (ties: A's index ascending). */
  shared: SharedPair[];
}

/**
 * Overlap of two funds whose common securities were paired beforehand (identity matching):
 * match[i] = j when position i of A is position j of B, else −1; each j appears at most once.
 *
 * weightOverlap = Σ_{i: match[i] ≥ 0} min(w_i^A, w_{match[i]}^B); shareOfA = common / n_A.
 * Range: [0, 1]. Symmetric when `match` is inverted. Complexity: O(n_A + c·log top) time for c
 * pairs, O(top) extra memory: no Map, no string keys, so it stays well under a millisecond at 10,000 names.
 *
 * @param a fund A's weights (finite, ≥ 0, summing to 1)
 * @param b fund B's weights (same rules)
 * @param match for each position of A, its partner's index in B or −1
 * @param top how many shared pairs to return, largest first
 * @throws {RangeError} on bad weights, a match of the wrong length, an index out of range or used twice
 * @example
 * pairedOverlap([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0, 1, -1]).weightOverlap; // => 0.5
 */
export function pairedOverlap(a: readonly number[], b: readonly number[], match: ArrayLike<number>, top = 10): PairedOverlap {
  assertSumsToOne('pairedOverlap', 'a weights', sumWeights('pairedOverlap', 'a', a), a.length);
  assertSumsToOne('pairedOverlap', 'b weights', sumWeights('pairedOverlap', 'b', b), b.length);
  if (match.length !== a.length) throw new RangeError(`pairedOverlap: match has ${match.length} entries for ${a.length} positions of a`);
  const used = new Uint8Array(b.length);
  let weightOverlap = 0;
  let inA = 0;
  let inB = 0;
  let common = 0;
  const best: SharedPair[] = [];
  for (let i = 0; i < a.length; i++) {
    const j = match[i]!;
    if (j === -1) continue;
    if (!Number.isInteger(j) || j < 0 || j >= b.length || used[j]) {
      throw new RangeError(`pairedOverlap: match[${i}] = ${j} is out of range or pairs a position of b twice`);
    }
    used[j] = 1;
    const wa = a[i]!;
    const wb = b[j]!;
    const min = wa < wb ? wa : wb;
    weightOverlap += min;
    inA += wa;
    inB += wb;
    common++;
    if (best.length < top || min > best[best.length - 1]!.min) insertSorted(best, { i, j, a: wa, b: wb, min }, top);
  }
  return {
    weightOverlap,
    commonCount: common,
    countA: a.length,
    countB: b.length,
    shareOfA: common / a.length,
    shareOfB: common / b.length,
    weightInCommon: { a: inA, b: inB },
    shared: best,
  };
}

/** Keeps `list` sorted by min descending and at most `cap` long. */
function insertSorted(list: SharedPair[], item: SharedPair, cap: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1]!.min < item.min) at--;
  list.splice(at, 0, item);
  if (list.length > cap) list.pop();
}
