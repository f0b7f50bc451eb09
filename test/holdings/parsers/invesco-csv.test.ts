import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../../holdings/doc.ts';
import { arkCsv } from '../../../holdings/parsers/ark-csv.ts';
import { invescoCsv } from '../../../holdings/parsers/invesco-csv.ts';
import { isharesCsv } from '../../../holdings/parsers/ishares-csv.ts';
import type { Holdings } from '../../../holdings/types.ts';
import { fileError, splitLine, textDoc } from '../../support/parsers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/invesco');
const RAW = path.resolve(import.meta.dirname, '../../../../shared/data/holdings/raw');
const HAS_RAW = existsSync(RAW);
if (!HAS_RAW) console.warn(`[skip] ${RAW} is absent: Invesco real-file tests are skipped.`);

const FILE = 'TEST_holdings.csv';

async function fixture(): Promise<Doc> {
  return readDoc(FILE, readFileSync(path.join(FIXTURES, FILE)));
}

/** The fixture with LF endings, so tests can cut and edit it by line. */
function fixtureLines(): string[] {
  return readFileSync(path.join(FIXTURES, FILE), 'utf-8').split('\r\n');
}

function sectorTotals(h: Holdings): Map<string, number> {
  const totals = new Map<string, number>();
  for (const p of h.positions) totals.set(p.sector ?? 'unknown', (totals.get(p.sector ?? 'unknown') ?? 0) + p.weight);
  return totals;
}

describe('invescoCsv on a hand-written file (CRLF, padded tickers, an ADR, a quoted name with a comma, cash and futures rows)', () => {
  it('GIVEN the file WHEN detecting THEN only the Invesco parser claims it', async () => {
    const doc = await fixture();
    expect(invescoCsv.detect(doc)).toBe(true);
    expect(isharesCsv.detect(doc)).toBe(false);
    expect(arkCsv.detect(doc)).toBe(false);
  });

  it('takes the as-of date from the Date column and the name from Fund Ticker', async () => {
    const h = invescoCsv.parse(await fixture(), 'TEST');
    expect(h).toMatchObject({
      fund: 'TEST',
      name: 'TEST',
      issuer: 'Invesco',
      format: 'invesco-csv',
      file: FILE,
      asOf: { date: '2026-01-30', source: 'file' },
      weightBasis: 'reported-weight',
    });
  });

  // Printed equity weights: 49.99 + 25 + 15 + 10 = 99.99%, so each is divided by 99.99.
  it.each([
    ['NVDA', 'NVIDIA Corp', 49.99 / 99.99, 0.4999, 5000, 'Information Technology', { cusip: '67066G104' }],
    ['GOOGL', 'Alphabet Inc', 25 / 99.99, 0.25, 2500, 'Communication Services', { cusip: '02079K305' }],
    ['ASML', 'ASML Holding NV ADR', 15 / 99.99, 0.15, 1500, 'Information Technology', { cusip: 'N07059210' }],
    ['V', 'Visa Inc, Class A', 10 / 99.99, 0.1, 1000, 'Financials', { cusip: '92826C839' }],
  ] as const)('position %s: trimmed ticker, weight, GICS sector as printed, CUSIP, no country', async (ticker, name, weight, reported, value, sector, ids) => {
    const h = invescoCsv.parse(await fixture(), 'TEST');
    const p = h.positions.find((x) => x.ticker === ticker);
    expect(p).toBeDefined();
    expect(p!.name).toBe(name);
    expect(p!.weight).toBeCloseTo(weight, 12);
    expect(p!.reportedWeight).toBeCloseTo(reported, 12);
    expect(p!.marketValue).toBe(value);
    expect([p!.sector, p!.sectorSource, p!.industry]).toEqual([sector, 'file', sector]);
    expect([p!.country, p!.exchange]).toEqual([null, null]);
    expect(p!.ids).toEqual(ids);
  });

  it('records the cash and futures rows as excluded, with reasons', async () => {
    const h = invescoCsv.parse(await fixture(), 'TEST');
    expect(h.excluded).toEqual([
      { line: 6, ticker: 'USD', name: 'Cash/Receivables/Payables', assetClass: 'Cash', reason: 'cash', reportedWeight: 0.0001, marketValue: 1 },
      { line: 7, ticker: 'NQH6', name: 'NASDAQ 100 E-MINI MAR 26', assetClass: 'Index Futures', reason: 'futures (notional exposure, not a holding)', reportedWeight: 0, marketValue: 0 },
    ]);
    expect(h.reportedEquityWeight).toBeCloseTo(0.9999, 12);
    expect(h.reportedTotalWeight).toBeCloseTo(1, 12);
  });

  it('has HHI and sector totals as computed by hand', async () => {
    const h = invescoCsv.parse(await fixture(), 'TEST');
    const hhi = h.positions.reduce((s, p) => s + p.weight ** 2, 0);
    expect(hhi).toBeCloseTo((49.99 ** 2 + 25 ** 2 + 15 ** 2 + 10 ** 2) / 99.99 ** 2, 12);
    const sectors = sectorTotals(h);
    expect(sectors.get('Information Technology')).toBeCloseTo(64.99 / 99.99, 12);
    expect(sectors.get('Communication Services')).toBeCloseTo(25 / 99.99, 12);
    expect(sectors.get('Financials')).toBeCloseTo(10 / 99.99, 12);
  });
});

