import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../../holdings/doc.ts';
import { HoldingsFileError } from '../../../holdings/errors.ts';
import { allocationXlsx } from '../../../holdings/parsers/allocation-xlsx.ts';
import { schwabXlsx } from '../../../holdings/parsers/schwab-xlsx.ts';
import { spdrXlsx } from '../../../holdings/parsers/spdr-xlsx.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RAW = path.resolve(ROOT, '../shared/data/holdings/raw');

async function allocationWorkbook(table: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('TEST Holdings');
  for (const row of [['Company', 'Allocation'], ...table]) ws.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const TABLE = [
  ['Alpha Inc', '50.00%'],
  ['Beta Corp', '30.00%'],
  ['Gamma Co Class A', '19.90%'],
  ['CASH & EQUIVALENTS', '0.08%'],
  ['CME E-Mini NASDAQ 100 Index Future', '0.03%'],
  ['CASH COLLATERAL', '0.00%'],
  ['CME E-Mini NASDAQ 100 Index Future', '-0.03%'],
];

async function fixtureDoc(table = TABLE): Promise<Doc> {
  return readDoc('TEST.xlsx', await allocationWorkbook(table));
}

describe('allocation-xlsx on a hand-made workbook', () => {
  it('reads "50.00%" text as 0.5 and normalises over the three companies (Σ 99.90%)', async () => {
    const h = allocationXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h).toMatchObject({ fund: 'TEST', name: 'TEST', issuer: 'Unknown', format: 'allocation-xlsx', weightBasis: 'reported-weight' });
    expect(h.asOf).toEqual({ date: null, reason: 'the two-column allocation export prints no date' });
    expect(h.positions.map((p) => [p.ticker, p.name])).toEqual([
      ['', 'Alpha Inc'],
      ['', 'Beta Corp'],
      ['', 'Gamma Co Class A'],
    ]);
    const printed = [0.5, 0.3, 0.199];
    const sum = 0.5 + 0.3 + 0.199;
    h.positions.forEach((p, i) => {
      expect(p.reportedWeight).toBeCloseTo(printed[i]!, 15);
      expect(p.weight).toBeCloseTo(printed[i]! / sum, 12);
    });
    expect(h.positions.reduce((s, p) => s + p.weight ** 2, 0)).toBeCloseTo((0.25 + 0.09 + 0.039601) / 0.998001, 12);
    expect(h.reportedTotalWeight).toBeCloseTo(0.9998, 12);
    expect(h.positions.every((p) => Object.keys(p.ids).length === 0 && p.marketValue === null)).toBe(true);
  });

  it('excludes cash, and both futures lines, naming the negative one', async () => {
    const h = allocationXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h.excluded.map((e) => [e.line, e.name, e.reason, e.reportedWeight])).toEqual([
      [5, 'CASH & EQUIVALENTS', 'cash', 0.0008],
      [6, 'CME E-Mini NASDAQ 100 Index Future', 'futures (notional exposure, not a holding)', 0.0003],
      [7, 'CASH COLLATERAL', 'cash', 0],
      [8, 'CME E-Mini NASDAQ 100 Index Future', 'futures (negative allocation)', -0.0003],
    ]);
  });

  it('warns that names without tickers cannot be matched reliably', async () => {
    const h = allocationXlsx.parse(await fixtureDoc(), 'TEST');
    expect(h.notes[0]).toBe('This export has no tickers or identifiers, so overlap with other funds cannot match its company names reliably.');
  });

  it('excludes any other negative allocation rather than failing on it', async () => {
    const h = allocationXlsx.parse(await fixtureDoc([...TABLE.slice(0, 3), ['Some Swap Leg', '-0.10%'], ['Delta Ltd', '0.20%']]), 'TEST');
    expect(h.excluded).toEqual([
      { line: 5, ticker: '', name: 'Some Swap Leg', assetClass: '', reason: 'negative allocation (not a holding)', reportedWeight: -0.001, marketValue: null },
    ]);
    expect(h.positions).toHaveLength(4);
  });

  it('ranks below the full issuer layouts', () => {
    expect(allocationXlsx.rank).toBe(10);
    expect(allocationXlsx.rank).toBeLessThan(spdrXlsx.rank);
    expect(allocationXlsx.rank).toBeLessThan(schwabXlsx.rank);
  });
});

