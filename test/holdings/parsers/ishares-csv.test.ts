import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../../holdings/doc.ts';
import { arkCsv } from '../../../holdings/parsers/ark-csv.ts';
import { invescoCsv } from '../../../holdings/parsers/invesco-csv.ts';
import { isharesCsv } from '../../../holdings/parsers/ishares-csv.ts';
import type { Holdings } from '../../../holdings/types.ts';
import { fileError, textDoc } from '../../support/parsers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/ishares');
const RAW = path.resolve(import.meta.dirname, '../../../../shared/data/holdings/raw');
const HAS_RAW = existsSync(RAW);
if (!HAS_RAW) console.warn(`[skip] ${RAW} is absent: iShares real-file tests are skipped.`);

async function fixture(name: string): Promise<Doc> {
  return readDoc(name, readFileSync(path.join(FIXTURES, name)));
}

function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf-8').replace(/^\uFEFF/, '');
}

function sectorTotals(h: Holdings): Map<string, number> {
  const totals = new Map<string, number>();
  for (const p of h.positions) totals.set(p.sector ?? 'unknown', (totals.get(p.sector ?? 'unknown') ?? 0) + p.weight);
  return totals;
}

describe('isharesCsv on a hand-written current-layout file (BOM, 9-line preamble, NBSP line, footer, cash rows)', () => {
  const file = 'TEST_holdings.csv';

  it('GIVEN the file WHEN detecting THEN only the iShares parser claims it', async () => {
    const doc = await fixture(file);
    expect(isharesCsv.detect(doc)).toBe(true);
    expect(invescoCsv.detect(doc)).toBe(false);
    expect(arkCsv.detect(doc)).toBe(false);
  });

  it('reads the fund name from line 1 and the as-of date from "Fund Holdings as of"', async () => {
    const h = isharesCsv.parse(await fixture(file), 'TEST');
    expect(h).toMatchObject({
      fund: 'TEST',
      name: 'iShares Test Equity ETF',
      issuer: 'iShares',
      format: 'ishares-csv',
      file,
      asOf: { date: '2026-01-05', source: 'file' },
      weightBasis: 'market-value',
    });
  });

  // Equity market values: 5,000 + 2,500 + 2,000 + 499.50 + 0.50 = 10,000.
  it.each([
    ['ALFA', 0.5, 0.499, 5000, 'Information Technology', 'file', 'Information Technology', 'US', 'NASDAQ'],
    ['BETA', 0.25, 0.2495, 2500, 'Communication Services', 'mapped', 'Communication', 'KR', 'Korea Exchange'],
    ['7203', 0.2, 0.1996, 2000, 'Consumer Discretionary', 'file', 'Consumer Discretionary', 'JP', 'Tokyo Stock Exchange'],
    ['NOVO B', 0.04995, 0.0498, 499.5, 'Health Care', 'file', 'Health Care', 'DK', 'Omx Nordic Exchange Copenhagen A/S'],
    ['TINY', 0.00005, 0, 0.5, 'Materials', 'file', 'Materials', null, null],
  ] as const)('position %s: weight %f from market value, sector, country, exchange', async (ticker, weight, reported, value, sector, source, industry, country, exchange) => {
    const h = isharesCsv.parse(await fixture(file), 'TEST');
    const p = h.positions.find((x) => x.ticker === ticker);
    expect(p).toBeDefined();
    expect(p!.weight).toBeCloseTo(weight, 12);
    expect(p!.reportedWeight).toBeCloseTo(reported, 12);
    expect(p!.marketValue).toBe(value);
    expect(p!.sector).toBe(sector);
    expect(p!.sectorSource).toBe(source);
    expect(p!.industry).toBe(industry);
    expect(p!.country).toBe(country);
    expect(p!.exchange).toBe(exchange);
    expect(p!.ids).toEqual({});
  });

  it('orders positions by weight and keeps only the 5 equity rows', async () => {
    const h = isharesCsv.parse(await fixture(file), 'TEST');
    expect(h.positions.map((p) => p.ticker)).toEqual(['ALFA', 'BETA', '7203', 'NOVO B', 'TINY']);
    // Σ w² = 0.25 + 0.0625 + 0.04 + 0.04995² + 0.00005² = 0.355995005...
    const hhi = h.positions.reduce((s, p) => s + p.weight ** 2, 0);
    expect(hhi).toBeCloseTo(0.25 + 0.0625 + 0.04 + 0.0024950025 + 0.0000000025, 12);
    expect([...sectorTotals(h)]).toEqual([
      ['Information Technology', 0.5],
      ['Communication Services', 0.25],
      ['Consumer Discretionary', 0.2],
      ['Health Care', 0.04995],
      ['Materials', 0.00005],
    ]);
  });

  it('records every non-equity row with its line and reason', async () => {
    const h = isharesCsv.parse(await fixture(file), 'TEST');
    expect(h.excluded).toEqual([
      { line: 14, ticker: 'XTSLA', name: 'BLK CSH FND TREASURY SL AGENCY', assetClass: 'Money Market', reason: 'money-market fund (cash sweep)', reportedWeight: 0.0015, marketValue: 15 },
      { line: 16, ticker: 'USD', name: 'USD CASH', assetClass: 'Cash', reason: 'cash', reportedWeight: 0.0005, marketValue: 5 },
      { line: 18, ticker: 'SGAFT', name: 'CASH COLLATERAL USD SGAFT', assetClass: 'Cash Collateral and Margins', reason: 'collateral and margin (cash)', reportedWeight: 0.0001, marketValue: 1 },
      { line: 19, ticker: 'ESZ5', name: 'S&P500 EMINI DEC 25', assetClass: 'Futures', reason: 'futures (notional exposure, not a holding)', reportedWeight: 0, marketValue: 0 },
    ]);
  });

  it('sums the printed weights (equity 99.79%, all rows 100.00%) and explains the market-value basis', async () => {
    const h = isharesCsv.parse(await fixture(file), 'TEST');
    expect(h.reportedEquityWeight).toBeCloseTo(0.9979, 12);
    expect(h.reportedTotalWeight).toBeCloseTo(1, 12);
    expect(h.notes.join('\n')).toContain('rounds small holdings to 0.00 (1 of its 5 equity rows print 0.00)');
    expect(h.notes.join('\n')).toContain('1 equity row has a Location with no ISO country code');
  });
});

