import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { nonEquityReason } from '../asset-class.ts';
import { csvRecords, isBlank, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import { columnName, type HeaderMatch, type LayoutSpec } from '../header.ts';
import { examineText, requireHeader } from '../table.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import type { HoldingsParser } from '../parser.ts';
import { sectorFromLabel } from '../sectors.ts';
import type { Holdings, Identifiers } from '../types.ts';

const FORMAT = 'invesco-csv';
const FIELDS = {
  fundTicker: { names: ['Fund Ticker'] },
  id: { names: ['Security Identifier', 'CUSIP', 'ISIN'] },
  ticker: { names: ['Holding Ticker', 'Ticker'], required: true },
  shares: { names: ['Shares/Par Value', 'Shares'] },
  marketValue: { names: ['MarketValue', 'Market Value'] },
  weight: { names: ['Weight', 'Weight (%)', 'Percent of Fund', '% of Fund'], required: true },
  name: { names: ['Name', 'Security Name'], required: true },
  shareClass: { names: ['Class of Shares', 'Security Type'] },
  sector: { names: ['Sector'] },
  date: { names: ['Date', 'As of Date'] },
} as const satisfies LayoutSpec<string>['fields'];
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = {
  fields: FIELDS,
  signature: ['Fund Ticker', 'Holding Ticker', 'Security Identifier', 'Class of Shares', 'Shares/Par Value'],
  marker: /Invesco/,
  within: 10,
};

/** Classes of shares that are stock: common, ADRs ("American Depository Receipt - NY"), REIT and other shares. */
const EQUITY_CLASS = /common|stock|depositary|depository|\badr\b|\bgdr\b|share|reit|equity/i;
/** Non-equity rows Invesco can list (cash, futures, a money-market sweep), by class or by name. */
const OTHER: readonly { test: RegExp; reason: string }[] = [
  { test: /future/i, reason: 'futures (notional exposure, not a holding)' },
  { test: /money market|treasury (obligations|portfolio)|liquid assets/i, reason: 'money-market fund (cash sweep)' },
  { test: /cash|currency|receivable|payable|u\.?s\.? dollar/i, reason: 'cash' },
];

/**
 * Invesco holdings CSV (QQQ): header on line 1, no preamble, no footer, a Date column on every
 * row, tickers padded on the right ("NVDA "). Variants read: 2020 (QQQ 07/02/2020, "FB" era) and
 * 2025 (QQQ 09/26/2025) print the same ten columns; columns are found by meaning in any order, and
 * a file without "Fund Ticker" or "Date" is read with those left unknown.
 */
export const invescoCsv: HoldingsParser = {
  format: FORMAT,
  issuer: 'Invesco',
  rank: 90,
  examine: (doc) => examineText(doc, SPEC),
  detect: (doc) => examineText(doc, SPEC).score > 0,
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'an Invesco CSV'), fund, doc.excerpt === true);
  },
};

