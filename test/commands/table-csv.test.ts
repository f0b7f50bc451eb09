import { describe, expect, test } from 'vitest';
import { parseFlags } from '../../bot/console/cli.ts';
import { csvFileOf, tableToCsv } from '../../commands/table-csv.ts';
import type { View, ViewSource } from '../../commands/view.ts';

describe('a card table as CSV', () => {
  test('header then rows, CRLF; commas, quotes and line breaks quoted; formulas kept as text; numbers untouched', () => {
    const csv = tableToCsv({
      columns: [
        { label: 'Name', align: 'left' },
        { label: 'Weight', align: 'right' },
      ],
      rows: [
        ['Procter & Gamble Co/The', '0.29%'],
        ['Berkshire Hathaway, "B"', '1.60%'],
        ['=HYPERLINK("x")', '−0.10%'],
        ['line\nbreak', '-0.10%'],
      ],
    });
    expect(csv).toBe(
      'Name,Weight\r\nProcter & Gamble Co/The,0.29%\r\n"Berkshire Hathaway, ""B""",1.60%\r\n"\'=HYPERLINK(""x"")",−0.10%\r\n"line\nbreak",-0.10%\r\n',
    );
  });

  test('--csv is a console flag wherever it appears', () => {
    expect(parseFlags(['holders', '--csv', 'NVDA'])).toMatchObject({ csv: true, rest: ['holders', 'NVDA'] });
    expect(parseFlags(['holders', 'NVDA'])).toMatchObject({ csv: false });
  });

  const src = (fund: string, asOf: string | null, stored?: string): ViewSource => ({ fund, file: 'f.csv', issuer: 'I', asOf, ...(stored ? { stored } : {}) });
  const card = (sources: ViewSource[], rows: string[][] = [['VOO', '1.00%']]): View => ({
    lang: 'en',
    title: 'T',
    tone: 'info',
    sources,
    table: { columns: [{ label: 'Name', align: 'left' }, { label: 'Weight', align: 'right' }], rows },
  });

  test('the file: <fund>-<command>-<asof>.csv, the newest date of its sources; a BOM, then exactly the table text', () => {
    const file = csvFileOf(card([src('VOO', '2026-05-31'), src('QQQ', '2026-06-30')]), 'Overlap')!;
    expect(file.name).toBe('VOO+QQQ-overlap-2026-06-30.csv');
    expect(file.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(file.bytes.subarray(3).toString('utf8')).toBe('Name,Weight\r\nVOO,1.00%\r\n');
    expect(file.rows).toBe(1);
  });

  test('undated files say so in the name; more than three funds are counted; odd characters become _', () => {
    expect(csvFileOf(card([src('ARKK', null, '2026-11-20')]), 'hhi')!.name).toBe('ARKK-hhi-stored-2026-11-20.csv');
    expect(csvFileOf(card([src('ARKK', null)]), 'hhi')!.name).toBe('ARKK-hhi-undated.csv');
    expect(csvFileOf(card(['A', 'B', 'C', 'D'].map((f) => src(f, '2026-01-02'))), 'holders')!.name).toBe('4-funds-holders-2026-01-02.csv');
    expect(csvFileOf(card([src('BRK/B "x"', '2026-01-02')]), 'hhi')!.name).toBe('BRK_B_x-hhi-2026-01-02.csv');
  });

  test('no table, an empty table or an error card → no file', () => {
    expect(csvFileOf({ lang: 'en', title: 'T', tone: 'info', sources: [] }, 'about')).toBeNull();
    expect(csvFileOf(card([], []), 'funds')).toBeNull();
    expect(csvFileOf({ ...card([]), tone: 'error' }, 'hhi')).toBeNull();
  });
});
