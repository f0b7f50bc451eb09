import { capWeights } from './cap-weights.ts';
import { assertSumsToOne, sumWeights } from './validate.ts';

/** A RIC-driven capping rule of the Nasdaq-100 kind: a single-issuer cap and a threshold rule. */
export interface ThresholdRule {
  /** A company above this triggers the single-issuer step (Nasdaq-100: 24%). */
  singleTrigger: number;
  /** …which cuts it to this, the excess spread pro rata (Nasdaq-100: 20%). */
  singleCap: number;
  /** Companies above this count towards the aggregate (Nasdaq-100: 4.5%, under the RIC 5% line). */
  threshold: number;
  /** The aggregate step runs only when those companies together exceed this (Nasdaq-100: 48%). */
  aggregateTrigger: number;
  /** …and scales them back to this in total (Nasdaq-100: 40%, under the RIC 50% line). */
  aggregateTarget: number;
}

/** The Nasdaq-100's numbers (methodology; the special rebalance of July 2023 applied them). */
export const NASDAQ_100_RULE: ThresholdRule = { singleTrigger: 0.24, singleCap: 0.2, threshold: 0.045, aggregateTrigger: 0.48, aggregateTarget: 0.4 };

/**
 * Company weights after a threshold capping rule of the Nasdaq-100 kind — a simplified model,
 * not the index's exact procedure (its fine print, such as the 4.4% ceiling for the smaller names,
 * is left out). Unlike a flat cap, names may stay far above the threshold: the rule acts on the
 * group's total, and only when that total passes the trigger.
 *
 * Weights must be per company (share classes combined), as the rule counts them.
 * 1. Single issuer: if max w > singleTrigger, w ← capWeights(w, singleCap) (excess pro rata).
 * 2. Aggregate: G = { i : w_i > threshold }, S = Σ_{i∈G} w_i. If S ≤ aggregateTrigger, done.
 *    Otherwise out_i = w_i · aggregateTarget / S for i ∈ G (the group keeps its order and totals
 *    aggregateTarget), and the others share R = 1 − aggregateTarget pro rata, none above the
 *    threshold: out_rest = R · capWeights(w_rest / Σ w_rest, threshold / R).
 *
 * Range: Σ out = 1 up to rounding; when step 2 runs, Σ_{i∈G} out_i = aggregateTarget and every
 * other out_i ≤ threshold. Input order is kept. O(n log n).
 *
 * @param weights company weights, fractions ≥ 0 summing to 1
 * @param rule the rule's numbers (default: the Nasdaq-100's)
 * @returns a new array in input order
 * @throws {RangeError} when weights is invalid, or the names under the threshold are too few to
 *   hold 1 − aggregateTarget at most `threshold` each
 * @example
 * // Three companies above 4.5% hold 50% together (> 48%): scaled ×0.8 to 40%; the 20 others
 * // share 60% instead of 50% (×1.2), each 3%.
 * thresholdCapWeights([0.2, 0.2, 0.1, ...Array(20).fill(0.025)]); // => [0.16, 0.16, 0.08, 0.03 × 20]
 */
export function thresholdCapWeights(weights: readonly number[], rule: ThresholdRule = NASDAQ_100_RULE): number[] {
  const sum = sumWeights('thresholdCapWeights', 'weights', weights);
  assertSumsToOne('thresholdCapWeights', 'weights', sum, weights.length);
  const w = Math.max(...weights) / sum > rule.singleTrigger ? capWeights(weights, rule.singleCap) : weights.map((x) => x / sum);
  const inGroup = w.map((x) => x > rule.threshold);
  const group = w.reduce((s, x, i) => (inGroup[i] ? s + x : s), 0);
  if (group <= rule.aggregateTrigger) return w;
  const restIdx = w.flatMap((_, i) => (inGroup[i] ? [] : [i]));
  const restSum = restIdx.reduce((s, i) => s + w[i]!, 0);
  const room = 1 - rule.aggregateTarget;
  const positive = restIdx.filter((i) => w[i]! > 0).length;
  if (positive * rule.threshold < room) {
    throw new RangeError(
      `thresholdCapWeights: ${positive} names under the ${rule.threshold} threshold cannot hold ${room} at most ${rule.threshold} each`,
    );
  }
  const rest = capWeights(restIdx.map((i) => w[i]! / restSum), rule.threshold / room);
  const out = w.map((x, i) => (inGroup[i] ? (x * rule.aggregateTarget) / group : 0));
  restIdx.forEach((i, j) => (out[i] = rest[j]! * room));
  return out;
}
