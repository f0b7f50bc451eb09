import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../holdings/catalog.ts';
import { readDoc } from '../../../holdings/doc.ts';
import { globalxCsv, splitBloomberg } from '../../../holdings/parsers/globalx-csv.ts';
import { detectParser } from '../../../holdings/parsers/index.ts';
import { nikkei225Csv } from '../../../holdings/parsers/nikkei225-csv.ts';
import { yomiuri333Csv } from '../../../holdings/parsers/yomiuri333-csv.ts';
import { fileError, splitLine, textDoc } from '../../support/parsers.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data');
const RAW = path.join(SHARED, 'holdings/raw');
const YOMIURI = path.join(SHARED, 'sources/jp/yomiuri333_constituents_user_compiled.csv');
const HAS_RAW = existsSync(RAW) && existsSync(YOMIURI);
if (!HAS_RAW) console.warn(`[skip] ${SHARED} is absent: Global X, Nikkei and Yomiuri real-file tests are skipped.`);

describe.skipIf(!HAS_RAW)('globalx-csv on the real AIQ file', () => {
  const file = 'aiq_full-holdings_20260828.csv';
  const bytes = () => readFileSync(path.join(RAW, 'AIQ', file));

  it('is detected as Global X and reads the fund name and the line-2 date', async () => {
    const doc = await readDoc(file, bytes());
    expect(detectParser(doc).format).toBe('globalx-csv');
    const h = globalxCsv.parse(doc, 'AIQ');
    expect(h).toMatchObject({ name: 'Global X Artificial Intelligence & Technology ETF', issuer: 'Global X', asOf: { date: '2026-08-28', source: 'file' }, weightBasis: 'market-value' });
  });

  it('leaves out the 8 rows with no ticker, each with a reason, and weights the rest by market value', async () => {
    const h = globalxCsv.parse(await readDoc(file, bytes()), 'AIQ');
    const lines = bytes().toString('utf8').split('\n');
    const rows = lines.slice(3).map(splitLine).filter((c) => c.length === 7);
    const noTicker = rows.filter((c) => c[1] === '');
    expect(h.excluded.map((e) => e.name)).toEqual(noTicker.map((c) => c[2]));
    expect(h.excluded.find((e) => e.name === 'TAIWAN DOLLAR')!.reason).toMatch(/^currency/);
    expect(h.excluded.find((e) => e.name === 'CASH')!.reason).toBe('cash');
    expect(h.excluded.find((e) => e.name === 'OTHER PAYABLE & RECEIVABLES')!.reason).toMatch(/payables/);
    const values = rows.filter((c) => c[1] !== '').map((c) => Number(c[6]!.replace(/,/g, '')));
    const total = values.reduce((s, x) => s + x, 0);
    expect(h.positions).toHaveLength(values.length);
    expect(h.positions[0]!.weight).toBeCloseTo(Math.max(...values) / total, 12);
  });

  it('maps the Bloomberg exchange code to the listing country and strips it from the ticker', async () => {
    const h = globalxCsv.parse(await readDoc(file, bytes()), 'AIQ');
    const by = (name: string) => h.positions.find((p) => p.name === name)!;
    expect(by('TENCENT HOLDINGS LTD')).toMatchObject({ ticker: '700', country: 'HK', countrySource: 'mapped', exchange: 'HK', ids: { sedol: 'BMMV2K8' } });
    expect(by('SIEMENS AG-REG')).toMatchObject({ ticker: 'SIE', country: 'DE' });
    expect(by('MICROSOFT CORP')).toMatchObject({ ticker: 'MSFT', country: 'US', exchange: null });
    expect(by('EXPERIAN PLC').country).toBe('GB');
    expect(splitBloomberg('6954 JP')).toEqual({ ticker: '6954', code: 'JP' });
  });

  it('refuses the file with its weight column removed, naming the header line and what it saw', async () => {
    const text = bytes().toString('utf8').split('\n').map((l, i) => (i < 2 ? l : l.replace(/^[^,]*,/, ''))).join('\n');
    const error = fileError(() => globalxCsv.parse(textDoc(file, text), 'AIQ'));
    expect(error.message).toContain(`${file}, line 3`);
    expect(error.message).toContain('no weight column; saw Ticker, Name, SEDOL');
  });
});

describe.skipIf(!HAS_RAW)('nikkei225-csv on the real Nikkei weight file', () => {
  const file = 'nikkei_stock_average_weight_en.csv';
  const bytes = () => readFileSync(path.join(RAW, 'N225', file));

  it('decodes cp932, reads 225 members, and marks the index price-weighted', async () => {
    const doc = await readDoc(file, bytes());
    expect(doc.kind === 'text' && doc.encoding).toBe('shift_jis');
    expect(detectParser(doc).format).toBe('nikkei225-csv');
    const h = nikkei225Csv.parse(doc, 'N225');
    expect(h).toMatchObject({ issuer: 'Nikkei', weighting: 'price', asOf: { date: '2025-07-31', source: 'file' } });
    expect(h.positions).toHaveLength(225);
    expect(h.notes.some((n) => n.startsWith('The Nikkei 225 is price-weighted'))).toBe(true);
  });

  it('weights equal the printed percentages over their total; Fast Retailing is the largest', async () => {
    const h = nikkei225Csv.parse(await readDoc(file, bytes()), 'N225');
    const text = new TextDecoder('shift_jis').decode(bytes());
    const printed = text.split(/\r?\n/).slice(1).map(splitLine).filter((c) => c.length === 6);
    const total = printed.reduce((s, c) => s + Number(c[5]!.replace('%', '')), 0);
    expect(h.positions[0]).toMatchObject({ ticker: '9983', name: 'FAST RETAILING CO., LTD.', industry: 'Retail', sector: 'Consumer Discretionary', country: 'JP' });
    expect(h.positions[0]!.weight).toBeCloseTo(9.1513 / total, 12);
    expect(h.positions.every((p) => p.sector !== null)).toBe(true);
  });

  it('refuses a row whose weight is text, naming the line', async () => {
    const text = new TextDecoder('shift_jis').decode(bytes()).replace('"9.1513%"', '"n.a."');
    const error = fileError(() => nikkei225Csv.parse(textDoc(file, text), 'N225'));
    expect(error.line).toBe(text.split('\n').findIndex((l) => l.includes('"n.a."')) + 1);
    expect(error.message).toContain('a number in "Weight"');
  });
});

