import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDoc, type Cell, type Doc } from '../../../holdings/doc.ts';
import { HoldingsFileError } from '../../../holdings/errors.ts';
import { allocationXlsx } from '../../../holdings/parsers/allocation-xlsx.ts';
import { schwabXlsx } from '../../../holdings/parsers/schwab-xlsx.ts';
import { spdrXlsx } from '../../../holdings/parsers/spdr-xlsx.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RAW = path.resolve(ROOT, '../shared/data/holdings/raw');

const HEADER = ['Fund Name', 'CUSIP', 'Symbol', 'Quantity', '% of Assets', 'Market Value'];

async function schwabWorkbook(table: unknown[][], preamble: unknown[][] = []): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const row of [...preamble, HEADER, ...table]) ws.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const TABLE = [
  ['LOCKHEED MARTIN CORP', 539830109, 'LMT', 100, 0.5, '$4.0B'],
  // AMGN's CUSIP 031162100 stored as a number, leading zero gone.
  ['AMGEN INC', 31162100, 'AMGN', 50, 0.3, '$14.4M'],
  // TGT's CUSIP 87612E106, which Excel read as 8.7612e+110.
  ['TARGET CORP', 8.7612e110, 'TGT', 10, 0.19, 1234567.89],
  ['US DOLLAR', '999USDZ92', 'USD', -5000, 0.0001, -5000.5],
  ['S&P MID 400 EMINI MAR 26', 'ADI30KP62', 'FAH6', 4900, 0, 0],
];

async function fixtureDoc(table = TABLE, preamble: unknown[][] = []): Promise<Doc> {
  return readDoc('TEST.xlsx', await schwabWorkbook(table, preamble));
}

describe('schwab-xlsx on a hand-made workbook', () => {
  it('takes % of Assets as a fraction and normalises over the stocks (Σ 0.99)', async () => {
    const h = schwabXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h).toMatchObject({ fund: 'TEST', name: 'TEST', issuer: 'Schwab', format: 'schwab-xlsx', weightBasis: 'reported-weight' });
    expect(h.asOf).toEqual({ date: null, reason: "Schwab's export prints no date" });
    expect(h.positions.map((p) => p.ticker)).toEqual(['LMT', 'AMGN', 'TGT']);
    expect(h.positions.map((p) => p.weight)).toEqual([0.5 / 0.99, 0.3 / 0.99, 0.19 / 0.99]);
    expect(h.positions.map((p) => p.reportedWeight)).toEqual([0.5, 0.3, 0.19]);
    expect(h.reportedTotalWeight).toBeCloseTo(0.9901, 12);
    expect(h.positions.reduce((s, p) => s + p.weight ** 2, 0)).toBeCloseTo((0.25 + 0.09 + 0.0361) / 0.9801, 12);
  });

  it('reads abbreviated and raw market values', async () => {
    const h = schwabXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h.positions[0]!.marketValue).toBe(4e9);
    expect(h.positions[1]!.marketValue).toBeCloseTo(14_400_000, 6);
    expect(h.positions[2]!.marketValue).toBe(1234567.89);
  });

  it('rebuilds CUSIPs Excel turned into numbers, and says so', async () => {
    const h = schwabXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h.positions.map((p) => p.ids)).toEqual([{ cusip: '539830109' }, { cusip: '031162100' }, { cusip: '87612E106' }]);
    expect(h.notes.find((n) => n.includes('CUSIPs'))).toBe(
      '2 CUSIPs stored as numbers were rebuilt (check digit verified): 031162100 (AMGEN INC, row 3: leading zeros lost); 87612E106 (TARGET CORP, row 4: Excel had read it as 8.7612e+110).',
    );
  });

  it('excludes the US DOLLAR and futures rows with their reasons', async () => {
    const h = schwabXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h.excluded).toEqual([
      { line: 5, ticker: 'USD', name: 'US DOLLAR', assetClass: '', reason: 'cash', reportedWeight: 0.0001, marketValue: -5000.5 },
      { line: 6, ticker: 'FAH6', name: 'S&P MID 400 EMINI MAR 26', assetClass: '', reason: 'futures (notional exposure, not a holding)', reportedWeight: 0, marketValue: 0 },
    ]);
  });

  it('uses the fund name only when the file prints one', async () => {
    const h = schwabXlsx.parse(await fixtureDoc(TABLE, [['Schwab U.S. Dividend Equity ETF']]), 'SCHD');
    expect(h.name).toBe('Schwab U.S. Dividend Equity ETF');
    expect(h.positions).toHaveLength(3);
  });
});

