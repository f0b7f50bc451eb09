import Papa from 'papaparse';
import type { Cell, Doc } from './doc.ts';
import { HoldingsFileError } from './errors.ts';

/** A CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
  /** A sheet row's typed cells (a number, a Date), where the table is a sheet: what text loses (a CUSIP stored as a number). */
  raw?: readonly Cell[];
}

/**
 * Parses CSV text into records that remember their line numbers, with papaparse (a full RFC 4180
 * reader, ~15× faster than csv-parse on Vanguard's 1 MB VT file). Mixed line endings are folded
 * to "\n" first (VT mixes CRLF and LF); rows may have any number of columns (issuers put
 * one-column notes after the table). A quote left open throws with its line, unless `lenient`
 * (detection reads the first lines only and leaves damage for the parser to report).
 */
export function csvRecords(file: string, text: string, lenient = false): CsvRecord[] {
  const normalised = text.replace(/\r\n?/g, '\n');
  const result = Papa.parse<string[]>(normalised, { delimiter: ',', newline: '\n', quoteChar: '"', skipEmptyLines: false });
  const records: CsvRecord[] = [];
  let line = 1;
  for (const cells of result.data) {
    records.push({ line, cells });
    line += 1 + newlines(cells);
  }
  // Papaparse adds an empty record for the final newline; a file's last line has none after it.
  if (normalised.endsWith('\n') && records.length > 0 && isBlank(records[records.length - 1]!)) records.pop();
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError && !lenient) {
    const at = quoteError.row === undefined ? null : (records[quoteError.row]?.line ?? null);
    throw new HoldingsFileError(file, at, 'well-formed CSV (every opening quote closed)', quoteError.message);
  }
  return records;
}

function newlines(record: readonly string[]): number {
  let n = 0;
  for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

/** True for a record whose cells are all blank (",,,,,," or an empty line). */
export function isBlank(record: CsvRecord): boolean {
  return record.cells.every((c) => c.trim() === '');
}

/**
 * Finds the header row: the first record whose trimmed cells include every name in `required`.
 * Returns its index in `records` and a column lookup by name.
 */
export function findHeader(records: readonly CsvRecord[], required: readonly string[], limit = 40): { index: number; col: Map<string, number> } | null {
  for (let i = 0; i < Math.min(records.length, limit); i++) {
    const cells = records[i]!.cells.map((c) => c.trim());
    if (required.every((name) => cells.includes(name))) {
      return { index: i, col: new Map(cells.map((c, j) => [c, j])) };
    }
  }
  return null;
}

/** The text of a CSV doc, or a HoldingsFileError saying a spreadsheet reached a CSV layout. */
export function requireText(doc: Doc, layout: string): string {
  if (doc.kind !== 'text') throw new HoldingsFileError(doc.file, null, `${layout} (text) file`, `a spreadsheet (sheet "${doc.sheet}")`);
  return doc.text;
}

/** A table row must have as many cells as its header; fewer means the file was cut or damaged. */
export function requireWidth(file: string, record: CsvRecord, header: CsvRecord): void {
  if (record.cells.length < header.cells.length) {
    throw new HoldingsFileError(
      file,
      record.line,
      `${header.cells.length} cells, as in the header on line ${header.line}`,
      `${record.cells.length} cells: ${record.cells.join(',')}`,
    );
  }
}
