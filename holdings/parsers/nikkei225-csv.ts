import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { csvRecords, isBlank, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import { columnName, type FieldSpecs, type HeaderMatch, type LayoutSpec } from '../header.ts';
import { examineText, requireHeader } from '../table.ts';
import { SECTOR_BY_NIKKEI36 } from '../nikkei36.ts';
import type { HoldingsParser } from '../parser.ts';
import type { Holdings } from '../types.ts';

/**
 * Nikkei's official Nikkei 225 weight file (nikkei_stock_average_weight_en.csv, 2025): Shift-JIS
 * (cp932; readDoc decodes it), every cell quoted, header on line 1 ("Date of Data, Code, Company
 * Name, Nikkei Industrial Classification, Sector, Weight"), weights as "9.1513%", 225 rows and a
 * one-cell copyright line. Also reads the Japanese edition's header names (日付, コード, 銘柄名,
 * 業種, セクター, ウエイト) and files re-saved without the footer or the quotes.
 *
 * The Nikkei 225 is PRICE-weighted: a member's weight is its (par-adjusted) share price over the
 * sum of prices, not its market value. The Holdings carry `weighting: 'price'` so every card says so.
 */
const FORMAT = 'nikkei225-csv';
const FIELDS = {
  date: { names: ['Date of Data', 'Date', '日付', '基準日'] },
  code: { names: ['Code', 'コード', '銘柄コード', '証券コード'], required: true },
  name: { names: ['Company Name', 'Name', '銘柄名', '社名'], required: true },
  industry: { names: ['Nikkei Industrial Classification', 'Industry', '業種', '日経業種分類'] },
  sector: { names: ['Sector', 'セクター'] },
  weight: { names: ['Weight', 'ウエイト', 'ウェイト', '構成比率', 'Weight (%)'], required: true },
} as const satisfies FieldSpecs<string>;
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = {
  fields: FIELDS,
  signature: ['Nikkei Industrial Classification', 'Date of Data'],
  // Nikkei's own words, in the footer: nobody else prints these.
  marker: /copyrightable work of Nikkei|日経平均|日本経済新聞社/,
  within: 10,
};
/** A Tokyo security code: four characters, digits or (since 2024) letters, e.g. "7203", "285A". */
const CODE = /^[0-9][0-9A-Z]{3}$/;

export const nikkei225Csv: HoldingsParser = {
  format: FORMAT,
  issuer: 'Nikkei',
  // Index weights, not a fund's holdings: a full table, but only a proxy for a Nikkei 225 ETF.
  rank: 60,
  examine: (doc) => examineText(doc, SPEC),
  detect: (doc) => examineText(doc, SPEC).score > 0,
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'a Nikkei 225 weight CSV'), fund, doc.excerpt === true);
  },
};

function parseText(file: string, text: string, fund: string, excerpt: boolean): Holdings {
  const records = csvRecords(file, text);
  const header = requireHeader(file, records, SPEC, FORMAT);
  const headerRecord = records[header.index]!;
  const cell = (record: CsvRecord, field: Field): string => (record.cells[header.col.get(field) ?? -1] ?? '').trim();

  const rows: RawRow[] = [];
  let date: { iso: string; line: number } | null = null;
  for (let i = header.index + 1; i < records.length; i++) {
    const record = records[i]!;
    if (isBlank(record)) continue;
    // The copyright line is one cell of prose; every data row starts with a date or a code.
    if (record.cells.filter((c) => c.trim() !== '').length === 1 && !CODE.test(cell(record, 'code'))) break;
    requireWidth(file, record, headerRecord);
    if (header.col.has('date')) {
      const rowDate = readDate(cell(record, 'date'));
      if (!rowDate) throw new HoldingsFileError(file, record.line, `a date such as "2025/07/31" in "${columnName(header, 'date')}"`, cell(record, 'date'));
      // One file is one day's weights; a second date means two files were pasted together.
      if (date && rowDate !== date.iso) throw new HoldingsFileError(file, record.line, `the same date as line ${date.line} (${date.iso})`, rowDate);
      date ??= { iso: rowDate, line: record.line };
    }
    rows.push(readRow(file, record, header, cell));
  }
  if (rows.length === 0) throw new HoldingsFileError(file, headerRecord.line + 1, 'weight rows under the Nikkei header', 'none');

  const unmapped = [...new Set(rows.filter((r) => r.sector === null).map((r) => r.industry ?? '(blank)'))];
  const meta: FileMeta = {
    fund,
    name: 'Nikkei 225 (Nikkei Stock Average index weights)',
    issuer: 'Nikkei',
    format: FORMAT,
    file,
    excerpt,
    asOf: date ? { date: date.iso, source: 'file' } : { date: null, reason: 'the file has no date column' },
    weightBasis: 'reported-weight',
    weighting: 'price',
    notes: [
      'The Nikkei 225 is price-weighted (株価平均型): each weight follows the share price, adjusted by a par-value factor, not the company\'s market value, so a few high-priced shares carry a large share of the index.',
      `These are the index's constituent weights as Nikkei publishes them (${rows.length} members), not an ETF's holdings: a Nikkei 225 ETF (such as 1321) tracks them closely but also holds cash.`,
      'Nikkei states that this material is its copyrighted work and may not be copied or circulated without its permission.',
      "Sectors are Nikkei's 36-industry labels mapped to the nearest GICS sector (an approximation; Nikkei's label is kept as the industry).",
      ...(unmapped.length > 0 ? [`Industry labels with no GICS mapping (sector left unknown): ${unmapped.join('; ')}.`] : []),
    ],
  };
  return buildHoldings(meta, rows);
}

function readRow(file: string, record: CsvRecord, header: HeaderMatch<Field>, cell: (r: CsvRecord, f: Field) => string): RawRow {
  const code = cell(record, 'code');
  if (!CODE.test(code)) throw new HoldingsFileError(file, record.line, `a four-character security code such as "7203" in "${columnName(header, 'code')}"`, code);
  const name = cell(record, 'name');
  if (name === '') throw new HoldingsFileError(file, record.line, `a company name in "${columnName(header, 'name')}"`, record.cells.join(','));
  const raw = cell(record, 'weight');
  const weight = readNumber(raw, { file, line: record.line, column: columnName(header, 'weight') });
  if (weight === null) throw new HoldingsFileError(file, record.line, `a weight such as "9.1513%" in "${columnName(header, 'weight')}"`, raw);
  const label = cell(record, 'industry') || null;
  const sector = label === null ? null : (SECTOR_BY_NIKKEI36[label] ?? null);
  return {
    line: record.line,
    ticker: code,
    name,
    keep: 'equity',
    assetClass: '',
    reportedWeight: weight / 100,
    marketValue: null,
    industry: label,
    sector,
    sectorSource: sector === null ? null : 'mapped',
    country: 'JP',
    exchange: 'Tokyo Stock Exchange',
    ids: {},
  };
}
