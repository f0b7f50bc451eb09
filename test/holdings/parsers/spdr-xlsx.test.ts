import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../../holdings/doc.ts';
import { HoldingsFileError } from '../../../holdings/errors.ts';
import { allocationXlsx } from '../../../holdings/parsers/allocation-xlsx.ts';
import { schwabXlsx } from '../../../holdings/parsers/schwab-xlsx.ts';
import { cusipCheckDigitHolds } from '../../../holdings/check-digits.ts';
import { spdrXlsx } from '../../../holdings/parsers/spdr-xlsx.ts';
import { cusipFromCell, sedolFromCell } from '../../../holdings/sheet-ids.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RAW = path.resolve(ROOT, '../shared/data/holdings/raw');

const HEADER = ['Name', 'Ticker', 'Identifier', 'SEDOL', 'Weight', 'Sector', 'Shares Held', 'Local Currency'];
const DISCLAIMER = 'Past performance is not a reliable indicator of future performance.';

/** A workbook in SPDR's layout: preamble, header on row 5, table, blank, cash, blank, merged disclaimer. */
async function spdrWorkbook(table: unknown[][], opts: { ticker?: string; asOf?: string; after?: unknown[][] } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('holdings');
  ws.addRow(['Fund Name:', 'SPDR® Test ETF Trust']);
  ws.addRow(['Ticker Symbol:', opts.ticker ?? 'TEST']);
  ws.addRow(['Holdings:', opts.asOf ?? 'As of 12-Feb-2026']);
  ws.addRow([]);
  ws.addRow(HEADER);
  for (const row of table) ws.addRow(row);
  for (const row of opts.after ?? []) ws.addRow(row);
  ws.addRow([]);
  const last = ws.addRow(Array(9).fill(DISCLAIMER)).number;
  ws.mergeCells(`A${last}:I${last}`);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const TABLE = [
  ['ALPHA CORP', 'AAA', '037833100', '2046251', 50, '-', 1000, 'USD'],
  // Both identifiers stored as numbers: Excel dropped their leading zeros.
  ['BETA INC', 'BBB', 31162100, 123456, 30, '-', 500, 'USD'],
  // "87612E106" typed into Excel becomes the number 87612 × 10^106.
  ['GAMMA CO', 'CCC', 8.7612e110, 'BN7P9B2', 15, '-', 200, 'USD'],
  ['S&P500 EMINI MAR 26', 'ESH6', 'ESH620261', '-', 0.1, '-', 10, 'USD'],
];
const AFTER = [[], ['US DOLLAR', '-', '999USDZ92', '-', 4.5, '-', 123456.78, 'USD']];

async function fixtureDoc(table = TABLE, opts: Parameters<typeof spdrWorkbook>[1] = { after: AFTER }): Promise<Doc> {
  return readDoc('TEST.xlsx', await spdrWorkbook(table, opts));
}

describe('spdr-xlsx on a hand-made workbook', () => {
  it('reads the preamble: name, as-of date', async () => {
    const h = spdrXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h).toMatchObject({ fund: 'TEST', name: 'SPDR® Test ETF Trust', issuer: 'SPDR', format: 'spdr-xlsx', file: 'TEST.xlsx' });
    expect(h.asOf).toEqual({ date: '2026-02-12', source: 'file' });
    expect(h.weightBasis).toBe('reported-weight');
  });

  it('normalises percent weights over the three stocks (Σ 95%)', async () => {
    const h = spdrXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h.positions.map((p) => p.ticker)).toEqual(['AAA', 'BBB', 'CCC']);
    expect(h.positions.map((p) => p.weight)).toEqual([50 / 95, 30 / 95, 15 / 95]);
    expect(h.positions.map((p) => p.reportedWeight)).toEqual([0.5, 0.3, 0.15]);
    expect(h.reportedEquityWeight).toBeCloseTo(0.95, 12);
    expect(h.reportedTotalWeight).toBeCloseTo(0.996, 12);
    const hhi = h.positions.reduce((s, p) => s + p.weight ** 2, 0);
    expect(hhi).toBeCloseTo(3625 / 9025, 12);
  });

  it('leaves sector, industry and country empty where SPDR prints "-" and no country', async () => {
    const h = spdrXlsx.parse(await fixtureDoc(), 'TEST');
    for (const p of h.positions) expect(p).toMatchObject({ sector: null, sectorSource: null, industry: null, country: null, marketValue: null });
    expect(h.notes.some((n) => /sector/i.test(n))).toBe(false);
  });

  it('keeps CUSIP and SEDOL, padding numbers and rebuilding the E-notation CUSIP', async () => {
    const h = spdrXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h.positions.map((p) => p.ids)).toEqual([
      { cusip: '037833100', sedol: '2046251' },
      { cusip: '031162100', sedol: '0123456' },
      { cusip: '87612E106', sedol: 'BN7P9B2' },
    ]);
    expect(h.notes[0]).toContain('2 CUSIPs stored as numbers were rebuilt');
  });

  it('excludes the futures line in the table and the cash line after the blank row, and ignores the disclaimer', async () => {
    const h = spdrXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h.excluded).toEqual([
      { line: 9, ticker: 'ESH6', name: 'S&P500 EMINI MAR 26', assetClass: '', reason: 'futures (notional exposure, not a holding)', reportedWeight: 0.001, marketValue: null },
      { line: 11, ticker: '', name: 'US DOLLAR', assetClass: '', reason: 'cash', reportedWeight: 0.045, marketValue: null },
    ]);
  });

  it('excludes a cash line inside the table (ticker "-"), as in DIA and SPY', async () => {
    const table = [...TABLE.slice(0, 2), ['US DOLLAR', '-', '999USDZ92', '-', 4.5, '-', 1, 'USD'], TABLE[2]!];
    const h = spdrXlsx.parse(await fixtureDoc(table, {}), 'TEST');
    expect(h.positions).toHaveLength(3);
    expect(h.excluded).toEqual([{ line: 8, ticker: '', name: 'US DOLLAR', assetClass: '', reason: 'cash', reportedWeight: 0.045, marketValue: null }]);
  });

  it('finds the header wherever it is, and reads a filled-in sector', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('holdings');
    ws.addRow(['Fund Name:', 'Older SPDR']);
    ws.addRow(['Holdings:', 'As of 18-Nov-2025']);
    ws.addRow(HEADER);
    ws.addRow(['ALPHA CORP', 'AAA', '037833100', '2046251', 60, 'Information Technology', 1, 'USD']);
    ws.addRow(['BETA INC', 'BBB', '031162100', '2046252', 40, 'Communication', 1, 'USD']);
    const h = spdrXlsx.parse(await readDoc('OLD.xlsx', new Uint8Array(await wb.xlsx.writeBuffer())), 'TEST');
    expect(h.name).toBe('Older SPDR');
    expect(h.asOf).toEqual({ date: '2025-11-18', source: 'file' });
    expect(h.positions.map((p) => [p.sector, p.sectorSource, p.industry])).toEqual([
      ['Information Technology', 'file', 'Information Technology'],
      ['Communication Services', 'mapped', 'Communication'],
    ]);
  });

  it('keeps the fund its "Ticker Symbol:" names, so the catalog and /import can put it under the right fund', async () => {
    const doc = await readDoc('DIA.xlsx', await spdrWorkbook(TABLE, { ticker: 'DIA' }));
    const h = spdrXlsx.parse(doc, 'SPY');
    expect(h.fundInFile).toBe('DIA');
    expect(h.fund).toBe('SPY');
  });
});

