import { assertNonEmpty, assertWeight } from './validate.ts';

/** Result of {@link shockMove}. */
export interface ShockResult {
  /** Σ wᵢ · rᵢ: the index move as a fraction (−0.05 = −5%). */
  move: number;
  /** wᵢ · rᵢ per holding, in input order. */
  contributions: number[];
}

/**
 * Stress / shock: the index move from a shock on chosen names or a sector,
 * move = Σᵢ wᵢ · rᵢ, with each holding's contribution wᵢ · rᵢ.
 * Domain example: NVIDIA −17% in a day (2025-01-27, DeepSeek) at a 7% weight moves the index
 * by about −1.2% on its own.
 *
 * Range: move in [−Σ w, Σ w · max r]. Complexity: O(n) time, one pass, one new array.
 *
 * @param weights fractions, each finite and ≥ 0 (need not sum to 1)
 * @param returns simple returns, same length, each finite and ≥ −1 (0 for names not shocked)
 * @throws {RangeError} when weights is empty, the lengths differ, a weight is invalid, or a return is < −1 or non-finite
 * @example
 * shockMove([0.07, 0.93], [-0.17, 0]); // => { move: -0.0119 (±1e-17), contributions: [-0.0119, 0] }
 */
export function shockMove(weights: readonly number[], returns: readonly number[]): ShockResult {
  const n = weights.length;
  assertNonEmpty('shockMove', 'weights', n);
  if (returns.length !== n) {
    throw new RangeError(`shockMove: ${returns.length} returns for ${n} weights; give one return per weight`);
  }
  const contributions = new Array<number>(n);
  let move = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    const r = returns[i]!;
    assertWeight('shockMove', 'weights', i, w);
    if (!(r >= -1 && r < Infinity)) {
      throw new RangeError(`shockMove: returns[${i}] is ${String(r)}; a return must be finite and ≥ −1 (−100%)`);
    }
    const c = w * r;
    contributions[i] = c;
    move += c;
  }
  return { move, contributions };
}
