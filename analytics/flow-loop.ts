/** Parameters of {@link simulateFlowLoop}. All rates are per period, as fractions. */
export interface FlowLoopParams {
  /** Number of periods to simulate: an integer in [0, 100 000]. */
  readonly periods: number;
  /** Share of the market held by index funds, in [0, 1]; they also take this share of new money. */
  readonly passiveShare: number;
  /**
   * Net new money into the market per period as a fraction of market cap, in [−1, 1]
   * (negative = outflows). Index funds' part of it, passiveShare × inflow, is the passive flow.
   */
  readonly inflow: number;
  /** Price change per unit of net buying measured as a fraction of the name's (fair-value) cap, ≥ 0; e.g. 1.0. */
  readonly priceImpact: number;
  /** The name's starting weight, in (0, 1); the name starts at fair value. */
  readonly startWeight: number;
  /** Growth of every name's fundamentals per period, > −1. Shared by all, so it barely moves weights. */
  readonly fundamentalGrowth: number;
  /** First period (0-based) in which the flow is −inflow instead of inflow: an integer in [0, periods]. */
  readonly reverseAt?: number;
  /** Extra price return of the chosen name per period, not backed by fundamentals (popularity, momentum); default 0.01. */
  readonly edge?: number;
}

/** Result of {@link simulateFlowLoop}: the chosen name's weight at t = 0 … periods. */
export interface FlowLoopResult {
  /** With index funds holding passiveShare and taking that share of the flows. */
  withFlows: number[];
  /** The same market with passiveShare = 0: all new money is active, so only the edge moves the weight. */
  withoutFlows: number[];
}

const MAX_PERIODS = 100_000;
/** Log-odds are kept within ±1000 (w rounds to 0 or 1 long before) so a runaway path never turns into NaN. */
const MAX_LOG_ODDS = 1000;

/**
 * A stated, stylised, deterministic simulation of the self-reinforcing passive flow loop
 * (自己強化ループ): price up → weight up → index money buys more → price up further; and in
 * reverse with outflows. For lessons and "what if" replies, not a forecast.
 *
 * The market is two blocks: the chosen name (weight w) and the rest (1 − w).
 *
 * Assumptions (each period t = 0 … periods − 1):
 * 1. Fundamentals of every name grow by `fundamentalGrowth` (g). So the name's fair-value
 *    weight v stays at `startWeight`: the name starts at fair value.
 * 2. The name also gets `edge` (e): an extra price return not backed by fundamentals. This is
 *    what starts the loop; with e = 0 nothing below ever moves the weight.
 * 3. New money f·M arrives (f = inflow, or −inflow from period `reverseAt` on). Index funds take
 *    the share p = passiveShare of it and allocate it by current price weight w (the voting
 *    machine); active investors take 1 − p and allocate it by fair value v (the weighing machine).
 * 4. Price impact: a block's price moves by priceImpact (λ) × its net buying as a fraction of its
 *    cap at fair value, compounded continuously (exp) so outflows cannot push a price below 0.
 *    For the name: λ·f·(p·w + (1 − p)·v)/v; for the rest: λ·f·(p·(1 − w) + (1 − p)·(1 − v))/(1 − v).
 * 5. The weight is recomputed from the two blocks' caps.
 *
 * In log-odds, ℓ = ln(w / (1 − w)), one period is
 *   ℓ' = ℓ + ln(1 + g + e) − ln(1 + g)                      (steps 1–2; w' = the weight after this)
 *   ℓ'' = ℓ' + λ·f·p·( w'/v − (1 − w')/(1 − v) )              (steps 3–5; the active part cancels)
 * The flow term is positive when the name has run ahead of its fair value (w' > v) and money
 * flows in, and grows as w' grows: the loop. With p = 0 (the `withoutFlows` baseline) or f = 0
 * it vanishes and the weight follows the edge alone: ℓ_t = ℓ₀ + t·ln((1 + g + e)/(1 + g)).
 *
 * What the model leaves out, on purpose: buying spread in proportion to cap moves every price
 * by the same percentage, so flows alone never change weights; the loop here comes only from
 * index money ignoring valuation while liquidity follows fair value. No rebalancing dates,
 * no index additions, no flows chasing past returns, no active investors arbitraging the gap.
 *
 * Range: weights in (0, 1); a runaway loop (large λ·inflow·passiveShare relative to a small
 * startWeight) can approach 1 so closely that it rounds to 1 (or, with outflows, to 0).
 * Complexity: O(periods) time and memory.
 *
 * @throws {RangeError} when a parameter is outside its range (see {@link FlowLoopParams})
 * @example
 * const { withFlows, withoutFlows } = simulateFlowLoop({
 *   periods: 20, passiveShare: 0.5, inflow: 0.05, priceImpact: 1,
 *   startWeight: 0.05, fundamentalGrowth: 0.02, edge: 0.02,
 * });
 * withoutFlows[20]; // => 0.0720… (the edge alone)
 * withFlows[20];    // => 0.0822… (the edge amplified by index buying)
 */