describe('spdr-xlsx on bad input', () => {
  it('names the file when the xlsx is truncated', async () => {
    const bytes = await spdrWorkbook(TABLE);
    const half = bytes.slice(0, Math.floor(bytes.length / 2));
    await expect(readDoc('TEST.xlsx', half)).rejects.toThrow(HoldingsFileError);
    await expect(readDoc('TEST.xlsx', half)).rejects.toThrow(/^TEST\.xlsx: expected a complete xlsx/);
  });

  it('names file, row and column when a weight cell holds text', async () => {
    const table = [TABLE[0]!, ['BETA INC', 'BBB', '031162100', '2046252', 'thirty', '-', 1, 'USD']];
    const doc = await fixtureDoc(table, {});
    expect(() => spdrXlsx.parse(doc, 'TEST')).toThrow(HoldingsFileError);
    expect(() => spdrXlsx.parse(doc, 'TEST')).toThrow('TEST.xlsx, line 7: expected a number in "Weight"; found "thirty"');
  });

  it('does not claim other layouts or text', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['Fund Name', 'CUSIP', 'Symbol', 'Quantity', '% of Assets', 'Market Value']);
    const schwab = await readDoc('S.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(spdrXlsx.detect(schwab)).toBe(false);
    expect(spdrXlsx.detect({ kind: 'text', file: 'a.csv', encoding: 'utf-8', text: 'Name,Ticker,Identifier,SEDOL,Weight\n' })).toBe(false);
    expect(spdrXlsx.detect({ kind: 'sheet', file: 'e.xlsx', sheet: 'x', rows: [] })).toBe(false);
  });

  it('ranks a full issuer file above the two-column export', () => {
    expect(spdrXlsx.rank).toBeGreaterThan(allocationXlsx.rank);
  });
});