describe('isharesCsv on a hand-written older 18-column file (no preamble, CUSIP/ISIN/SEDOL, FX rows)', () => {
  const file = 'TEST_holdings_old.csv';

  it('has no as-of date and says why; the name falls back to the fund ticker', async () => {
    const doc = await fixture(file);
    expect(isharesCsv.detect(doc)).toBe(true);
    const h = isharesCsv.parse(doc, 'TEST');
    expect(h.name).toBe('TEST');
    expect(h.asOf.date).toBeNull();
    expect('reason' in h.asOf && h.asOf.reason).toMatch(/no preamble.*no as-of date/);
  });

  // Equity market values 600 + 300 + 100 = 1,000.
  it.each([
    ['AAPL', 0.6, { cusip: '037833100', isin: 'US0378331005', sedol: '2046251' }, 'Information Technology', 'US'],
    ['FB', 0.3, { cusip: '30303M102', isin: 'US30303M1027', sedol: 'B7TL820' }, 'Communication Services', 'US'],
    ['7203', 0.1, { isin: 'JP3633400001', sedol: '6900643' }, 'Consumer Discretionary', 'JP'],
  ] as const)('position %s: weight %f, identifiers as printed ("-" dropped)', async (ticker, weight, ids, sector, country) => {
    const h = isharesCsv.parse(await fixture(file), 'TEST');
    const p = h.positions.find((x) => x.ticker === ticker);
    expect(p!.weight).toBeCloseTo(weight, 12);
    expect(p!.ids).toEqual(ids);
    expect(p!.sector).toBe(sector);
    expect(p!.country).toBe(country);
  });

  it('excludes cash, the FX forward and the futures row', async () => {
    const h = isharesCsv.parse(await fixture(file), 'TEST');
    expect(h.excluded.map((e) => [e.line, e.ticker, e.reason])).toEqual([
      [5, 'JPY', 'cash'],
      [6, 'EUR', 'FX forward'],
      [7, 'ESM1', 'futures (notional exposure, not a holding)'],
    ]);
    expect(h.reportedEquityWeight).toBeCloseTo(0.99, 12);
    expect(h.reportedTotalWeight).toBeCloseTo(0.996, 12);
  });
});

