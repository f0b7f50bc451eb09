import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../../holdings/doc.ts';
import { arkCsv } from '../../../holdings/parsers/ark-csv.ts';
import { invescoCsv } from '../../../holdings/parsers/invesco-csv.ts';
import { isharesCsv } from '../../../holdings/parsers/ishares-csv.ts';
import { fileError, splitLine, textDoc } from '../../support/parsers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/ark');
const RAW = path.resolve(import.meta.dirname, '../../../../shared/data/holdings/raw');
const HAS_RAW = existsSync(RAW);
if (!HAS_RAW) console.warn(`[skip] ${RAW} is absent: ARK real-file tests are skipped.`);

const FILE = 'TEST_HOLDINGS.csv';

async function fixture(): Promise<Doc> {
  return readDoc(FILE, readFileSync(path.join(FIXTURES, FILE)));
}

function fixtureLines(): string[] {
  return readFileSync(path.join(FIXTURES, FILE), 'utf-8').split('\n');
}

describe('arkCsv on a hand-written file ("%" weights, "$" values, a money-market row with no ticker, a quoted disclaimer)', () => {
  it('GIVEN the file WHEN detecting THEN only the ARK parser claims it', async () => {
    const doc = await fixture();
    expect(arkCsv.detect(doc)).toBe(true);
    expect(isharesCsv.detect(doc)).toBe(false);
    expect(invescoCsv.detect(doc)).toBe(false);
  });

  it('takes the as-of date from the date column and the name from the fund column', async () => {
    const h = arkCsv.parse(await fixture(), 'TEST');
    expect(h).toMatchObject({
      fund: 'TEST',
      name: 'TEST',
      issuer: 'ARK',
      format: 'ark-csv',
      file: FILE,
      asOf: { date: '2026-01-30', source: 'file' },
      weightBasis: 'reported-weight',
    });
  });

  // Printed equity weights: 60 + 30 + 9 = 99%; the money-market row's 1.02% is left out.
  it('normalises the three stocks by 99% and keeps their CUSIPs', async () => {
    const h = arkCsv.parse(await fixture(), 'TEST');
    expect(h.positions.map((p) => [p.ticker, p.name, p.marketValue, p.ids])).toEqual([
      ['ALFA', 'ALPHA ROBOTICS INC', 6000, { cusip: '88160R101' }],
      ['BETA', 'BETA GENOMICS INC -CLASS A', 3000, { cusip: '19260Q107' }],
      ['GAMA', 'GAMMA AI CORP', 900, { cusip: '77543R102' }],
    ]);
    const [a, b, c] = h.positions;
    expect(a!.weight).toBeCloseTo(60 / 99, 12);
    expect(b!.weight).toBeCloseTo(30 / 99, 12);
    expect(c!.weight).toBeCloseTo(9 / 99, 12);
    expect(a!.reportedWeight).toBeCloseTo(0.6, 12);
    expect(h.positions.reduce((s, p) => s + p.weight ** 2, 0)).toBeCloseTo((60 ** 2 + 30 ** 2 + 9 ** 2) / 99 ** 2, 12);
    expect(h.positions.every((p) => p.sector === null && p.country === null && p.exchange === null)).toBe(true);
  });

  it('excludes the money-market row and stops at the disclaimer', async () => {
    const h = arkCsv.parse(await fixture(), 'TEST');
    expect(h.excluded).toEqual([
      {
        line: 4,
        ticker: '',
        name: 'GOLDMAN FS TRSY OBLIG INST 468',
        assetClass: 'money market',
        reason: 'money-market fund (cash)',
        reportedWeight: 0.0102,
        marketValue: 100,
      },
    ]);
    expect(h.reportedEquityWeight).toBeCloseTo(0.99, 12);
    expect(h.reportedTotalWeight).toBeCloseTo(1.0002, 12);
  });

  it('reads the "cleaned" copy without the disclaimer the same way', async () => {
    const text = fixtureLines().slice(0, 5).join('\n');
    const h = arkCsv.parse(textDoc(FILE, text), 'TEST');
    expect(h.positions).toHaveLength(3);
    expect(h.excluded).toHaveLength(1);
  });
});

