import type { Token, Tokens } from 'marked';
import { PLACEHOLDER_RE, parsePlaceholder, type Lesson, type Placeholder } from './load.ts';

/**
 * Lesson Markdown → page text for each surface, from the lexer's tokens (never marked's HTML
 * renderer, so no raw HTML can reach a chat). Each target gets its own syntax:
 * - discord: Discord Markdown (**bold**, _italic_, [text](url), ``` blocks for tables)
 * - slack: Slack mrkdwn (*bold*, _italic_, <url|text>, &amp; &lt; &gt; escaped)
 * - terminal: plain text, tables aligned by display width, links as "text (url)"
 */
export type RenderTarget = 'discord' | 'slack' | 'terminal';
export const RENDER_TARGETS: readonly RenderTarget[] = ['discord', 'slack', 'terminal'];

/** Fills one placeholder with text in the reader's language (including the fund and as-of date, or a "not loaded" phrase). */
export type FillPlaceholder = (placeholder: Placeholder) => string;

export interface RenderOptions {
  target: RenderTarget;
  fill: FillPlaceholder;
}

/** Characters that would start formatting in Discord Markdown if they came from plain text. */
const DISCORD_SPECIAL = /([*_~`\\])/g;
const SLACK_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function escapeText(text: string, target: RenderTarget): string {
  if (target === 'slack') return text.replace(/[&<>]/g, (ch) => SLACK_ENTITIES[ch]!);
  if (target === 'discord') return text.replace(DISCORD_SPECIAL, '\\$1');
  return text;
}

/** Replaces `{{kind FUND}}` with the filled value; the value is plain text and is escaped like any text. */
export function fillPlaceholders(text: string, fill: FillPlaceholder): string {
  return text.replace(PLACEHOLDER_RE, (whole, inner: string) => {
    const placeholder = parsePlaceholder(inner);
    return placeholder ? fill(placeholder) : whole.slice(2, -2).trim();
  });
}

/** HTML someone typed into a lesson: tags are dropped and the words kept, so nothing renders as markup. */
function stripHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const SAFE_URL = /^https?:\/\/[^\s<>|]+$/i;

/** Inline tokens → text in the target's syntax. */
export function renderInline(tokens: readonly Token[] | undefined, options: RenderOptions): string {
  if (!tokens) return '';
  const { target } = options;
  const inner = (t: { tokens?: Token[]; text?: string }) => (t.tokens ? renderInline(t.tokens, options) : escapeText(fillPlaceholders(t.text ?? '', options.fill), target));
  return tokens
    .map((token): string => {
      switch (token.type) {
        case 'text':
        case 'escape':
          return token.type === 'text' && token.tokens?.length ? renderInline(token.tokens, options) : escapeText(fillPlaceholders(decodeEntities(String(token.text)), options.fill), target);
        case 'strong':
          return target === 'terminal' ? inner(token) : target === 'slack' ? `*${inner(token)}*` : `**${inner(token)}**`;
        case 'em':
          return target === 'terminal' ? inner(token) : `_${inner(token)}_`;
        case 'del':
          return target === 'terminal' ? inner(token) : target === 'slack' ? `~${inner(token)}~` : `~~${inner(token)}~~`;
        case 'codespan': {
          // Code is shown literally: only the backticks that would close it are swapped.
          const code = decodeEntities(String(token.text)).replace(/`/g, 'ˋ');
          if (target === 'terminal') return code;
          return `\`${target === 'slack' ? code.replace(/[&<>]/g, (ch) => SLACK_ENTITIES[ch]!) : code}\``;
        }
        case 'br':
          return '\n';
        case 'link': {
          const link = token as Tokens.Link;
          const label = renderInline(link.tokens, options);
          if (!SAFE_URL.test(link.href)) return label;
          if (target === 'terminal') return label === link.href ? link.href : `${label} (${link.href})`;
          if (target === 'slack') return `<${link.href}|${label.replace(/\|/g, '¦')}>`;
          return `[${label.replace(/[[\]]/g, '')}](${link.href})`;
        }
        case 'image':
          return escapeText(String((token as Tokens.Image).text), target);
        case 'html':
          return escapeText(stripHtml(String(token.text)), target);
        case 'checkbox':
          return (token as Tokens.Checkbox).checked ? '[x] ' : '[ ] ';
        default:
          return 'tokens' in token && Array.isArray(token.tokens) ? renderInline(token.tokens, options) : escapeText(String(token.raw ?? ''), target);
      }
    })
    .join('');
}

/** marked keeps `&amp;` etc. as typed in text; we show characters and escape per target ourselves. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

/** Terminal columns: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) || ch.codePointAt(0)! >= 0x1f300 ? 2 : 1;
  return width;
}

/**
 * Tables: Discord and Slack have no table syntax, so the columns are aligned as plain text inside
 * a code block (monospace); the terminal gets the same lines without the fence.
 */