describe('isharesCsv on bad input', () => {
  const file = 'TEST_holdings.csv';

  it('GIVEN a file cut in the middle of a row THEN it names the line and the missing cells', () => {
    const text = fixtureText(file);
    const cut = text.slice(0, text.indexOf('"Korea (South)"'));
    const error = fileError(() => isharesCsv.parse(textDoc(file, cut), 'TEST'));
    expect(error.line).toBe(12);
    expect(error.message).toMatch(/^TEST_holdings\.csv, line 12: expected 15 cells, as in the header on line 10/);
  });

  it('GIVEN a file cut at the end of a row THEN it reports the missing blank line as truncation', () => {
    const text = fixtureText(file);
    const cut = text.slice(0, text.indexOf('"XTSLA"'));
    const error = fileError(() => isharesCsv.parse(textDoc(file, cut), 'TEST'));
    expect(error.message).toMatch(/TEST_holdings\.csv, line 13: expected a blank line closing the holdings table \(the file looks truncated\)/);
  });

  it('GIVEN text in "Weight (%)" THEN the error names file, line and column', () => {
    const text = fixtureText(file).replace('"24.95"', '"abc"');
    const error = fileError(() => isharesCsv.parse(textDoc(file, text), 'TEST'));
    expect(error.message).toBe('TEST_holdings.csv, line 12: expected a number in "Weight (%)"; found "abc"');
  });

  it('GIVEN text in "Market Value" THEN the error names file, line and column', () => {
    const text = fixtureText(file).replace('"2,000.00","19.96"', '"two thousand","19.96"');
    const error = fileError(() => isharesCsv.parse(textDoc(file, text), 'TEST'));
    expect(error.message).toBe('TEST_holdings.csv, line 13: expected a number in "Market Value"; found "two thousand"');
  });

  it('GIVEN an unreadable as-of date THEN it refuses rather than report "no date"', () => {
    const text = fixtureText(file).replace('"Jan 05, 2026"', '"sometime"');
    expect(fileError(() => isharesCsv.parse(textDoc(file, text), 'TEST')).line).toBe(2);
  });

  it.each([
    ['an Invesco file', 'Fund Ticker,Security Identifier,Holding Ticker,Shares/Par Value,MarketValue,Weight,Name,Class of Shares,Sector,Date\n'],
    ['an ARK file', 'date,fund,company,ticker,cusip,shares,"market value ($)","weight (%)"\n'],
    ['a Vanguard file', ',SEDOL,HOLDINGS,TICKER,% OF FUNDS*,SUB-INDUSTRY,COUNTRY,SECURITYDEPOSITORYRECEIPTTYPE,MARKET VALUE*,SHARES\n'],
  ])('does not claim %s', (_what, text) => {
    expect(isharesCsv.detect(textDoc('other.csv', text))).toBe(false);
  });

  it('finds the header wherever it sits in the first lines, even below a long note (then refuses a table with no rows)', () => {
    const doc = textDoc('other.csv', 'Some note\n' + 'x'.repeat(3000) + '\nTicker,Name,Sector,Asset Class,Market Value,Weight (%),\n');
    expect(isharesCsv.detect(doc)).toBe(true);
    expect(() => isharesCsv.parse(doc, 'X')).toThrow(/other\.csv, line 3: expected a blank line closing the holdings table/);
  });

  it('does not claim a spreadsheet', () => {
    expect(isharesCsv.detect({ kind: 'sheet', file: 'x.xlsx', sheet: 'holdings', rows: [['Ticker', 'Name']] })).toBe(false);
  });
});