export function simulateFlowLoop(params: FlowLoopParams): FlowLoopResult {
  const { periods, passiveShare, inflow, priceImpact, startWeight, fundamentalGrowth, reverseAt } = params;
  const edge = params.edge ?? 0.01;
  const fail = (name: string, value: unknown, rule: string): never => {
    throw new RangeError(`simulateFlowLoop: ${name} is ${String(value)}; it must be ${rule}`);
  };
  if (!(Number.isInteger(periods) && periods >= 0 && periods <= MAX_PERIODS)) {
    fail('periods', periods, `an integer in [0, ${MAX_PERIODS}]`);
  }
  if (!(passiveShare >= 0 && passiveShare <= 1)) fail('passiveShare', passiveShare, 'a fraction in [0, 1]');
  if (!(inflow >= -1 && inflow <= 1)) fail('inflow', inflow, 'a fraction of market cap in [−1, 1]');
  if (!(priceImpact >= 0 && priceImpact < Infinity)) fail('priceImpact', priceImpact, 'a finite number ≥ 0');
  if (!(startWeight > 0 && startWeight < 1)) fail('startWeight', startWeight, 'a fraction in (0, 1)');
  if (!(fundamentalGrowth > -1 && fundamentalGrowth < Infinity)) {
    fail('fundamentalGrowth', fundamentalGrowth, 'a finite number > −1');
  }
  if (!(Number.isFinite(edge) && 1 + fundamentalGrowth + edge > 0)) {
    fail('edge', edge, 'finite, with 1 + fundamentalGrowth + edge > 0');
  }
  if (reverseAt !== undefined && !(Number.isInteger(reverseAt) && reverseAt >= 0 && reverseAt <= periods)) {
    fail('reverseAt', reverseAt, `an integer in [0, periods = ${periods}]`);
  }

  const reRating = Math.log1p(fundamentalGrowth + edge) - Math.log1p(fundamentalGrowth);
  const run = (p: number): number[] => {
    const path = new Array<number>(periods + 1);
    path[0] = startWeight;
    let logOdds = Math.log(startWeight) - Math.log1p(-startWeight);
    for (let t = 0; t < periods; t++) {
      logOdds += reRating;
      const f = reverseAt !== undefined && t >= reverseAt ? -inflow : inflow;
      if (p > 0 && f !== 0 && priceImpact > 0) {
        const w = 1 / (1 + Math.exp(-logOdds));
        logOdds += priceImpact * f * p * (w / startWeight - (1 - w) / (1 - startWeight));
        logOdds = Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, logOdds));
      }
      path[t + 1] = 1 / (1 + Math.exp(-logOdds));
    }
    return path;
  };
  return { withFlows: run(passiveShare), withoutFlows: run(0) };
}
