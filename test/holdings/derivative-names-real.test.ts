import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nonEquityReason } from '../../holdings/asset-class.ts';
import { readDoc } from '../../holdings/doc.ts';
import { detectParser } from '../../holdings/parsers/index.ts';
import type { Holdings } from '../../holdings/types.ts';
import { splitLine } from '../support/parsers.ts';
import { HAS_RAW, RAW } from '../support/raw.ts';

/**
 * Real companies whose names hold a derivative's or cash's word, as two real Vanguard files in
 * ../shared/data/holdings/raw list them (VT as of 05/31/2026, VTI as of 09/30/2025): each stays a
 * holding, weighted by its market value over the equity table's total, both read here from the
 * file's text split by hand. No figure from those files is written into the repo; the test is
 * skipped where they are absent.
 */
const REAL = [
  // [file, name as printed, ticker as printed, SEDOL as printed]
  ['VT', 'Money Forward Inc', '3994', 'BD5ZWW6'],
  ['VT', 'Future Corp', '4722', '6221582'],
  ['VT', 'Future PLC', 'FUTR', 'BYZN904'],
  ['VT', 'POSCO Future M Co Ltd', '003670', '6419451'],
  ['VT', 'Prosegur Cash SA', 'CASH', 'BDH3Q71'],
  ['VT', 'Hedge Brasil Shopping FII', 'HGBS11', 'B29YH38'],
  ['VT', 'Option Care Health Inc', 'OPCH', 'BKM5C62'],
  ['VTI', 'Forward Air Corp', 'FWRD', 'BTJZB05'],
  ['VTI', 'FutureFuel Corp', 'FF', 'B3BBRD4'],
  ['VTI', 'Option Care Health Inc', 'OPCH', 'BKM5C62'],
] as const;

const FILES = { VT: 'VT/Holdings_details_Total_World_Stock_ETF.csv', VTI: 'VTI/Holdings_details_Total_Stock_Market_ETF.csv' } as const;

/** The equity table of a Vanguard CSV by hand: rows after the ",SEDOL,HOLDINGS,..." header up to the first empty row. */
function equityRows(text: string): string[][] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(',SEDOL,HOLDINGS,TICKER,'));
  const out: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.replace(/[,\s]/g, '') === '') break;
    out.push(splitLine(line));
  }
  return out;
}
/** "$1,234.56"; "---" (three delisted Russian and Taiwanese rows in VT print no value) counts as nothing. */
const dollars = (s: string): number => (s === '---' ? 0 : Number(s.replace(/[$,"\s]/g, '')));

describe.skipIf(!HAS_RAW)('real companies named like derivatives or cash stay holdings (Vanguard VT and VTI files)', () => {
  const cache = new Map<string, Promise<{ h: Holdings; rows: string[][] }>>();
  const load = (fund: keyof typeof FILES) => {
    if (!cache.has(fund)) {
      cache.set(fund, (async () => {
        const full = path.join(RAW, FILES[fund]);
        const bytes = readFileSync(full);
        const doc = await readDoc(path.basename(full), bytes);
        return { h: detectParser(doc).parse(doc, fund), rows: equityRows(bytes.toString('utf8')) };
      })());
    }
    return cache.get(fund)!;
  };

  it.each(REAL)('%s: "%s" (%s) is a position weighted by its market value', async (fund, name, ticker, sedol) => {
    const { h, rows } = await load(fund);
    const total = rows.reduce((s, c) => s + dollars(c[8]!), 0);
    const row = rows.find((c) => c[2] === name && c[3] === ticker && c[1] === sedol);
    expect(row, 'the row is in the file as printed').toBeDefined();
    const p = h.positions.find((q) => q.name === name && q.ticker === ticker);
    expect(p, `${name} kept`).toBeDefined();
    expect(p!.weight / (dollars(row![8]!) / total)).toBeCloseTo(1, 6);
    expect(h.excluded.some((e) => e.name === name)).toBe(false);
    // Without a class column, by name, ticker and the file's identifier, with or without a quantity.
    expect(nonEquityReason({ name, ticker, hasId: true, quantity: Number(row![9]!.replace(/,/g, '')) })).toBeNull();
    expect(nonEquityReason({ name, ticker })).toBeNull();
  });
});
