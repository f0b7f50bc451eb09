import { describe, expect, test } from 'vitest';
import type { View } from '../../../commands/view.ts';
import { decodeAction, encodeAction } from '../../../bot/slack/actions.ts';
import { SLACK_LIMITS as L } from '../../../bot/slack/limits.ts';
import { escapeMrkdwn, fitEscaped, fitLines, markdownToMrkdwn } from '../../../bot/slack/mrkdwn.ts';
import { renderSlack } from '../../../bot/slack/render.ts';
import { limitProblems } from './support.ts';

const HOSTILE = '<!channel> <!here|here> <@U0ADMIN> <#C0GENERAL> <!subteam^S123> <https://evil.example|click> & @channel @here';

/** Every mrkdwn string in a message, with where it sits. */
function mrkdwnTexts(view: View): string[] {
  const msg = renderSlack(view);
  const out = [msg.text];
  for (const b of msg.blocks) {
    if (b.type === 'section') out.push(...('text' in b ? [b.text.text] : b.fields.map((f) => f.text)));
    if (b.type === 'context') out.push(...b.elements.map((e) => e.text));
  }
  return out;
}

describe('mrkdwn escaping', () => {
  test('escapes &, < and > and nothing else', () => {
    expect(escapeMrkdwn('a & b < c > d *e* _f_')).toBe('a &amp; b &lt; c &gt; d *e* _f_');
  });

  test('GIVEN hostile text in every part of a View THEN no mrkdwn string holds a Slack control sequence, and all are verbatim', () => {
    const view: View = {
      lang: 'en',
      title: HOSTILE,
      tone: 'high',
      summary: HOSTILE,
      fields: [
        { name: HOSTILE, value: HOSTILE, inline: true },
        { name: HOSTILE, value: `${HOSTILE}\n${HOSTILE}` },
      ],
      table: { columns: [{ label: HOSTILE, align: 'left' }], rows: [[HOSTILE]], caption: HOSTILE },
      markdown: `**${HOSTILE}** [label](javascript:alert(1)) [ok](https://example.com/a?b=1&c=2)`,
      warnings: [HOSTILE],
      actions: [{ kind: 'command', command: 'hhi', args: HOSTILE, label: HOSTILE }],
      sources: [{ fund: HOSTILE, file: HOSTILE, issuer: HOSTILE, asOf: HOSTILE }],
      footer: HOSTILE,
    };
    const texts = mrkdwnTexts(view);
    for (const text of texts) {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text).not.toContain('<https://evil');
      expect(text.replace(/<https:\/\/example\.com\/a\?b=1&amp;c=2\|ok>/, '')).not.toMatch(/[<>]/);
    }
    expect(texts.join('\n')).toContain('&lt;!channel&gt;');
    expect(limitProblems(renderSlack(view))).toEqual([]);
    // Markdown links survive only for http(s); javascript: stays plain text.
    expect(texts.join('\n')).toContain('<https://example.com/a?b=1&amp;c=2|ok>');
    expect(texts.join('\n')).toContain('[label](javascript:alert(1))');
  });

  test('markdown: **bold** and # headings become Slack bold', () => {
    expect(markdownToMrkdwn('# Title\n**Method.** A & B')).toBe('*Title*\n*Method.* A &amp; B');
  });

  test('fitEscaped never splits an entity or a surrogate pair, and stays within the limit', () => {
    for (let max = 2; max < 40; max++) {
      const out = fitEscaped('&&&&&&&&&& 😀😀😀😀 <<<<>>>>', max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });

  test('fitLines keeps whole lines and says how many were left out', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const out = fitLines(lines, 100, (n) => `…and ${n} more`);
    expect(out.length).toBeLessThanOrEqual(100);
    const kept = out.split('\n');
    expect(kept.at(-1)).toBe(`…and ${100 - (kept.length - 1)} more`);
    expect(kept.slice(0, -1)).toEqual(lines.slice(0, kept.length - 1));
  });
});

