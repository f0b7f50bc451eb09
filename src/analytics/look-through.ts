import type { KeyedWeight } from './types.ts';
import { assertNonEmpty, assertSumsToOne, compareKeys, sumRowWeights } from './validate.ts';

/** A fund held in a portfolio, for {@link lookThrough}. */
export interface FundAllocation {
  /** The fraction of the portfolio in this fund, > 0; allocations sum to 1. */
  readonly allocation: number;
  /** The fund's positions, weights summing to 1; key null = not identified. */
  readonly positions: readonly KeyedWeight[];
}

/** Where one look-through exposure comes from. */
export interface ExposureSource {
  /** Index of the fund in the input. */
  fund: number;
  /** a_f · w_k^f (duplicate rows of one fund summed). */
  weight: number;
}

/** One security's look-through exposure. */
export interface LookThroughExposure {
  key: string;
  /** Σ_f a_f · w_k^f. */
  weight: number;
  /** Contributions by fund, in fund order. */
  sources: ExposureSource[];
}

/** Result of {@link lookThrough}. */
export interface LookThroughResult {
  /** By weight descending, then key ascending. */
  exposures: LookThroughExposure[];
  /** Σ_f a_f · (weight of fund f's rows with a null key): never merged with anything. */
  unidentified: number;
}

/**
 * Look-through exposure of a portfolio of funds: exposure_k = Σ_f a_f · w_k^f.
 * "Owning three ETFs" can be one concentrated bet; run hhi, topN, exposure on the result.
 *
 * Rows with a null key are not merged with each other or with anything else: they only add
 * to `unidentified`. Σ exposures + unidentified = 1 (up to rounding).
 * Range: each exposure in [0, 1]. A single fund with allocation 1 returns that fund
 * (duplicates merged, sorted).
 * Complexity: O(N + k log k) time for N positions in all and k distinct keys, O(N) memory.
 *
 * @param funds allocations finite, > 0 and summing to 1 within 1e-9·n + 1e-9; each fund's positions
 *   non-empty, weights finite, ≥ 0 and summing to 1
 * @throws {RangeError} when funds or a fund's positions are empty, or a weight or allocation is invalid
 * @example
 * lookThrough([
 *   { allocation: 0.6, positions: [{ key: 'AAPL', weight: 0.5 }, { key: 'MSFT', weight: 0.5 }] },
 *   { allocation: 0.4, positions: [{ key: 'AAPL', weight: 0.5 }, { key: 'XOM', weight: 0.5 }] },
 * ]);
 * // => exposures AAPL 0.5 (0.3 from fund 0 + 0.2 from fund 1), MSFT 0.3, XOM 0.2; unidentified 0
 */
export function lookThrough(funds: readonly FundAllocation[]): LookThroughResult {
  const nf = funds.length;
  assertNonEmpty('lookThrough', 'funds', nf);
  let allocSum = 0;
  for (let f = 0; f < nf; f++) {
    const a = funds[f]!.allocation;
    if (!(a > 0 && a < Infinity)) {
      throw new RangeError(`lookThrough: funds[${f}].allocation is ${String(a)}; it must be a finite number > 0`);
    }
    allocSum += a;
  }
  assertSumsToOne('lookThrough', 'allocations', allocSum, nf);

  const byKey = new Map<string, LookThroughExposure>();
  let unidentified = 0;
  for (let f = 0; f < nf; f++) {
    const { allocation, positions } = funds[f]!;
    const label = `funds[${f}].positions`;
    assertSumsToOne('lookThrough', `${label} weights`, sumRowWeights('lookThrough', label, positions), positions.length);
    for (const { key, weight } of positions) {
      const c = allocation * weight;
      if (key === null) {
        unidentified += c;
        continue;
      }
      const entry = byKey.get(key);
      if (entry === undefined) {
        byKey.set(key, { key, weight: c, sources: [{ fund: f, weight: c }] });
        continue;
      }
      entry.weight += c;
      // Funds are walked in order, so a duplicate within fund f can only be the last source.
      const last = entry.sources[entry.sources.length - 1]!;
      if (last.fund === f) last.weight += c;
      else entry.sources.push({ fund: f, weight: c });
    }
  }
  const exposures = [...byKey.values()];
  exposures.sort((x, y) => y.weight - x.weight || compareKeys(x.key, y.key));
  return { exposures, unidentified };
}
