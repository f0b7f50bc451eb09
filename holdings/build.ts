import { normalise } from '../analytics/normalise.ts';
import { HoldingsFileError } from './errors.ts';
import {
  holdings as holdingsSchema,
  type AsOf,
  type ExcludedRow,
  type GicsSector,
  type Holdings,
  type Identifiers,
  type Issuer,
  type Position,
  type WeightBasis,
  type Weighting,
} from './types.ts';

/** One table row as a parser read it, before weights are normalised. */
export interface RawRow {
  /** 1-based line (CSV) or row (xlsx). */
  line: number;
  ticker: string;
  name: string;
  /** 'equity', or why the row is left out of the weights (cash, futures, collateral…). */
  keep: 'equity' | { reason: string };
  /** The issuer's asset-class label, as printed ('' when the file has none). */
  assetClass: string;
  /** As printed, as a fraction of the fund. null where the file printed none or "<0.01%". */
  reportedWeight: number | null;
  marketValue: number | null;
  industry: string | null;
  sector: GicsSector | null;
  /** Whether `sector` was printed as a GICS sector ('file') or mapped from another label ('mapped'). */
  sectorSource: 'file' | 'mapped' | null;
  country: string | null;
  /** Whether `country` was printed ('file', the default) or derived, e.g. from an exchange code ('mapped'). */
  countrySource?: 'file' | 'mapped';
  exchange: string | null;
  ids: Identifiers;
}

/** What a parser knows about the file as a whole. */
export interface FileMeta {
  fund: string;
  /** The fund ticker the file prints, where it prints one. */
  fundInFile?: string | undefined;
  name: string;
  issuer: Issuer;
  format: string;
  file: string;
  asOf: AsOf;
  weightBasis: WeightBasis;
  /** Why market value was used rather than the printed weights (required with 'market-value'). */
  basisReason?: string;
  /** The file is a known excerpt (Doc.excerpt): skip the whole-fund weight check, and say so. */
  excerpt?: boolean;
  /** How the index sets its weights, where it is not by market cap. */
  weighting?: Weighting;
  notes?: string[];
}

/** Printed equity weights must add up to a whole fund, within this band, before we normalise them. */
export const PLAUSIBLE_TOTAL = { min: 0.9, max: 1.1 } as const;
/** With market-value weights the printed total may run short (rounded-away rows), but not this short. */
export const PLAUSIBLE_PRINTED_MIN = 0.6;

/**
 * Turns parsed rows into a validated `Holdings`: keeps equity rows, records every other row
 * with its reason, and normalises equity weights explicitly: w_i = basis_i / Σ basis over equity,
 * where basis is the printed weight or, for files that round small weights away, market value.
 * Refuses (HoldingsFileError) what would give a silent wrong number: no equity rows, exact
 * duplicate rows, negative or missing basis values, printed weights far from a whole fund.
 */
