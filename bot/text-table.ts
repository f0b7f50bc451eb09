/**
 * Fixed-width text tables, shared by every surface: the console prints them, Discord and Slack
 * put them in code blocks. Here, beside the adapters, so that none of them imports another.
 */
import { displayWidth } from '../commands/format.ts';
import type { ViewTable } from '../commands/view.ts';

/** Display width in a terminal (East Asian wide characters take two columns): one definition, in commands/format.ts. */
export { displayWidth };

export function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** A table with aligned columns: numbers right, names left. */
export function renderTable(table: ViewTable): string[] {
  const widths = table.columns.map((c, i) => Math.max(displayWidth(c.label), ...table.rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i]!, table.columns[i]!.align)).join('  ').trimEnd();
  const out: string[] = [];
  if (table.caption) out.push(table.caption);
  out.push(line(table.columns.map((c) => c.label)));
  out.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of table.rows) out.push(line(row));
  return out;
}
