import type { Lang } from '../../commands/context.ts';
import type { Tone, View, ViewField } from '../../commands/view.ts';
import { renderTable } from '../text-table.ts';
import { m, t } from '../../commands/messages.ts';
import { encodeAction, encodeCsvAction } from './actions.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { sm } from './messages.ts';
import { escapeMrkdwn, fitEscaped, fitLines, fitPlain, markdownToMrkdwn } from './mrkdwn.ts';

/*
 * View → Block Kit. Pure: the same View gives the same JSON, and every cut to Slack's limits
 * (limits.ts) happens here, with a note saying how much was left out. All text that reaches a
 * mrkdwn object is escaped and marked `verbatim`, so neither `<!channel>` nor a bare `@here` in a
 * fund name or argument can notify anyone.
 */

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: true;
}
export interface SlackButton {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  style?: 'primary';
}
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'section'; fields: MrkdwnText[] }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'actions'; elements: SlackButton[] }
  | { type: 'divider' };

export interface SlackMessage {
  blocks: SlackBlock[];
  /** Plain fallback for notifications and screen readers. */
  text: string;
  response_type: 'ephemeral' | 'in_channel';
}

const TONE_MARK: Record<Tone, string> = {
  info: 'ℹ️',
  low: '🟢',
  moderate: '🟡',
  high: '🟠',
  extreme: '🔴',
  warning: '⚠️',
  error: '⚠️',
};

export const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });
export const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true });
const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(text) });

/** Text objects must hold at least one character. */
const nonEmpty = (text: string): string => (text.trim() === '' ? '—' : text);

/** One field as mrkdwn: bold name, then its (possibly multi-line) value, within `max`. */
function fieldText(field: ViewField, max: number, lang: Lang): string {
  const name = `*${fitEscaped(field.name, 200)}*`;
  const lines = nonEmpty(field.value).split('\n').map(escapeMrkdwn);
  return `${name}\n${fitLines(lines, max - name.length - 1, (n) => sm.moreLines(lang, n))}`;
}

/** Inline fields share a two-column section (≤ 10 a section); the others get a section each. */
function fieldBlocks(fields: readonly ViewField[], lang: Lang): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let row: MrkdwnText[] = [];
  const flush = () => {
    if (row.length) blocks.push({ type: 'section', fields: row });
    row = [];
  };
  for (const field of fields) {
    if (field.inline) {
      row.push(mrkdwn(fieldText(field, L.fieldText, lang)));
      if (row.length === L.sectionFields) flush();
    } else {
      flush();
      blocks.push(section(fieldText(field, L.sectionText, lang)));
    }
  }
  flush();
  return blocks;
}

const FENCE = '```';

/**
 * A table as preformatted text: columns aligned by display width (CJK counts double), split into
 * as many sections as its rows need; each section holds whole rows inside its own code fence.
 */
function tableBlocks(view: View): SlackBlock[] {
  const table = view.table;
  if (!table || table.rows.length === 0) return [];
  const lines = renderTable({ ...table, caption: undefined }).map(escapeMrkdwn);
  const blocks: SlackBlock[] = [];
  if (table.caption) blocks.push(section(fitEscaped(table.caption, L.sectionText)));
  const budget = L.sectionText - 2 * FENCE.length - 2;
  let chunk: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = raw.length > budget ? `${raw.slice(0, budget - 1)}…` : raw;
    if (chunk.length && length + 1 + line.length > budget) {
      blocks.push(section(`${FENCE}\n${chunk.join('\n')}\n${FENCE}`));
      chunk = [];
      length = 0;
    }
    length += (chunk.length ? 1 : 0) + line.length;
    chunk.push(line);
  }
  if (chunk.length) blocks.push(section(`${FENCE}\n${chunk.join('\n')}\n${FENCE}`));
  return blocks;
}

/** Markdown split into sections on line boundaries. */
function markdownBlocks(markdown: string | undefined, lang: Lang): SlackBlock[] {
  if (!markdown?.trim()) return [];
  const lines = markdownToMrkdwn(markdown).split('\n');
  const blocks: SlackBlock[] = [];
  let chunk: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (chunk.length && length + 1 + line.length > L.sectionText) {
      blocks.push(section(nonEmpty(chunk.join('\n'))));
      chunk = [];
      length = 0;
    }
    chunk.push(line.length > L.sectionText ? fitLines([line], L.sectionText, (n) => sm.moreLines(lang, n)) : line);
    length += (chunk.length > 1 ? 1 : 0) + chunk[chunk.length - 1]!.length;
  }
  if (chunk.some((l) => l.trim())) blocks.push(section(chunk.join('\n')));
  return blocks;
}

