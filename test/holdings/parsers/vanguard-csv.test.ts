import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../../holdings/doc.ts';
import { HoldingsFileError } from '../../../holdings/errors.ts';
import { SECTOR_BY_SUB_INDUSTRY } from '../../../holdings/gics-sub-industries.ts';
import { jpxTopixCsv } from '../../../holdings/parsers/jpx-topix-csv.ts';
import { vanguardCsv } from '../../../holdings/parsers/vanguard-csv.ts';
import type { Holdings } from '../../../holdings/types.ts';
import { fileError, textDoc } from '../../support/parsers.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURES = resolve(ROOT, 'test/fixtures');
const RAW = resolve(ROOT, '../shared/data/holdings/raw');

async function fixture(name: string): Promise<Doc> {
  return readDoc(name, readFileSync(resolve(FIXTURES, 'vanguard', name)));
}

function sectorTotals(h: Holdings): Map<string, number> {
  const totals = new Map<string, number>();
  for (const p of h.positions) totals.set(p.sector ?? 'unknown', (totals.get(p.sector ?? 'unknown') ?? 0) + p.weight);
  return totals;
}

/** Catches the HoldingsFileError a call throws, so a test can look at its fields. */
describe('vanguardCsv on a hand-written VT-style file (preamble, BOM, mixed CRLF/LF, later sections)', () => {
  const file = 'TEST_Holdings_details_preamble.csv';

  it('GIVEN the file WHEN detecting THEN the Vanguard parser claims it and the JPX one does not', async () => {
    const doc = await fixture(file);
    expect(vanguardCsv.detect(doc)).toBe(true);
    expect(jpxTopixCsv.detect(doc)).toBe(false);
  });

  it('reads name, as-of date, format and weight basis from the preamble', async () => {
    const h = vanguardCsv.parse(await fixture(file), 'TEST');
    expect(h).toMatchObject({
      fund: 'TEST',
      name: 'Test Equity ETF (TEST)',
      issuer: 'Vanguard',
      format: 'vanguard-csv',
      file,
      asOf: { date: '2026-05-31', source: 'file' },
      weightBasis: 'market-value',
    });
  });

  // Equity market values: 5,000 + 3,000 + 0.50 + 1,500 + 499.50 = 10,000 (Zeta prints "---").
  it.each([
    ['ALFA', 'Alpha Chips Inc', 0.5, 0.5, 5000, 'Information Technology', 'Semiconductors', 'US', { sedol: '2379504' }],
    ['BETA', 'Beta Bank PLC', 0.3, 0.3, 3000, 'Financials', 'Diversified Banks', 'GB', { sedol: 'BYY88Y7' }],
    ['DELT', 'Delta Mining Corp', 0.15, 0.15, 1500, 'Materials', 'Gold', 'CA', { sedol: 'B0YBKJ7' }],
    ['EPS', 'Epsilon Holdings', 0.04995, null, 499.5, null, null, 'JP', { sedol: 'BQBG6P5' }],
    ['', 'Gamma Warrant', 0.00005, null, 0.5, 'Health Care', 'Biotechnology', 'US', {}],
  ] as const)('position %s (%s): weight %f from market value', async (ticker, name, weight, reported, value, sector, industry, country, ids) => {
    const h = vanguardCsv.parse(await fixture(file), 'TEST');
    const p = h.positions.find((x) => x.name === name);
    expect(p).toBeDefined();
    expect(p!.ticker).toBe(ticker);
    expect(p!.weight).toBeCloseTo(weight, 12);
    if (reported === null) expect(p!.reportedWeight).toBeNull();
    else expect(p!.reportedWeight).toBeCloseTo(reported, 12);
    expect(p!.marketValue).toBe(value);
    expect(p!.sector).toBe(sector);
    expect(p!.sectorSource).toBe(sector === null ? null : 'mapped');
    expect(p!.industry).toBe(industry);
    expect(p!.country).toBe(country);
    expect(p!.ids).toEqual(ids);
    expect(p!.exchange).toBeNull();
  });

  it('orders positions by weight and has weights that sum to 1', async () => {
    const h = vanguardCsv.parse(await fixture(file), 'TEST');
    expect(h.positions.map((p) => p.name)).toEqual(['Alpha Chips Inc', 'Beta Bank PLC', 'Delta Mining Corp', 'Epsilon Holdings', 'Gamma Warrant']);
    expect(h.positions.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(1, 12);
    // HHI = 0.5² + 0.3² + 0.15² + 0.04995² + 0.00005²
    expect(h.positions.reduce((a, p) => a + p.weight ** 2, 0)).toBeCloseTo(0.364995005, 12);
    expect(Object.fromEntries(sectorTotals(h))).toEqual({
      'Information Technology': 0.5,
      Financials: 0.3,
      Materials: 0.15,
      unknown: 0.04995,
      'Health Care': 0.00005,
    });
  });

  it('records the no-value equity row and the short-term reserves as excluded, read with their own header', async () => {
    const h = vanguardCsv.parse(await fixture(file), 'TEST');
    expect(h.excluded).toEqual([
      { line: 14, ticker: 'ZETA', name: 'Zeta Blocked GDR', assetClass: 'Equity', reason: 'no market value printed ("---"), so it cannot be weighted', reportedWeight: null, marketValue: null },
      { line: 24, ticker: '', name: 'MKTLIQ', assetClass: 'Short-term reserves', reason: 'short-term reserves (cash)', reportedWeight: 0.04, marketValue: 400 },
      { line: 25, ticker: 'USD', name: 'US Dollar', assetClass: 'Short-term reserves', reason: 'short-term reserves (cash)', reportedWeight: 0.01, marketValue: 100 },
      { line: 26, ticker: 'EUR', name: 'Euro', assetClass: 'Short-term reserves', reason: 'short-term reserves (cash)', reportedWeight: null, marketValue: -0.25 },
    ]);
    expect(h.reportedEquityWeight).toBeCloseTo(0.95, 12);
    expect(h.reportedTotalWeight).toBeCloseTo(1.0, 12);
  });

  it('reads a later section by the same row loop: a row before its header, or an unreadable amount in it, is refused with its line', async () => {
    const text = readFileSync(resolve(FIXTURES, 'vanguard', file), 'utf8');
    const headless = text.replace(',SEDOL,HOLDINGS,TICKER,% OF FUNDS*,MARKET VALUE*\n', '');
    expect(fileError(() => vanguardCsv.parse(textDoc(file, headless), 'TEST')).message).toBe(`${file}, line 23: expected a section title or header before more rows after the table; found ",---,MKTLIQ,---,4.00%,$400.00"`);
    const garbled = text.replace('"$100.00"', 'about 100');
    expect(fileError(() => vanguardCsv.parse(textDoc(file, garbled), 'TEST')).message).toBe(`${file}, line 25: expected a number in "MARKET VALUE*"; found "about 100"`);
  });

  it('explains the basis and the gaps in its notes, with counts taken from the file', async () => {
    const h = vanguardCsv.parse(await fixture(file), 'TEST');
    const notes = h.notes.join('\n');
    expect(notes).toContain('"<0.01%" (3 of the 6 rows of its equity table)');
    expect(notes).toContain('printed equity weights sum to 95.00%');
    expect(notes).toContain('1 equity row prints no sub-industry');
    expect(notes).toContain('1 equity row prints no market value');
  });
});

describe('vanguardCsv on a hand-written VOO-style file (header on line 1, no date)', () => {
  const file = 'TEST_Holdings_details_no_preamble.csv';

  it('has no as-of date, says why, and falls back to the fund ticker for the name', async () => {
    const doc = await fixture(file);
    expect(vanguardCsv.detect(doc)).toBe(true);
    const h = vanguardCsv.parse(doc, 'TEST');
    expect(h.asOf).toEqual({ date: null, reason: 'the file prints no date' });
    expect(h.name).toBe('TEST');
    expect(h.excluded).toEqual([]);
  });

  it('weights from market value (600 + 399.90 + 0.10 = 1,000) and keeps odd tickers as printed', async () => {
    const h = vanguardCsv.parse(await fixture(file), 'TEST');
    expect(h.positions.map((p) => [p.ticker, p.weight, p.sector, p.industry])).toEqual([
      ['AAPT', 0.6, 'Information Technology', 'Technology Hardware, Storage & Peripherals'],
      ['BRK/B', expect.closeTo(0.3999, 12), 'Financials', 'Multi-Sector Holdings'],
      ['TINY', expect.closeTo(0.0001, 12), 'Communication Services', 'Publishing'],
    ]);
    expect(h.positions[0]!.ids).toEqual({ sedol: '2046251' });
  });
});

describe('vanguardCsv on bad input', () => {
  const file = 'TEST_Holdings_details_preamble.csv';
  const text = (): string => readFileSync(resolve(FIXTURES, 'vanguard', file), 'utf8').slice(1);

  it('GIVEN a file cut in the middle of a row THEN it names the line and the missing cells', () => {
    const cut = text().slice(0, text().indexOf(',Diversified Banks'));
    const error = fileError(() => vanguardCsv.parse(textDoc(file, cut), 'TEST'));
    expect(error.line).toBe(10);
    expect(error.message).toContain(`${file}, line 10: expected 10 cells, as in the header on line 8`);
  });

  it('GIVEN a file cut between two rows THEN it says the equity table was never closed', () => {
    const cut = text().slice(0, text().indexOf(',BQBG6P5'));
    const error = fileError(() => vanguardCsv.parse(textDoc(file, cut), 'TEST'));
    expect(error.message).toMatch(/line 12: expected a blank row closing the equity table \(the file looks truncated\)/);
  });

  it('GIVEN a file cut inside a quoted market value THEN it fails instead of reading part of a number', () => {
    const cut = text().slice(0, text().indexOf('3,000.00'));
    const error = fileError(() => vanguardCsv.parse(textDoc(file, cut), 'TEST'));
    expect(error.message).toMatch(/line 10: expected well-formed CSV \(every opening quote closed\)/);
  });

  it('GIVEN text in MARKET VALUE* THEN the message names the file, the line and the column', () => {
    const bad = text().replace('"$3,000.00 "', 'about three thousand');
    const error = fileError(() => vanguardCsv.parse(textDoc(file, bad), 'TEST'));
    expect(error.message).toBe(`${file}, line 10: expected a number in "MARKET VALUE*"; found "about three thousand"`);
  });

  it('GIVEN rows after the equity table with no header of their own THEN it refuses to read them as equity', () => {
    const bad = text().replace('Fixed income,as of 05/31/2026\n', ',B0000X1,Stray Row,STRY,1.00%,Gold,US,---,"$1.00",1\n');
    const error = fileError(() => vanguardCsv.parse(textDoc(file, bad), 'TEST'));
    expect(error.line).toBe(17);
  });

  it('GIVEN an unreadable date in the preamble THEN it says so rather than claiming the file has none', () => {
    const bad = text().replace('as of 05/31/2026', 'as of end of May');
    expect(() => vanguardCsv.parse(textDoc(file, bad), 'TEST')).toThrow(/line 6: expected a date/);
  });

  it('GIVEN files of other layouts THEN detect is false and parse names the missing header', async () => {
    const ishares = '\ufeffiShares Core S&P 500 ETF\nFund Holdings as of,"Nov 18, 2025"\n\n"Ticker","Name","Sector","Asset Class","Market Value","Weight (%)"\n"NVDA","NVIDIA CORP","Information Technology","Equity","1.00","7.50"\n';
    const jpx = await readDoc('TEST_topixweight_j.csv', readFileSync(resolve(FIXTURES, 'jpx/TEST_topixweight_j.csv')));
    for (const doc of [textDoc('ivv.csv', ishares), jpx, { kind: 'sheet', file: 'spy.xlsx', sheet: 'holdings', rows: [['Fund Name:']] } satisfies Doc]) {
      expect(vanguardCsv.detect(doc)).toBe(false);
    }
    expect(() => vanguardCsv.parse(textDoc('ivv.csv', ishares), 'IVV')).toThrow('ivv.csv, line 4: expected vanguard-csv: a header with name, ticker, weight, marketValue columns; found "no weight column; saw Ticker, Name, Sector, Asset Class, Market Value, Weight (%)"');
  });
});

/**
 * An independent reading of a Vanguard file for the real-file checks: plain line splitting and
 * a small regex for quoted fields, no csv-parse, no buildHoldings.
 */
interface RawEquity {
  tableRows: number;
  tiny: number;
  printedSum: number;
  /** Rows with a numeric market value. */
  values: { value: number; sub: string; country: string }[];
}

function splitCsvLine(line: string): string[] {
  // Split on commas that are followed by an even number of quotes, i.e. commas outside quotes.
  return line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((f) => f.replace(/^"|"$/g, '').trim());
}

function readVanguardByHand(path: string): RawEquity {
  const lines = readFileSync(path, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(',SEDOL,HOLDINGS,TICKER,% OF FUNDS*,SUB-INDUSTRY,'));
  const out: RawEquity = { tableRows: 0, tiny: 0, printedSum: 0, values: [] };
  for (const line of lines.slice(start + 1)) {
    if (/^,*$/.test(line)) break;
    const [, , , , pctCell = '', sub = '', country = '', , mv = ''] = splitCsvLine(line);
    out.tableRows++;
    if (pctCell.startsWith('<')) out.tiny++;
    else out.printedSum += Number(pctCell.replace('%', ''));
    if (mv !== '---') out.values.push({ value: Number(mv.replace(/[$,]/g, '')), sub, country });
  }
  return out;
}

const REAL = [
  { fund: 'VOO', path: 'VOO/Holdings_details_S&P_500_ETF.csv', name: 'VOO', asOf: null, tableRows: 504, positions: 504, countries: 1, tiny: 6, top10: 0.385, printed: null },
  { fund: 'VTI', path: 'VTI/Holdings_details_Total_Stock_Market_ETF.csv', name: 'Total Stock Market ETF (VTI)', asOf: '2025-09-30', tableRows: 3529, positions: 3529, countries: 1, tiny: 2719, top10: 0.342, printed: 0.9404 },
  { fund: 'VT', path: 'VT/Holdings_details_Total_World_Stock_ETF.csv', name: 'Total World Stock ETF (VT)', asOf: '2026-05-31', tableRows: 10027, positions: 10024, countries: 48, tiny: 8734, top10: 0.223, printed: 0.8352 },
] as const;

describe.skipIf(!existsSync(RAW))('vanguardCsv on the real issuer files (skipped: ../shared/data/holdings/raw is absent)', () => {
  describe.each(REAL)('$fund ($path)', (real) => {
    // Read once per file: VT is 10,000 rows, and every check below looks at the same result.
    let loaded: Promise<{ doc: Doc; h: Holdings; hand: RawEquity }> | undefined;
    const load = (): Promise<{ doc: Doc; h: Holdings; hand: RawEquity }> =>
      (loaded ??= (async () => {
        const full = resolve(RAW, real.path);
        const doc = await readDoc(real.path.split('/')[1]!, readFileSync(full));
        return { doc, h: vanguardCsv.parse(doc, real.fund), hand: readVanguardByHand(full) };
      })());

    it('is detected by the Vanguard parser only', async () => {
      const { doc } = await load();
      expect(vanguardCsv.detect(doc)).toBe(true);
      expect(jpxTopixCsv.detect(doc)).toBe(false);
    });

    it('matches the counts and dates in PROVENANCE.md', async () => {
      const { h, hand } = await load();
      expect(hand.tableRows).toBe(real.tableRows);
      expect(hand.tiny).toBe(real.tiny);
      expect(h.positions.length).toBe(real.positions);
      expect(h.positions.length).toBe(hand.values.length);
      // Rows of the equity table with no market value are excluded, not lost.
      expect(h.excluded.filter((e) => e.assetClass === 'Equity').length).toBe(real.tableRows - real.positions);
      expect(new Set(h.positions.map((p) => p.country)).size).toBe(real.countries);
      expect(h.name).toBe(real.name);
      expect(h.asOf.date).toBe(real.asOf);
      if (real.printed === null) expect(h.reportedEquityWeight).toBeCloseTo(hand.printedSum / 100, 9);
      else expect(h.reportedEquityWeight).toBeCloseTo(real.printed, 9);
      expect(h.notes.join('\n')).toContain(`${real.tiny.toLocaleString('en-US')} of the ${real.tableRows.toLocaleString('en-US')} rows`);
    });

    it('has the top-10 weight PROVENANCE.md gives (±0.05%) and the one computed by hand (±1e-9)', async () => {
      const { h, hand } = await load();
      const total = hand.values.reduce((a, r) => a + r.value, 0);
      const byHand = hand.values.map((r) => r.value / total).sort((a, b) => b - a);
      const top10 = h.positions.slice(0, 10).reduce((a, p) => a + p.weight, 0);
      expect(Math.abs(top10 - real.top10)).toBeLessThan(0.0005);
      expect(top10).toBeCloseTo(byHand.slice(0, 10).reduce((a, w) => a + w, 0), 9);
      expect(h.positions.reduce((a, p) => a + p.weight ** 2, 0)).toBeCloseTo(byHand.reduce((a, w) => a + w * w, 0), 9);
    });

    it('has the sector totals computed by hand from SUB-INDUSTRY (±1e-9)', async () => {
      const { h, hand } = await load();
      const total = hand.values.reduce((a, r) => a + r.value, 0);
      const expected = new Map<string, number>();
      for (const r of hand.values) {
        const sector = SECTOR_BY_SUB_INDUSTRY[r.sub.toLowerCase()] ?? 'unknown';
        expected.set(sector, (expected.get(sector) ?? 0) + r.value / total);
      }
      const got = sectorTotals(h);
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [sector, w] of expected) expect(got.get(sector)).toBeCloseTo(w, 9);
    });
  });
});
