import { concentrationPass, exposureFromTotals, tailEquivalentOfDescending, techPlus, topOfDescending } from '../analytics/index.ts';
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

/**
 * Every concentration figure for one fund. Pure over the Holdings value. Reads the snapshot's
 * typed columns (built when the snapshot was made): one pass for HHI, big holdings, sectors and
 * countries; top-N and the tail count read the largest-first weights without sorting.
 */
export function computeConcentration(h: Holdings): ConcentrationData {
  const { weightArray, descending, ordered, sectorCodes, countryCodes } = columnsOf(h);
  const pass = concentrationPass(weightArray, [sectorCodes, countryCodes], BIG_HOLDING);
  const sectors = exposureFromTotals(pass.totals[0]!, sectorCodes.names);
  const countries = exposureFromTotals(pass.totals[1]!, countryCodes.names);
  const largest = h.positions[ordered ? 0 : weightArray.indexOf(descending[0]!)]!;
  let excludedReportedWeight = 0;
  const excluded = h.excluded.map(({ line, ticker, name, assetClass, reason, reportedWeight }) => {
    excludedReportedWeight += reportedWeight ?? 0;
    return { line, ticker, name, assetClass, reason, reportedWeight };
  });
  return {
    fund: h.fund,
    name: h.name,
    asOf: h.asOf.date,
    source: { issuer: h.issuer, file: h.file, format: h.format },
    weightBasis: h.weightBasis,
    count: h.positions.length,
    hhi: pass.hhi,
    effectiveN: pass.effectiveN,
    top10: topOfDescending(descending, 10),
    top5: topOfDescending(descending, 5),
    largest: { ticker: largest.ticker, name: largest.name, weight: largest.weight },
    tailEquivalentCount: tailEquivalentOfDescending(descending),
    bigHoldings: { threshold: BIG_HOLDING, share: pass.bigShare, count: pass.bigCount },
    sectors: keyed(sectors),
    techPlus: techPlus(sectors),
    countries: keyed(countries),
    excluded,
    excludedReportedWeight,
    notes: h.notes,
  };
}

/** Rows as a record, in their order (largest first). */
function keyed(rows: readonly { key: string; weight: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { key, weight } of rows) out[key] = weight;
  return out;
}
