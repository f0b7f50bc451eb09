import { sourceWhen } from '../../commands/card-parts.ts';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import { m, t } from '../../commands/messages.ts';
import type { Tone, View, ViewTable } from '../../commands/view.ts';
import { renderTable } from '../text-table.ts';
import { encodeCustomId } from './custom-id.ts';
import { clip, escapeCodeBlock, escapeMentions } from './escape.ts';
import { DISCORD_LIMITS as L, EPHEMERAL, TABLE_PAGE_ROWS } from './limits.ts';
import { dm } from './messages.ts';

/** Colour by verdict: green = spread out … purple = extremely concentrated; red only for errors. */
export const TONE_COLOUR: Record<Tone, number> = {
  info: 0x5865f2,
  low: 0x57f287,
  moderate: 0xfee75c,
  high: 0xe67e22,
  extreme: 0x9b59b6,
  warning: 0xfaa61a,
  error: 0xed4245,
};

/** A message body: the `data` of an interaction response, or a webhook edit. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  flags: number;
  allowed_mentions: { parse: [] };
  /**
   * Files this message carries (`id` = the index of `files[n]` in the multipart body). Set on an
   * edit even when empty: an edit that leaves it out keeps the old files, so a chart would linger
   * under a card that no longer has one.
   */
  attachments?: { id: number; filename: string }[];
}

export interface RenderOptions {
  /** Table page to show, 0-based; clamped to the pages there are. */
  page?: number;
  /** The invocation behind the card, as text args; page buttons re-run it (stateless paging). */
  origin?: { command: string; args: string };
  /** The View's chart travels with the message as this file: the embed shows it as its image. */
  chartFile?: string;
  /** The message replaces one already sent (button update, webhook edit), so its files are stated. */
  replaces?: boolean;
}

const BUTTON_PRIMARY = 1;
const BUTTON_SECONDARY = 2;
const ZWSP = '\u200b';
/** Widest code block the description budgets for, so a page never pushes the summary out. */
const TABLE_BUDGET = 3000;

const text = (s: string) => escapeMentions(s);
/** Discord rejects empty field names and values. */
const nonEmpty = (s: string) => (s.trim() === '' ? ZWSP : s);

/** Rows per page: at most TABLE_PAGE_ROWS, fewer when rows are wide; fixed per table so pages line up. */
export function pageRows(table: ViewTable): number {
  const widest = Math.max(1, ...renderTable({ ...table, rows: table.rows }).map((l) => l.length + 1));
  return Math.max(1, Math.min(TABLE_PAGE_ROWS, Math.floor(TABLE_BUDGET / widest) - 3));
}

function tableBlock(view: View, table: ViewTable, page: number): { block: string; pages: number; page: number } {
  const size = pageRows(table);
  const pages = Math.max(1, Math.ceil(table.rows.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  const rows = table.rows.slice(p * size, (p + 1) * size);
  const cells = (r: string[]) => r.map((c) => escapeCodeBlock(text(c)));
  const lines = renderTable({ caption: undefined, columns: table.columns.map((c) => ({ ...c, label: escapeCodeBlock(text(c.label)) })), rows: rows.map(cells) });
  const caption = table.caption ? `**${text(table.caption)}**\n` : '';
  const block = clip(`${caption}\`\`\`\n${lines.join('\n')}\n\`\`\``, TABLE_BUDGET + 200, '…\n```');
  const remaining = table.rows.length - (p + 1) * size;
  const note = pages > 1 ? `\n${t(view.lang, dm.more(Math.max(0, remaining), p + 1, pages))}` : '';
  return { block: block + note, pages, page: p };
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0)
  );
}