export function buildHoldings(meta: FileMeta, rows: readonly RawRow[]): Holdings {
  const notes = [...(meta.notes ?? [])];
  const equity = rows.filter((r) => r.keep === 'equity');
  if (equity.length === 0) {
    throw new HoldingsFileError(meta.file, null, `at least one equity row in a ${meta.format} holdings table`, 'none');
  }
  rejectDuplicates(meta.file, rows);

  const basisOf = (r: RawRow): number => {
    if (meta.weightBasis === 'equal') return 1;
    const value = meta.weightBasis === 'market-value' ? r.marketValue : r.reportedWeight;
    const column = meta.weightBasis === 'market-value' ? 'a market value' : 'a weight';
    if (value === null) throw new HoldingsFileError(meta.file, r.line, `${column} for equity row ${r.ticker || r.name}`, 'nothing');
    if (value < 0) throw new HoldingsFileError(meta.file, r.line, `${column} of zero or more for equity row ${r.ticker || r.name}`, String(value));
    return value;
  };
  const basis = equity.map(basisOf);
  const total = basis.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new HoldingsFileError(meta.file, null, 'equity weights that add up to more than zero', String(total));

  const reportedEquityWeight = sumKnown(equity.map((r) => r.reportedWeight));
  const reportedTotalWeight = sumKnown(rows.map((r) => r.reportedWeight));
  if (meta.weightBasis === 'reported-weight') {
    const whole = reportedTotalWeight ?? total;
    if (!meta.excerpt && whole < PLAUSIBLE_TOTAL.min || whole > PLAUSIBLE_TOTAL.max) {
      throw new HoldingsFileError(
        meta.file,
        null,
        `weights that add up to about 100% of the fund (${pct(PLAUSIBLE_TOTAL.min)}–${pct(PLAUSIBLE_TOTAL.max)}), as a full holdings file does`,
        `${pct(whole)} over ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`,
      );
    }
    notes.push(
      `Weights are normalised over the ${equity.length} equity rows: each printed weight ÷ ${pct(total)} (the equity rows' total; all rows total ${pct(whole)}).`,
    );
  } else if (meta.weightBasis === 'equal') {
    notes.push(`Equal weights: each of the ${equity.length} members is 1/${equity.length} (${pct(1 / equity.length)}), as the index rule sets them; nothing printed is used.`);
  } else {
    // Small weights print as "<0.01%" or 0.00 here, so the printed total runs short (VT: 83.52%);
    // but a file missing most of its table (a top-10 extract) still shows up as far too little.
    if (!meta.excerpt && reportedTotalWeight !== null && (reportedTotalWeight < PLAUSIBLE_PRINTED_MIN || reportedTotalWeight > PLAUSIBLE_TOTAL.max)) {
      throw new HoldingsFileError(
        meta.file,
        null,
        `printed weights that cover a whole fund (${pct(PLAUSIBLE_PRINTED_MIN)}–${pct(PLAUSIBLE_TOTAL.max)} even with small weights rounded away)`,
        `${pct(reportedTotalWeight)} over ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`,
      );
    }
    notes.push(
      `Weights are computed from market value over the ${equity.length} equity rows (Σ ${money(total)}), because ${meta.basisReason ?? 'the printed weights are rounded'}${reportedEquityWeight === null ? '' : ` (its printed equity weights sum to ${pct(reportedEquityWeight)})`}.`,
    );
  }

  if (meta.excerpt) notes.push('This file is an excerpt of a holdings file: weights are normalised over the rows it keeps, not the whole fund.');
  const excluded: ExcludedRow[] = rows
    .filter((r): r is RawRow & { keep: { reason: string } } => r.keep !== 'equity')
    .map((r) => ({
      line: r.line,
      ticker: r.ticker,
      name: r.name,
      assetClass: r.assetClass,
      reason: r.keep.reason,
      reportedWeight: r.reportedWeight,
      marketValue: r.marketValue,
    }));
  if (excluded.length > 0) {
    const w = sumKnown(excluded.map((e) => e.reportedWeight));
    notes.push(`${excluded.length} ${excluded.length === 1 ? 'row' : 'rows'} left out of the weights (see excluded, each with its reason)${w === null ? '' : ` (printed weight ${pct(w)})`}.`);
  }

  const weights = normalise(basis);
  const positions: Position[] = equity.map((r, i) => ({
    ticker: r.ticker,
    name: r.name,
    weight: weights[i]!,
    reportedWeight: r.reportedWeight,
    marketValue: r.marketValue,
    sector: r.sector,
    sectorSource: r.sector === null ? null : r.sectorSource,
    industry: r.industry,
    country: r.country,
    countrySource: r.country === null ? null : (r.countrySource ?? 'file'),
    exchange: r.exchange,
    assetClass: 'equity',
    ids: r.ids,
  }));
  positions.sort((a, b) => b.weight - a.weight);

  const candidate: Holdings = {
    fund: meta.fund,
    ...(meta.fundInFile ? { fundInFile: meta.fundInFile.trim().toUpperCase() } : {}),
    name: meta.name,
    issuer: meta.issuer,
    format: meta.format,
    file: meta.file,
    asOf: meta.asOf,
    weightBasis: meta.weightBasis,
    ...(meta.weighting && meta.weighting !== 'cap' ? { weighting: meta.weighting } : {}),
    reportedEquityWeight,
    reportedTotalWeight,
    positions,
    excluded,
    notes,
  };
  const checked = holdingsSchema.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const [, index] = issue.path;
    const line = issue.path[0] === 'positions' && typeof index === 'number' ? equityLine(positions[index], equity) : null;
    throw new HoldingsFileError(meta.file, line, `a valid ${issue.path.join('.')} (${issue.message})`);
  }
  return ownStrings(checked.data, new Map());
}

