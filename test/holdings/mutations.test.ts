import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDoc, type Cell, type Doc } from '../../holdings/doc.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';
import { detectParser, rankParsers } from '../../holdings/parsers/index.ts';
import type { Holdings } from '../../holdings/types.ts';

/**
 * For every real file in ../shared/data/holdings/raw: 50 benign mutations of the kind re-saving
 * and re-typing produce (columns shuffled, header names swapped for synonyms or re-cased,
 * preamble removed, CRLF↔LF, BOM added or removed, trailing commas) give the same figures; 50
 * destructive ones (weight column removed, a number replaced by text, the file cut mid-row) give
 * a refusal that names the file and a line. Seeded, so a failure can be replayed.
 */
const RAW = path.resolve(import.meta.dirname, '../../../shared/data/holdings/raw');
const FILES = (() => {
  try {
    return readdirSync(RAW)
      .filter((d) => statSync(path.join(RAW, d)).isDirectory())
      .flatMap((d) => readdirSync(path.join(RAW, d)).map((f) => path.join(d, f)));
  } catch {
    return [];
  }
})();
if (FILES.length === 0) console.warn(`[skip] ${RAW} is absent: mutation tests are skipped.`);
const N = 50;

/** mulberry32: a small seeded generator, so every run makes the same mutations. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Header names another spelling of which the same issuer has printed (or a person would type). */
const SYNONYMS: Record<string, string> = {
  'Weight (%)': 'Weight', 'Quantity': 'Shares', 'Market Value': 'Market Value ($)', 'Ticker': 'Symbol', 'Location': 'Location of Risk',
  'SUB-INDUSTRY': 'SECTOR', 'HOLDINGS': 'Holding name', 'MARKET VALUE*': 'Market value', '% OF FUNDS*': '% of fund',
  'Weight': 'Weight (%)', 'Shares Held': 'Shares', 'MarketValue': 'Market Value', 'Holding Ticker': 'Ticker',
  'weight (%)': 'weight(%)', 'market value ($)': 'market value($)', '% of Net Assets': 'Percent of Net Assets',
  'Company Name': 'Name', '% of Assets': '% of Net Assets', 'Symbol': 'Ticker', 'Fund Name': 'Name', 'Date of Data': 'Date',
};
const recase = (r: () => number, name: string): string => pick(r, [name.toUpperCase(), name.toLowerCase(), name.replace(/ \(/g, '('), `${name} `])!;

/** What must not change: how many rows are in and out, and every weight. */
function figures(h: Holdings) {
  return { count: h.positions.length, excluded: h.excluded.length, weights: h.positions.map((p) => p.weight).sort((a, b) => b - a) };
}

function expectSame(h: Holdings, want: ReturnType<typeof figures>, what: string) {
  const got = figures(h);
  expect(got.count, what).toBe(want.count);
  expect(got.excluded, what).toBe(want.excluded);
  for (let i = 0; i < got.weights.length; i++) if (Math.abs(got.weights[i]! - want.weights[i]!) > 1e-12) expect(got.weights[i], `${what}: weight ${i}`).toBe(want.weights[i]);
}

interface Table {
  /** Records (CSV cells or sheet cells), the header's index, and the end of the main table. */
  rows: Cell[][];
  header: number;
  end: number;
}

function tableOf(rows: Cell[][], headerLine: number): Table {
  const header = headerLine - 1;
  const width = rows[header]!.length;
  let end = header + 1;
  while (end < rows.length && rows[end]!.length >= width && rows[end]!.some((c) => c !== null && String(c).trim() !== '')) end++;
  return { rows, header, end };
}

function shuffleColumns(t: Table, r: () => number): void {
  const width = t.rows[t.header]!.length;
  const order = [...Array(width).keys()].sort(() => r() - 0.5);
  for (let i = t.header; i < t.end; i++) {
    const row = t.rows[i]!;
    t.rows[i] = [...order.map((j) => row[j] ?? null), ...row.slice(width)];
  }
}

function renameHeader(t: Table, r: () => number): void {
  t.rows[t.header] = t.rows[t.header]!.map((c) => {
    const name = typeof c === 'string' ? c.trim() : c;
    if (typeof name !== 'string' || name === '') return c;
    return SYNONYMS[name] && r() < 0.7 ? SYNONYMS[name]! : r() < 0.5 ? recase(r, name) : c;
  });
}

function dropColumn(t: Table, col: number): void {
  for (let i = t.header; i < t.end; i++) t.rows[i] = t.rows[i]!.filter((_, j) => j !== col);
}

function weightColumn(t: Table): number {
  const names = t.rows[t.header]!.map((c) => String(c ?? '').toLowerCase().replace(/[\s()*$]/g, ''));
  const at = names.findIndex((n) => /^(weight%?|%offunds|%ofnetassets|%ofassets|allocation|topixに占める個別銘柄のウエイト)$/.test(n));
  return at >= 0 ? at : names.findIndex((n) => n.includes('weight') || n.includes('ウエイト'));
}

const toCsv = (rows: Cell[][], eol: string): string => Papa.unparse(rows.map((r) => r.map((c) => (c === null ? '' : String(c)))), { newline: eol, quotes: true });

describe.skipIf(FILES.length === 0)('mutations of every real file', () => {
  const originals = new Map<string, { doc: Doc; h: Holdings; headerLine: number }>();
  beforeAll(async () => {
    for (const f of FILES) {
      const doc = await readDoc(path.basename(f), readFileSync(path.join(RAW, f)));
      const parser = detectParser(doc);
      originals.set(f, { doc, h: parser.parse(doc, 'X'), headerLine: rankParsers(doc)[0]!.detection.line! });
    }
  }, 60_000);

  const parsed = new WeakMap<Doc, { rows: Cell[][]; eol: string }>();
  /** A fresh copy of the doc's rows as a table (CSV parsed once with papaparse, sheets as they are), and its line ending. */
  function rowsOf(doc: Doc): { rows: Cell[][]; eol: string } {
    let base = parsed.get(doc);
    if (!base) {
      base =
        doc.kind === 'sheet'
          ? { rows: doc.rows, eol: '\n' }
          : { rows: Papa.parse<string[]>(doc.text.replace(/\r\n?/g, '\n'), { delimiter: ',', newline: '\n' }).data, eol: doc.text.includes('\r\n') ? '\r\n' : '\n' };
      parsed.set(doc, base);
    }
    return { rows: base.rows.map((r) => [...r]), eol: base.eol };
  }

  async function docOf(original: Doc, rows: Cell[][], eol: string, bom: boolean, trailingComma: boolean): Promise<Doc> {
    if (original.kind === 'sheet') return { ...original, rows: trailingComma ? rows.map((r) => [...r, null]) : rows };
    let text = toCsv(rows, eol);
    if (trailingComma) text = text.split(eol).map((l) => `${l},`).join(eol);
    // Through readDoc only when a BOM is added, since stripping it is readDoc's job; else the text as decoded.
    return bom ? readDoc(original.file, new TextEncoder().encode(`\uFEFF${text}`)) : { kind: 'text', file: original.file, encoding: 'utf-8', text };
  }

  it.each(FILES)('%s: 50 benign mutations give the same figures', async (f) => {
    const { doc, h, headerLine } = originals.get(f)!;
    const want = figures(h);
    const r = rng(FILES.indexOf(f) + 1);
    for (let m = 0; m < N; m++) {
      const { rows, eol: original } = rowsOf(doc);
      const t = tableOf(rows, headerLine);
      const done: string[] = [];
      if (r() < 0.6) (shuffleColumns(t, r), done.push('shuffle'));
      if (r() < 0.6) (renameHeader(t, r), done.push('rename'));
      let table = t.rows;
      if (t.header > 0 && r() < 0.4) {
        table = t.rows.slice(t.header);
        done.push('no preamble');
      }
      const eol = r() < 0.5 ? (original === '\n' ? '\r\n' : '\n') : original;
      const bom = r() < 0.5;
      const trailing = r() < 0.3;
      const mutated = await docOf(doc, table, eol, bom, trailing);
      const what = `${f} mutation ${m} (${[...done, eol === '\r\n' ? 'CRLF' : 'LF', bom ? 'BOM' : 'no BOM', trailing ? 'trailing commas' : ''].join(', ')})`;
      let got: Holdings;
      try {
        got = detectParser(mutated).parse(mutated, 'X');
      } catch (error) {
        throw new Error(`${what}: ${(error as Error).message}`);
      }
      expectSame(got, want, what);
    }
  }, 60_000);

  it.each(FILES)('%s: 50 destructive mutations are refused, naming the file and a line', async (f) => {
    const { doc, h, headerLine } = originals.get(f)!;
    // Damage goes into rows that count: a cut cash line that ends the file loses nothing weighted.
    const excludedLines = new Set(h.excluded.map((e) => e.line));
    const r = rng(1000 + FILES.indexOf(f));
    for (let m = 0; m < N; m++) {
      const { rows, eol } = rowsOf(doc);
      const t = tableOf(rows, headerLine);
      let row = t.header + 1 + Math.floor(r() * (t.end - t.header - 1));
      while (excludedLines.has(row + 1) && row > t.header + 1) row--;
      const kind = pick(r, ['no weight column', 'text for a number', 'cut mid-row'] as const);
      const wcol = weightColumn(t);
      let mutated: Doc;
      if (kind === 'no weight column') {
        dropColumn(t, wcol);
        mutated = await docOf(doc, t.rows, eol, false, false);
      } else if (kind === 'text for a number') {
        t.rows[row]![wcol] = pick(r, ['twelve', 'n.a.x', 'abc', '7.1.2%']);
        mutated = await docOf(doc, t.rows, eol, false, false);
      } else {
        // Cut inside the row, before its weight, after at least two filled cells (one cell alone reads as a blank
        // or a one-line note: the file then ends at a row boundary, which only the whole-fund check can catch).
        const cells = t.rows[row]!;
        const filled = cells.map((c, j) => (c !== null && String(c).trim() !== '' ? j : -1)).filter((j) => j >= 0);
        let keep = Math.max(filled[1]! + 1, Math.min(wcol, 1 + Math.floor(r() * Math.max(1, wcol))));
        // A two-column file (Company, Allocation) has nothing before its weight to cut after: cut the weight itself.
        if (wcol > 0 && keep > wcol) keep = wcol;
        t.rows[row] = t.rows[row]!.slice(0, keep);
        mutated = await docOf(doc, t.rows.slice(0, row + 1), eol, false, false);
      }
      const what = `${f} destructive ${m} (${kind}, row ${row + 1})`;
      let error: unknown;
      try {
        detectParser(mutated).parse(mutated, 'X');
      } catch (e) {
        error = e;
      }
      expect(error, what).toBeInstanceOf(HoldingsFileError);
      const e = error as HoldingsFileError;
      if (!e.message.startsWith(`${path.basename(f)}, line `)) throw new Error(`${what}: ${e.message}`);
    }
  }, 60_000);
});