function buttons(view: View, options: RenderOptions, pageInfo: { page: number; pages: number } | null): APIButtonComponentWithCustomId[] {
  const out: APIButtonComponentWithCustomId[] = [];
  const seen = new Set<string>();
  const add = (customId: string | null, label: string, primary: boolean) => {
    // Discord rejects a message whose buttons repeat a custom id; the first one wins.
    if (customId === null || seen.has(customId)) return;
    seen.add(customId);
    out.push({ type: 2, style: primary ? BUTTON_PRIMARY : BUTTON_SECONDARY, custom_id: customId, label: clip(label, L.buttonLabel) || '…' });
  };
  if (pageInfo && pageInfo.pages > 1 && options.origin) {
    const { command, args } = options.origin;
    if (pageInfo.page > 0) add(encodeCustomId({ kind: 'page', page: pageInfo.page - 1, command, args }), t(view.lang, dm.prev()), false);
    if (pageInfo.page < pageInfo.pages - 1) add(encodeCustomId({ kind: 'page', page: pageInfo.page + 1, command, args }), t(view.lang, dm.next()), true);
  }
  for (const action of view.actions ?? []) {
    if (action.kind === 'lesson') add(encodeCustomId({ kind: 'lesson', id: action.id }), action.label, false);
    else add(encodeCustomId({ kind: 'command', command: action.command, args: action.args, update: action.update === true }), action.label, action.style === 'primary');
  }
  // Any card with a table can be had as a file; last, so a card with many buttons loses this one first.
  if (pageInfo && options.origin && !view.ephemeral) add(encodeCustomId({ kind: 'csv', ...options.origin }), t(view.lang, m.csvButton()), false);
  return out.slice(0, L.buttonsPerRow * L.actionRows);
}

/**
 * View → Discord message. Pure: no I/O, no clock; every cut to Discord's limits happens here,
 * visibly ("…"), and the reply can never ping anyone.
 */
export function renderDiscord(view: View, options: RenderOptions = {}): DiscordMessage {
  const lang = view.lang;
  const parts: string[] = [];
  if (view.summary) parts.push(text(view.summary));
  let pageInfo: { page: number; pages: number } | null = null;
  if (view.table && view.table.rows.length > 0) {
    const { block, pages, page } = tableBlock(view, view.table, options.page ?? 0);
    parts.push(block);
    pageInfo = { page, pages };
  }
  if (view.markdown) parts.push(text(view.markdown));
  let description = clip(parts.join('\n\n'), L.embedDescription, t(lang, dm.trimmed()));

  const extra: APIEmbedField[] = [];
  if (view.warnings?.length) {
    extra.push({ name: t(lang, dm.warnings()), value: clip(view.warnings.map((w) => `• ${text(w)}`).join('\n'), L.fieldValue) });
  }
  if (view.sources.length) {
    const lines = view.sources.map((s) => text(t(lang, dm.source(s.fund, s.issuer, s.file, { en: sourceWhen('en', s), ja: sourceWhen('ja', s) }))));
    extra.push({ name: t(lang, dm.sources()), value: clip(lines.join('\n'), L.fieldValue) });
  }
  const own: APIEmbedField[] = (view.fields ?? []).slice(0, L.embedFields - extra.length).map((f) => ({
    name: clip(nonEmpty(text(f.name)), L.fieldName),
    value: clip(nonEmpty(text(f.value)), L.fieldValue),
    ...(f.inline ? { inline: true } : {}),
  }));

  const embed: APIEmbed = { title: clip(text(view.title), L.embedTitle) || ZWSP, color: TONE_COLOUR[view.tone] };
  // Only the reference: the caller attaches the PNG (rendering it here would make this impure).
  const chartFile = view.chart && options.chartFile ? options.chartFile : undefined;
  if (chartFile) embed.image = { url: `attachment://${chartFile}` };
  const build = () => {
    if (description) embed.description = description;
    else delete embed.description;
    embed.fields = [...own, ...extra];
    if (embed.fields.length === 0) delete embed.fields;
    if (view.footer) embed.footer = { text: clip(text(view.footer), L.footerText) };
  };
  build();
  // The 6000-character message budget: shorten the description first, then drop the card's own
  // fields from the end; warnings and sources stay, since every number must name its source.
  while (embedLength(embed) > L.embedsTotal) {
    const over = embedLength(embed) - L.embedsTotal;
    if (description.length > 500) description = clip(description, Math.max(500, description.length - over - 50), t(lang, dm.trimmed()));
    else if (own.length > 0) own.pop();
    else if (embed.footer) delete embed.footer;
    else description = '';
    build();
    if (!description && own.length === 0 && !embed.footer) break;
  }

  const list = buttons(view, options, pageInfo);
  const components: DiscordMessage['components'] = [];
  for (let i = 0; i < list.length; i += L.buttonsPerRow) components.push({ type: 1, components: list.slice(i, i + L.buttonsPerRow) });
  const attachments = chartFile ? [{ id: 0, filename: chartFile }] : options.replaces ? [] : undefined;
  return { embeds: [embed], components, flags: view.ephemeral ? EPHEMERAL : 0, allowed_mentions: { parse: [] }, ...(attachments ? { attachments } : {}) };
}
