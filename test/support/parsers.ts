import type { Doc } from '../../holdings/doc.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';

/** A decoded text file, as readDoc would hand it to a parser. */
export function textDoc(file: string, text: string): Doc {
  return { kind: 'text', file, encoding: 'utf-8', text };
}

/** Runs `run` and returns the HoldingsFileError it throws; fails the test if it throws nothing. */
export function fileError(run: () => unknown): HoldingsFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof HoldingsFileError) return error;
    throw error;
  }
  throw new Error('expected a HoldingsFileError, but nothing was thrown');
}

/** A plain CSV line splitter for the independent re-computations (quotes may hold commas, as in "$727,247,902.97"); nothing from the product code. */
export function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