// ---- Real issuer files -------------------------------------------------------------------

interface Independent {
  equity: number;
  excluded: Map<string, number>;
  weights: number[];
  sectors: Map<string, number>;
}

/**
 * Reads an iShares file with nothing but string splitting: every cell is quoted and no name
 * holds '","', so stripping the outer quotes and splitting on '","' is enough here.
 */
function independent(text: string): Independent {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('Ticker,Name,Sector,Asset Class,Market Value,'));
  const header = lines[start]!.split(',');
  const [sectorAt, classAt, valueAt] = ['Sector', 'Asset Class', 'Market Value'].map((n) => header.indexOf(n)) as [number, number, number];
  const values: number[] = [];
  const labels: string[] = [];
  const excluded = new Map<string, number>();
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const cells = line.slice(1, -1).split('","');
    if (cells[classAt] !== 'Equity') {
      excluded.set(cells[classAt]!, (excluded.get(cells[classAt]!) ?? 0) + 1);
      continue;
    }
    values.push(Number(cells[valueAt]!.replaceAll(',', '')));
    labels.push(cells[sectorAt] === 'Communication' ? 'Communication Services' : cells[sectorAt]!);
  }
  const total = values.reduce((a, b) => a + b, 0);
  const weights = values.map((v) => v / total);
  const sectors = new Map<string, number>();
  weights.forEach((w, i) => sectors.set(labels[i]!, (sectors.get(labels[i]!) ?? 0) + w));
  return { equity: values.length, excluded, weights, sectors };
}

const top10 = (weights: readonly number[]): number => [...weights].sort((a, b) => b - a).slice(0, 10).reduce((a, b) => a + b, 0);
const hhi = (weights: readonly number[]): number => weights.reduce((a, w) => a + w * w, 0);
const relClose = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));

