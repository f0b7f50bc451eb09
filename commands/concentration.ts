import {
  bigHoldingShare,
  effectiveN,
  exposureOf,
  hhi,
  tailEquivalentCount,
  techPlus,
  topN,
} from '../analytics/index.ts';
import { columnsOf } from '../holdings/columns.ts';
import type { Holdings } from '../holdings/types.ts';

/** The threshold for "big holdings", as in the domain brief (weights ≥ 3%). */
export const BIG_HOLDING = 0.03;

/** The figures of the `/hhi` card and of `topheavy hhi --json`. Field names are stable. */
export interface ConcentrationData {
  fund: string;
  name: string;
  asOf: string | null;
  source: { issuer: string; file: string; format: string };
  weightBasis: string;
  count: number;
  hhi: number;
  effectiveN: number;
  top10: number;
  top5: number;
  largest: { ticker: string; name: string; weight: number };
  tailEquivalentCount: number | null;
  bigHoldings: { threshold: number; share: number; count: number };
  sectors: Record<string, number>;
  techPlus: number;
  countries: Record<string, number>;
  excluded: { line: number; ticker: string; name: string; assetClass: string; reason: string; reportedWeight: number | null }[];
  excludedReportedWeight: number;
  notes: string[];
}

const cache = new WeakMap<Holdings, ConcentrationData>();

/** Every concentration figure for one fund, memoised per Holdings value (snapshots are immutable). */
export function concentration(h: Holdings): ConcentrationData {
  let data = cache.get(h);
  if (!data) {
    data = computeConcentration(h);
    cache.set(h, data);
  }
  return data;
}

/** Every concentration figure for one fund. Pure over the Holdings value. */
export function computeConcentration(h: Holdings): ConcentrationData {
  const { weights, sectors: sectorKeys, countries: countryKeys } = columnsOf(h);
  const largest = h.positions[0]!;
  const sectors = exposureOf(sectorKeys, weights);
  const countries = exposureOf(countryKeys, weights);
  const big = bigHoldingShare(weights, BIG_HOLDING);
  return {
    fund: h.fund,
    name: h.name,
    asOf: h.asOf.date,
    source: { issuer: h.issuer, file: h.file, format: h.format },
    weightBasis: h.weightBasis,
    count: h.positions.length,
    hhi: hhi(weights),
    effectiveN: effectiveN(weights),
    top10: topN(weights, 10),
    top5: topN(weights, 5),
    largest: { ticker: largest.ticker, name: largest.name, weight: largest.weight },
    tailEquivalentCount: tailEquivalentCount(weights),
    bigHoldings: { threshold: BIG_HOLDING, share: big.share, count: big.count },
    sectors: Object.fromEntries(sectors.map((s) => [s.key, s.weight])),
    techPlus: techPlus(sectors),
    countries: Object.fromEntries(countries.map((c) => [c.key, c.weight])),
    excluded: h.excluded.map(({ line, ticker, name, assetClass, reason, reportedWeight }) => ({
      line,
      ticker,
      name,
      assetClass,
      reason,
      reportedWeight,
    })),
    excludedReportedWeight: h.excluded.reduce((s, e) => s + (e.reportedWeight ?? 0), 0),
    notes: h.notes,
  };
}
