import { sourceDate, sourceWhen } from '../../commands/card-parts.ts';
import { clip, displayWidth } from '../../commands/format.ts';
import type { Tone, View, ViewAction, ViewTable } from '../../commands/view.ts';
import { pad, renderTable } from '../text-table.ts';

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


/** The console's width unless told (a terminal's own width, 40–120, in the chat): every line of a card fits it. */
export const CONSOLE_WIDTH = 80;
/** Field names wider than this go on a line of their own, so values keep room. */
const NAME_WIDTH = 24;

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Characters a line never starts with (kinsoku): closing brackets, commas and stops, small kana, the long-vowel mark. */
const NO_START = /[)\]}）］｝〕〉》」』】、。，．・：；！？!?,.:;%％ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々…‥]/u;
/** Characters a line never ends with: opening brackets. */
const NO_END = /[(\[{（［｛〔〈《「『【]/u;

/**
 * Whether a line may break between `a` and `b`: after a space, or beside an East Asian wide
 * character (Japanese has no spaces), unless `b` may not start a line or `a` may not end one.
 * Two ASCII characters are never split, so a ticker, a word or a number stays whole.
 */
function breakBetween(a: string, b: string): boolean {
  if (a === ' ') return b !== ' ';
  if (b === ' ' || NO_START.test(b) || NO_END.test(a)) return false;
  return WIDE.test(a) || WIDE.test(b);
}

/** Text cut where lines may break: each piece is kept whole on a line when it fits. */
function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  let prev = '';
  for (const ch of text) {
    if (piece && breakBetween(prev, ch)) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
    prev = ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * Wraps one line to `width` display columns, breaking only where `breakBetween` allows (kinsoku
 * for Japanese, never inside an ASCII word or number); `indent` starts every continuation line.
 * A single word wider than the line is cut, as nothing else would fit it.
 */
export function wrapLine(text: string, width: number, indent = ''): string[] {
  if (displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let line = '';
  for (const piece of breakPieces(text)) {
    if (displayWidth(line + piece.trimEnd()) <= width || line.trim() === '') {
      line += piece;
      continue;
    }
    out.push(line.trimEnd());
    line = indent + piece.trimStart();
  }
  // Words wider than a whole line: cut by width.
  const lines = [...out, line.trimEnd()].flatMap((l) => (displayWidth(l) <= width ? [l] : hardCut(l, width, indent)));
  return lines.filter((l, i) => i === 0 || l.trim() !== '');
}

/** A word wider than a line is cut after its last `|` or `,` that fits (a usage's list of choices), else at the width. */
function hardCut(text: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (displayWidth(line + ch) > width && line.trim() !== '') {
      const at = Math.max(line.lastIndexOf('|'), line.lastIndexOf(','));
      const cut = at > indent.length ? at + 1 : line.length;
      out.push(line.slice(0, cut));
      line = indent + line.slice(cut);
    }
    line += ch;
  }
  out.push(line);
  return out;
}

/** Shortens the widest left-aligned column (names) with an ellipsis until the table fits `width`. */
function fitTable(table: ViewTable, width: number): ViewTable {
  const rows = table.rows.map((r) => [...r]);
  const widths = () => table.columns.map((c, i) => Math.max(displayWidth(c.label), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  for (let guard = 0; guard < 200; guard++) {
    const w = widths();
    const total = w.reduce((a, b) => a + b, 0) + 2 * (w.length - 1);
    if (total <= width) break;
    const left = table.columns.map((c, i) => (c.align === 'left' ? i : -1)).filter((i) => i >= 0);
    const widest = left.sort((a, b) => w[b]! - w[a]!)[0];
    if (widest === undefined || w[widest]! <= 8) break;
    const target = Math.max(8, w[widest]! - (total - width));
    for (const r of rows) r[widest] = clip(r[widest] ?? '', target);
  }
  return { ...table, rows };
}

/**
 * A table in `width` columns. A table of words only (every column left-aligned, as /help's usage
 * and description) that does not fit is listed instead, each row's first cell on a line and the
 * rest wrapped under it, so nothing is cut; tables of figures shorten their names instead.
 */
function tableLines(table: ViewTable, width: number): string[] {
  const lines = renderTable(table);
  if (lines.every((l) => displayWidth(l) <= width)) return lines;
  if (table.columns.some((c) => c.align !== 'left')) return renderTable(fitTable(table, width));
  const out = table.caption ? [table.caption] : [];
  for (const [first = '', ...rest] of table.rows) out.push(...wrapLine(first, width, '  '), ...rest.flatMap((cell) => wrapLine(`    ${cell}`, width, '    ')));
  return out;
}

/**
 * View → terminal text, every line at most `width` (80) columns. Pure: the same View gives the same text.
 * `colour` adds ANSI colour to the title line only, so piped output stays plain; `chat` says the
 * console chat is reading, where `/more` runs the "rest of this card" action.
 */
export function renderConsole(view: View, options: { colour?: boolean; chat?: boolean; width?: number } = {}): string {
  const W = options.width ?? CONSOLE_WIDTH;
  const mark = TONE_MARK[view.tone];
  const titleLines = wrapLine(`${mark} ${view.title}`, W, '  ');
  const out: string[] = options.colour ? titleLines.map((l) => `\u001b[1;${TONE_COLOUR[view.tone]}m${l}\u001b[0m`) : titleLines;
  const para = (text: string, indent = '') => text.split('\n').flatMap((l) => wrapLine(l, W, indent));
  if (view.summary) out.push(...para(view.summary));
  if (view.fields?.length) {
    out.push('');
    const nameWidth = Math.min(NAME_WIDTH, Math.max(...view.fields.map((f) => displayWidth(f.name))));
    const hang = ' '.repeat(nameWidth + 2);
    for (const field of view.fields) {
      const values = field.value.split('\n');
      if (displayWidth(field.name) > nameWidth) {
        out.push(...wrapLine(field.name, W));
        for (const v of values) out.push(...wrapLine(`${hang}${v}`, W, hang));
        continue;
      }
      values.forEach((v, i) => out.push(...wrapLine(`${i === 0 ? pad(field.name, nameWidth, 'left') : ' '.repeat(nameWidth)}  ${v}`, W, hang)));
    }
  }
  if (view.table && view.table.rows.length > 0) out.push('', ...tableLines(view.table, W));
  if (view.markdown) out.push('', ...para(view.markdown));
  // Warnings, actions, sources and footer form one block under a single blank line: cards stay short.
  out.push('');
  if (view.warnings?.length) out.push(...view.warnings.flatMap((w) => wrapLine(`⚠ ${w}`, W, '  ')));
  // A quiz answer carries the option itself, not its place in this reader's order: in the chat the
  // reader types the number shown beside the option, so its command is not printed; elsewhere its
  // label loses the shown number, which the command's own number need not match.
  const answer = (a: ViewAction) => a.kind === 'command' && a.command === 'quiz' && /^answer /.test(a.args);
  const actions = (view.actions ?? []).filter((a) => !(options.chat && answer(a)));
  if (actions.length) {
    const commands = actions.map((a) => (a.kind === 'lesson' ? `/lesson ${a.id}` : a.more && options.chat ? '/more' : `/${a.command} ${a.args}`));
    const oneLine = `→ ${commands.join('   ')}`;
    // One line of commands when they fit; else one per line with what each does.
    if (actions.length > 1 && displayWidth(oneLine) <= W) out.push(oneLine);
    else out.push(...actions.flatMap((a, i) => wrapLine(`→ ${commands[i]}  (${answer(a) ? a.label.replace(/^\d+\.\s*/, '') : a.label})`, W, '  ')));
  }
  if (view.sources.length) {
    out.push(...view.sources.flatMap((s) => wrapLine(sourceText(view.lang, s, W), W, '  ')));
  }
  if (view.footer) out.push(...para(view.footer));
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function sourceText(lang: 'en' | 'ja', s: View['sources'][number], width: number): string {
  const full = lang === 'ja' ? `出典：${s.fund} — ${s.issuer}、${s.file}、${sourceWhen(lang, s)}` : `Source: ${s.fund} — ${s.issuer}, ${s.file}, ${sourceWhen(lang, s)}`;
  if (displayWidth(full) <= width) return full;
  // Long issuer file names: the same facts, shorter, so the line still fits.
  return lang === 'ja' ? `出典：${s.fund}、${s.issuer}、${s.file}、${sourceDate(lang, s)}` : `Source: ${s.fund}, ${s.issuer}, ${s.file}, ${sourceDate(lang, s)}`;
}
