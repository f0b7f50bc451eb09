/**
 * Pure analytics over portfolio weights (fractions): concentration, overlap, look-through,
 * exposures, stress and the passive flow loop. No I/O, no clock, no randomness; invalid input
 * throws a RangeError that says what was wrong.
 */
export type { KeyedWeight, KeyWeight } from './types.ts';
export { normalise } from './normalise.ts';
export { hhi } from './hhi.ts';
export { effectiveN } from './effective-n.ts';
export { topN, topOfDescending } from './top-n.ts';
export { bigHoldingShare, type BigHoldingShare } from './big-holding-share.ts';
export { tailEquivalentCount, tailEquivalentOfDescending } from './tail-equivalent.ts';
export { concentrationPass, type ConcentrationPass, type Grouping } from './concentration-pass.ts';
export { exposureFromTotals, exposureOf, techPlus, TECH_PLUS_SECTORS } from './exposure.ts';
export { pairedOverlap, type PairedOverlap, type SharedPair } from './paired-overlap.ts';
export * from './reference-points.ts';
export { lookThroughIndexed, largestIndexes, type IndexedFund } from './look-through-indexed.ts';
export { equalWeights } from './equal-weight.ts';
export { capWeights } from './cap-weights.ts';
export { NASDAQ_100_RULE, thresholdCapWeights, type ThresholdRule } from './threshold-cap.ts';
export { shockMove, type ShockResult } from './shock.ts';
export { simulateFlowLoop, type FlowLoopParams, type FlowLoopResult } from './flow-loop.ts';
