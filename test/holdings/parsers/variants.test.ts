import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../../holdings/doc.ts';
import { detectParser } from '../../../holdings/parsers/index.ts';
import type { Holdings } from '../../../holdings/types.ts';
import { splitLine } from '../../support/parsers.ts';

/**
 * Real files in other layouts and years (test/fixtures/variants/PROVENANCE.md): each is detected
 * as its issuer's layout and its weights equal a computation made here from the file's own text:
 * the rows are split by hand, the equity rows picked by the rule stated per file, and each basis
 * value divided by their sum.
 */
const DIR = path.resolve(import.meta.dirname, '../../fixtures/variants');

async function load(file: string): Promise<{ doc: Doc; h: Holdings }> {
  const doc: Doc = { ...(await readDoc(file, readFileSync(path.join(DIR, file)))), excerpt: true };
  return { doc, h: detectParser(doc).parse(doc, 'X') };
}

function text(file: string, encoding = 'utf-8'): string[] {
  return new TextDecoder(encoding).decode(readFileSync(path.join(DIR, file))).replace(/^\uFEFF/, '').split(/\r?\n/);
}

const num = (s: string): number => Number(s.replace(/[$,%"\s]/g, ''));

/** Sorted normalised weights and effective N of the given basis values. */
function expected(basis: number[]) {
  const total = basis.reduce((s, x) => s + x, 0);
  const w = basis.map((x) => x / total).sort((a, b) => b - a);
  return { w, effectiveN: 1 / w.reduce((s, x) => s + x * x, 0) };
}

function sameWeights(h: Holdings, basis: number[]) {
  const want = expected(basis);
  expect(h.positions).toHaveLength(basis.length);
  const got = h.positions.map((p) => p.weight);
  got.forEach((x, i) => expect(x).toBeCloseTo(want.w[i]!, 12));
  expect(1 / got.reduce((s, x) => s + x * x, 0)).toBeCloseTo(want.effectiveN, 9);
}

/** Data rows of a CSV: after header line `header` (1-based), while `keep` holds. */
function rows(lines: string[], header: number, keep: (line: string) => boolean): string[][] {
  const out: string[][] = [];
  for (const line of lines.slice(header)) {
    if (!keep(line)) break;
    out.push(splitLine(line));
  }
  return out;
}
const notBlank = (l: string) => l.replace(/[,\s\u00a0]/g, '') !== '' && !l.startsWith('"** ');

describe('real variant files (excerpts) read by header meaning', () => {
  it('Invesco QQQ 2020-07-02: Weight column (6th), all 30 rows stocks, fund ticker printed inside', async () => {
    const { doc, h } = await load('invesco_QQQ_2020-07-02.csv');
    expect(detectParser(doc).format).toBe('invesco-csv');
    const r = rows(text('invesco_QQQ_2020-07-02.csv'), 1, notBlank);
    sameWeights(h, r.map((c) => num(c[5]!)));
    expect(h).toMatchObject({ fundInFile: 'QQQ', asOf: { date: '2020-07-02', source: 'file' } });
    expect(h.positions.find((p) => p.ticker === 'FB')!.sector).toBe('Communication Services');
  });

  it('iShares ACWI 2022-03-10: "Shares" layout with preamble and footer, weights from Market Value', async () => {
    const { doc, h } = await load('ishares_ACWI_2022-03-10.csv');
    expect(detectParser(doc).format).toBe('ishares-csv');
    const r = rows(text('ishares_ACWI_2022-03-10.csv'), 10, notBlank).filter((c) => c[3] === 'Equity');
    sameWeights(h, r.map((c) => num(c[4]!)));
    expect(h).toMatchObject({ name: 'iShares MSCI ACWI ETF', asOf: { date: '2022-03-10', source: 'file' }, weightBasis: 'market-value' });
  });

  it('iShares EEM 2022 Excel re-save: unquoted, no preamble, NBSP footer row; Korea\'s 5930 kept as printed', async () => {
    const { doc, h } = await load('ishares_EEM_2022_excel-resave.csv');
    expect(detectParser(doc).format).toBe('ishares-csv');
    const r = rows(text('ishares_EEM_2022_excel-resave.csv'), 1, notBlank).filter((c) => c[3] === 'Equity');
    sameWeights(h, r.map((c) => num(c[4]!)));
    expect(h.asOf.date).toBeNull();
    expect(h.positions.find((p) => p.ticker === '5930')).toMatchObject({ country: 'KR' });
  });

  it('iShares XWD 2022 (Canada): Weight third, no Asset Class column; every row a stock by sector and name', async () => {
    const { doc, h } = await load('ishares_XWD_2022_canada.csv');
    expect(detectParser(doc).format).toBe('ishares-csv');
    const r = rows(text('ishares_XWD_2022_canada.csv'), 1, notBlank);
    expect(r.every((c) => c[3] !== 'Cash and/or Derivatives')).toBe(true);
    sameWeights(h, r.map((c) => num(c[5]!)));
    expect(h.positions[0]).toMatchObject({ ticker: 'AAPL', ids: { isin: 'US0378331005', sedol: '2046251' } });
    expect(h.notes.some((n) => n.startsWith('The file has no "Asset Class" column'))).toBe(true);
  });

  it('iShares ITOT 2020 with a hand-renamed header (symbol, sector, market_cap): futures, cash and collateral excluded', async () => {
    const { doc, h } = await load('ishares_ITOT_2020_renamed-header.csv');
    expect(detectParser(doc).format).toBe('ishares-csv');
    const all = rows(text('ishares_ITOT_2020_renamed-header.csv'), 1, notBlank);
    const equity = all.filter((c) => c[3] === 'Equity');
    sameWeights(h, equity.map((c) => num(c[4]!)));
    expect(h.excluded.map((e) => e.ticker).sort()).toEqual(all.filter((c) => c[3] !== 'Equity').map((c) => c[0]).sort());
    expect(h.excluded.filter((e) => e.reason.startsWith('futures')).map((e) => e.ticker)).toEqual(['FAZ0', 'ESZ0']);
  });

  it('iShares ACWI 2025 trimmed (no preamble, no footer, CRLF): 8 cash/futures lines out, 25 stocks in', async () => {
    const { h } = await load('ishares_ACWI_2025_trimmed.csv');
    const all = rows(text('ishares_ACWI_2025_trimmed.csv'), 1, notBlank);
    sameWeights(h, all.filter((c) => c[3] === 'Equity').map((c) => num(c[4]!)));
    expect(h.excluded).toHaveLength(all.length - 25);
  });

  it('iShares ACWI 2025 with its Asset Class column cut out: the same rows are excluded, by sector, name and ticker', async () => {
    const lines = readFileSync(path.join(DIR, 'ishares_ACWI_2025_trimmed.csv'), 'utf8').split('\r\n');
    const cut = lines.map((l) => (l === '' ? l : splitLine(l).filter((_, i) => i !== 3).map((c) => `"${c}"`).join(','))).join('\r\n');
    const doc: Doc = { kind: 'text', file: 'cut.csv', encoding: 'utf-8', text: cut, excerpt: true };
    const h = detectParser(doc).parse(doc, 'ACWI');
    const { h: full } = await load('ishares_ACWI_2025_trimmed.csv');
    expect(h.excluded.map((e) => e.ticker)).toEqual(full.excluded.map((e) => e.ticker));
    expect(h.positions.map((p) => p.weight)).toEqual(full.positions.map((p) => p.weight));
  });

  it.each([
    ['ark_ARKK_2021-12-03.csv', '2021-12-03', 'ARKK'],
    ['ark_ARKQ_2020-08-07.csv', '2020-08-07', 'ARKQ'],
  ])('ARK %s: printed weights of the rows with a ticker; the money-market line out', async (file, date, fund) => {
    const { doc, h } = await load(file);
    expect(detectParser(doc).format).toBe('ark-csv');
    const r = text(file).filter((l) => /^\d{1,2}\/\d{1,2}\/\d{4},/.test(l)).map(splitLine);
    sameWeights(h, r.filter((c) => c[3] !== '').map((c) => num(c[7]!)));
    expect(h.excluded.map((e) => e.reason)).toEqual(r.filter((c) => c[3] === '').map(() => 'money-market fund (cash)'));
    expect(h).toMatchObject({ fundInFile: fund, asOf: { date, source: 'file' } });
  });

  it('JPX TOPIX 2024-04-30 (cp932, padded with commas): weights as printed; Toyota first', async () => {
    const { doc, h } = await load('jpx_topixweight_j_2024-04-30.csv');
    expect(detectParser(doc).format).toBe('jpx-topix-csv');
    const r = text('jpx_topixweight_j_2024-04-30.csv', 'shift_jis').filter((l) => /^\d{8},/.test(l)).map(splitLine);
    sameWeights(h, r.map((c) => num(c[4]!)));
    expect(h.positions[0]).toMatchObject({ ticker: '7203', name: 'トヨタ自動車' });
    expect(h.asOf.date).toBe('2024-04-30');
  });

  it('Vanguard VUG 2024-02-29: "SECTOR" holds GICS industries, mapped to sectors; weights from MARKET VALUE*', async () => {
    const { doc, h } = await load('vanguard_VUG_2024-02-29.csv');
    expect(detectParser(doc).format).toBe('vanguard-csv');
    const r = rows(text('vanguard_VUG_2024-02-29.csv'), 8, notBlank);
    sameWeights(h, r.map((c) => num(c[8]!)));
    expect(h).toMatchObject({ name: 'Growth ETF (VUG)', fundInFile: 'VUG', asOf: { date: '2024-02-29', source: 'file' } });
    expect(h.positions.find((p) => p.ticker === 'MSFT')).toMatchObject({ industry: 'Software', sector: 'Information Technology' });
    expect(h.positions.filter((p) => p.sector === null)).toEqual([]);
  });

  /** The xlsx read straight with exceljs: rows from the one whose first cell is "Name" to the first empty row. */
  async function sheetRows(file: string): Promise<{ header: number; rows: unknown[][] }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(DIR, file));
    const all: unknown[][] = [];
    wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => (all[n - 1] = (row.values as unknown[]).slice(1)));
    const header = all.findIndex((r) => r?.[0] === 'Name');
    const out: unknown[][] = [];
    for (const r of all.slice(header + 1)) {
      if (!r || r.length === 0) break;
      out.push(r);
    }
    return { header: header + 1, rows: out };
  }

  it('SPDR MDY 2025-01-31: preamble names MDY, sectors printed; printed weights of all 30 rows', async () => {
    const { doc, h } = await load('spdr_MDY_2025-01-31.xlsx');
    expect(detectParser(doc).format).toBe('spdr-xlsx');
    const { header, rows: r } = await sheetRows('spdr_MDY_2025-01-31.xlsx');
    expect(header).toBe(5);
    sameWeights(h, r.map((c) => Number(c[4])));
    expect(h).toMatchObject({ fundInFile: 'MDY', asOf: { date: '2025-01-31', source: 'file' } });
    expect(h.positions.every((p) => p.sector !== null && p.sectorSource === 'file')).toBe(true);
  });

  it('SPDR SPY 2024 re-saved without preamble: header on row 1, the US DOLLAR row inside the table left out', async () => {
    const { doc, h } = await load('spdr_SPY_2024_no-preamble.xlsx');
    expect(detectParser(doc).format).toBe('spdr-xlsx');
    const { header, rows: r } = await sheetRows('spdr_SPY_2024_no-preamble.xlsx');
    expect(header).toBe(1);
    sameWeights(h, r.filter((c) => c[1] !== '-').map((c) => Number(c[4])));
    expect(h.excluded.map((e) => [e.name, e.reason])).toEqual([['US DOLLAR', 'cash']]);
    expect(h.asOf.date).toBeNull();
  });

  it('every excerpt says it is one, and none of them would pass as a whole fund', async () => {
    for (const file of ['ishares_ACWI_2022-03-10.csv', 'invesco_QQQ_2020-07-02.csv']) {
      const doc = await readDoc(file, readFileSync(path.join(DIR, file)));
      expect(() => detectParser(doc).parse(doc, 'X')).toThrow(/add up to|cover a whole fund/);
      expect((await load(file)).h.notes).toContain('This file is an excerpt of a holdings file: weights are normalised over the rows it keeps, not the whole fund.');
    }
  });
});
