import { parse } from 'csv-parse/sync';
import { HoldingsFileError } from './errors.ts';

/** A CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Parses CSV text into records that remember their line numbers. Mixed line endings are
 * folded to "\n" first (Vanguard's VT mixes CRLF and LF); rows may have any number of columns
 * (issuers put one-column notes after the table). Bad quoting throws with the line.
 */
export function csvRecords(file: string, text: string): CsvRecord[] {
  const normalised = text.replace(/\r\n?/g, '\n');
  try {
    const rows = parse(normalised, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number; records: number } }[];
    // info.lines is the line the record ends on; a record spanning lines is rare here, so count back from it.
    return rows.map(({ record, info }) => ({ line: info.lines - newlines(record), cells: record }));
  } catch (error) {
    const err = error as { lines?: number; message?: string };
    throw new HoldingsFileError(file, err.lines ?? null, 'well-formed CSV', err.message ?? String(error));
  }
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
