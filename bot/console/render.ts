import type { Tone, View } from '../../commands/view.ts';
import { displayWidth, pad, renderTable } from '../text-table.ts';

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
