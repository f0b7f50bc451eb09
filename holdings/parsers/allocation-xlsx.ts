import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readNumber } from '../cells.ts';
import type { Cell, Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import type { HoldingsParser } from '../parser.ts';
import { findHeaderRow, headerKey, type Detection } from '../header.ts';
import { sheetRecords } from '../table.ts';
import { CASH_NAME, FUTURES_NAME, isBlankRow, sheetText } from './spdr-xlsx.ts';

/**
 * A two-column "Company, Allocation" export (QQQ Daily.xlsx): no tickers, no identifiers, no date,
 * weights rounded to 0.01%. A weak fallback, ranked low so that a full issuer file of the same
 * fund wins whenever both are equally fresh.
 */
const FORMAT = 'allocation-xlsx';
const HEADER = ['Company', 'Allocation'] as const;
const HEADER_WITHIN = 10;
/** Columns that would make this some richer layout, which its own parser should read. */
const RICHER = ['Ticker', 'Symbol', 'CUSIP', 'Identifier', 'ISIN', 'SEDOL'];

export const allocationXlsx: HoldingsParser = {
  format: FORMAT,
  issuer: 'Unknown',
  rank: 10,
  examine(doc: Doc): Detection {
    if (doc.kind !== 'sheet') return { score: 0, line: null, missing: [], saw: [] };
    const header = findHeader(doc.rows);
    const near = findHeaderRow(sheetRecords(doc, HEADER_WITHIN), FIELDS, HEADER_WITHIN);
    // A weak fallback: it scores below any issuer layout that also reads the sheet.
    return { score: header ? 0.5 : 0, line: near?.line ?? null, missing: near?.missing ?? [], saw: near?.saw ?? [] };
  },
  detect: (doc) => allocationXlsx.examine(doc).score > 0,
  parse(doc: Doc, fund: string) {
    if (doc.kind !== 'sheet') throw new HoldingsFileError(doc.file, null, 'an xlsx workbook (Company, Allocation)', 'a text file');
    const header = findHeader(doc.rows);
    if (!header) throw new HoldingsFileError(doc.file, null, `a header row with ${HEADER.join(', ')}`, 'none in the first rows');
    const meta: FileMeta = {
      fund,
      name: fund,
      issuer: 'Unknown',
      format: FORMAT,
      file: doc.file,
      excerpt: doc.excerpt === true,
      asOf: { date: null, reason: 'the two-column allocation export prints no date' },
      weightBasis: 'reported-weight',
      notes: [
        'This export has no tickers or identifiers, so overlap with other funds cannot match its company names reliably.',
        'Allocations are printed to 0.01%.',
      ],
    };
    return buildHoldings(meta, readTable(doc.file, doc.rows, header));
  },
};

const FIELDS = { Company: { names: ['Company', 'Name'], required: true }, Allocation: { names: ['Allocation', 'Weight'], required: true } } as const;

function findHeader(rows: readonly Cell[][]): { index: number; col: Map<string, number> } | null {
  const records = rows.slice(0, HEADER_WITHIN).map((cells, i) => ({ line: i + 1, cells: cells.map(sheetText) }));
  const header = findHeaderRow(records, FIELDS, HEADER_WITHIN);
  if (!header || header.missing.length > 0) return null;
  const richer = new Set(RICHER.map(headerKey));
  return header.cells.some((c) => richer.has(headerKey(c))) ? null : { index: header.index, col: header.col as Map<string, number> };
}

function readTable(file: string, sheet: readonly Cell[][], header: { index: number; col: Map<string, number> }): RawRow[] {
  const name = header.col.get('Company') ?? -1;
  const allocation = header.col.get('Allocation') ?? -1;
  const rows: RawRow[] = [];
  for (let i = header.index + 1; i < sheet.length && !isBlankRow(sheet[i]!); i++) {
    const row = sheet[i]!;
    const line = i + 1;
    const company = sheetText(row[name]);
    const weight = fraction(row[allocation], { file, line, column: 'Allocation' });
    if (!company) throw new HoldingsFileError(file, line, 'a company name in "Company"', 'an empty cell');
    rows.push({
      line,
      ticker: '',
      name: company,
      keep: rowKind(company, weight),
      assetClass: '',
      reportedWeight: weight,
      marketValue: null,
      industry: null,
      sector: null,
      sectorSource: null,
      country: null,
      exchange: null,
      ids: {},
    });
  }
  return rows;
}

/**
 * The export prints "8.75%" text. Excel keeps a cell formatted as a percentage as its fraction
 * (0.0875), so a numeric cell is taken as a fraction; the builder's whole-fund check catches a wrong guess.
 */
function fraction(cell: Cell | undefined, at: { file: string; line: number; column: string }): number | null {
  const value = readNumber(cell, at);
  return value !== null && typeof cell === 'string' ? value / 100 : value;
}

function rowKind(name: string, weight: number | null): RawRow['keep'] {
  if (CASH_NAME.test(name)) return { reason: 'cash' };
  const negative = weight !== null && weight < 0;
  if (FUTURES_NAME.test(name)) return { reason: negative ? 'futures (negative allocation)' : 'futures (notional exposure, not a holding)' };
  // A short position or an offsetting derivative line; either way it is not an equity holding.
  if (negative) return { reason: 'negative allocation (not a holding)' };
  return 'equity';
}
