import { assertNonEmpty, assertSumsToOne } from './validate.ts';

/** `w <= FINITE_MAX` is `w < Infinity`, as a compare with a local constant (see validate.ts). */
const FINITE_MAX = Number.MAX_VALUE;

/** Positions sorted into groups (sectors, countries): codes[i] ∈ [0, size) is the group of weights[i]. */
export interface Grouping {
  readonly codes: ArrayLike<number>;
  readonly size: number;
}

/** Result of {@link concentrationPass}. */
export interface ConcentrationPass {
  /** HHI = Σ wᵢ². */
  hhi: number;
  /** 1 / HHI. */
  effectiveN: number;
  /** Σ { wᵢ : wᵢ ≥ threshold }. */
  bigShare: number;
  /** #{ i : wᵢ ≥ threshold }. */
  bigCount: number;
  /** One array per grouping: totals[g][k] = Σ { wᵢ : codes_g[i] = k }, summed in index order. */
  totals: Float64Array[];
}

/**
 * Every per-position concentration figure in one pass over a weight column: HHI, effective N,
 * big-holding share and count, and the weight of each group of each grouping (sector, country…).
 * The same figures as {@link hhi}, {@link effectiveN}, {@link bigHoldingShare} and
 * {@link exposureOf}, summed in the same (index) order, so they agree to the last bit; one read
 * of the weights instead of one per figure, and no allocation per row.
 *
 * HHI = Σᵢ wᵢ²,  N_eff = 1 / HHI,  big = Σ { wᵢ : wᵢ ≥ t },  total_g[k] = Σ { wᵢ : g(i) = k }.
 * Range: HHI in [1/n, 1], N_eff in [1, n], big in [0, 1], each total in [0, 1].
 * Complexity: O(n · (1 + groupings)) time in one pass, O(Σ group sizes) memory.
 *
 * @param weights fractions, each finite and ≥ 0, summing to 1 within 1e-9·n + 1e-9
 * @param groupings codes as long as weights, each an integer in [0, size)
 * @param threshold the big-holding level, a fraction in (0, 1]; default 0.03
 * @throws {RangeError} when weights is empty, has a negative or non-finite weight, does not sum
 * to 1, a grouping's length differs or a code is out of range, or threshold is outside (0, 1]
 * @example
 * const p = concentrationPass([0.5, 0.3, 0.2], [{ codes: [0, 1, 0], size: 2 }]);
 * // p.hhi => 0.38, p.effectiveN => 2.6315…, p.bigShare => 1, p.bigCount => 3, p.totals[0] => [0.7, 0.3]
 */
export function concentrationPass(weights: ArrayLike<number>, groupings: readonly Grouping[] = [], threshold = 0.03): ConcentrationPass {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`concentrationPass: threshold is ${String(threshold)}; it must be a fraction in (0, 1]`);
  }
  const n = weights.length;
  assertNonEmpty('concentrationPass', 'weights', n);
  for (const [g, { codes }] of groupings.entries()) {
    if (codes.length !== n) throw new RangeError(`concentrationPass: grouping ${g} has ${codes.length} codes for ${n} weights`);
  }
  const main = groupings.length >= 2 ? passWithTwo(weights, groupings[0]!, groupings[1]!, threshold) : passAlone(weights, threshold);
  assertSumsToOne('concentrationPass', 'weights', main.sum, n);
  const { sum } = main;
  const totals = main.totals;
  // Groupings past the two fused into the main loop (or a single one) get a loop of their own.
  for (let g = totals.length; g < groupings.length; g++) totals.push(groupTotals(weights, groupings[g]!.codes, groupings[g]!.size));
  // A code outside [0, size) adds to no total (typed arrays ignore it), so the totals fall short of the sum.
  for (const [g, t] of totals.entries()) {
    let covered = 0;
    for (let k = 0; k < t.length; k++) covered += t[k]!;
    if (!(Math.abs(covered - sum) <= 1e-9 * n + 1e-9)) {
      throw new RangeError(`concentrationPass: grouping ${g} has a code outside [0, ${groupings[g]!.size}) or not an integer`);
    }
  }
  return { hhi: main.squares, effectiveN: 1 / main.squares, bigShare: main.bigShare, bigCount: main.bigCount, totals };
}

interface Sums {
  sum: number;
  squares: number;
  bigShare: number;
  bigCount: number;
  totals: Float64Array[];
}

function badWeight(i: number, w: number): RangeError {
  return new RangeError(`concentrationPass: weights[${i}] is ${String(w)}; every weight must be a finite number ≥ 0`);
}

/** The main loop with two groupings (a card's sectors and countries) summed in it: measured twice as fast as three loops. */
function passWithTwo(weights: ArrayLike<number>, a: Grouping, b: Grouping, threshold: number): Sums {
  const n = weights.length;
  const codesA = a.codes;
  const codesB = b.codes;
  const totalsA = new Float64Array(a.size);
  const totalsB = new Float64Array(b.size);
  let sum = 0;
  let squares = 0;
  let bigShare = 0;
  let bigCount = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w <= FINITE_MAX)) throw badWeight(i, w);
    sum += w;
    squares += w * w;
    if (w >= threshold) {
      bigShare += w;
      bigCount++;
    }
    totalsA[codesA[i]!]! += w;
    totalsB[codesB[i]!]! += w;
  }
  return { sum, squares, bigShare, bigCount, totals: [totalsA, totalsB] };
}

/** The main loop alone (no grouping, or one, which then gets its own loop). */
function passAlone(weights: ArrayLike<number>, threshold: number): Sums {
  const n = weights.length;
  let sum = 0;
  let squares = 0;
  let bigShare = 0;
  let bigCount = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w <= FINITE_MAX)) throw badWeight(i, w);
    sum += w;
    squares += w * w;
    if (w >= threshold) {
      bigShare += w;
      bigCount++;
    }
  }
  return { sum, squares, bigShare, bigCount, totals: [] };
}

function groupTotals(weights: ArrayLike<number>, codes: ArrayLike<number>, size: number): Float64Array {
  const t = new Float64Array(size);
  for (let i = 0; i < weights.length; i++) t[codes[i]!]! += weights[i]!;
  return t;
}
