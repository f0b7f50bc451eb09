import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { countryCode } from '../countries.ts';
import { csvRecords, findHeader, isBlank, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import type { HoldingsParser } from '../parser.ts';
import { sectorFromLabel } from '../sectors.ts';
import type { AsOf, Holdings, Identifiers } from '../types.ts';

const FORMAT = 'ishares-csv';
/** Columns both layouts share: the current one (15 columns, "Quantity") and the older one (18, "Shares", CUSIP/ISIN/SEDOL). */
const COLUMNS = ['Ticker', 'Name', 'Sector', 'Asset Class', 'Market Value', 'Weight (%)', 'Location', 'Exchange'] as const;
/**
 * The header's first six names, in iShares' order and spelling; no other issuer starts a line
 * like this. Quotes are optional because some iShares exports quote the header too.
 */
const HEADER_START = /^"?Ticker"?,"?Name"?,"?Sector"?,"?Asset Class"?,"?Market Value"?,"?Weight \(%\)"?,/m;
const AS_OF_LABEL = 'Fund Holdings as of';

/**
 * Why each non-equity asset class is left out. iShares puts these rows inside the table, so
 * every one of them is recorded with its reason rather than dropped.
 */
const REASONS: Readonly<Record<string, string>> = {
  'cash': 'cash',
  'money market': 'money-market fund (cash sweep)',
  'futures': 'futures (notional exposure, not a holding)',
  'cash collateral and margins': 'collateral and margin (cash)',
  'fx': 'FX forward',
};

/** iShares holdings CSV, current layout (IVV, ACWI, SOXX) and the older one without a preamble (URTH 2021). */
export const isharesCsv: HoldingsParser = {
  format: FORMAT,
  issuer: 'iShares',
  rank: 90,
  detect(doc: Doc): boolean {
    if (doc.kind !== 'text') return false;
    // The header is on line 10 at the latest, well inside the first 2 KB.
    return HEADER_START.test(doc.text.slice(0, 2048));
  },
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'an iShares CSV'), fund);
  },
};

function parseText(file: string, text: string, fund: string): Holdings {
  const records = csvRecords(file, text);
  const header = findHeader(records, COLUMNS, 20);
  if (!header) throw new HoldingsFileError(file, null, `an iShares header with ${COLUMNS.join(', ')}`, records[0]?.cells.join(',') ?? '');
  const headerRecord = records[header.index]!;
  const preamble = readPreamble(file, records.slice(0, header.index));

  const rows: RawRow[] = [];
  let i = header.index + 1;
  for (; i < records.length && !isBlank(records[i]!); i++) {
    const record = records[i]!;
    requireWidth(file, record, headerRecord);
    rows.push(readRow(file, record, header.col));
  }
  // Every iShares download closes the table with a blank (or one-space) line before the legal
  // footer; a table that runs into the end of the file was cut short, and its weights would be too.
  if (i >= records.length) {
    throw new HoldingsFileError(file, records.at(-1)?.line ?? null, 'a blank line closing the holdings table (the file looks truncated)', 'the end of the file');
  }

  const equity = rows.filter((r) => r.keep === 'equity');
  const zero = equity.filter((r) => r.reportedWeight === 0).length;
  // 0.01% printed can be anything from 0.005% to 0.015%: a 3× spread on the smallest rows.
  const tiny = equity.filter((r) => r.reportedWeight !== null && r.reportedWeight <= 0.0001 + 1e-12).length;
  const count = (n: number): string => n.toLocaleString('en-US');
  const meta: FileMeta = {
    fund,
    name: preamble.name ?? fund,
    issuer: 'iShares',
    format: FORMAT,
    file,
    asOf: preamble.asOf,
    weightBasis: 'market-value',
    // Rounded weights flatten the tail: every small holding reads as 0.00 or 0.01, which skews HHI.
    basisReason:
      zero > 0
        ? `the file prints weights rounded to 0.01%, which rounds small holdings to 0.00 (${count(zero)} of its ${count(equity.length)} equity rows print 0.00)`
        : `the file prints weights rounded to 0.01%, too coarse for small holdings (${count(tiny)} of its ${count(equity.length)} equity rows print 0.01 or less)`,
    notes: [...preamble.notes, ...labelNotes(equity)],
  };
  return buildHoldings(meta, rows);
}

interface Preamble {
  name?: string;
  asOf: AsOf;
  notes: string[];
}

