import { concentrationPass, exposureFromTotals, tailEquivalentOfDescending, techPlus, topOfDescending } from '../analytics/index.ts';
import { columnsOf } from '../holdings/columns.ts';
import { sectorDonors, type SectorDonor } from '../holdings/sector-fill.ts';
import type { Holdings } from '../holdings/types.ts';

/** The threshold for "big holdings", as in the domain brief (weights ≥ 3%). */
export const BIG_HOLDING = 0.03;

/** Below this share of known weight, sector figures say nothing about the fund: the card shows the coverage only. */
export const MIN_SECTOR_COVERAGE = 0.5;

export interface SectorCoverage {
  /** Σ weight of the positions whose sector is known, in [0, 1]. */
  known: number;
  /** Σ weight of the positions whose sector the file itself gives (printed or mapped from its own label). */
  fromFile: number;
  /** Funds whose files supplied sectors this fund's own file lacks (matched by security), with their as-of dates. */
  donors: SectorDonor[];
}

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
  /** Shares of the weight whose sector is known (they add to 1), largest first; empty when none is known. */
  sectors: Record<string, number>;
  /** How much of the weight has a known sector, and which other funds' files supplied some of it. */
  sectorCoverage: SectorCoverage;
  /** Information Technology + Communication Services over the known weight; null when too little is known (see MIN_SECTOR_COVERAGE). */
  techPlus: number | null;
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
  const { sectors, coverage } = sectorsOverKnown(pass.totals[0]!, sectorCodes.names, h);
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
    sectorCoverage: coverage,
    techPlus: sectors.length > 0 && coverage.known >= MIN_SECTOR_COVERAGE ? techPlus(sectors) : null,
    countries: keyed(countries),
    excluded,
    excludedReportedWeight,
    notes: h.notes,
  };
}

/**
 * Sector shares over the weight whose sector is known: share_k = W_k / Σ_j W_j over known sectors j
 * (W = summed position weights), so an unknown part never shows as a sector of its own nor drags
 * Tech+ down. Empty when no sector is known.
 */
function sectorsOverKnown(totals: ArrayLike<number>, names: readonly (string | null)[], h: Holdings): { sectors: { key: string; weight: number }[]; coverage: SectorCoverage } {
  const knownTotals: number[] = [];
  const knownNames: string[] = [];
  let known = 0;
  for (let k = 0; k < names.length; k++) {
    if (names[k] === null) continue;
    known += totals[k]!;
    knownTotals.push(totals[k]!);
    knownNames.push(names[k]!);
  }
  let fromFile = 0;
  for (const p of h.positions) if (p.sector !== null && p.sectorSource !== 'peer') fromFile += p.weight;
  const coverage = { known: Math.min(1, known), fromFile: Math.min(1, fromFile), donors: sectorDonors(h) };
  if (!(known > 0)) return { sectors: [], coverage };
  return { sectors: exposureFromTotals(knownTotals.map((w) => w / known), knownNames), coverage };
}

/** Rows as a record, in their order (largest first). */
function keyed(rows: readonly { key: string; weight: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { key, weight } of rows) out[key] = weight;
  return out;
}