describe('schwab-xlsx on bad input', () => {
  it('names the file when the xlsx is truncated', async () => {
    const bytes = await schwabWorkbook(TABLE);
    await expect(readDoc('TEST.xlsx', bytes.slice(0, Math.floor(bytes.length / 2)))).rejects.toThrow(
      new HoldingsFileError('TEST.xlsx', null, 'a complete xlsx (zip) file', 'a truncated or damaged zip'),
    );
  });

  it('names file, row and column when a weight cell holds text', async () => {
    const table = [TABLE[0]!, ['AMGEN INC', 31162100, 'AMGN', 50, 'about 3%', '$14.4M']];
    const doc = await fixtureDoc(table);
    expect(() => schwabXlsx.parse(doc, 'TEST')).toThrow('TEST.xlsx, line 3: expected a number in "% of Assets"; found "about 3%"');
  });

  it('refuses a % of Assets column that adds up to 99 (percents where fractions belong)', () => {
    const table = [['A CORP', '037833100', 'A', 1, 60, 1], ['B CORP', '594918104', 'B', 1, 39, 1]];
    expect(() => schwabXlsx.parse(readDocSync(table), 'TEST')).toThrow(HoldingsFileError);
  });

  it('does not claim the SPDR or two-column layouts, or text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('holdings');
    ws.addRow(['Fund Name:', 'SPDR® Test ETF']);
    ws.addRow(['Name', 'Ticker', 'Identifier', 'SEDOL', 'Weight', 'Sector', 'Shares Held', 'Local Currency']);
    const spdr = await readDoc('S.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(schwabXlsx.detect(spdr)).toBe(false);
    expect(schwabXlsx.detect({ kind: 'sheet', file: 'q.xlsx', sheet: 'QQQ Holdings', rows: [['Company', 'Allocation']] })).toBe(false);
    expect(schwabXlsx.detect({ kind: 'text', file: 'a.csv', encoding: 'utf-8', text: 'Fund Name,CUSIP,Symbol,Quantity,% of Assets\n' })).toBe(false);
  });
});

/** A sheet Doc built in memory, for checks that need no xlsx round trip. */
function readDocSync(table: unknown[][]): Doc {
  return { kind: 'sheet', file: 'TEST.xlsx', sheet: 'Sheet1', rows: [HEADER, ...table] as Cell[][] };
}

describe.skipIf(!existsSync(RAW))(`schwab-xlsx on SCHD/SCHD Daily.xlsx (${RAW})`, () => {
  const FILE = path.join(RAW, 'SCHD/SCHD Daily.xlsx');
  const load = async () => readDoc('SCHD Daily.xlsx', readFileSync(FILE));

  it('is detected by schwab-xlsx only', async () => {
    const doc = await load();
    expect([spdrXlsx, schwabXlsx, allocationXlsx].map((p) => p.detect(doc))).toEqual([false, true, false]);
  });

  it('matches PROVENANCE: 98 stocks + US DOLLAR + 2 futures, summing to 0.9991, no date', async () => {
    const h = schwabXlsx.parse(await load(), 'SCHD');
    expect(h.positions).toHaveLength(98);
    expect(h.excluded.map((e) => [e.ticker, e.reason])).toEqual([
      ['USD', 'cash'],
      ['FAH6', 'futures (notional exposure, not a holding)'],
      ['DMH6', 'futures (notional exposure, not a holding)'],
    ]);
    expect(h.reportedTotalWeight!).toBeCloseTo(0.9991, 9);
    expect(h.reportedEquityWeight!).toBeCloseTo(0.999, 9);
    expect(h.asOf).toEqual({ date: null, reason: "Schwab's export prints no date" });
    expect(h.name).toBe('SCHD');
    const byTicker = new Map(h.positions.map((p) => [p.ticker, p]));
    expect(byTicker.get('TGT')!.ids.cusip).toBe('87612E106');
    expect(byTicker.get('AMGN')!.ids.cusip).toBe('031162100');
    expect(byTicker.get('LMT')!.marketValue).toBe(4e9);
    expect(h.positions.every((p) => p.ids.cusip !== undefined)).toBe(true);
  });

  it('agrees with weights read straight from the workbook: count, top 10, HHI', async () => {
    const h = schwabXlsx.parse(await load(), 'SCHD');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(FILE);
    const ws = wb.getWorksheet('Sheet1')!;
    // Rows 2–99 are the stocks, 100 the US DOLLAR line, 101–102 the futures (PROVENANCE).
    const stocks: { ticker: string; w: number }[] = [];
    let total = 0;
    for (let r = 2; r <= ws.rowCount; r++) {
      const w = ws.getRow(r).getCell(5).value as number;
      total += w;
      if (r <= 99) stocks.push({ ticker: String(ws.getRow(r).getCell(3).value), w });
    }
    expect(ws.getRow(100).getCell(1).value).toBe('US DOLLAR');
    expect(ws.rowCount).toBe(102);
    const equity = stocks.reduce((s, x) => s + x.w, 0);
    const ref = stocks.map((s) => ({ ticker: s.ticker, w: s.w / equity })).sort((a, b) => b.w - a.w);
    const ours = h.positions.map((p) => p.weight);
    const top10 = (ws: readonly number[]) => ws.slice(0, 10).reduce((a, b) => a + b, 0);
    const hhi = (ws: readonly number[]) => ws.reduce((a, b) => a + b * b, 0);
    expect(h.positions).toHaveLength(stocks.length);
    expect(Math.abs(h.reportedTotalWeight! - total)).toBeLessThan(1e-12);
    expect(new Set(h.positions.slice(0, 10).map((p) => p.ticker))).toEqual(new Set(ref.slice(0, 10).map((x) => x.ticker)));
    expect(Math.abs(top10(ours) - top10(ref.map((x) => x.w)))).toBeLessThan(1e-9);
    expect(Math.abs(hhi(ours) - hhi(ref.map((x) => x.w)))).toBeLessThan(1e-9);
  });
});
