import { sourceWhen } from './card-parts.ts';
import { m, t } from './messages.ts';
import type { View, ViewTable } from './view.ts';

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
function field(text: string): string {
  // A leading = + - @ would be read as a formula by spreadsheets: a quote mark keeps it text.
  const safe = /^[=+\-@]/.test(text) && !/^[+-]?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A card's table as CSV: header line, then one line per row, CRLF line ends. Same cells the card shows. */
export function tableToCsv(table: ViewTable): string {
  return [table.columns.map((c) => c.label), ...table.rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/**
 * The byte-order mark Excel needs to read a CSV file as UTF-8: without it, Excel on Windows
 * opens 銘柄名 and sector names as cp932 mojibake. csv-parse and Numbers skip it.
 */
export const UTF8_BOM = '\uFEFF';

/** A card's table as a CSV file: what `--csv` prints and what Discord and Slack attach, byte for byte. */
export interface CsvFile {
  /** `<fund>-<command>-<asof>.csv`, e.g. `VT-hhi-2026-06-30.csv`. */
  name: string;
  /** UTF-8 with a BOM, CRLF line ends. */
  bytes: Buffer;
  rows: number;
  /**
   * What goes with the file on chat: its name and row count, and each fund's issuer, file and
   * as-of date (a CSV has no place for them, and every figure names its source).
   */
  message: string;
}

/** Letters, digits, `.`, `+` and `-` only: a file name every OS and chat keeps as it is. */
const safePart = (s: string) => s.replace(/[^A-Za-z0-9.+-]+/g, '_').replace(/^[._]+|_+$/g, '') || 'x';

/**
 * The fund part of a CSV file name: the card's funds joined by "+" (VT+QQQ for an overlap);
 * more than three (a /holders card lists every fund holding a company) → "<n>-funds".
 */
function fundPart(view: View): string {
  const funds = [...new Set(view.sources.map((s) => s.fund))];
  if (funds.length === 0) return 'topheavy';
  return funds.length > 3 ? `${funds.length}-funds` : funds.map(safePart).join('+');
}

/** The newest as-of date among the card's sources (else the newest stored date of an undated file), or "undated". */
function asOfPart(view: View): string {
  const dated = view.sources.map((s) => s.asOf).filter((d): d is string => Boolean(d));
  const stored = view.sources.map((s) => s.stored).filter((d): d is string => Boolean(d));
  const newest = (list: string[]) => [...list].sort().at(-1);
  return safePart(newest(dated) ?? (stored.length ? `stored-${newest(stored)}` : 'undated'));
}

/**
 * The CSV file of a card's table, or null when the card has none (or is an error). Pure; the
 * console prints `bytes`, Discord attaches them to the interaction response, Slack uploads them.
 */
export function csvFileOf(view: View, command: string): CsvFile | null {
  if (!view.table || view.table.rows.length === 0 || view.tone === 'error') return null;
  const file: CsvFile = {
    name: `${fundPart(view)}-${safePart(command.toLowerCase())}-${asOfPart(view)}.csv`,
    bytes: Buffer.from(UTF8_BOM + tableToCsv(view.table), 'utf8'),
    rows: view.table.rows.length,
    message: '',
  };
  file.message = [t(view.lang, m.csvReady(file.name, file.rows)), ...view.sources.map((s) => t(view.lang, m.csvSource(s.fund, s.issuer, s.file, sourceWhen(view.lang, s))))].join('\n');
  return file;
}