describe('invescoCsv on bad input', () => {
  it('GIVEN a file cut in the middle of a row THEN it names the line and the missing cells', () => {
    const lines = fixtureLines();
    const text = [...lines.slice(0, 3), lines[3]!.slice(0, lines[3]!.indexOf(' NV ADR'))].join('\n');
    const error = fileError(() => invescoCsv.parse(textDoc(FILE, text), 'TEST'));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^TEST_holdings\.csv, line 4: expected 10 cells, as in the header on line 1/);
  });

  it('GIVEN a file cut inside a quoted cell THEN the CSV reader names the line', () => {
    const lines = fixtureLines();
    const text = [...lines.slice(0, 3), lines[3]!.slice(0, lines[3]!.indexOf('500.00'))].join('\n');
    expect(fileError(() => invescoCsv.parse(textDoc(FILE, text), 'TEST')).message).toMatch(/^TEST_holdings\.csv, line 4: expected well-formed CSV/);
  });

  it('GIVEN a file cut at a row boundary THEN the weights no longer cover a fund and it refuses', () => {
    const text = fixtureLines().slice(0, 3).join('\n');
    expect(fileError(() => invescoCsv.parse(textDoc(FILE, text), 'TEST')).message).toMatch(/weights that add up to about 100%/);
  });

  it('GIVEN text in "Weight" THEN the error names file, line and column', () => {
    const text = fixtureLines().join('\n').replace(',25.000,', ',twenty-five,');
    expect(fileError(() => invescoCsv.parse(textDoc(FILE, text), 'TEST')).message).toBe(
      'TEST_holdings.csv, line 3: expected a number in "Weight"; found "twenty-five"',
    );
  });

  it('GIVEN text in "MarketValue" THEN the error names file, line and column', () => {
    const text = fixtureLines().join('\n').replace('"1,500.00"', '"n.a."');
    expect(fileError(() => invescoCsv.parse(textDoc(FILE, text), 'TEST')).message).toBe(
      'TEST_holdings.csv, line 4: expected a number in "MarketValue"; found "n.a."',
    );
  });

  it('GIVEN rows that disagree on the date THEN it names the line that differs', () => {
    const lines = fixtureLines();
    lines[4] = lines[4]!.replace('01/30/2026', '01/29/2026');
    const error = fileError(() => invescoCsv.parse(textDoc(FILE, lines.join('\n')), 'TEST'));
    expect(error.line).toBe(5);
    expect(error.message).toContain('the same "Date" as line 2 (2026-01-30)');
  });

  it('GIVEN an unreadable date THEN it names the line', () => {
    const lines = fixtureLines();
    lines[1] = lines[1]!.replace('01/30/2026', 'soon');
    expect(fileError(() => invescoCsv.parse(textDoc(FILE, lines.join('\n')), 'TEST')).line).toBe(2);
  });

  it.each([
    ['an iShares file', 'iShares Core S&P 500 ETF\nFund Holdings as of,"Nov 18, 2025"\nTicker,Name,Sector,Asset Class,Market Value,Weight (%)\n'],
    ['an ARK file', 'date,fund,company,ticker,cusip,shares,"market value ($)","weight (%)"\n'],
    ['a Vanguard file', ',SEDOL,HOLDINGS,TICKER,% OF FUNDS*,SUB-INDUSTRY,COUNTRY,SECURITYDEPOSITORYRECEIPTTYPE,MARKET VALUE*,SHARES\n'],
  ])('does not claim %s', (_what, text) => {
    expect(invescoCsv.detect(textDoc('other.csv', text))).toBe(false);
  });
});