describe('arkCsv on bad input', () => {
  it('GIVEN a file cut in the middle of a row THEN it names the line and the missing cells', () => {
    const lines = fixtureLines();
    const text = [...lines.slice(0, 2), lines[2]!.slice(0, lines[2]!.indexOf(',BETA,'))].join('\n');
    const error = fileError(() => arkCsv.parse(textDoc(FILE, text), 'TEST'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^TEST_HOLDINGS\.csv, line 3: expected 8 cells, as in the header on line 1/);
  });

  it('GIVEN a row cut to its first cell THEN it is not mistaken for the disclaimer', () => {
    const lines = fixtureLines();
    const text = [...lines.slice(0, 3), '01/30/2026'].join('\n');
    expect(fileError(() => arkCsv.parse(textDoc(FILE, text), 'TEST')).line).toBe(4);
  });

  it('GIVEN text in "weight (%)" THEN the error names file, line and column', () => {
    const text = fixtureLines().join('\n').replace(',30.00%', ',thirty');
    expect(fileError(() => arkCsv.parse(textDoc(FILE, text), 'TEST')).message).toBe(
      'TEST_HOLDINGS.csv, line 3: expected a number in "weight (%)"; found "thirty"',
    );
  });

  it('GIVEN text in "market value ($)" THEN the error names file, line and column', () => {
    const text = fixtureLines().join('\n').replace('"$900.00"', '"$nine hundred"');
    expect(fileError(() => arkCsv.parse(textDoc(FILE, text), 'TEST')).message).toBe(
      'TEST_HOLDINGS.csv, line 5: expected a number in "market value ($)"; found "$nine hundred"',
    );
  });

  it('GIVEN rows that disagree on the date THEN it names the line that differs', () => {
    const lines = fixtureLines();
    lines[2] = lines[2]!.replace('01/30/2026', '01/31/2026');
    const error = fileError(() => arkCsv.parse(textDoc(FILE, lines.join('\n')), 'TEST'));
    expect(error.line).toBe(3);
    expect(error.message).toContain('the same "date" as line 2 (2026-01-30)');
  });

  it.each([
    ['an iShares file', 'iShares Core S&P 500 ETF\nTicker,Name,Sector,Asset Class,Market Value,Weight (%)\n'],
    ['an Invesco file', 'Fund Ticker,Security Identifier,Holding Ticker,Shares/Par Value,MarketValue,Weight,Name,Class of Shares,Sector,Date\n'],
    ['a JPX file', '日付,銘柄名,コード,業種,TOPIXに占める個別銘柄のウエイト,ニューインデックス区分\n'],
  ])('does not claim %s', (_what, text) => {
    expect(arkCsv.detect(textDoc('other.csv', text))).toBe(false);
  });
});

// ---- Real issuer file --------------------------------------------------------------------

const relClose = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));

describe.skipIf(!HAS_RAW)('arkCsv on the real ARKK file (ARKK/ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv)', () => {
  const rel = 'ARKK/ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv';
  const load = async () => {
    const bytes = readFileSync(path.join(RAW, rel));
    const doc = await readDoc(path.basename(rel), bytes);
    return { doc, text: new TextDecoder().decode(bytes), h: arkCsv.parse(doc, 'ARKK') };
  };

  it('is claimed by the ARK parser only', async () => {
    const { doc } = await load();
    expect(arkCsv.detect(doc)).toBe(true);
    expect(isharesCsv.detect(doc)).toBe(false);
    expect(invescoCsv.detect(doc)).toBe(false);
  });

  it('reads 35 stocks and 1 excluded money-market fund as of 2024-06-04; printed rows sum to 100.02%', async () => {
    const { h } = await load();
    expect(h.asOf).toEqual({ date: '2024-06-04', source: 'file' });
    expect(h.name).toBe('ARKK');
    expect(h.positions).toHaveLength(35);
    expect(h.excluded.map((e) => [e.line, e.name, e.reason])).toEqual([[36, 'GOLDMAN FS TRSY OBLIG INST 468', 'money-market fund (cash)']]);
    expect(h.reportedTotalWeight).toBeCloseTo(1.0002, 12);
    expect(h.positions[0]).toMatchObject({ ticker: 'TSLA', ids: { cusip: '88160R101' } });
  });

  it('matches an independent reading of the raw text: count, top-10, HHI', async () => {
    const { h, text } = await load();
    const lines = text.split(/\r?\n/);
    // Data rows have 8 cells and a date; the header has "date", the disclaimer one cell.
    const rows = lines.map(splitLine).filter((c) => c.length === 8 && /^\d{2}\/\d{2}\/\d{4}$/.test(c[0]!));
    const stocks = rows.filter((c) => c[3] !== '');
    const printed = stocks.map((c) => Number(c[7]!.replace('%', '')));
    const total = printed.reduce((a, b) => a + b, 0);
    const weights = printed.map((w) => w / total).sort((a, b) => b - a);
    const top10 = weights.slice(0, 10).reduce((a, b) => a + b, 0);
    const hhi = weights.reduce((a, w) => a + w * w, 0);

    const mine = h.positions.map((p) => p.weight);
    expect(rows).toHaveLength(36);
    expect(h.positions).toHaveLength(stocks.length);
    relClose(mine.slice(0, 10).reduce((a, b) => a + b, 0), top10);
    relClose(mine.reduce((a, w) => a + w * w, 0), hhi);
    relClose(top10, 0.6129807692307693);
    relClose(hhi, 0.052823158881132905);
  });
});
