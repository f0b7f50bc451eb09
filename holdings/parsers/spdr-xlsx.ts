import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { findHeader } from '../csv.ts';
import { sheetText, type Cell, type Doc } from '../doc.ts';
import { CASH_NAME, FUTURES_NAME, nonEquityReason } from '../asset-class.ts';
import { cusipCheckDigitHolds } from '../check-digits.ts';
import { HoldingsFileError } from '../errors.ts';
import type { LayoutSpec } from '../header.ts';
import { examineSheet, requireHeader, sheetRecords } from '../table.ts';
import type { HoldingsParser } from '../parser.ts';
import { sectorFromLabel } from '../sectors.ts';
import type { Identifiers } from '../types.ts';

/**
 * State Street SPDR daily holdings xlsx: a short "Fund Name:" / "Ticker Symbol:" /
 * "Holdings: As of …" preamble, the table, an optional US DOLLAR cash row, then a disclaimer.
 * Variants read: DIA 14-Feb-2024, SPY Nov 2025 / Feb 2026 (Sector "-" on every row), MDY
 * 31-Jan-2025 (GICS sectors filled in), and a re-save without the preamble (SPY, May 2024:
 * header on row 1, the US DOLLAR row mid-table). Rows the file does not classify (no asset-class
 * column) are sorted by ticker and name: cash, futures ("ESZ5", "S&P MID 400 EMINI MAR 26"),
 * forwards and swaps are excluded with their reason.
 */
const FORMAT = 'spdr-xlsx';
/** Fields keyed by the names the 2024–2026 files print; synonyms cover re-saves and older files. */
const FIELDS = {
  Name: { names: ['Name', 'Security Name', 'Holding'], required: true },
  Ticker: { names: ['Ticker', 'Symbol'], required: true },
  Identifier: { names: ['Identifier', 'CUSIP'] },
  SEDOL: { names: ['SEDOL'] },
  Weight: { names: ['Weight', 'Weight (%)', '% Weight', 'Percent of Fund'], required: true },
  Sector: { names: ['Sector'] },
  Shares: { names: ['Shares Held', 'Shares'] },
  Currency: { names: ['Local Currency'] },
} as const satisfies LayoutSpec<string>['fields'];
/** How far down detect and parse look for the header; SPDR puts it on row 5, or row 1 in a trimmed re-save. */
const SPEC: LayoutSpec<keyof typeof FIELDS> = {
  fields: FIELDS,
  signature: ['Identifier', 'SEDOL', 'Shares Held', 'Local Currency'],
  marker: /Fund Name:|Ticker Symbol:|State Street|SPDR|ssga\.com/,
  within: 20,
};

export const spdrXlsx: HoldingsParser = {
  format: FORMAT,
  issuer: 'SPDR',
  rank: 80,
  examine: (doc) => examineSheet(doc, SPEC),
  detect: (doc) => examineSheet(doc, SPEC).score > 0,
  parse(doc: Doc, fund: string) {
    if (doc.kind !== 'sheet') throw new HoldingsFileError(doc.file, null, 'an xlsx workbook (SPDR holdings)', 'a text file');
    const match = requireHeader(doc.file, sheetRecords(doc, SPEC.within), SPEC, FORMAT);
    const header: SheetHeader = { index: match.index, col: match.col as Map<string, number> };
    const preamble = readPreamble(doc.rows.slice(0, header.index));
    const repairs: string[] = [];
    const rows = readTable(doc.file, doc.rows, header, repairs);
    const meta: FileMeta = {
      fund,
      // The ticker the file prints wins over the folder or the name typed (catalog and /import check it).
      fundInFile: preamble.ticker ?? undefined,
      name: preamble.name ?? fund,
      issuer: 'SPDR',
      format: FORMAT,
      file: doc.file,
      excerpt: doc.excerpt === true,
      asOf: preamble.asOf ? { date: preamble.asOf, source: 'file' } : { date: null, reason: 'the SPDR file prints no "As of" date' },
      weightBasis: 'reported-weight',
      notes: cusipRepairNotes(repairs),
    };
    return buildHoldings(meta, rows);
  },
};

