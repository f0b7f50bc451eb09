import type { KeyedWeight, KeyWeight } from './types.ts';
import { assertNonEmpty, assertWeight, compareKeys, sumRowWeights, sumWeights } from './validate.ts';

/**
 * Exposure by group (sector, country…): keys[i] is the group of weights[i]; null keys are
 * collected under `unknownKey`. Parallel arrays rather than row objects, so a 10,000-name fund
 * costs no allocation per row. Sorted by weight descending, then key ascending.
 *
 * exposure_k = Σ_{i: keys[i] = k} weights[i]. Complexity O(n + g log g) for g groups.
 * @throws {RangeError} when the arrays differ in length, are empty, or a weight is negative or not finite
 * @example
 * exposureOf(['IT', null, 'IT'], [0.5, 0.2, 0.3]); // => [{ key: 'IT', weight: 0.8 }, { key: 'Unknown', weight: 0.2 }]
 */
export function exposureOf(keys: readonly (string | null)[], weights: readonly number[], unknownKey = 'Unknown'): KeyWeight[] {
  if (keys.length !== weights.length) throw new RangeError(`exposureOf: ${keys.length} keys for ${weights.length} weights`);
  sumWeights('exposureOf', 'weights', weights);
  const totals = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] ?? unknownKey;
    totals.set(k, (totals.get(k) ?? 0) + weights[i]!);
  }
  return sortedTotals(totals);
}

/**
 * Exposure from group totals already summed (by {@link concentrationPass}): totals[k] is the
 * weight of the group named names[k] (null = unknown). The same rows, in the same order, as
 * {@link exposureOf} over the positions the totals were summed from.
 *
 * Sorted by weight descending, then key ascending. Complexity O(g log g) for g groups.
 * @throws {RangeError} when the arrays differ in length, are empty, or a total is negative or not finite
 * @example
 * exposureFromTotals([0.8, 0.2], ['IT', null]); // => [{ key: 'IT', weight: 0.8 }, { key: 'Unknown', weight: 0.2 }]
 */
export function exposureFromTotals(totals: ArrayLike<number>, names: readonly (string | null)[], unknownKey = 'Unknown'): KeyWeight[] {
  if (totals.length !== names.length) throw new RangeError(`exposureFromTotals: ${totals.length} totals for ${names.length} names`);
  assertNonEmpty('exposureFromTotals', 'totals', totals.length);
  const rows: KeyWeight[] = [];
  for (let k = 0; k < totals.length; k++) {
    const weight = totals[k]!;
    assertWeight('exposureFromTotals', 'totals', k, weight);
    rows.push({ key: names[k] ?? unknownKey, weight });
  }
  rows.sort((a, b) => b.weight - a.weight || compareKeys(a.key, b.key));
  return rows;
}

function sortedTotals(totals: Map<string, number>): KeyWeight[] {
  const rows: KeyWeight[] = [];
  for (const [key, weight] of totals) rows.push({ key, weight });
  rows.sort((a, b) => b.weight - a.weight || compareKeys(a.key, b.key));
  return rows;
}

/** The two GICS sectors that make up "Tech+". */
export const TECH_PLUS_SECTORS = ['Information Technology', 'Communication Services'] as const;

/**
 * "Tech+" weight: Information Technology + Communication Services (GICS sector names as
 * MSCI and S&P spell them). Takes sector rows, raw positions or the output of {@link exposure}.
 *
 * Range: [0, Σ w]. Complexity: O(n) time, one pass.
 *
 * @param sectors rows keyed by GICS sector name, weights finite and ≥ 0
 * @throws {RangeError} when sectors is empty or a weight is negative or non-finite
 * @example
 * techPlus([
 *   { key: 'Information Technology', weight: 0.27 },
 *   { key: 'Communication Services', weight: 0.09 },
 *   { key: 'Financials', weight: 0.16 },
 * ]); // => 0.36
 */
export function techPlus(sectors: readonly KeyedWeight[]): number {
  sumRowWeights('techPlus', 'sectors', sectors);
  let sum = 0;
  for (const { key, weight } of sectors) {
    if (key === TECH_PLUS_SECTORS[0] || key === TECH_PLUS_SECTORS[1]) sum += weight;
  }
  return sum;
}