/** Fund name (line 1) and as-of date from the lines above the header; the older layout has none. */
function readPreamble(file: string, records: readonly CsvRecord[]): Preamble {
  if (records.length === 0) {
    return {
      asOf: { date: null, reason: 'the file has no preamble (older iShares layout), so it prints no as-of date' },
      notes: ['The file has no preamble (older iShares layout): it names neither the fund nor an as-of date.'],
    };
  }
  const out: Preamble = { asOf: { date: null, reason: `the preamble has no "${AS_OF_LABEL}" line` }, notes: [] };
  const [first = ''] = records[0]!.cells.map((c) => c.trim());
  if (first !== '' && first !== AS_OF_LABEL && records[0]!.cells.slice(1).every((c) => c.trim() === '')) out.name = first;
  for (const r of records) {
    if (r.cells[0]?.trim() !== AS_OF_LABEL) continue;
    const raw = r.cells[1]?.trim() ?? '';
    const date = readDate(raw);
    // A printed but unreadable date must not pass as "no date".
    if (!date) throw new HoldingsFileError(file, r.line, `a date such as "Nov 18, 2025" after "${AS_OF_LABEL}"`, raw);
    out.asOf = { date, source: 'file' };
  }
  return out;
}

function readRow(file: string, record: CsvRecord, col: ReadonlyMap<string, number>): RawRow {
  const cell = (name: string): string => (record.cells[col.get(name) ?? -1] ?? '').trim();
  const at = (column: string) => ({ file, line: record.line, column });
  const assetClass = cell('Asset Class');
  // An unlabelled row could be a stock or cash; guessing either way would move the weights silently.
  if (assetClass === '') throw new HoldingsFileError(file, record.line, 'an asset class in "Asset Class"', record.cells.join(','));
  const isEquity = assetClass.toLowerCase() === 'equity';
  const name = cell('Name');
  if (isEquity && name === '') throw new HoldingsFileError(file, record.line, 'a holding name in "Name"', record.cells.join(','));
  const weight = readNumber(cell('Weight (%)'), at('Weight (%)'));
  const label = orNull(cell('Sector'));
  const sector = isEquity ? sectorFromLabel(label, 'gics-sector') : null;
  return {
    line: record.line,
    ticker: cell('Ticker'),
    name,
    keep: isEquity ? 'equity' : { reason: REASONS[assetClass.toLowerCase()] ?? `not equity (asset class "${assetClass}")` },
    assetClass,
    reportedWeight: weight === null ? null : weight / 100,
    marketValue: readNumber(cell('Market Value'), at('Market Value')),
    industry: isEquity ? label : null,
    sector,
    // iShares spells one sector its own way ("Communication"); say when the GICS name is ours.
    sectorSource: sector === null ? null : sector === label ? 'file' : 'mapped',
    country: countryCode(orNull(cell('Location'))),
    exchange: orNull(cell('Exchange')),
    ids: isEquity ? ids(cell('CUSIP'), cell('ISIN'), cell('SEDOL')) : {},
  };
}

/** Labels the parser could not map, so a reader knows why a sector or country is missing. */
function labelNotes(equity: readonly RawRow[]): string[] {
  const notes: string[] = [];
  const sectors = [...new Set(equity.filter((r) => r.sector === null).map((r) => r.industry ?? '(blank)'))];
  if (sectors.length > 0) notes.push(`Sector labels with no GICS sector we know of (sector left unknown): ${sectors.join('; ')}.`);
  const places = equity.filter((r) => r.country === null).length;
  if (places > 0) notes.push(`${places === 1 ? '1 equity row has' : `${places} equity rows have`} a Location with no ISO country code we know of (country left unknown).`);
  return notes;
}

/**
 * Identifiers, where the older layout prints them. They are kept only when they already have
 * the right shape: the URTH file keeps leading zeros ("037833100"), so nothing is padded.
 */
function ids(cusip: string, isin: string, sedol: string): Identifiers {
  const out: Identifiers = {};
  if (/^[0-9A-Z]{9}$/.test(cusip)) out.cusip = cusip;
  if (/^[A-Z]{2}[0-9A-Z]{10}$/.test(isin)) out.isin = isin;
  if (/^[0-9A-Z]{7}$/.test(sedol)) out.sedol = sedol;
  return out;
}

function orNull(text: string): string | null {
  return text === '' || text === '-' ? null : text;
}
