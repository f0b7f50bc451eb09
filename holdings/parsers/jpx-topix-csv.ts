import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { csvRecords, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import { columnName, type HeaderMatch, type LayoutSpec } from '../header.ts';
import { examineText, requireHeader } from '../table.ts';
import type { HoldingsParser } from '../parser.ts';
import { sectorFromLabel } from '../sectors.ts';
import type { Holdings } from '../types.ts';

const FORMAT = 'jpx-topix-csv';
const FIELDS = {
  date: { names: ['日付'], required: true },
  name: { names: ['銘柄名'], required: true },
  code: { names: ['コード', '銘柄コード'], required: true },
  sector: { names: ['業種', '33業種区分'] },
  weight: { names: ['TOPIXに占める個別銘柄のウエイト', 'ウエイト', 'ウェイト'], required: true },
  bucket: { names: ['ニューインデックス区分'] },
} as const satisfies LayoutSpec<string>['fields'];
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = { fields: FIELDS, signature: ['TOPIXに占める個別銘柄のウエイト', 'ニューインデックス区分'], marker: /JPX|日本取引所/, within: 10 };
/** A data row starts with the date as YYYYMMDD; the notes below the table start with "（注1）" or prose. */
const DATA_ROW = /^\d{8}$/;

/**
 * JPX's TOPIX constituent weights (topixweight_j.csv, Shift-JIS, decoded by readDoc):
 * one row per stock with its TSE-33 sector and weight, then Japanese notes and a disclaimer.
 * Variants read: 2026-04-30 (six columns), 2024-04-30 (padded with two empty columns, and the
 * first data row carrying "100.00%" in the eighth: a running total JPX printed then). The notes
 * must follow the table: without them the file was cut short.
 */
export const jpxTopixCsv: HoldingsParser = {
  format: FORMAT,
  issuer: 'JPX',
  // Index weights, not a fund's holdings: a full table, but only a proxy for a TOPIX ETF.
  rank: 60,
  examine: (doc) => examineText(doc, SPEC),
  detect: (doc) => examineText(doc, SPEC).score > 0,
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'a JPX TOPIX weight CSV'), fund, doc.excerpt === true);
  },
};

function parseText(file: string, text: string, fund: string, excerpt: boolean): Holdings {
  const records = csvRecords(file, text);
  const header = requireHeader(file, records, SPEC, FORMAT);
  const headerRecord = records[header.index]!;
  const col = (field: Field): number => header.col.get(field) ?? -1;

  const rows: RawRow[] = [];
  let date: string | null = null;
  let i = header.index + 1;
  for (; i < records.length && DATA_ROW.test((records[i]!.cells[col('date')] ?? '').trim()); i++) {
    const record = records[i]!;
    requireWidth(file, record, headerRecord);
    const rowDate = readDate(record.cells[col('date')]);
    if (rowDate === null) throw new HoldingsFileError(file, record.line, `a date (YYYYMMDD) in "${columnName(header, 'date')}"`, record.cells[col('date')]);
    // One file is one day's weights; a second date means two files were pasted together.
    if (date !== null && rowDate !== date) throw new HoldingsFileError(file, record.line, `the same date as the rows above (${date})`, rowDate);
    date = rowDate;
    rows.push(dataRow(file, record, col, header));
  }
  // JPX always ends the file with notes and a disclaimer; without them the table was cut short.
  if (i >= records.length) {
    throw new HoldingsFileError(file, records.at(-1)?.line ?? null, "JPX's notes after the weight table (the file looks truncated)", 'the end of the file');
  }
  if (date === null) throw new HoldingsFileError(file, records[i]!.line, 'at least one weight row under the header', records[i]!.cells.join(','));

  const unmapped = [...new Set(rows.filter((r) => r.sector === null).map((r) => r.industry ?? '(blank)'))];
  const meta: FileMeta = {
    fund,
    name: 'TOPIX (JPX index weights)',
    issuer: 'JPX',
    format: FORMAT,
    file,
    excerpt,
    asOf: { date, source: 'file' },
    weightBasis: 'reported-weight',
    notes: [
      "These are the TOPIX index's constituent weights as JPX publishes them, not an ETF's holdings: a TOPIX ETF (such as 1306) tracks them closely but also holds cash and may differ slightly.",
      'JPX states that its index values and marks are its intellectual property and that any commercial use of JPX-calculated indices (for example, building funds or other financial products on them) needs a licence agreement with JPX.',
      'Sectors are the TSE 33-sector labels JPX prints, mapped to the nearest GICS sector (an approximation; the TSE label is kept as the industry).',
      ...(unmapped.length > 0 ? [`Sector labels with no GICS mapping (sector left unknown): ${unmapped.join('、')}.`] : []),
    ],
  };
  return buildHoldings(meta, rows);
}

function dataRow(file: string, record: CsvRecord, col: (field: Field) => number, header: HeaderMatch<Field>): RawRow {
  const cell = (field: Field): string => (record.cells[col(field)] ?? '').trim();
  const name = cell('name');
  if (name === '') throw new HoldingsFileError(file, record.line, `a company name in "${columnName(header, 'name')}"`, record.cells.join(','));
  const code = cell('code');
  if (code === '') throw new HoldingsFileError(file, record.line, `a security code in "${columnName(header, 'code')}"`, record.cells.join(','));
  const weight = readNumber(cell('weight'), { file, line: record.line, column: columnName(header, 'weight') });
  if (weight === null) throw new HoldingsFileError(file, record.line, `a weight such as "3.3407%" in "${columnName(header, 'weight')}"`, cell('weight'));
  const label = cell('sector') || null;
  const sector = sectorFromLabel(label, 'tse33');
  return {
    line: record.line,
    // Kept as printed: four characters, digits or (since 2024) letters such as "130A".
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
