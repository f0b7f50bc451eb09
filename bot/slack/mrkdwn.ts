/**
 * Slack mrkdwn helpers. Slack reads `<…>` as a control sequence (`<!channel>`, `<@U123>`,
 * `<#C123>`, `<https://…|label>`), so every piece of text we did not write ourselves goes
 * through `escapeMrkdwn` first; Slack shows `&lt;` as `<` but never acts on it.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes the three characters Slack asks apps to escape; nothing else is touched. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (ch) => ENTITIES[ch]!);
}

const ELLIPSIS = '…';

/**
 * Escapes `text` and cuts it to at most `max` characters (UTF-16 units, as Slack counts), ending
 * in "…" when cut. Cuts on the raw text so an entity such as `&amp;` is never split in half, and
 * never between the two halves of a surrogate pair.
 */
export function fitEscaped(text: string, max: number): string {
  const whole = escapeMrkdwn(text);
  if (whole.length <= max) return whole;
  let out = '';
  for (const ch of text) {
    const piece = ENTITIES[ch] ?? ch;
    if (out.length + piece.length + ELLIPSIS.length > max) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/** Cuts plain text (not parsed by Slack: headers, button labels) to `max`, ending in "…". */
export function fitPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length + ELLIPSIS.length > max) break;
    out += ch;
  }
  return out + ELLIPSIS;
}

/**
 * Joins already-escaped lines with "\n" within `max` characters. Lines that do not fit are
 * dropped from the end and replaced by `more(n)`, so the reader knows how many are missing.
 * A single line longer than the budget is cut with "…".
 */
export function fitLines(lines: readonly string[], max: number, more: (n: number) => string): string {
  const joined = lines.join('\n');
  if (joined.length <= max) return joined;
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const tail = more(lines.length - i - 1);
    const add = (kept.length ? 1 : 0) + line.length;
    // Keep this line only if the "…and N more" for what follows still fits after it.
    if (length + add + 1 + tail.length > max) {
      if (kept.length === 0) return `${fitEscapedLine(line, max - 1 - more(lines.length - 1).length)}\n${more(lines.length - 1)}`;
      return `${kept.join('\n')}\n${more(lines.length - i)}`;
    }
    kept.push(line);
    length += add;
  }
  return kept.join('\n');
}

/** Cuts an already-escaped line without splitting an entity. */
function fitEscapedLine(line: string, max: number): string {
  if (line.length <= max) return line;
  let cut = Math.max(0, max - ELLIPSIS.length);
  const amp = line.lastIndexOf('&', cut);
  if (amp >= 0 && amp > cut - 5 && !line.slice(amp, cut).includes(';')) cut = amp;
  return line.slice(0, cut) + ELLIPSIS;
}

/**
 * The commands' light Markdown (`**bold**`, `[label](https://…)`, `# heading`) → Slack mrkdwn,
 * escaping first so nothing in the source can become a mention. Only http(s) links survive as links.
 */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/\[([^\]\n|]+)\]\((https?:\/\/[^\s)|]+)\)/g, '<$2|$1>');
}
