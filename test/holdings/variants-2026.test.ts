import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nonEquityReason } from '../../holdings/asset-class.ts';
import { readDoc } from '../../holdings/doc.ts';
import { detectParser } from '../../holdings/parsers/index.ts';
import type { Holdings } from '../../holdings/types.ts';
import { splitLine } from '../support/parsers.ts';

/**
 * Three whole real files of 2026 from one public repository (test/fixtures/variants/PROVENANCE.md):
 * Invesco's newer download in full (SOXQ), Roundhill's CHAT file (a layout none of the tests had,
 * with currency, money-market and cash lines inside the table and no class column), and the
 * small-issuer platform layout (NASA) as a whole file rather than rows quoted in a test. Each
 * is read as a whole fund (not an excerpt); every weight is checked against a computation made
 * here from the file's text split by hand, with the rows to keep picked by the rule stated per file.
 */
const DIR = path.resolve(import.meta.dirname, '../fixtures/variants');

async function read(file: string): Promise<Holdings> {
  const doc = await readDoc(file, readFileSync(path.join(DIR, file)));
  return detectParser(doc).parse(doc, 'X');
}

/** The data rows of a CSV: every non-blank line after the header that is not a `#` comment. */
function rows(file: string): string[][] {
  const [, ...lines] = readFileSync(path.join(DIR, file), 'utf8').split(/\r?\n/);
  return lines.filter((l) => l.trim() !== '' && !l.startsWith('#')).map(splitLine);
}
const num = (s: string): number => Number(s.replace(/[$,%"\s]/g, ''));

/** The file read, and its data rows split by hand (as many as the file is known to hold). */
async function load(file: string, count: number): Promise<{ h: Holdings; all: string[][] }> {
  const all = rows(file);
  expect(all).toHaveLength(count);
  return { h: await read(file), all };
}

/** Each kept row's expected weight (basis ÷ Σ basis) by ticker, against the positions read. */
function sameWeights(h: Holdings, kept: { ticker: string; basis: number }[]): void {
  const total = kept.reduce((s, r) => s + r.basis, 0);
  expect(h.positions.map((p) => p.ticker).sort()).toEqual(kept.map((r) => r.ticker).sort());
  for (const r of kept) expect(h.positions.find((p) => p.ticker === r.ticker)!.weight, r.ticker).toBeCloseTo(r.basis / total, 12);
  const w = kept.map((r) => r.basis / total);
  expect(1 / h.positions.reduce((s, p) => s + p.weight * p.weight, 0)).toBeCloseTo(1 / w.reduce((s, x) => s + x * x, 0), 9);
}

describe('Invesco SOXQ 2026-08-28, the newer download in full (Ticker, Company, Share/ Par, % TNA, Class of shares, CUSIP, Market value)', () => {
  const file = 'invesco_SOXQ_2026-08-28_complete.csv';

  it('30 stocks and ADRs by their class, weighted by market value; the money-market, securities-lending and pending-dividend lines out', async () => {
    const { h, all } = await load(file, 33);
    const stock = all.filter((c) => /^(Common Stock|American Depository Receipt)/.test(c[4]!));
    expect(stock).toHaveLength(30);
    sameWeights(h, stock.map((c) => ({ ticker: c[0]!, basis: num(c[6]!) })));
    expect(h.excluded.map((e) => [e.name, e.reason])).toEqual([
      ['Invesco Government & Agency Portfolio', 'money-market fund (cash sweep)'],
      ['SECURITIES LENDING - BNYM', 'cash'],
      ['USD Pending Dividends', 'cash'],
    ]);
    expect(h.asOf).toEqual({ date: '2026-08-28', source: 'file' });
    expect(h.positions[0]).toMatchObject({ ticker: 'NVDA', ids: { cusip: '67066G104' } });
    // An ADR keeps its CUSIP as printed, a foreign issuer's letter-led one included.
    expect(h.positions.find((p) => p.ticker === 'ASML')!.ids).toEqual({ cusip: 'N07059210' });
  });
});

describe('Roundhill CHAT 2026-08-30 (Ticker, Name, Identifier, Weight, Shares, Market Value): no class column', () => {
  const file = 'roundhill_CHAT_2026-08-30.csv';

  it('is not taken for a Vanguard file (its "Market Value" header once read as Vanguard\'s "MARKET VALUE*", then refused as truncated)', async () => {
    const h = await read(file);
    expect(h.issuer).not.toBe('Vanguard');
    expect(h.positions.length).toBeGreaterThan(0);
  });

  it('47 stocks by printed weight; four currencies (by ISO code and name), the money-market fund and Cash&Other out', async () => {
    const { h, all } = await load(file, 53);
    // By hand: a currency line has its ISO code as ticker and CASH+code as identifier; FGXXX is a money-market fund; Cash&Other is cash.
    const out = all.filter((c) => /^CASH[A-Z]{3}$/.test(c[2]!) || c[0] === 'FGXXX' || c[0] === 'Cash&Other');
    expect(out.map((c) => c[0])).toEqual(['CNY', 'EUR', 'FGXXX', 'KRW', 'TWD', 'Cash&Other']);
    const stock = all.filter((c) => !out.includes(c));
    sameWeights(h, stock.map((c) => ({ ticker: c[0]!, basis: num(c[3]!) })));
    expect(h.excluded.map((e) => [e.ticker, e.reason])).toEqual([
      ['CNY', 'currency (cash held in chinese yuan)'],
      ['EUR', 'currency (cash held in euro)'],
      ['FGXXX', 'money-market fund (cash sweep)'],
      ['KRW', 'currency (cash held in south korea won)'],
      ['TWD', 'currency (cash held in new taiwan dollar)'],
      ['Cash&Other', 'cash'],
    ]);
    // Bloomberg tickers with their exchange suffix are kept as printed; SEDOLs and CUSIPs both pass their check digits.
    expect(h.positions.find((p) => p.ticker === '285A JP')).toMatchObject({ name: 'Kioxia Holdings Corp', ids: { sedol: 'BMGYJ02' } });
    expect(h.positions.find((p) => p.ticker === 'ALAB')!.ids).toEqual({ cusip: '04626A103' });
    expect(h.asOf.date).toBeNull();
  });

  it('a currency code as ticker leaves a row out only beside a currency name; a fund ticker ending XX only beside a money-market name', () => {
    expect(nonEquityReason({ name: 'CONOCOPHILLIPS', ticker: 'COP', hasId: true, quantity: 100 })).toBeNull();
    expect(nonEquityReason({ name: 'SARATOGA INVESTMENT CORP', ticker: 'SAR', hasId: true, quantity: 100 })).toBeNull();
    expect(nonEquityReason({ name: 'CHINESE YUAN', ticker: 'CNY', hasId: false, quantity: 681857 })).toBe('currency (cash held in chinese yuan)');
    expect(nonEquityReason({ name: 'First American Government Obligations Fund 12/01/2031', ticker: 'FGXXX', hasId: true, quantity: 1 })).toBe('money-market fund (cash sweep)');
    expect(nonEquityReason({ name: 'Exxon Mobil Corp', ticker: 'EXXXX', hasId: true, quantity: 1 })).toBeNull();
  });
});

describe('NASA 2026-08-28, the small-issuer platform layout as a whole file (holdings_date … percent_of_nav, is_cash …)', () => {
  const file = 'platform_NASA_2026-08-28.csv';

  it('the 36 rows with is_cash 0 by their fraction of NAV, the SpaceX SPV line among them; the is_cash line out', async () => {
    const { h, all } = await load(file, 37);
    const stock = all.filter((c) => c[7] === '0');
    expect(stock).toHaveLength(36);
    sameWeights(h, stock.map((c) => ({ ticker: c[1]!, basis: num(c[6]!) })));
    expect(h.excluded.map((e) => [e.name, e.reason])).toEqual([['CASH & CASH EQUIVALENTS', 'cash (the file marks it as cash)']]);
    expect(h.positions[0]).toMatchObject({ ticker: 'SPACEX SPV', name: 'SPACEX SPV EXPOSURE' });
    expect(h.asOf).toEqual({ date: '2026-08-28', source: 'file' });
    // The two MDA Space lines (MDA on Nasdaq with a CUSIP, MDA CN in Toronto without) stay two positions.
    expect(h.positions.filter((p) => p.name === 'MDA SPACE LTD').map((p) => p.ticker).sort()).toEqual(['MDA', 'MDA CN']);
  });
});