function renderTable(table: Tokens.Table, options: RenderOptions): string {
  const plain: RenderOptions = { ...options, target: 'terminal' };
  const header = table.header.map((cell) => renderInline(cell.tokens, plain));
  const rows = table.rows.map((row) => row.map((cell) => renderInline(cell.tokens, plain)));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const fill = ' '.repeat(Math.max(0, widths[i]! - displayWidth(cell)));
        return table.align[i] === 'right' ? fill + cell : cell + fill;
      })
      .join('  ')
      .trimEnd();
  const lines = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  if (options.target === 'terminal') return lines.join('\n');
  const body = lines.join('\n').replace(/`/g, 'ˋ');
  return `\`\`\`\n${options.target === 'slack' ? body.replace(/[&<>]/g, (ch) => SLACK_ENTITIES[ch]!) : body}\n\`\`\``;
}

function renderList(list: Tokens.List, options: RenderOptions, depth: number): string {
  const indent = '  '.repeat(depth);
  const start = typeof list.start === 'number' ? list.start : 1;
  return list.items
    .map((item, i) => {
      const bullet = list.ordered ? `${start + i}. ` : '• ';
      const parts = item.tokens.map((t) => (t.type === 'list' ? `\n${renderList(t as Tokens.List, options, depth + 1)}` : renderBlock(t, options, depth + 1)));
      const text = parts.join('').replace(/\n{2,}/g, '\n').trim();
      return `${indent}${bullet}${text.replace(/\n(?!\s*(?:•|\d+\.)\s)/g, `\n${indent}  `)}`;
    })
    .join('\n');
}

function renderBlock(token: Token, options: RenderOptions, depth = 0): string {
  const { target } = options;
  switch (token.type) {
    case 'space':
    case 'def':
      return '';
    case 'heading': {
      // Headings are shown bold as a whole; formatting inside would nest bold in bold, so it is flattened.
      const text = escapeText(renderInline(token.tokens, { ...options, target: 'terminal' }), target);
      return target === 'terminal' ? text : target === 'slack' ? `*${text}*` : `**${text}**`;
    }
    case 'paragraph':
    case 'text':
      return renderInline(token.tokens ?? [{ type: 'text', raw: String(token.text), text: String(token.text) }], options);
    case 'list':
      return renderList(token as Tokens.List, options, depth);
    case 'table':
      return renderTable(token as Tokens.Table, options);
    case 'blockquote': {
      const inner = renderBlocks((token as Tokens.Blockquote).tokens, options);
      const mark = target === 'terminal' ? '│ ' : '> ';
      return inner
        .split('\n')
        .map((l) => mark + l)
        .join('\n');
    }
    case 'code': {
      const code = String(token.text).replace(/```/g, 'ˋˋˋ');
      if (target === 'terminal') return code.split('\n').map((l) => `    ${l}`).join('\n');
      return `\`\`\`\n${target === 'slack' ? code.replace(/[&<>]/g, (ch) => SLACK_ENTITIES[ch]!) : code}\n\`\`\``;
    }
    case 'hr':
      return '────────';
    case 'html':
      return escapeText(stripHtml(String(token.text)).trim(), target);
    default:
      return 'tokens' in token && Array.isArray(token.tokens) ? renderInline(token.tokens, options) : escapeText(String(token.raw ?? ''), target);
  }
}

/** Block tokens → text, blocks separated by a blank line. */
export function renderBlocks(tokens: readonly Token[], options: RenderOptions): string {
  return tokens
    .map((t) => renderBlock(t, options))
    .filter((s) => s.trim() !== '')
    .join('\n\n')
    .trim();
}

export interface RenderedPage {
  /** The section heading, filled, as plain text (for titles and buttons). */
  heading: string;
  /** The page in the target's syntax, starting with the heading. */
  text: string;
}

/** One page (0-based section index) of a lesson for one target. */
export function renderPage(lesson: Lesson, index: number, options: RenderOptions): RenderedPage {
  const section = lesson.sections[index];
  if (!section) throw new RangeError(`${lesson.file} has ${lesson.sections.length} pages; page ${index + 1} does not exist`);
  const heading = renderInline(section.headingTokens, { ...options, target: 'terminal' });
  const headingText = renderBlock({ type: 'heading', raw: section.heading, depth: 2, text: section.heading, tokens: section.headingTokens }, options);
  const body = renderBlocks(section.tokens, options);
  return { heading, text: body ? `${headingText}\n\n${body}` : headingText };
}

/** The "try it" line without its label, in the target's syntax. */
export function renderTryIt(lesson: Lesson, options: RenderOptions): string | null {
  return lesson.tryIt ? renderInline(lesson.tryIt.tokens, options).trim() : null;
}