function parseText(file: string, text: string, fund: string, excerpt: boolean): Holdings {
  const records = csvRecords(file, text);
  const header = requireHeader(file, records, SPEC, FORMAT);
  const headerRecord = records[header.index]!;

  const rows: RawRow[] = [];
  // The as-of date is printed on every row; the first one sets it and the rest must agree.
  let first: { date: string; line: number } | null = null;
  let fundTicker: { ticker: string; line: number } | null = null;
  for (let i = header.index + 1; i < records.length && !isBlank(records[i]!); i++) {
    const record = records[i]!;
    requireWidth(file, record, headerRecord);
    const cell = (field: Field): string => (record.cells[header.col.get(field) ?? -1] ?? '').trim();
    const rawDate = cell('date');
    const date = header.col.has('date') ? readDate(rawDate) : '';
    if (date === null) throw new HoldingsFileError(file, record.line, `a date such as "09/26/2025" in "${columnName(header, 'date')}"`, rawDate);
    first ??= { date, line: record.line };
    if (date !== first.date) {
      throw new HoldingsFileError(file, record.line, `the same "Date" as line ${first.line} (${first.date}): one file, one as-of date`, rawDate);
    }
    // A file mixing two funds would blend their weights into one meaningless table.
    const owner = cell('fundTicker');
    fundTicker ??= { ticker: owner, line: record.line };
    if (owner !== fundTicker.ticker) {
      throw new HoldingsFileError(file, record.line, `the same "Fund Ticker" as line ${fundTicker.line} (${fundTicker.ticker})`, owner);
    }
    rows.push(readRow(file, record, cell, header));
  }
  if (first === null) throw new HoldingsFileError(file, headerRecord.line + 1, 'holding rows under the Invesco header', 'none');

  const unknown = [...new Set(rows.filter((r) => r.keep === 'equity' && r.sector === null).map((r) => r.industry ?? '(blank)'))];
  const meta: FileMeta = {
    fund,
    // The file prints no fund name, only its ticker.
    fundInFile: fundTicker?.ticker || undefined,
    name: fundTicker?.ticker || fund,
    issuer: 'Invesco',
    format: FORMAT,
    file,
    excerpt,
    asOf: first.date ? { date: first.date, source: 'file' } : { date: null, reason: 'the file has no Date column' },
    weightBasis: 'reported-weight',
    notes: [
      'The file prints no country for its holdings.',
      ...(unknown.length > 0 ? [`Sector labels with no GICS sector we know of (sector left unknown): ${unknown.join('; ')}.`] : []),
    ],
  };
  return buildHoldings(meta, rows);
}

function readRow(file: string, record: CsvRecord, cell: (field: Field) => string, header: HeaderMatch<Field>): RawRow {
  const at = (field: Field) => ({ file, line: record.line, column: columnName(header, field) });
  const name = cell('name');
  const shareClass = cell('shareClass');
  const reason = classify(shareClass, name, cell('ticker'), header.col.has('shareClass'));
  if (reason === null && name === '') throw new HoldingsFileError(file, record.line, `a holding name in "${columnName(header, 'name')}"`, record.cells.join(','));
  const weight = readNumber(cell('weight'), at('weight'));
  const label = orNull(cell('sector'));
  const sector = reason === null ? sectorFromLabel(label, 'gics-sector') : null;
  return {
    line: record.line,
    // Invesco pads tickers on the right ("NVDA "); cell() trims them.
    ticker: cell('ticker'),
    name,
    keep: reason === null ? 'equity' : { reason },
    assetClass: shareClass,
    reportedWeight: weight === null ? null : weight / 100,
    marketValue: header.col.has('marketValue') ? readNumber(cell('marketValue'), at('marketValue')) : null,
    industry: reason === null ? label : null,
    sector,
    sectorSource: sector === null ? null : sector === label ? 'file' : 'mapped',
    country: null,
    exchange: null,
    ids: reason === null ? ids(cell('id')) : {},
  };
}

/**
 * null for equity, else why the row is left out. The class decides first ("Stock Index Futures"
 * is not stock); the name only for rows whose class says nothing, so "Cash America Inc" with
 * class "Common Stock" stays a stock.
 */
function classify(shareClass: string, name: string, ticker: string, hasClassColumn: boolean): string | null {
  const byClass = OTHER.find((o) => o.test.test(shareClass));
  if (byClass) return byClass.reason;
  if (EQUITY_CLASS.test(shareClass)) return null;
  const byName = OTHER.find((o) => o.test.test(name))?.reason ?? nonEquityReason({ name, ticker });
  if (byName) return byName;
  // A file without a class column says nothing against a named, tickered row being a stock.
  return !hasClassColumn && ticker !== '' ? null : `not equity (class of shares "${shareClass || 'blank'}")`;
}

/** "Security Identifier" holds a CUSIP for US listings; an ISIN is kept as such, anything else dropped. */
function ids(id: string): Identifiers {
  if (/^[0-9A-Z]{9}$/.test(id)) return { cusip: id };
  if (/^[A-Z]{2}[0-9A-Z]{10}$/.test(id)) return { isin: id };
  return {};
}

function orNull(text: string): string | null {
  return text === '' || text === '-' ? null : text;
}
