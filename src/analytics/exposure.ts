import type { KeyedWeight, KeyWeight } from './types.ts';
import { compareKeys, sumRowWeights, sumWeights } from './validate.ts';

/**
 * Exposure by key (sector, country, security): Σ w per key, rows with a null key summed
 * under `unknownKey`. A real key equal to `unknownKey` is merged with the nulls.
 *
 * exposure_k = Σ { wᵢ : keyᵢ = k }.
 * Sorted by weight descending, then key ascending (UTF-16 code units, locale-free).
 * Range: each weight in [0, Σ w]; the weights add up to Σ w of the input.
 * Complexity: O(n + k log k) time for n rows and k distinct keys, O(k) memory.
 *
 * @param items rows with weights finite and ≥ 0 (need not sum to 1)
 * @param unknownKey the key for rows whose key is null; default 'Unknown'
 * @throws {RangeError} when items is empty or a weight is negative or non-finite
 * @example
 * exposure([
 *   { key: 'Energy', weight: 0.2 },
 *   { key: 'Financials', weight: 0.5 },
 *   { key: null, weight: 0.1 },
 *   { key: 'Energy', weight: 0.2 },
 * ]);
 * // => [{ key: 'Financials', weight: 0.5 }, { key: 'Energy', weight: 0.4 }, { key: 'Unknown', weight: 0.1 }]
 */
export function exposure(items: readonly KeyedWeight[], unknownKey = 'Unknown'): KeyWeight[] {
  sumRowWeights('exposure', 'items', items);
  const totals = new Map<string, number>();
  for (const { key, weight } of items) {
    const k = key ?? unknownKey;
    totals.set(k, (totals.get(k) ?? 0) + weight);
  }
  return sortedTotals(totals);
}

/**
 * {@link exposure} over parallel arrays: keys[i] is the group of weights[i]. Same result, without
 * building an object per row (the hot path for a 10,000-name fund).
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
