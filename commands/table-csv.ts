import type { ViewTable } from './view.ts';

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