describe('View → Block Kit', () => {
  test('a small card renders to this exact JSON', () => {
    const view: View = {
      lang: 'en',
      title: 'VT — how concentrated?',
      tone: 'low',
      summary: 'Broadly spread.',
      fields: [
        { name: 'Effective N', value: '137.9', inline: true },
        { name: 'Top 10', value: '22.34%', inline: true },
        { name: 'Top sectors', value: 'IT 30.5%\nFinancials 15.4%' },
      ],
      table: { columns: [{ label: 'Name', align: 'left' }, { label: 'Weight', align: 'right' }], rows: [['NVDA', '4.27%'], ['AAPL', '3.9%']] },
      warnings: ['Old data.'],
      actions: [
        { kind: 'lesson', id: 'hhi-and-effective-n', label: 'What is HHI?' },
        { kind: 'command', command: 'hhi', args: 'VT page=2', label: 'Next', style: 'primary', update: true },
        { kind: 'command', command: 'hhi', args: 'VT page=3', label: 'Later', update: true },
      ],
      sources: [{ fund: 'VT', file: 'vt.csv', issuer: 'Vanguard', asOf: '2026-05-31' }],
      footer: 'Education, not investment advice.',
    };
    const md = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
    expect(renderSlack(view)).toEqual({
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '🟢 VT — how concentrated?', emoji: true } },
        { type: 'section', text: md('Broadly spread.') },
        { type: 'section', fields: [md('*Effective N*\n137.9'), md('*Top 10*\n22.34%')] },
        { type: 'section', text: md('*Top sectors*\nIT 30.5%\nFinancials 15.4%') },
        { type: 'section', text: md('```\nName  Weight\n────  ──────\nNVDA   4.27%\nAAPL    3.9%\n```') },
        { type: 'section', text: md('⚠️ Old data.') },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'What is HHI?', emoji: true }, action_id: 'lesson:hhi-and-effective-n', value: 'hhi-and-effective-n' },
            { type: 'button', text: { type: 'plain_text', text: 'Next', emoji: true }, action_id: 'cmd:hhi:update', value: 'VT page=2', style: 'primary' },
            { type: 'button', text: { type: 'plain_text', text: 'Later', emoji: true }, action_id: 'cmd:hhi:update#2', value: 'VT page=3' },
          ],
        },
        { type: 'context', elements: [md('Source: VT — Vanguard, vt.csv, as of 2026-05-31'), md('Education, not investment advice.')] },
      ],
      text: 'VT — how concentrated?\nBroadly spread.\nEffective N: 137.9 · Top 10: 22.34%',
      response_type: 'in_channel',
    });
  });

  test('GIVEN a View far beyond every limit THEN the message fits, keeps its buttons and sources, and says what was cut', () => {
    const long = 'x'.repeat(5000);
    const view: View = {
      lang: 'en',
      title: long,
      tone: 'extreme',
      summary: long,
      fields: Array.from({ length: 60 }, (_, i) => ({ name: `f${i} ${long}`, value: `${long}\n`.repeat(3), inline: i % 3 !== 0 })),
      table: { columns: [{ label: 'a', align: 'left' }, { label: 'b', align: 'right' }], rows: Array.from({ length: 3000 }, (_, i) => [`row ${i}`, String(i)]) },
      markdown: Array.from({ length: 500 }, (_, i) => `paragraph ${i} ${'y'.repeat(100)}`).join('\n'),
      warnings: Array.from({ length: 500 }, (_, i) => `warning ${i}`),
      actions: Array.from({ length: 60 }, (_, i) => ({ kind: 'command' as const, command: 'hhi', args: `F${i}`, label: long })),
      sources: Array.from({ length: 400 }, (_, i) => ({ fund: `F${i}`, file: 'f.csv', issuer: 'I', asOf: null })),
      footer: long,
      ephemeral: true,
    };
    const msg = renderSlack(view);
    expect(limitProblems(msg)).toEqual([]);
    expect(msg.blocks).toHaveLength(L.messageBlocks);
    expect(msg.response_type).toBe('ephemeral');
    expect(msg.blocks.at(-1)!.type).toBe('context');
    expect(msg.blocks.filter((b) => b.type === 'actions')).toHaveLength(3);
    expect(JSON.stringify(msg.blocks)).toMatch(/…and \d+ more blocks \(shortened to fit Slack\)/);
  });

  test('a button whose args exceed 2000 characters is dropped rather than cut (a cut would run something else)', () => {
    expect(encodeAction({ kind: 'command', command: 'portfolio', args: 'V'.repeat(2001), label: 'x' }, new Set())).toBeUndefined();
  });

  test.each([
    ['lesson:hhi-and-effective-n', 'hhi-and-effective-n', { command: 'lesson', text: 'hhi-and-effective-n', update: false }],
    ['cmd:overlap', 'VOO QQQ', { command: 'overlap', text: 'VOO QQQ', update: false }],
    ['cmd:hhi:update#3', 'VT page=2', { command: 'hhi', text: 'VT page=2', update: true }],
    ['cmd:funds', undefined, { command: 'funds', text: '', update: false }],
    ['something-else', 'x', undefined],
    ['cmd:HHI', 'x', undefined],
  ])('decodeAction(%s, %s)', (id, value, want) => {
    expect(decodeAction(id, value)).toEqual(want);
  });
});
