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
        '',
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

  test('wide characters count two columns', () => {
    expect(displayWidth('トヨタ')).toBe(6);
    expect(displayWidth('NVDA')).toBe(4);
  });
});
