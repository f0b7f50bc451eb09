import { beforeAll, describe, expect, test } from 'vitest';
import { decodeCustomId } from '../../../bot/discord/custom-id.ts';
import { DISCORD_LIMITS as L } from '../../../bot/discord/limits.ts';
import { pageRows, renderDiscord, type DiscordMessage } from '../../../bot/discord/render.ts';
import { dispatch } from '../../../bot/dispatch.ts';
import { memoryLogger } from '../../../bot/log.ts';
import { LANGS, type Context } from '../../../commands/context.ts';
import { COMMANDS } from '../../../commands/registry.ts';
import type { View } from '../../../commands/view.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { contextFor } from '../../support/context.ts';

/** Every Discord limit a message can break, as readable problems (empty = fine). */
function violations(msg: DiscordMessage): string[] {
  const out: string[] = [];
  const over = (what: string, n: number, max: number) => n > max && out.push(`${what} ${n} > ${max}`);
  over('content', msg.content?.length ?? 0, L.content);
  over('embeds', msg.embeds.length, L.embedsPerMessage);
  let total = 0;
  for (const e of msg.embeds) {
    over('title', e.title?.length ?? 0, L.embedTitle);
    over('description', e.description?.length ?? 0, L.embedDescription);
    over('fields', e.fields?.length ?? 0, L.embedFields);
    over('footer', e.footer?.text.length ?? 0, L.footerText);
    for (const f of e.fields ?? []) {
      over(`field name "${f.name}"`, f.name.length, L.fieldName);
      over(`field value of "${f.name}"`, f.value.length, L.fieldValue);
      if (!f.name.trim() || !f.value.trim()) out.push(`empty field "${f.name}"`);
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0);
  }
  over('embeds total', total, L.embedsTotal);
  over('action rows', msg.components.length, L.actionRows);
  const ids = new Set<string>();
  for (const row of msg.components) {
    over('buttons in a row', row.components.length, L.buttonsPerRow);
    for (const b of row.components) {
      over(`custom_id ${b.custom_id}`, b.custom_id.length, L.customId);
      over(`label ${b.label}`, b.label?.length ?? 0, L.buttonLabel);
      if (ids.has(b.custom_id)) out.push(`duplicate custom_id ${b.custom_id}`);
      ids.add(b.custom_id);
      if (!decodeCustomId(b.custom_id)) out.push(`undecodable custom_id ${b.custom_id}`);
    }
  }
  if (JSON.stringify(msg.allowed_mentions) !== '{"parse":[]}') out.push('allowed_mentions can ping');
  return out;
}