// ---- Real issuer file --------------------------------------------------------------------

const top10 = (weights: readonly number[]): number => [...weights].sort((a, b) => b - a).slice(0, 10).reduce((a, b) => a + b, 0);
const hhi = (weights: readonly number[]): number => weights.reduce((a, w) => a + w * w, 0);
const relClose = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));

describe.skipIf(!HAS_RAW)('invescoCsv on the real QQQ file (QQQ/qqq_holdings.csv)', () => {
  const rel = 'QQQ/qqq_holdings.csv';
  const load = async () => {
    const bytes = readFileSync(path.join(RAW, rel));
    const doc = await readDoc('qqq_holdings.csv', bytes);
    return { doc, text: new TextDecoder().decode(bytes), h: invescoCsv.parse(doc, 'QQQ') };
  };

  it('is claimed by the Invesco parser only', async () => {
    const { doc } = await load();
    expect(invescoCsv.detect(doc)).toBe(true);
    expect(isharesCsv.detect(doc)).toBe(false);
    expect(arkCsv.detect(doc)).toBe(false);
  });

  it('reads 101 positions as of 2025-09-26, nothing excluded, printed weights summing to 99.999%', async () => {
    const { h } = await load();
    expect(h.asOf).toEqual({ date: '2025-09-26', source: 'file' });
    expect(h.positions).toHaveLength(101);
    expect(h.excluded).toEqual([]);
    expect(h.reportedTotalWeight).toBeCloseTo(0.99999, 12);
    expect(h.positions.every((p) => p.ticker === p.ticker.trim() && p.ticker !== '')).toBe(true);
    expect(h.positions[0]).toMatchObject({ ticker: 'NVDA', ids: { cusip: '67066G104' }, country: null });
    expect(h.positions.find((p) => p.ticker === 'ASML')).toBeDefined();
  });

  it('matches an independent reading of the raw text: count, top-10, HHI, sector totals', async () => {
    const { h, text } = await load();
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const header = splitLine(lines[0]!);
    const [weightAt, sectorAt] = [header.indexOf('Weight'), header.indexOf('Sector')];
    const rows = lines.slice(1).map(splitLine);
    const printed = rows.map((r) => Number(r[weightAt]));
    const total = printed.reduce((a, b) => a + b, 0);
    const weights = printed.map((w) => w / total);
    const sectors = new Map<string, number>();
    rows.forEach((r, i) => sectors.set(r[sectorAt]!, (sectors.get(r[sectorAt]!) ?? 0) + weights[i]!));

    const mine = h.positions.map((p) => p.weight);
    expect(h.positions).toHaveLength(rows.length);
    relClose(top10(mine), top10(weights));
    relClose(hhi(mine), hhi(weights));
    relClose(top10(mine), 0.5297952979529795);
    relClose(hhi(mine), 0.03795618961999679);
    for (const [sector, w] of sectors) {
      relClose(h.positions.filter((p) => p.sector === sector).reduce((a, p) => a + p.weight, 0), w);
    }
    expect(h.positions.filter((p) => p.sector === null)).toEqual([]);
  });
});