describe('CUSIP and SEDOL cells', () => {
  it.each([
    ['037833100', '037833100', null],
    [31162100, '031162100', 'leading-zeros'],
    [539830109, '539830109', null],
    [8.7612e110, '87612E106', 'exponent'],
    ['-', undefined, null],
    [12345, undefined, null], // 000012345 fails the check digit: not a CUSIP that lost zeros
  ] as const)('%s → %s', (cell, id, repair) => {
    expect(cusipFromCell(cell)).toEqual({ id, repair });
  });

  it('checks the CUSIP check digit', () => {
    expect(['037833100', '594918104', '67066G104', '87612E106'].every(cusipCheckDigitHolds)).toBe(true);
    expect(cusipCheckDigitHolds('037833101')).toBe(false);
  });

  it('pads a numeric SEDOL to 7 digits', () => {
    expect(sedolFromCell(123456)).toBe('0123456');
    expect(sedolFromCell('BN7P9B2')).toBe('BN7P9B2');
    expect(sedolFromCell('-')).toBeUndefined();
  });
});

/** Weights straight from the workbook with exceljs: rows 6.. until an empty name; cash is ticker "-". */
async function independent(file: string): Promise<{ stocks: { ticker: string; weight: number }[]; cash: number[]; total: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('holdings')!;
  const stocks: { ticker: string; weight: number }[] = [];
  const cash: number[] = [];
  for (let r = 6; ; r++) {
    const row = ws.getRow(r);
    if (!row.getCell(1).value) break;
    const weight = row.getCell(5).value as number;
    if (row.getCell(2).value === '-') cash.push(weight);
    else stocks.push({ ticker: String(row.getCell(2).value), weight });
  }
  const total = [...stocks.map((s) => s.weight), ...cash].reduce((a, b) => a + b, 0);
  return { stocks, cash, total };
}

const REAL = [
  { fund: 'SPY', file: 'SPY/spy_holdings.xlsx', rows: 504, stocks: 503, asOf: '2025-11-18', total: 0.9995, top: 'NVDA', name: 'SPDR® S&P 500® ETF Trust' },
  { fund: 'SPY', file: 'SPY/holdings-daily-us-en-spy.xlsx', rows: 504, stocks: 503, asOf: '2026-02-12', total: 0.9997, top: 'NVDA', name: 'State Street® SPDR® S&P 500® ETF Trust' },
  { fund: 'DIA', file: 'DIA/holdings-daily-us-en-dia.xlsx', rows: 31, stocks: 30, asOf: '2024-02-14', total: 0.9987, top: 'UNH', name: 'SPDR® Dow Jones® Industrial Average ETF Trust' },
];

describe.skipIf(!existsSync(RAW))(`spdr-xlsx on the real issuer files (${RAW})`, () => {
  describe.each(REAL)('$file', (real) => {
    const load = async () => readDoc(path.basename(real.file), readFileSync(path.join(RAW, real.file)));

    it('is detected by spdr-xlsx only', async () => {
      const doc = await load();
      expect([spdrXlsx, schwabXlsx, allocationXlsx].map((p) => p.detect(doc))).toEqual([true, false, false]);
    });

    it('matches PROVENANCE: rows, as-of date, weight sum, one US DOLLAR cash row', async () => {
      const h = spdrXlsx.parse(await load(), real.fund);
      expect(h.positions.length + h.excluded.length).toBe(real.rows);
      expect(h.positions).toHaveLength(real.stocks);
      expect(h.asOf).toEqual({ date: real.asOf, source: 'file' });
      expect(h.name).toBe(real.name);
      // PROVENANCE prints the sum to 0.01 percentage points.
      expect(Math.abs(h.reportedTotalWeight! - real.total)).toBeLessThanOrEqual(0.00005 + 1e-12);
      expect(h.excluded.map((e) => [e.name, e.reason])).toEqual([['US DOLLAR', 'cash']]);
      expect(h.positions[0]!.ticker).toBe(real.top);
      expect(h.positions.every((p) => p.ids.cusip && p.ids.sedol && p.sector === null)).toBe(true);
    });

    it('agrees with weights read straight from the workbook: count, top 10, HHI', async () => {
      const h = spdrXlsx.parse(await load(), real.fund);
      const ref = await independent(path.join(RAW, real.file));
      expect(ref.stocks.length + ref.cash.length).toBe(real.rows);
      expect(h.positions).toHaveLength(ref.stocks.length);
      expect(h.reportedTotalWeight!).toBeCloseTo(ref.total / 100, 9);

      const equity = ref.stocks.reduce((s, x) => s + x.weight, 0);
      const w = ref.stocks.map((s) => ({ ticker: s.ticker, w: s.weight / equity })).sort((a, b) => b.w - a.w);
      const top10 = (ws: readonly number[]) => ws.slice(0, 10).reduce((a, b) => a + b, 0);
      const hhi = (ws: readonly number[]) => ws.reduce((a, b) => a + b * b, 0);
      const ours = h.positions.map((p) => p.weight);
      expect(h.positions.slice(0, 10).map((p) => p.ticker)).toEqual(w.slice(0, 10).map((x) => x.ticker));
      expect(Math.abs(top10(ours) - top10(w.map((x) => x.w)))).toBeLessThan(1e-9);
      expect(Math.abs(hhi(ours) - hhi(w.map((x) => x.w)))).toBeLessThan(1e-9);
      expect(Math.abs(ours.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
    });
  });
});