describe('renderDiscord (pure)', () => {
  const small: View = {
    lang: 'en',
    title: 'T',
    tone: 'high',
    summary: 'S',
    fields: [{ name: 'A', value: '1', inline: true }],
    actions: [{ kind: 'lesson', id: 'hhi-and-effective-n', label: 'What is HHI?' }],
    sources: [{ fund: 'VT', file: 'f.csv', issuer: 'Vanguard', asOf: '2026-05-31' }],
    footer: 'F',
  };

  test('a small card → exact JSON', () => {
    expect(renderDiscord(small)).toEqual({
      embeds: [
        {
          title: 'T',
          color: 0xe67e22,
          description: 'S',
          fields: [
            { name: 'A', value: '1', inline: true },
            { name: 'Sources', value: 'VT — Vanguard, f.csv, as of 2026-05-31' },
          ],
          footer: { text: 'F' },
        },
      ],
      components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'lesson:hhi-and-effective-n', label: 'What is HHI?' }] }],
      flags: 0,
      allowed_mentions: { parse: [] },
    });
  });

  test('ephemeral views carry flag 64; tones have distinct colours', () => {
    expect(renderDiscord({ ...small, ephemeral: true }).flags).toBe(64);
    const colours = (['info', 'low', 'moderate', 'high', 'extreme', 'warning', 'error'] as const).map((tone) => renderDiscord({ ...small, tone }).embeds[0]!.color);
    expect(new Set(colours).size).toBe(7);
  });

  test('user text cannot form a mention anywhere in the payload', () => {
    const evil = '@everyone @here <@123456789012345678> <@!1> <@&987> <#555>';
    const msg = renderDiscord({ ...small, title: evil, summary: evil, fields: [{ name: evil, value: evil }], warnings: [evil], footer: evil, table: { columns: [{ label: evil, align: 'left' }], rows: [[evil]] } });
    const json = JSON.stringify(msg);
    expect(json).not.toMatch(/@everyone|@here|<@|<#/);
    expect(msg.allowed_mentions).toEqual({ parse: [] });
  });

  test('a long table pages: "…and N more" and a Next button that re-runs the command for page 1', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`NAME${i}`, `${i}.00%`]);
    const view: View = { ...small, table: { columns: [{ label: 'Name', align: 'left' }, { label: 'W', align: 'right' }], rows } };
    const size = pageRows(view.table!);
    const first = renderDiscord(view, { origin: { command: 'funds', args: '' } });
    expect(first.embeds[0]!.description).toContain(`…and ${40 - size} more (page 1/${Math.ceil(40 / size)})`);
    expect(first.embeds[0]!.description).toContain('NAME0');
    expect(first.embeds[0]!.description).not.toContain(`NAME${size}\n`);
    const ids = first.components.flatMap((r) => r.components.map((b) => b.custom_id));
    expect(ids).toContain('page:1:funds:');
    const last = renderDiscord(view, { origin: { command: 'funds', args: '' }, page: 99 });
    expect(last.embeds[0]!.description).toContain('NAME39');
    expect(last.components[0]!.components.map((b) => b.custom_id).filter((id) => id.startsWith('page:'))).toEqual([`page:${Math.ceil(40 / size) - 2}:funds:`]);
    // Without an origin (nothing to re-run) the note stays and no page buttons appear.
    expect(renderDiscord(view).components.flatMap((r) => r.components).some((b) => b.custom_id.startsWith('page:'))).toBe(false);
  });

  test('oversized content is cut to every limit, visibly', () => {
    const long = 'x'.repeat(5000);
    const view: View = {
      ...small,
      title: long,
      summary: long,
      markdown: long,
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `${i}${long}`, value: long })),
      warnings: [long, long],
      footer: long,
      actions: Array.from({ length: 40 }, (_, i) => ({ kind: 'command' as const, command: 'hhi', args: `fund=F${i}`, label: long })),
      sources: Array.from({ length: 30 }, () => small.sources[0]!),
    };
    const msg = renderDiscord(view);
    expect(violations(msg)).toEqual([]);
    expect(msg.embeds[0]!.title!.endsWith('…')).toBe(true);
    expect(msg.embeds[0]!.fields!.some((f) => f.name === 'Sources')).toBe(true);
    const tooLong = renderDiscord({ ...small, actions: [{ kind: 'command', command: 'overlap', args: 'x'.repeat(120), label: 'go' }] });
    expect(tooLong.components).toEqual([]);
  });
});

describe.skipIf(!HAS_RAW)('every command × every real fund × both languages fits Discord', () => {
  let catalog: Catalog;
  const ctx: Record<string, Context> = {};
  beforeAll(async () => {
    catalog = await rawCatalog();
    for (const lang of LANGS) ctx[lang] = contextFor(catalog, lang);
  });

  test('no payload breaks a limit, on every page', async () => {
    const funds = [...catalog.funds.keys()];
    const texts: [string, string][] = [
      ['funds', ''],
      ['help', ''],
      ['about', ''],
      ['loop', ''],
      ['loop', 'periods=60 reverse=30'],
      ['hhi', '@everyone'],
      ...COMMANDS.map((c): [string, string] => ['help', c.name]),
    ];
    funds.forEach((fund, i) => {
      const other = funds[(i + 1) % funds.length]!;
      texts.push(
        ['hhi', fund],
        ['overlap', `${fund} ${other}`],
        ['overlap', funds.slice(i, i + 6).length >= 2 ? funds.slice(i, i + 6).join(' ') : `${fund} ${other}`],
        ['compare', fund],
        ['stress', `${fund} top10 -25%`],
        ['portfolio', `"${fund} 60, ${other} 40"`],
      );
    });
    const problems: string[] = [];
    const failed: string[] = [];
    let rendered = 0;
    for (const lang of LANGS) {
      for (const [command, text] of texts) {
        const view = await dispatch({ command, text }, ctx[lang]!, memoryLogger());
        // Real cards, not a pile of error replies: only the deliberate bad ticker may fail.
        if (view.tone === 'error' && text !== '@everyone') failed.push(`${lang} /${command} ${text}: ${view.summary}`);
        const origin = { command, args: text };
        const first = renderDiscord(view, { origin });
        const pages = view.table ? Math.ceil(view.table.rows.length / pageRows(view.table)) : 1;
        for (let page = 0; page < pages; page++) {
          const msg = page === 0 ? first : renderDiscord(view, { origin, page });
          rendered++;
          for (const v of violations(msg)) problems.push(`${lang} /${command} ${text} p${page}: ${v}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    expect(rendered).toBeGreaterThan(funds.length * 6 * 2);
  });
});