describe.skipIf(!HAS_RAW)('isharesCsv on the real iShares files', () => {
  const cases = [
    {
      fund: 'IVV', rel: 'IVV/ivv_holdings.csv', name: 'iShares Core S&P 500 ETF', date: '2025-11-18',
      equity: 503, excluded: { 'Money Market': 1, 'Cash': 1, 'Cash Collateral and Margins': 2, 'Futures': 1 },
      top10: 0.3926506458830912, hhi: 0.0224075147613151, printedEquity: 0.9969, printedAll: 0.9992,
    },
    {
      fund: 'ACWI', rel: 'ACWI/ACWI_holdings.csv', name: 'iShares MSCI ACWI ETF', date: '2024-12-24',
      equity: 2292, excluded: { 'Cash': 36, 'Futures': 3, 'Cash Collateral and Margins': 2, 'Money Market': 1 },
      top10: 0.24497214103052656, hhi: 0.009177260410317413, printedEquity: 0.9942, printedAll: 0.9963,
    },
    {
      fund: 'SOXX', rel: 'SOXX/SOXX_holdings.csv', name: 'iShares Semiconductor ETF', date: '2026-08-03',
      equity: 30, excluded: { 'Money Market': 1, 'Cash': 1, 'Cash Collateral and Margins': 1, 'Futures': 1 },
      top10: 0.6096033414543612, hhi: 0.05090150876979834, printedEquity: 0.9984, printedAll: 0.9999,
    },
    {
      fund: 'URTH', rel: 'URTH/URTH_holdings.csv', name: 'URTH', date: null,
      equity: 1270, excluded: { 'Cash': 14, 'Cash Collateral and Margins': 4, 'FX': 4, 'Futures': 4, 'Money Market': 1 },
      top10: 0.16467595101936566, hhi: 0.005238773158482543, printedEquity: 0.9957, printedAll: 0.9994,
    },
  ] as const;

  describe.each(cases)('$fund ($rel)', (c) => {
    const load = async () => {
      const bytes = readFileSync(path.join(RAW, c.rel));
      const doc = await readDoc(path.basename(c.rel), bytes);
      return { doc, text: new TextDecoder().decode(bytes), h: isharesCsv.parse(doc, c.fund) };
    };

    it('is claimed by the iShares parser only', async () => {
      const { doc } = await load();
      expect(isharesCsv.detect(doc)).toBe(true);
      expect(invescoCsv.detect(doc)).toBe(false);
      expect(arkCsv.detect(doc)).toBe(false);
    });

    it(`reads name, as-of date ${c.date ?? '(none)'} and ${c.equity} equity rows`, async () => {
      const { h } = await load();
      expect(h.name).toBe(c.name);
      expect(h.asOf.date).toBe(c.date);
      expect(h.positions).toHaveLength(c.equity);
      const byClass: Record<string, number> = {};
      for (const e of h.excluded) byClass[e.assetClass] = (byClass[e.assetClass] ?? 0) + 1;
      expect(byClass).toEqual(c.excluded);
      expect(h.reportedEquityWeight).toBeCloseTo(c.printedEquity, 9);
      expect(h.reportedTotalWeight).toBeCloseTo(c.printedAll, 9);
    });

    it('matches an independent reading of the raw text: count, top-10, HHI, sector totals', async () => {
      const { h, text } = await load();
      const ref = independent(text);
      const weights = h.positions.map((p) => p.weight);
      expect(h.positions).toHaveLength(ref.equity);
      expect(h.excluded).toHaveLength([...ref.excluded.values()].reduce((a, b) => a + b, 0));
      relClose(top10(weights), top10(ref.weights));
      relClose(hhi(weights), hhi(ref.weights));
      relClose(top10(weights), c.top10);
      relClose(hhi(weights), c.hhi);
      const sectors = sectorTotals(h);
      expect([...sectors.keys()].sort()).toEqual([...ref.sectors.keys()].sort());
      for (const [sector, w] of ref.sectors) relClose(sectors.get(sector)!, w);
    });

    it('maps iShares "Communication" to "Communication Services" and every Location to a country', async () => {
      const { h } = await load();
      const comm = h.positions.filter((p) => p.industry === 'Communication');
      if (c.fund !== 'SOXX') expect(comm.length).toBeGreaterThan(0);
      for (const p of comm) expect([p.sector, p.sectorSource]).toEqual(['Communication Services', 'mapped']);
      expect(h.positions.filter((p) => p.sector === null)).toEqual([]);
      expect(h.positions.filter((p) => p.country === null)).toEqual([]);
    });
  });

  it('ACWI: 531 equity rows print 0.00, so the note says why market value is the basis', async () => {
    const doc = await readDoc('ACWI_holdings.csv', readFileSync(path.join(RAW, 'ACWI/ACWI_holdings.csv')));
    const h = isharesCsv.parse(doc, 'ACWI');
    expect(h.positions.filter((p) => p.reportedWeight === 0)).toHaveLength(531);
    expect(h.notes.join('\n')).toContain('531 of its 2,292 equity rows print 0.00');
    expect(h.positions.find((p) => p.ticker === '2330')).toMatchObject({ country: 'TW', sector: 'Information Technology' });
    expect(h.positions.some((p) => p.country === 'KR')).toBe(true);
  });

  it('URTH: keeps CUSIP, ISIN and SEDOL as printed', async () => {
    const doc = await readDoc('URTH_holdings.csv', readFileSync(path.join(RAW, 'URTH/URTH_holdings.csv')));
    const h = isharesCsv.parse(doc, 'URTH');
    expect(h.positions.find((p) => p.ticker === 'AAPL')!.ids).toEqual({ cusip: '037833100', isin: 'US0378331005', sedol: '2046251' });
    expect(h.excluded.filter((e) => e.assetClass === 'FX').every((e) => e.reason === 'FX forward')).toBe(true);
  });
});
