import type { Cell, Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import type { HoldingsParser } from '../parser.ts';
import { findHeaderRow, headerKey, type Detection } from '../header.ts';
import { readWithProfile, type Profile } from '../reader.ts';
import { sheetRecords } from '../table.ts';
import { CASH_NAME, FUTURES_NAME } from '../asset-class.ts';
import { sheetText } from '../doc.ts';

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

/**
 * What is this export's own, for the one table reader: "8.75%" text is a percent while a numeric
 * cell is the fraction Excel keeps for a percentage cell (the builder's whole-fund check catches a
 * wrong guess), and rows told by name or by a negative allocation (a short or an offsetting line).
 */
const PROFILE: Profile = {
  format: FORMAT,
  issuer: 'Unknown',
  kind: 'an xlsx workbook (Company, Allocation)',
  sheet: true,
  scale: 1,
  scaleOf: (cell) => (typeof cell === 'string' ? 100 : 1),
  header: 'the Company, Allocation header',
  noDate: 'the two-column allocation export prints no date',
  nameRequired: 'every row',
  footer: () => false,
  classify: ({ name, weight }) => ({ reason: rowKind(name, weight), assetClass: '' }),
  notes: () => [
    'This export has no tickers or identifiers, so overlap with other funds cannot match its company names reliably.',
    'Allocations are printed to 0.01%.',
  ],
};

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
    if (doc.kind === 'sheet' && !findHeader(doc.rows)) throw new HoldingsFileError(doc.file, null, `a header row with ${HEADER.join(', ')}`, 'none in the first rows');
    return readWithProfile(doc, fund, PROFILE);
  },
};

/** Header names for detection (the reader maps columns with the shared vocabulary). */
const FIELDS = { Company: { names: ['Company', 'Name'], required: true }, Allocation: { names: ['Allocation', 'Weight'], required: true } } as const;

function findHeader(rows: readonly Cell[][]): { index: number } | null {
  const records = rows.slice(0, HEADER_WITHIN).map((cells, i) => ({ line: i + 1, cells: cells.map(sheetText) }));
  const header = findHeaderRow(records, FIELDS, HEADER_WITHIN);
  if (!header || header.missing.length > 0) return null;
  const richer = new Set(RICHER.map(headerKey));
  return header.cells.some((c) => richer.has(headerKey(c))) ? null : { index: header.index };
}

function rowKind(name: string, weight: number | null): string | null {
  if (CASH_NAME.test(name)) return 'cash';
  const negative = weight !== null && weight < 0;
  if (FUTURES_NAME.test(name)) return negative ? 'futures (negative allocation)' : 'futures (notional exposure, not a holding)';
  // A short position or an offsetting derivative line; either way it is not an equity holding.
  if (negative) return 'negative allocation (not a holding)';
  return null;
}