interface Preamble {
  name: string | null;
  ticker: string | null;
  tickerLine: number;
  asOf: string | null;
}

function readPreamble(rows: readonly Cell[][]): Preamble {
  const out: Preamble = { name: null, ticker: null, tickerLine: 1, asOf: null };
  rows.forEach((row, i) => {
    const label = sheetText(row[0]).toLowerCase();
    const value = sheetText(row[1]);
    if (!value) return;
    if (label === 'fund name:') out.name = value;
    else if (label === 'ticker symbol:') {
      out.ticker = value;
      out.tickerLine = i + 1;
    } else if (label === 'holdings:') out.asOf = readDate(row[1]);
  });
  return out;
}

function readTable(file: string, sheet: readonly Cell[][], header: SheetHeader, repairs: string[]): RawRow[] {
  const at = (name: string): number => header.col.get(name) ?? -1;
  const [name, ticker, identifier, sedol, weight, sector] = ['Name', 'Ticker', 'Identifier', 'SEDOL', 'Weight', 'Sector'].map(at) as [
    number, number, number, number, number, number,
  ];
  const rows: RawRow[] = [];
  let i = header.index + 1;
  for (; i < sheet.length && !isBlankRow(sheet[i]!); i++) rows.push(readRow(sheet[i]!, i + 1));
  // The cash line sometimes sits after the blank row that ends the stocks; the disclaimer that
  // follows repeats one paragraph across merged cells, so it never has a numeric weight.
  for (; i < sheet.length; i++) {
    const row = sheet[i]!;
    if (isBlankRow(row)) continue;
    if (typeof row[weight] !== 'number' || !isCashRow(sheetText(row[name]), sheetText(row[ticker]))) break;
    rows.push(readRow(row, i + 1));
  }
  return rows;

  function readRow(row: readonly Cell[], line: number): RawRow {
    const label = sheetText(row[sector]);
    const holding = sheetText(row[name]);
    const symbol = sheetText(row[ticker]);
    const printed = readNumber(row[weight], { file, line, column: 'Weight' });
    const gics = label === '-' ? null : sectorFromLabel(label, 'gics-sector');
    const ids: Identifiers = {};
    const cusip = readCusip(row[identifier] ?? null, `${holding}, row ${line}`, repairs);
    if (cusip) ids.cusip = cusip;
    const sedolId = sedolFromCell(row[sedol] ?? null);
    if (sedolId) ids.sedol = sedolId;
    return {
      line,
      ticker: symbol === '-' ? '' : symbol,
      name: holding || symbol,
      keep: rowKind(holding, symbol, Object.keys(ids).length > 0),
      assetClass: '',
      reportedWeight: printed === null ? null : printed / 100,
      marketValue: null,
      industry: label && label !== '-' ? label : null,
      sector: gics,
      sectorSource: gics === null ? null : gics === label ? 'file' : 'mapped',
      country: null,
      exchange: null,
      ids,
    };
  }
}

function rowKind(name: string, ticker: string, hasId: boolean): RawRow['keep'] {
  // Futures first: a contract line can have a ticker ("ESZ5") and no sector, like a stock.
  const reason = nonEquityReason({ name, ticker: ticker === '-' ? '' : ticker, hasId });
  if (reason) return { reason };
  if (isCashRow(name, ticker)) return { reason: 'cash' };
  return 'equity';
}

/** SPDR prints cash as "US DOLLAR" with ticker "-"; a ticker is the surer sign, since some companies have "cash" in their names. */
function isCashRow(name: string, ticker: string): boolean {
  return ticker === '' || ticker === '-' || CASH_NAME.test(name);
}

export { CASH_NAME, FUTURES_NAME, cusipCheckDigitHolds };

// ---- Sheet helpers shared by the xlsx parsers (schwab-xlsx and allocation-xlsx import them). ----