describe('allocation-xlsx on bad input', () => {
  it('names the file when the xlsx is truncated', async () => {
    const bytes = await allocationWorkbook(TABLE);
    const error = await readDoc('TEST.xlsx', bytes.slice(0, Math.floor(bytes.length / 2))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HoldingsFileError);
    expect((error as HoldingsFileError).file).toBe('TEST.xlsx');
  });

  it('names file, row and column when an allocation cell holds text', async () => {
    const doc = await fixtureDoc([TABLE[0]!, ['Beta Corp', 'thirty percent']]);
    expect(() => allocationXlsx.parse(doc, 'TEST')).toThrow('TEST.xlsx, line 3: expected a number in "Allocation"; found "thirty percent"');
  });

  it('does not claim layouts that have tickers, nor text', async () => {
    const withTicker: Doc = { kind: 'sheet', file: 'x.xlsx', sheet: 'S', rows: [['Company', 'Ticker', 'Allocation']] };
    const schwab: Doc = { kind: 'sheet', file: 'x.xlsx', sheet: 'Sheet1', rows: [['Fund Name', 'CUSIP', 'Symbol', 'Quantity', '% of Assets', 'Market Value']] };
    expect(allocationXlsx.detect(withTicker)).toBe(false);
    expect(allocationXlsx.detect(schwab)).toBe(false);
    expect(allocationXlsx.detect({ kind: 'text', file: 'a.csv', encoding: 'utf-8', text: 'Company,Allocation\nAlpha,50%\n' })).toBe(false);
  });
});

describe.skipIf(!existsSync(RAW))(`allocation-xlsx on QQQ/QQQ Daily.xlsx (${RAW})`, () => {
  const FILE = path.join(RAW, 'QQQ/QQQ Daily.xlsx');
  const load = async () => readDoc('QQQ Daily.xlsx', readFileSync(FILE));

  it('is detected by allocation-xlsx only', async () => {
    const doc = await load();
    expect([spdrXlsx, schwabXlsx, allocationXlsx].map((p) => p.detect(doc))).toEqual([false, false, true]);
  });

  it('matches PROVENANCE: 105 rows, a negative futures row, no tickers, no date', async () => {
    const h = allocationXlsx.parse(await load(), 'QQQ');
    expect(h.positions.length + h.excluded.length).toBe(105);
    expect(h.positions).toHaveLength(101);
    expect(h.excluded.map((e) => [e.name, e.reason, e.reportedWeight])).toEqual([
      ['CASH & EQUIVALENTS', 'cash', 0.0008],
      ['CME E-Mini NASDAQ 100 Index Future', 'futures (notional exposure, not a holding)', 0.0003],
      ['CASH COLLATERAL', 'cash', 0],
      ['CME E-Mini NASDAQ 100 Index Future', 'futures (negative allocation)', -0.0003],
    ]);
    expect(h.asOf.date).toBeNull();
    expect(h.positions.every((p) => p.ticker === '')).toBe(true);
    expect(h.positions[0]!.name).toBe('NVIDIA Corp');
    expect(h.reportedTotalWeight!).toBeCloseTo(0.9994, 9);
    expect(h.reportedEquityWeight!).toBeCloseTo(0.9986, 9);
  });

  it('agrees with allocations read straight from the workbook: count, top 10, HHI', async () => {
    const h = allocationXlsx.parse(await load(), 'QQQ');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(FILE);
    const ws = wb.worksheets[0]!;
    const stocks: number[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const name = String(ws.getRow(r).getCell(1).value);
      const pct = Number.parseFloat(String(ws.getRow(r).getCell(2).value));
      if (!/^CASH|Future/.test(name)) stocks.push(pct);
    }
    expect(ws.rowCount - 1).toBe(105);
    const equity = stocks.reduce((a, b) => a + b, 0);
    const ref = stocks.map((x) => x / equity).sort((a, b) => b - a);
    const ours = h.positions.map((p) => p.weight);
    const top10 = (ws: readonly number[]) => ws.slice(0, 10).reduce((a, b) => a + b, 0);
    const hhi = (ws: readonly number[]) => ws.reduce((a, b) => a + b * b, 0);
    expect(ours).toHaveLength(ref.length);
    expect(Math.abs(top10(ours) - top10(ref))).toBeLessThan(1e-9);
    expect(Math.abs(hhi(ours) - hhi(ref))).toBeLessThan(1e-9);
  });
});
