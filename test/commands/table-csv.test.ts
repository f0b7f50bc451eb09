import { describe, expect, test } from 'vitest';
import { parseFlags } from '../../bot/console/cli.ts';
import { tableToCsv } from '../../commands/table-csv.ts';

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
});
