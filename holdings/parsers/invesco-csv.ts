import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { csvRecords, findHeader, isBlank, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import type { HoldingsParser } from '../parser.ts';
import { sectorFromLabel } from '../sectors.ts';
import type { Holdings, Identifiers } from '../types.ts';

const FORMAT = 'invesco-csv';
const COLUMNS = ['Fund Ticker', 'Security Identifier', 'Holding Ticker', 'MarketValue', 'Weight', 'Name', 'Class of Shares', 'Sector', 'Date'] as const;
/** Invesco's header starts the file; no other issuer opens with these three names. */
const HEADER_START = /^\s*"?Fund Ticker"?,"?Security Identifier"?,"?Holding Ticker"?,/;

/** Classes of shares that are stock: common, ADRs ("American Depository Receipt - NY"), REIT and other shares. */
const EQUITY_CLASS = /common|stock|depositary|depository|\badr\b|\bgdr\b|share|reit|equity/i;
/** Non-equity rows Invesco can list (cash, futures, a money-market sweep), by class or by name. */
const OTHER: readonly { test: RegExp; reason: string }[] = [
  { test: /future/i, reason: 'futures (notional exposure, not a holding)' },
  { test: /money market|treasury (obligations|portfolio)|liquid assets/i, reason: 'money-market fund (cash sweep)' },
  { test: /cash|currency|receivable|payable|u\.?s\.? dollar/i, reason: 'cash' },
];

/** Invesco holdings CSV (QQQ): header on line 1, no preamble, no footer, a Date column on every row. */
export const invescoCsv: HoldingsParser = {
  format: FORMAT,
  issuer: 'Invesco',
  rank: 90,
  detect(doc: Doc): boolean {
    return doc.kind === 'text' && HEADER_START.test(doc.text.slice(0, 512));
  },
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'an Invesco CSV'), fund);
  },
};

function parseText(file: string, text: string, fund: string): Holdings {
  const records = csvRecords(file, text);
  const header = findHeader(records, COLUMNS, 5);
  if (!header) throw new HoldingsFileError(file, null, `an Invesco header with ${COLUMNS.join(', ')}`, records[0]?.cells.join(',') ?? '');
  const headerRecord = records[header.index]!;

  const rows: RawRow[] = [];
  // The as-of date is printed on every row; the first one sets it and the rest must agree.
  let first: { date: string; line: number } | null = null;
  let fundTicker: { ticker: string; line: number } | null = null;
  for (let i = header.index + 1; i < records.length && !isBlank(records[i]!); i++) {
    const record = records[i]!;
    requireWidth(file, record, headerRecord);
    const cell = (name: string): string => (record.cells[header.col.get(name) ?? -1] ?? '').trim();
    const rawDate = cell('Date');
    const date = readDate(rawDate);
    if (!date) throw new HoldingsFileError(file, record.line, 'a date such as "09/26/2025" in "Date"', rawDate);
    first ??= { date, line: record.line };
    if (date !== first.date) {
      throw new HoldingsFileError(file, record.line, `the same "Date" as line ${first.line} (${first.date}): one file, one as-of date`, rawDate);
    }
    // A file mixing two funds would blend their weights into one meaningless table.
    const owner = cell('Fund Ticker');
    fundTicker ??= { ticker: owner, line: record.line };
    if (owner !== fundTicker.ticker) {
      throw new HoldingsFileError(file, record.line, `the same "Fund Ticker" as line ${fundTicker.line} (${fundTicker.ticker})`, owner);
    }
    rows.push(readRow(file, record, cell));
  }
  if (first === null) throw new HoldingsFileError(file, headerRecord.line + 1, 'holding rows under the Invesco header', 'none');

  const unknown = [...new Set(rows.filter((r) => r.keep === 'equity' && r.sector === null).map((r) => r.industry ?? '(blank)'))];
  const meta: FileMeta = {
    fund,
    // The file prints no fund name, only its ticker.
    name: fundTicker?.ticker || fund,
    issuer: 'Invesco',
    format: FORMAT,
    file,
    asOf: { date: first.date, source: 'file' },
    weightBasis: 'reported-weight',
    notes: [
      'The file prints no country for its holdings.',
      ...(unknown.length > 0 ? [`Sector labels with no GICS sector we know of (sector left unknown): ${unknown.join('; ')}.`] : []),
    ],
  };
  return buildHoldings(meta, rows);
}

function readRow(file: string, record: CsvRecord, cell: (name: string) => string): RawRow {
  const at = (column: string) => ({ file, line: record.line, column });
  const name = cell('Name');
  const shareClass = cell('Class of Shares');
  const reason = classify(shareClass, name);
  if (reason === null && name === '') throw new HoldingsFileError(file, record.line, 'a holding name in "Name"', record.cells.join(','));
  const weight = readNumber(cell('Weight'), at('Weight'));
  const label = orNull(cell('Sector'));
  const sector = reason === null ? sectorFromLabel(label, 'gics-sector') : null;
  return {
    line: record.line,
    // Invesco pads tickers on the right ("NVDA "); cell() trims them.
    ticker: cell('Holding Ticker'),
    name,
    keep: reason === null ? 'equity' : { reason },
    assetClass: shareClass,
    reportedWeight: weight === null ? null : weight / 100,
    marketValue: readNumber(cell('MarketValue'), at('MarketValue')),
    industry: reason === null ? label : null,
    sector,
    sectorSource: sector === null ? null : sector === label ? 'file' : 'mapped',
    country: null,
    exchange: null,
    ids: reason === null ? ids(cell('Security Identifier')) : {},
  };
}

/**
 * null for equity, else why the row is left out. The class decides first ("Stock Index Futures"
 * is not stock); the name only for rows whose class says nothing, so "Cash America Inc" with
 * class "Common Stock" stays a stock.
 */
function classify(shareClass: string, name: string): string | null {
  const byClass = OTHER.find((o) => o.test.test(shareClass));
  if (byClass) return byClass.reason;
  if (EQUITY_CLASS.test(shareClass)) return null;
  return OTHER.find((o) => o.test.test(name))?.reason ?? `not equity (class of shares "${shareClass || 'blank'}")`;
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
