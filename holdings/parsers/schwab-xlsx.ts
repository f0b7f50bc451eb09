import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readNumber, type CellPlace } from '../cells.ts';
import type { Cell, Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import type { HoldingsParser } from '../parser.ts';
import type { Identifiers } from '../types.ts';
import { CASH_NAME, FUTURES_NAME, cusipRepairNotes, readCusip, isBlankRow, sheetHeader, sheetText, type SheetHeader } from './spdr-xlsx.ts';

/**
 * Schwab's daily holdings export (SCHD): one sheet, header on row 1. The first column is titled
 * "Fund Name" but holds each holding's name; "% of Assets" is a fraction, not a percent.
 */
const FORMAT = 'schwab-xlsx';
const HEADER = ['Fund Name', 'CUSIP', 'Symbol', '% of Assets'] as const;
const HEADER_WITHIN = 10;

export const schwabXlsx: HoldingsParser = {
  format: FORMAT,
  issuer: 'Schwab',
  rank: 80,
  detect(doc: Doc): boolean {
    return doc.kind === 'sheet' && sheetHeader(doc.rows, HEADER, HEADER_WITHIN) !== null;
  },
  parse(doc: Doc, fund: string) {
    if (doc.kind !== 'sheet') throw new HoldingsFileError(doc.file, null, 'an xlsx workbook (Schwab holdings)', 'a text file');
    const header = sheetHeader(doc.rows, HEADER, HEADER_WITHIN);
    if (!header) throw new HoldingsFileError(doc.file, null, `a header row with ${HEADER.join(', ')}`, 'none in the first rows');
    const repairs: string[] = [];
    const rows = readTable(doc.file, doc.rows, header, repairs);
    const meta: FileMeta = {
      fund,
      name: fundName(doc.rows.slice(0, header.index)) ?? fund,
      issuer: 'Schwab',
      format: FORMAT,
      file: doc.file,
      asOf: { date: null, reason: "Schwab's export prints no date" },
      weightBasis: 'reported-weight',
      notes: [
        'Weights come from "% of Assets" (printed to 0.01%); the market values are abbreviated ("$4.0B") and too coarse to weight by.',
        ...cusipRepairNotes(repairs),
      ],
    };
    return buildHoldings(meta, rows);
  },
};

/** The export carries no fund name today; take one only if a line above the header names a Schwab fund. */
function fundName(preamble: readonly Cell[][]): string | null {
  for (const row of preamble) {
    for (const cell of row) {
      const text = sheetText(cell);
      if (/^Schwab\b.*\bETF\b/i.test(text)) return text;
    }
  }
  return null;
}

function readTable(file: string, sheet: readonly Cell[][], header: SheetHeader, repairs: string[]): RawRow[] {
  const at = (name: string): number => header.col.get(name) ?? -1;
  const name = at('Fund Name');
  const cusipCol = at('CUSIP');
  const symbol = at('Symbol');
  const weight = at('% of Assets');
  const value = at('Market Value');
  const rows: RawRow[] = [];
  for (let i = header.index + 1; i < sheet.length && !isBlankRow(sheet[i]!); i++) {
    const row = sheet[i]!;
    const line = i + 1;
    const holding = sheetText(row[name]);
    const ticker = sheetText(row[symbol]);
    const ids: Identifiers = {};
    const cusip = readCusip(row[cusipCol] ?? null, `${holding}, row ${line}`, repairs);
    if (cusip) ids.cusip = cusip;
    rows.push({
      line,
      ticker,
      name: holding || ticker,
      keep: rowKind(holding),
      assetClass: '',
      reportedWeight: fraction(row[weight], { file, line, column: '% of Assets' }),
      marketValue: value < 0 ? null : readNumber(row[value], { file, line, column: 'Market Value' }),
      industry: null,
      sector: null,
      sectorSource: null,
      country: null,
      exchange: null,
      ids,
    });
  }
  return rows;
}

/** Schwab stores the weight as a fraction (0.0472 = 4.72%); a cell typed as "4.72%" text is a percent. */
function fraction(cell: Cell | undefined, at: CellPlace): number | null {
  const value = readNumber(cell, at);
  return value !== null && typeof cell === 'string' && cell.includes('%') ? value / 100 : value;
}

function rowKind(name: string): RawRow['keep'] {
  if (CASH_NAME.test(name)) return { reason: 'cash' };
  if (FUTURES_NAME.test(name)) return { reason: 'futures (notional exposure, not a holding)' };
  return 'equity';
}