/** A header row found in a sheet: its 0-based index into rows and a column lookup by trimmed name. */
export interface SheetHeader {
  index: number;
  col: Map<string, number>;
}

/** The first of the top `limit` rows whose cells include every name in `required` (reuses the CSV header finder). */
export function sheetHeader(rows: readonly Cell[][], required: readonly string[], limit: number): SheetHeader | null {
  const records = rows.slice(0, limit).map((cells, i) => ({ line: i + 1, cells: cells.map(sheetText) }));
  return findHeader(records, required, limit);
}

export { sheetText };

export function isBlankRow(row: readonly Cell[]): boolean {
  return row.every((c) => sheetText(c) === '');
}

/** A CUSIP read from a cell, and whether it had to be repaired from what Excel made of it. */
export interface CusipRead {
  id: string | undefined;
  repair: 'leading-zeros' | 'exponent' | null;
}

/**
 * Reads a CUSIP cell. Excel turns an all-digit CUSIP into a number and drops its leading zeros
 * (031162100 → 31162100), and reads one such as 87612E106 as 87612 × 10^106. Both are rebuilt,
 * and a rebuilt one is kept only if its check digit holds, so a guess never becomes a wrong id.
 * Text is kept as printed when it has the CUSIP shape.
 */
export function cusipFromCell(cell: Cell): CusipRead {
  if (typeof cell !== 'number') {
    const text = sheetText(cell).toUpperCase();
    return { id: /^[0-9A-Z]{9}$/.test(text) ? text : undefined, repair: null };
  }
  if (Number.isInteger(cell) && cell >= 0 && cell < 1e9) {
    const padded = String(cell).padStart(9, '0');
    return cusipCheckDigitHolds(padded) ? { id: padded, repair: cell < 1e8 ? 'leading-zeros' : null } : { id: undefined, repair: null };
  }
  const rebuilt = exponentForms(cell).filter(cusipCheckDigitHolds);
  return rebuilt.length === 1 ? { id: rebuilt[0], repair: 'exponent' } : { id: undefined, repair: null };
}

/** `cusipFromCell`, recording any repair (with `where` it was) in `repairs` for the file's notes. */
export function readCusip(cell: Cell, where: string, repairs: string[]): string | undefined {
  const { id, repair } = cusipFromCell(cell);
  if (repair) repairs.push(`${id} (${where}: ${repair === 'exponent' ? `Excel had read it as ${String(cell)}` : 'leading zeros lost'})`);
  return id;
}

/** One note listing the CUSIPs rebuilt by `cusipFromCell`, or none. */
export function cusipRepairNotes(repairs: readonly string[]): string[] {
  if (repairs.length === 0) return [];
  return [`${repairs.length} CUSIPs stored as numbers were rebuilt (check digit verified): ${repairs.join('; ')}.`];
}

/** Every 9-character "<digits>E<digits>" text that Excel would read as `value`. */
function exponentForms(value: number): string[] {
  const m = /^(\d)(?:\.(\d+))?e\+(\d+)$/.exec(value.toExponential());
  if (!m) return [];
  const digits = `${m[1]}${m[2] ?? ''}`;
  const exponent = Number(m[3]);
  const forms: string[] = [];
  for (let before = digits.length; before <= 7; before++) {
    for (let zeros = 0; digits.length + zeros <= before; zeros++) {
      const power = exponent - (digits.length - 1) - zeros;
      const after = 8 - before;
      if (power < 0 || String(power).length > after) continue;
      forms.push(`${`${digits}${'0'.repeat(zeros)}`.padStart(before, '0')}E${String(power).padStart(after, '0')}`);
    }
  }
  return forms;
}

/** A SEDOL cell: seven characters; one stored as a number lost its leading zeros, so it is padded back. */
export function sedolFromCell(cell: Cell): string | undefined {
  const text = typeof cell === 'number' && Number.isInteger(cell) && cell >= 0 ? String(cell).padStart(7, '0') : sheetText(cell).toUpperCase();
  return /^[0-9A-Z]{7}$/.test(text) ? text : undefined;
}
