import { cusipCheckDigitHolds } from './check-digits.ts';
import type { CsvRecord } from './csv.ts';
import { sheetText, type Cell } from './doc.ts';
import type { Layout } from './table-layout.ts';
import type { Identifiers } from './types.ts';

/**
 * Identifiers in a sheet's typed cells, for the issuers whose workbooks Excel has been at
 * (SPDR, Schwab): an all-digit CUSIP or SEDOL stored as a number lost its leading zeros, a CUSIP
 * such as 87612E106 became a number in E-notation. Each is rebuilt, and kept only where its check
 * digit holds.
 */

/** A sheet row's CUSIP (the CUSIP or Identifier column) and SEDOL, repairs recorded with the holding's name and row for the notes. */
export function sheetIds(record: CsvRecord, layout: Layout, repairs: string[]): Identifiers {
  const at = (j: number | undefined): Cell => (j === undefined ? null : (record.raw?.[j] ?? null));
  const name = (record.cells[layout.col.get('name') ?? -1] ?? '').trim();
  const ids: Identifiers = {};
  const cusip = readCusip(at(layout.col.get('cusip') ?? layout.col.get('identifier')), `${name}, row ${record.line}`, repairs);
  if (cusip) ids.cusip = cusip;
  const sedol = layout.col.has('sedol') ? sedolFromCell(at(layout.col.get('sedol'))) : undefined;
  if (sedol) ids.sedol = sedol;
  return ids;
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
