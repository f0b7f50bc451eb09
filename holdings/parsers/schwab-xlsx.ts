import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readNumber, type CellPlace } from '../cells.ts';
import type { Cell, Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import type { HoldingsParser } from '../parser.ts';
import type { Identifiers } from '../types.ts';
import { CASH_NAME, nonEquityReason } from '../asset-class.ts';
import { headerKey, type LayoutSpec } from '../header.ts';
import { examineSheet, requireHeader, sheetRecords } from '../table.ts';
import { cusipRepairNotes, readCusip, isBlankRow, sheetText, type SheetHeader } from './spdr-xlsx.ts';

/**
 * Schwab's daily holdings export (SCHD): one sheet, header on row 1. The first column is titled
 * "Fund Name" but holds each holding's name; "% of Assets" is a fraction, not a percent.
 */
const FORMAT = 'schwab-xlsx';
const FIELDS = {
  'Fund Name': { names: ['Fund Name', 'Name', 'Security Name', 'Description'], required: true },
  CUSIP: { names: ['CUSIP'] },
  Symbol: { names: ['Symbol', 'Ticker'], required: true },
  Quantity: { names: ['Quantity', 'Shares'] },
  '% of Assets': { names: ['% of Assets', '% of Net Assets', 'Weight'], required: true },
  'Market Value': { names: ['Market Value'] },
} as const satisfies LayoutSpec<string>['fields'];
const SPEC: LayoutSpec<keyof typeof FIELDS> = { fields: FIELDS, signature: ['Fund Name', '% of Assets'], marker: /Schwab/, within: 10 };

export const schwabXlsx: HoldingsParser = {
  format: FORMAT,
  issuer: 'Schwab',
  rank: 80,
  // Schwab's generic names (Symbol, Quantity) fit other sheets too: its own "% of Assets" is required.
  examine: (doc) => {
    const d = examineSheet(doc, SPEC);
    return d.saw.some((c) => headerKey(c) === headerKey('% of Assets')) ? d : { ...d, score: 0 };
  },
  detect: (doc) => schwabXlsx.examine(doc).score > 0,
  parse(doc: Doc, fund: string) {
    if (doc.kind !== 'sheet') throw new HoldingsFileError(doc.file, null, 'an xlsx workbook (Schwab holdings)', 'a text file');
    const match = requireHeader(doc.file, sheetRecords(doc, SPEC.within), SPEC, FORMAT);
    const header: SheetHeader = { index: match.index, col: match.col as Map<string, number> };
    const repairs: string[] = [];
    const rows = readTable(doc.file, doc.rows, header, repairs);
    const meta: FileMeta = {
      fund,
      name: fundName(doc.rows.slice(0, header.index)) ?? fund,
      issuer: 'Schwab',
      format: FORMAT,
      file: doc.file,
      excerpt: doc.excerpt === true,
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
  const quantity = at('Quantity');
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
      keep: rowKind(holding, ticker, quantity < 0 ? null : readNumber(row[quantity], { file, line, column: 'Quantity' })),
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

function rowKind(name: string, ticker = '', quantity: number | null = null): RawRow['keep'] {
  const reason = nonEquityReason({ name, ticker, quantity });
  if (reason) return { reason: CASH_NAME.test(name) ? 'cash' : reason };
  return 'equity';
}