/**
 * The snapshot with every string its own, repeated ones shared (in place, on a fresh value). A
 * CSV reader's cells are slices of the whole file's text, and V8 keeps a slice of 13 characters
 * or more as a pointer into that text: a snapshot kept for the life of a process would keep every
 * file it came from (VT's 1 MB file, 2 MB as a JavaScript string). Each such string is copied out
 * once (interned), and one label printed on thousands of rows ("Information Technology") becomes
 * one string. About 8 ms for VT's 10,024 rows.
 */
function ownStrings<T>(value: T, seen: Map<string, string>): T {
  if (typeof value === 'string') {
    // Shorter strings are copies already: V8 slices from 13 characters on.
    if (value.length < 13) return value;
    let own = seen.get(value);
    if (own === undefined) seen.set(value, (own = interned(value)));
    return own as T;
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'string' ? field.length >= 13 : typeof field === 'object' && field !== null) record[key] = ownStrings(field, seen);
  }
  return value;
}

/** A dictionary-mode object (no prototype): a key added to it is V8's internalised copy of the string, one-byte where it can be. */
const KEYS: Record<string, 0> = Object.create(null);

/** The string's own copy, taken from V8's string table through a property key (cheaper than an object literal per key, which makes a hidden class each). */
function interned(text: string): string {
  KEYS[text] = 0;
  const [key] = Object.keys(KEYS);
  delete KEYS[text];
  return key ?? text;
}

function equityLine(p: Position | undefined, equity: readonly RawRow[]): number | null {
  if (!p) return null;
  return equity.find((r) => r.ticker === p.ticker && r.name === p.name)?.line ?? null;
}

function rejectDuplicates(file: string, rows: readonly RawRow[]): void {
  // Bucket by ticker and name (cheap strings); compare every field only within a bucket.
  const seen = new Map<string, RawRow[]>();
  for (const r of rows) {
    const key = `${r.ticker}\u0001${r.name}`;
    const bucket = seen.get(key);
    if (!bucket) {
      seen.set(key, [r]);
      continue;
    }
    const twin = bucket.find((o) => sameRow(o, r));
    if (twin) throw new HoldingsFileError(file, r.line, `each security once; this row repeats line ${twin.line} exactly`, r.ticker || r.name);
    bucket.push(r);
  }
}

function sameRow(a: RawRow, b: RawRow): boolean {
  return (
    a.reportedWeight === b.reportedWeight &&
    a.marketValue === b.marketValue &&
    a.country === b.country &&
    a.assetClass === b.assetClass &&
    a.ids.isin === b.ids.isin &&
    a.ids.cusip === b.ids.cusip &&
    a.ids.sedol === b.ids.sedol
  );
}

function sumKnown(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let any = false;
  for (const v of values) {
    if (v !== null) {
      sum += v;
      any = true;
    }
  }
  return any ? sum : null;
}

/** Fraction → "99.69%". */
export function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

function money(value: number): string {
  return `$${Math.round(value).toLocaleString('en-US')}`;
}
