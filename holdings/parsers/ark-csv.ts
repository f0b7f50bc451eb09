import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { csvRecords, isBlank, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import { columnName, type HeaderMatch, type LayoutSpec } from '../header.ts';
import { examineText, requireHeader } from '../table.ts';
import type { HoldingsParser } from '../parser.ts';
import type { Holdings, Identifiers } from '../types.ts';

const FORMAT = 'ark-csv';
/**
 * Header names by meaning. ARK has printed "market value ($)" / "weight (%)" (2021–2024) and
 * "market value($)" / "weight(%)" (2020, plain unquoted numbers, dates as "8/7/2020"); both reduce
 * to the same key in holdings/header.ts.
 */
const FIELDS = {
  date: { names: ['date', 'as of date'], required: true },
  fund: { names: ['fund'], required: true },
  company: { names: ['company', 'name'], required: true },
  ticker: { names: ['ticker'], required: true },
  cusip: { names: ['cusip'] },
  shares: { names: ['shares'] },
  marketValue: { names: ['market value ($)', 'market value'] },
  weight: { names: ['weight (%)', 'weight', 'weight %'], required: true },
} as const satisfies LayoutSpec<string>['fields'];
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = { fields: FIELDS, signature: ['fund', 'company'], marker: /ARK Investment Management/, within: 10 };
/**
 * The cash sweep ARK holds: a Treasury money-market fund ("GOLDMAN FS TRSY OBLIG INST 468"),
 * printed with no ticker. Only rows without a ticker are tested, so a listed stock is never
 * taken for cash by its name.
 */
const MONEY_MARKET = /\b(TRSY|TREAS(URY)?|OBLIG|GOVT|GOVERNMENT|MONEY MARKET|MMF|LIQUIDITY|CASH)\b/i;
/** The footer is one long quoted disclaimer in a single cell; a row cut to one short cell is damage, not a footer. */
const FOOTER_MIN_CHARS = 40;

/**
 * ARK Invest holdings CSV: header on line 1, a date on every row, a one-cell disclaimer at the
 * end. Variants read: ARKQ 2020-08-07 (unquoted numbers, "weight(%)", "8/7/2020"), ARKK
 * 2021-12-03 and 2024-06-04 ("$1,712,125,698.80", "9.98%"), and the "cleaned" re-save without
 * the footer. Columns are found by meaning, in any order.
 */
export const arkCsv: HoldingsParser = {
  format: FORMAT,
  issuer: 'ARK',
  rank: 90,
  examine: (doc) => examineText(doc, SPEC),
  detect: (doc) => examineText(doc, SPEC).score > 0,
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'an ARK CSV'), fund, doc.excerpt === true);
  },
};

function parseText(file: string, text: string, fund: string, excerpt: boolean): Holdings {
  const records = csvRecords(file, text);
  const header = requireHeader(file, records, SPEC, FORMAT);
  const headerRecord = records[header.index]!;

  const rows: RawRow[] = [];
  let first: { date: string; line: number } | null = null;
  let owner: { fund: string; line: number } | null = null;
  for (let i = header.index + 1; i < records.length && !isBlank(records[i]!) && !isFooter(records[i]!); i++) {
    const record = records[i]!;
    requireWidth(file, record, headerRecord);
    const cell = (field: Field): string => (record.cells[header.col.get(field) ?? -1] ?? '').trim();
    // The as-of date is printed on every row; one file must describe one day.
    const rawDate = cell('date');
    const date = readDate(rawDate);
    if (!date) throw new HoldingsFileError(file, record.line, 'a date such as "06/04/2024" in "date"', rawDate);
    first ??= { date, line: record.line };
    if (date !== first.date) throw new HoldingsFileError(file, record.line, `the same "date" as line ${first.line} (${first.date}): one file, one as-of date`, rawDate);
    const rowFund = cell('fund');
    owner ??= { fund: rowFund, line: record.line };
    if (rowFund !== owner.fund) throw new HoldingsFileError(file, record.line, `the same "fund" as line ${owner.line} (${owner.fund})`, rowFund);
    rows.push(readRow(file, record, cell, header));
  }
  if (first === null) throw new HoldingsFileError(file, headerRecord.line + 1, 'holding rows under the ARK header', 'none');

  const meta: FileMeta = {
    fund,
    // The file names the fund only by its ticker ("ARKK"); a longer name would be our invention.
    fundInFile: owner?.fund || undefined,
    name: owner?.fund || fund,
    issuer: 'ARK',
    format: FORMAT,
    file,
    excerpt,
    asOf: { date: first.date, source: 'file' },
    weightBasis: 'reported-weight',
    notes: ['The file prints no sector or country for its holdings.'],
  };
  return buildHoldings(meta, rows);
}

function isFooter(record: CsvRecord): boolean {
  // One cell of prose (a re-save may pad it with empty cells).
  return record.cells.filter((c) => c.trim() !== '').length === 1 && (record.cells[0] ?? '').trim().length >= FOOTER_MIN_CHARS;
}

function readRow(file: string, record: CsvRecord, cell: (field: Field) => string, header: HeaderMatch<Field>): RawRow {
  const at = (field: Field) => ({ file, line: record.line, column: columnName(header, field) });
  const ticker = cell('ticker');
  const name = cell('company');
  if (name === '') throw new HoldingsFileError(file, record.line, 'a holding name in "company"', record.cells.join(','));
  const cash = ticker === '' && MONEY_MARKET.test(name);
  const weight = readNumber(cell('weight'), at('weight'));
  const cusip = cell('cusip');
  return {
    line: record.line,
    ticker,
    name,
    keep: cash ? { reason: 'money-market fund (cash)' } : 'equity',
    assetClass: cash ? 'money market' : '',
    // "11.75%": percent of the fund.
    reportedWeight: weight === null ? null : weight / 100,
    marketValue: (header.col.has('marketValue') ? readNumber(cell('marketValue'), at('marketValue')) : null),
    industry: null,
    sector: null,
    sectorSource: null,
    country: null,
    exchange: null,
    ids: !cash && /^[0-9A-Z]{9}$/.test(cusip) ? ({ cusip } satisfies Identifiers) : {},
  };
}