describe.skipIf(!HAS_RAW)('yomiuri333 from the user-compiled constituent list in a YOMIURI333 folder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'topheavy-yomiuri-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every one of the 333 distinct codes 1/333 and says where the names come from', async () => {
    mkdirSync(path.join(dir, 'YOMIURI333'));
    cpSync(YOMIURI, path.join(dir, 'YOMIURI333', path.basename(YOMIURI)));
    const catalog = await loadCatalog(dir);
    expect(catalog.problems).toEqual([]);
    const h = catalog.funds.get('YOMIURI333')!.holdings;
    const codes = new Set(readFileSync(YOMIURI, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').map((l) => splitLine(l)[5]));
    expect(codes.size).toBe(333);
    expect(h).toMatchObject({ format: 'yomiuri333', weightBasis: 'equal', weighting: 'equal' });
    expect(new Set(h.positions.map((p) => p.ticker))).toEqual(codes);
    expect(h.positions.every((p) => Math.abs(p.weight - 1 / 333) < 1e-15)).toBe(true);
    expect(1 / h.positions.reduce((s, p) => s + p.weight ** 2, 0)).toBeCloseTo(333, 9);
    expect(h.notes[0]).toContain('user-compiled list');
    expect(h.notes[0]).toContain('noumi0713/theme-radar-yomiuri333');
  });

  it('refuses a list that lost a member, saying how many codes it found', async () => {
    const lines = readFileSync(YOMIURI, 'utf8').replace(/^\uFEFF/, '').split('\n');
    const code = splitLine(lines[1]!)[5]!;
    const cut = lines.filter((l) => splitLine(l)[5] !== code).join('\n');
    const error = fileError(() => yomiuri333Csv.parse(textDoc('list.csv', cut), 'YOMIURI333'));
    expect(error.message).toBe('list.csv, line 1: expected 333 distinct security codes under the header (the Yomiuri 333 has 333 members); found "332"');
  });

  // The member list read by the one table reader with its profile: no weights, equal by rule.
  const list = () => readFileSync(YOMIURI, 'utf8').replace(/^\uFEFF/, '').split('\n').filter((l) => l.trim() !== '');

  it('counts a code listed in two groups once, and says so; blank lines between rows are passed over', async () => {
    const lines = list();
    const again = lines[7]!;
    const h = detectParser(textDoc('list.csv', [...lines, '', again, ''].join('\n'))).parse(textDoc('list.csv', [...lines, '', again, ''].join('\n')), 'YOMIURI333');
    expect(h.format).toBe('yomiuri333');
    expect(h.positions).toHaveLength(333);
    expect(h.positions.filter((p) => p.ticker === splitLine(again)[5])).toHaveLength(1);
    expect(h.notes).toContain('1 codes appear on more than one row of the list; each is counted once.');
  });

  it('refuses a code listed again under another name, naming both lines', async () => {
    const lines = list();
    const cells = splitLine(lines[7]!);
    const error = fileError(() => yomiuri333Csv.parse(textDoc('list.csv', [...lines, [...cells.slice(0, 6), 'Other Name KK'].join(',')].join('\n')), 'YOMIURI333'));
    expect(error.message).toBe(`list.csv, line ${lines.length + 1}: expected the name line 8 gives code ${cells[5]} (${cells[6]}); found "Other Name KK"`);
  });

  it('refuses a row whose code is not a Tokyo code, and a list that prints a weight column', async () => {
    const lines = list();
    const cells = splitLine(lines[4]!);
    const bad = [...lines.slice(0, 4), [...cells.slice(0, 5), '72-3', cells[6]].join(','), ...lines.slice(5)].join('\n');
    expect(fileError(() => yomiuri333Csv.parse(textDoc('list.csv', bad), 'YOMIURI333')).message).toBe('list.csv, line 5: expected a four-character security code such as "7203" in "コード"; found "72-3"');
    const weighted = lines.map((l, i) => `${l},${i === 0 ? 'ウエイト' : '0.3'}`).join('\n');
    expect(fileError(() => yomiuri333Csv.parse(textDoc('list.csv', weighted), 'YOMIURI333')).message).toMatch(/^list\.csv, line 1: expected a member list without weights \(the Yomiuri 333 weighs its members by rule\); found "a weight column \(ウエイト\) among /);
    expect(detectParser(textDoc('list.csv', weighted)).format).not.toBe('yomiuri333');
  });
});
