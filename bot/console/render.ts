import type { Tone, View, ViewTable } from '../../commands/view.ts';

const TONE_MARK: Record<Tone, string> = {
  info: 'ℹ',
  low: '●',
  moderate: '●',
  high: '●',
  extreme: '●',
  warning: '⚠',
  error: '⚠',
};
const TONE_COLOUR: Record<Tone, number> = { info: 36, low: 32, moderate: 33, high: 31, extreme: 35, warning: 33, error: 31 };

/** Display width in a terminal: East Asian wide and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) || code >= 0x1f300 ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
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

/**
 * View → terminal text. Pure: the same View gives the same text. `colour` adds ANSI colour to the
 * title line only, so piped output stays plain.
 */
export function renderConsole(view: View, options: { colour?: boolean } = {}): string {
  const mark = TONE_MARK[view.tone];
  const title = `${mark} ${view.title}`;
  const out: string[] = [options.colour ? `\u001b[1;${TONE_COLOUR[view.tone]}m${title}\u001b[0m` : title];
  if (view.summary) out.push(view.summary);
  if (view.fields?.length) {
    out.push('');
    const nameWidth = Math.min(40, Math.max(...view.fields.map((f) => displayWidth(f.name))));
    for (const field of view.fields) {
      const [first = '', ...rest] = field.value.split('\n');
      out.push(`${pad(field.name, nameWidth, 'left')}  ${first}`);
      for (const more of rest) out.push(`${' '.repeat(nameWidth)}  ${more}`);
    }
  }
  if (view.table && view.table.rows.length > 0) out.push('', ...renderTable(view.table));
  if (view.markdown) out.push('', view.markdown);
  if (view.warnings?.length) out.push('', ...view.warnings.map((w) => `⚠ ${w}`));
  if (view.actions?.length) {
    out.push('', ...view.actions.map((a) => (a.kind === 'lesson' ? `→ /lesson ${a.id}  (${a.label})` : `→ /${a.command} ${a.args}  (${a.label})`)));
  }
  if (view.sources.length) {
    const ja = view.lang === 'ja';
    out.push(
      '',
      ...view.sources.map((s) =>
        ja
          ? `出典：${s.fund} — ${s.issuer}、${s.file}、基準日 ${s.asOf ?? '不明'}`
          : `Source: ${s.fund} — ${s.issuer}, ${s.file}, as of ${s.asOf ?? 'unknown'}`,
      ),
    );
  }
  if (view.footer) out.push(view.footer);
  return out.join('\n');
}