/** Buttons for lesson and command actions, then the CSV button of a card with a table, 25 to an actions block. */
function actionBlocks(view: View, origin: RenderOptions['origin']): SlackBlock[] {
  const used = new Set<string>();
  const buttons: SlackButton[] = [];
  for (const action of view.actions ?? []) {
    const ids = encodeAction(action, used);
    if (!ids) continue;
    const style = action.kind === 'command' && action.style === 'primary' ? { style: 'primary' as const } : {};
    buttons.push({ type: 'button', text: plain(fitPlain(nonEmpty(action.label), L.buttonText)), ...ids, ...style });
  }
  const csv = origin && view.table?.rows.length && !view.ephemeral ? encodeCsvAction(origin, used) : undefined;
  if (csv) buttons.push({ type: 'button', text: plain(t(view.lang, m.csvButton())), ...csv });
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += L.actionsElements) blocks.push({ type: 'actions', elements: buttons.slice(i, i + L.actionsElements) });
  return blocks;
}

/** Sources and the footer, in small print under the card. */
function contextBlock(view: View): SlackBlock[] {
  const elements: MrkdwnText[] = [];
  if (view.sources.length) {
    const lines = view.sources.map((s) => escapeMrkdwn(sm.source(view.lang, s)));
    elements.push(mrkdwn(fitLines(lines, L.contextText, (n) => sm.moreLines(view.lang, n))));
  }
  if (view.footer?.trim()) elements.push(mrkdwn(fitEscaped(view.footer, L.contextText)));
  return elements.length ? [{ type: 'context', elements: elements.slice(0, L.contextElements) }] : [];
}

/** Notification text: title, summary and the inline figures, escaped. */
function fallbackText(view: View): string {
  const figures = (view.fields ?? []).filter((f) => f.inline).map((f) => `${f.name}: ${f.value.replace(/\n/g, ', ')}`);
  const text = [view.title, view.summary, figures.join(' · ')].filter((x): x is string => Boolean(x?.trim())).join('\n');
  return fitEscaped(nonEmpty(text), L.fallbackText);
}

export interface RenderOptions {
  maxBlocks?: number;
  /** The invocation behind the card, as text args: a card with a table gets a CSV button that re-runs it. */
  origin?: { command: string; args: string };
}

/** View → Slack message: blocks within limits, a plain fallback, and who sees it. */
export function renderSlack(view: View, limits: RenderOptions = {}): SlackMessage {
  const lang = view.lang;
  const maxBlocks = Math.min(limits.maxBlocks ?? L.messageBlocks, L.messageBlocks);
  const head: SlackBlock[] = [{ type: 'header', text: plain(fitPlain(`${TONE_MARK[view.tone]} ${nonEmpty(view.title)}`, L.headerText)) }];
  const body: SlackBlock[] = [];
  if (view.summary?.trim()) body.push(section(fitEscaped(view.summary, L.sectionText)));
  body.push(...fieldBlocks(view.fields ?? [], lang));
  body.push(...tableBlocks(view));
  body.push(...markdownBlocks(view.markdown, lang));
  if (view.warnings?.length) {
    const lines = view.warnings.map((w) => `⚠️ ${escapeMrkdwn(w)}`);
    body.push(section(fitLines(lines, L.sectionText, (n) => sm.moreLines(lang, n))));
  }
  let tail: SlackBlock[] = [...actionBlocks(view, limits.origin), ...contextBlock(view)];
  // Buttons and sources are kept over body text; a card with absurdly many buttons loses buttons last.
  tail = tail.slice(Math.max(0, tail.length - (maxBlocks - head.length - 1)));
  const room = maxBlocks - head.length - tail.length;
  const kept = body.length <= room ? body : [...body.slice(0, room - 1), section(escapeMrkdwn(sm.moreBlocks(lang, body.length - room + 1)))];
  return {
    blocks: [...head, ...kept, ...tail],
    text: fallbackText(view),
    response_type: view.ephemeral ? 'ephemeral' : 'in_channel',
  };
}
