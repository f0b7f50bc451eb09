import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../../holdings/doc.ts';
import { jpxTopixCsv } from '../../../holdings/parsers/jpx-topix-csv.ts';
import { vanguardCsv } from '../../../holdings/parsers/vanguard-csv.ts';
import { SECTOR_BY_TSE33 } from '../../../holdings/tse33.ts';
import type { Holdings } from '../../../holdings/types.ts';
import { fileError } from '../../support/parsers.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURE = resolve(ROOT, 'test/fixtures/jpx/TEST_topixweight_j.csv');
const RAW = resolve(ROOT, '../shared/data/holdings/raw');
const FILE = 'TEST_topixweight_j.csv';

/** The fixture's bytes are Shift-JIS (cp932), as JPX publishes them; readDoc decodes them. */
const fixture = (): Promise<Doc> => readDoc(FILE, readFileSync(FIXTURE));
/** The fixture as text, for cutting and editing in the bad-input tests. */
const fixtureText = (): string => new TextDecoder('shift_jis').decode(readFileSync(FIXTURE));
const textDoc = (text: string): Doc => ({ kind: 'text', file: FILE, encoding: 'shift_jis', text });

describe('jpxTopixCsv on a hand-written Shift-JIS file', () => {
  it('GIVEN the bytes WHEN decoded THEN they are Shift-JIS and only the JPX parser claims them', async () => {
    const doc = await fixture();
    expect(doc).toMatchObject({ kind: 'text', encoding: 'shift_jis' });
    expect(jpxTopixCsv.detect(doc)).toBe(true);
    expect(vanguardCsv.detect(doc)).toBe(false);
  });

  it('reads the date column as the as-of date and names the index, not a fund', async () => {
    const h = jpxTopixCsv.parse(await fixture(), 'TOPIX');
    expect(h).toMatchObject({
      fund: 'TOPIX',
      name: 'TOPIX (JPX index weights)',
      issuer: 'JPX',
      format: 'jpx-topix-csv',
      file: FILE,
      asOf: { date: '2026-04-30', source: 'file' },
      weightBasis: 'reported-weight',
      excluded: [],
    });
    expect(h.reportedTotalWeight).toBeCloseTo(0.99995, 12);
    const notes = h.notes.join('\n');
    expect(notes).toMatch(/not an ETF's holdings/);
    expect(notes).toMatch(/commercial use .* needs a licence agreement with JPX/);
  });

  // Printed weights 40 + 30 + 19.995 + 10 = 99.995%; each is normalised by that total.
  it.each([
    ['7203', 'トヨタ自動車', 40, '輸送用機器', 'Consumer Discretionary'],
    ['8306', '三菱ＵＦＪフィナンシャル・グループ', 30, '銀行業', 'Financials'],
    ['7741', 'ＨＯＹＡ', 19.995, '精密機器', 'Health Care'],
    ['130A', 'テスト・アルファ', 10, '情報・通信業', 'Communication Services'],
  ] as const)('code %s (%s): printed %f%%', async (ticker, name, printed, industry, sector) => {
    const h = jpxTopixCsv.parse(await fixture(), 'TOPIX');
    const p = h.positions.find((x) => x.ticker === ticker);
    expect(p).toEqual({
      ticker,
      name,
      weight: expect.closeTo(printed / 99.995, 12),
      reportedWeight: expect.closeTo(printed / 100, 12),
      marketValue: null,
      sector,
      sectorSource: 'mapped',
      industry,
      country: 'JP',
      countrySource: 'file',
      exchange: 'Tokyo Stock Exchange',
      assetClass: 'equity',
      ids: {},
    });
  });

  it('stops at the notes below the table without reading them as rows', async () => {
    const h = jpxTopixCsv.parse(await fixture(), 'TOPIX');
    expect(h.positions.map((p) => p.ticker)).toEqual(['7203', '8306', '7741', '130A']);
    expect(h.positions.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(1, 12);
  });
});

describe('jpxTopixCsv on bad input', () => {
  it('GIVEN a file cut in the middle of a row THEN it names the line and the missing cells', () => {
    const text = fixtureText();
    const error = fileError(() => jpxTopixCsv.parse(textDoc(text.slice(0, text.indexOf(',19.9950%'))), 'TOPIX'));
    expect(error.message).toContain(`${FILE}, line 4: expected 6 cells, as in the header on line 1`);
  });

  it('GIVEN a file cut after a whole row THEN it says the notes are missing (truncated)', () => {
    const text = fixtureText();
    const error = fileError(() => jpxTopixCsv.parse(textDoc(text.slice(0, text.indexOf('20260430,ＨＯＹＡ'))), 'TOPIX'));
    expect(error.message).toMatch(/line 3: expected JPX's notes after the weight table \(the file looks truncated\)/);
  });

  it('GIVEN text in the weight column THEN the message names the file, line and column', () => {
    const error = fileError(() => jpxTopixCsv.parse(textDoc(fixtureText().replace('30.0000%', '三十%')), 'TOPIX'));
    expect(error.message).toBe(`${FILE}, line 3: expected a number in "TOPIXに占める個別銘柄のウエイト"; found "三十%"`);
  });

  it('GIVEN two dates in one file THEN it refuses to mix them', () => {
    const error = fileError(() => jpxTopixCsv.parse(textDoc(fixtureText().replace('20260430,ＨＯＹＡ', '20260331,ＨＯＹＡ')), 'TOPIX'));
    expect(error.line).toBe(4);
  });

  it('GIVEN a Vanguard file THEN detect is false and parse names the missing header', async () => {
    const doc = await readDoc('v.csv', readFileSync(resolve(ROOT, 'test/fixtures/vanguard/TEST_Holdings_details_preamble.csv')));
    expect(jpxTopixCsv.detect(doc)).toBe(false);
    expect(() => jpxTopixCsv.parse(doc, 'TEST')).toThrow(/v\.csv: expected jpx-topix-csv: a header with date, name, code, weight columns; found "no header found in the first 10 lines"/);
  });
});

/** An independent reading: TextDecoder + line splitting, no csv-parse, no buildHoldings. */
function readTopixByHand(path: string): { date: string; code: string; sector: string; printed: number }[] {
  const lines = new TextDecoder('shift_jis').decode(readFileSync(path)).split(/\r?\n/);
  return lines
    .filter((l) => /^\d{8},/.test(l))
    .map((l) => {
      const [date = '', , code = '', sector = '', weight = ''] = l.split(',');
      return { date, code, sector, printed: Number(weight.replace('%', '')) };
    });
}

describe.skipIf(!existsSync(RAW))('jpxTopixCsv on the real TOPIX file (skipped: ../shared/data/holdings/raw is absent)', () => {
  const path = resolve(RAW, 'TOPIX/topixweight_j.csv');
  interface Loaded {
    doc: Doc;
    h: Holdings;
    hand: ReturnType<typeof readTopixByHand>;
    printedTotal: number;
    /** Normalised weights from the hand reading, largest first. */
    byHand: number[];
  }
  // Read lazily and once: the suite's body runs at collection even when it is skipped.
  let loaded: Promise<Loaded> | undefined;
  const load = (): Promise<Loaded> =>
    (loaded ??= readDoc('topixweight_j.csv', readFileSync(path)).then((doc) => {
      const hand = readTopixByHand(path);
      const printedTotal = hand.reduce((a, r) => a + r.printed, 0);
      const byHand = hand.map((r) => r.printed / printedTotal).sort((a, b) => b - a);
      return { doc, h: jpxTopixCsv.parse(doc, 'TOPIX'), hand, printedTotal, byHand };
    }));

  it('is detected by the JPX parser only', async () => {
    const { doc } = await load();
    expect(doc).toMatchObject({ kind: 'text', encoding: 'shift_jis' });
    expect(jpxTopixCsv.detect(doc)).toBe(true);
    expect(vanguardCsv.detect(doc)).toBe(false);
  });

  it('matches PROVENANCE.md: 1,650 rows dated 20260430, weights summing to 99.998%', async () => {
    const { h, hand, printedTotal } = await load();
    expect(hand.length).toBe(1650);
    expect(new Set(hand.map((r) => r.date))).toEqual(new Set(['20260430']));
    expect(h.positions.length).toBe(1650);
    expect(h.asOf).toEqual({ date: '2026-04-30', source: 'file' });
    expect(Math.abs(h.reportedTotalWeight! - 0.99998)).toBeLessThan(0.000005);
    expect(h.reportedTotalWeight).toBeCloseTo(printedTotal / 100, 9);
    expect(new Set(h.positions.map((p) => p.ticker))).toEqual(new Set(hand.map((r) => r.code)));
  });

  it('has the top-10 weight and HHI computed by hand (±1e-9)', async () => {
    const { h, byHand } = await load();
    expect(h.positions.slice(0, 10).reduce((a, p) => a + p.weight, 0)).toBeCloseTo(byHand.slice(0, 10).reduce((a, w) => a + w, 0), 9);
    expect(h.positions.reduce((a, p) => a + p.weight ** 2, 0)).toBeCloseTo(byHand.reduce((a, w) => a + w * w, 0), 9);
  });

  it('maps every TSE-33 label and has the sector totals computed by hand (±1e-9)', async () => {
    const { h, hand, printedTotal } = await load();
    expect(h.positions.every((p) => p.sector !== null && p.sectorSource === 'mapped')).toBe(true);
    const expected = new Map<string, number>();
    for (const r of hand) {
      const sector = SECTOR_BY_TSE33[r.sector] ?? 'unknown';
      expected.set(sector, (expected.get(sector) ?? 0) + r.printed / printedTotal);
    }
    const got = new Map<string, number>();
    for (const p of h.positions) got.set(p.sector!, (got.get(p.sector!) ?? 0) + p.weight);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [sector, w] of expected) expect(got.get(sector)).toBeCloseTo(w, 9);
  });
});
