import { describe, expect, test } from 'vitest';
import { renderConsole } from '../../bot/console/render.ts';
import { displayWidth } from '../../bot/text-table.ts';
import type { View } from '../../commands/view.ts';

const view: View = {
  lang: 'en',
  title: 'TEST — a card',
  tone: 'high',
  summary: 'One line.',
  fields: [
    { name: 'Top 10', value: '41.00%' },
    { name: 'Sectors', value: 'IT 30.0%\nFinancials 12.0%' },
  ],
  table: {
    columns: [
      { label: 'Name', align: 'left' },
      { label: 'Weight', align: 'right' },
    ],
    rows: [
      ['NVDA', '7.80%'],
      ['トヨタ', '0.20%'],
    ],
  },
  warnings: ['Old data.'],
  sources: [{ fund: 'TEST', issuer: 'iShares', file: 'TEST.csv', asOf: '2026-01-02' }],
  footer: 'Education, not investment advice.',
};

describe('renderConsole', () => {
  test('lays a View out as aligned plain text, exactly', () => {
    expect(renderConsole(view)).toBe(
      [
        '● TEST — a card',
        'One line.',
        '',
        'Top 10   41.00%',
        'Sectors  IT 30.0%',
        '         Financials 12.0%',
        '',
        'Name    Weight',
        '──────  ──────',
        'NVDA     7.80%',
        'トヨタ   0.20%',
        '',
        '⚠ Old data.',
        'Source: TEST — iShares, TEST.csv, as of 2026-01-02',
        'Education, not investment advice.',
      ].join('\n'),
    );
  });

  test('Japanese cards label the source in Japanese; colour only when asked', () => {
    const text = renderConsole({ ...view, lang: 'ja' }, { colour: true });
    expect(text).toContain('出典：TEST — iShares、TEST.csv、基準日 2026-01-02');
    expect(text.startsWith('\u001b[1;31m● TEST')).toBe(true);
    expect(renderConsole(view)).not.toContain('\u001b');
  });

  test('every line fits 80 columns: text wraps at spaces or between Japanese characters, tables cut names', () => {
    const long: View = {
      ...view,
      summary: 'word '.repeat(40).trim(),
      fields: [{ name: 'A', value: 'x '.repeat(60).trim() }],
      table: { columns: [{ label: 'Name', align: 'left' }, { label: 'W', align: 'right' }], rows: [['N'.repeat(120), '1.0%']] },
      warnings: ['日本語の長い注意書きです。'.repeat(6)],
    };
    const lines = renderConsole(long).split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    // 16 words take 16 × 4 + 15 spaces = 79 columns and a 17th would need 84: 40 words are 16 + 16 + 8.
    expect(lines.slice(1, 4)).toEqual(['word '.repeat(16).trim(), 'word '.repeat(16).trim(), 'word '.repeat(8).trim()]);
    const row = lines.find((l) => l.startsWith('NNN'))!;
    expect(row).toBe(`${'N'.repeat(73)}…  1.0%`);
    // A wrapped Japanese line never starts with closing punctuation.
    for (const line of lines) expect(line).not.toMatch(/^\s*[）」、。]/);
  });

  test('in the chat, the "rest of this card" action is /more; one-shot shows the command to type', () => {
    const withMore: View = { ...view, actions: [{ kind: 'command', command: 'hhi', args: 'SPY page=2', label: 'More', more: true }, { kind: 'lesson', id: 'x', label: 'X' }] };
    expect(renderConsole(withMore, { chat: true })).toContain('→ /more   /lesson x');
    expect(renderConsole(withMore)).toContain('→ /hhi SPY page=2   /lesson x');
  });

  test('an undated source says "undated file, stored <date>", never "as of unknown"', () => {
    const text = renderConsole({ ...view, sources: [{ fund: 'VOO', issuer: 'Vanguard', file: 'v.csv', asOf: null, stored: '2026-11-20' }] });
    expect(text).toContain('Source: VOO — Vanguard, v.csv, undated file, stored 2026-11-20');
    expect(text).not.toContain('unknown');
  });

  test('wide characters count two columns', () => {
    expect(displayWidth('トヨタ')).toBe(6);
    expect(displayWidth('NVDA')).toBe(4);
  });
});
