import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { HoldingsFileError } from '../../../holdings/errors.ts';
import { NportRefusal, once, parseNport } from '../../../holdings/parsers/nport-xml.ts';
import { chooseFiling, parseFilingList, primaryDocPath, reportDatesFrom } from '../../../holdings/sec-filings.ts';
import { holdings as holdingsSchema } from '../../../holdings/types.ts';
import { HAS_SEC, nportFile, SEC_DIR } from '../../store/sec-server.ts';

const read = (name: string) => readFileSync(nportFile(name));

/** Feeds the file in pieces of `size` bytes, so tags, entities and multi-byte characters straddle chunk edges. */
async function* pieces(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Equity rows straight from the XML with regular expressions (independent of the streaming parser). */
function equityRows(xml: string) {
  return [...xml.matchAll(/<invstOrSec>([\s\S]*?)<\/invstOrSec>/g)]
    .map(([, b]) => ({ cat: /<assetCat>(\w+)</.exec(b!)?.[1], value: Number(/<valUSD>([^<]+)</.exec(b!)?.[1]), name: /<name>([^<]*)</.exec(b!)?.[1] ?? '' }))
    .filter((r) => r.cat === 'EC' || r.cat === 'EP');
}
function figures(values: number[]) {
  const total = values.reduce((s, v) => s + v, 0);
  const w = values.map((v) => v / total).sort((a, b) => b - a);
  return { effectiveN: 1 / w.reduce((s, x) => s + x * x, 0), top10: w.slice(0, 10).reduce((s, x) => s + x, 0), largest: w[0]! };
}

describe.skipIf(!HAS_SEC)('SEC N-PORT parser on the real filings', () => {
  test.each([
    ['IVW_2026-06-30_primary_doc.xml', 147, 'iShares S&P 500 Growth ETF', '2026-06-30', 3],
    ['DAX_2024-01-31_primary_doc.xml', 40, 'Global X DAX Germany ETF', '2024-01-31', 1],
    ['CalvertSmallCap_2021-09-30_primary_doc.xml', 82, 'Calvert Small Cap Fund', '2021-09-30', 4],
  ])('%s: %i equity holdings, weights from valUSD equal to an independent computation, each exclusion with its reason', async (file, count, name, date, excluded) => {
    const bytes = read(file);
    const { holdings: h, reportDate } = await parseNport(pieces(bytes, 997), { fund: 'TEST', file });
    expect(holdingsSchema.parse(h)).toBeTruthy();
    expect(h.positions).toHaveLength(count);
    expect(h.name).toBe(name);
    expect(reportDate).toBe(date);
    expect(h.issuer).toBe('SEC');
    expect(h.excluded).toHaveLength(excluded);
    for (const e of h.excluded) expect(e.reason.length).toBeGreaterThan(10);
    const truth = figures(equityRows(bytes.toString('utf8')).map((r) => r.value));
    const w = h.positions.map((p) => p.weight);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(1 / w.reduce((s, x) => s + x * x, 0)).toBeCloseTo(truth.effectiveN, 9);
    expect(w.slice(0, 10).reduce((s, x) => s + x, 0)).toBeCloseTo(truth.top10, 12);
    expect(w[0]).toBeCloseTo(truth.largest, 12);
  });

  test('IVW as PROVENANCE.md states it: effective N 22.10, top-10 56.42%, NVDA 13.66%; STIV collateral and the future excluded', async () => {
    const { holdings: h } = await parseNport(once(read('IVW_2026-06-30_primary_doc.xml')), { fund: 'IVW', file: 'IVW.xml' });
    const w = h.positions.map((p) => p.weight);
    expect(1 / w.reduce((s, x) => s + x * x, 0)).toBeCloseTo(22.1, 2);
    expect(h.positions[0]).toMatchObject({ ticker: 'NVDA', ids: { cusip: '67066G104', isin: 'US67066G1040' }, country: 'US' });
    expect(h.positions[0]!.weight).toBeCloseTo(0.1366, 4);
    expect(h.excluded.map((e) => e.assetClass).sort()).toEqual(['DE', 'STIV', 'STIV']);
    expect(h.excluded.find((e) => e.assetClass === 'DE')?.reason).toMatch(/derivative/);
    expect(h.excluded.find((e) => e.assetClass === 'STIV')?.reason).toMatch(/securities-lending collateral/);
  });

  test('identifiers: CUSIP 000000000 and N/A mean none; SEDOL from <other>; a derivative’s nested identifiers are not the holding’s', async () => {
    const ivw = (await parseNport(once(read('IVW_2026-06-30_primary_doc.xml')), { fund: 'IVW', file: 'IVW.xml' })).holdings;
    const ccl = ivw.positions.find((p) => p.ticker === 'CCL')!;
    expect(ccl.ids).toEqual({ isin: 'BMG2004J1036', sedol: 'BVV7RC7' });
    // Ten foreign stocks carry cusip 000000000 plus ISIN and SEDOL (PROVENANCE.md).
    expect(ivw.positions.filter((p) => p.ids.sedol && !p.ids.cusip)).toHaveLength(10);
    expect(ivw.positions.some((p) => p.ticker === 'RLG')).toBe(false);
    const dax = (await parseNport(once(read('DAX_2024-01-31_primary_doc.xml')), { fund: 'DAX', file: 'DAX.xml' })).holdings;
    // 40 rows say N/A; one (Qiagen) carries a real CINS number, which is kept.
    expect(dax.positions.flatMap((p) => p.ids.cusip ?? [])).toEqual(['N72482149']);
    expect(dax.positions.every((p) => /^[A-Z]{2}[0-9A-Z]{10}$/.test(p.ids.isin ?? ''))).toBe(true);
    expect(dax.positions[0]).toMatchObject({ name: 'SAP SE', ticker: '' });
  });

  test('slices of one security are merged into one holding, their values added', async () => {
    const xml = read('IVW_2026-06-30_primary_doc.xml').toString('utf8');
    const first = /<invstOrSec>[\s\S]*?<\/invstOrSec>/.exec(xml)![0];
    // The same security reported twice (as lots are), the second slice worth 1,000,000 USD.
    const slice = first.replace(/<valUSD>[^<]+<\/valUSD>/, '<valUSD>1000000.00</valUSD>');
    const doubled = xml.replace(first, `${first}\n${slice}`);
    const base = (await parseNport(once(xml), { fund: 'IVW', file: 'x.xml' })).holdings;
    const merged = (await parseNport(once(doubled), { fund: 'IVW', file: 'x.xml' })).holdings;
    expect(merged.positions).toHaveLength(147);
    const name = /<name>([^<]+)<\/name>/.exec(first)![1]!;
    const before = base.positions.find((p) => p.name === name)!.marketValue!;
    expect(merged.positions.find((p) => p.name === name)!.marketValue).toBeCloseTo(before + 1_000_000, 2);
    expect(merged.notes.join(' ')).toMatch(/1 security was reported in several slices and merged/);
  });

  test.each([
    ['SPY_2026-03-31_TRIMMED_8_holdings_primary_doc.xml', 'incomplete', /8 equity holdings adding to 1\.66% of net assets \(Σ pctVal 1\.66\)/],
    ['DupreeKYTaxFree_bonds_primary_doc.xml', 'no-equity', /holds no equity: 55 DBT/],
    ['ASTBond2022_final_no_holdings_primary_doc.xml', 'final', /the final filing of AST Bond Portfolio 2022 \(2022-12-30\)/],
  ])('%s is refused (%s) with the reason in words', async (file, reason, words) => {
    const error = await parseNport(once(read(file)), { fund: 'X', file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NportRefusal);
    expect((error as NportRefusal).reason).toBe(reason);
    expect((error as NportRefusal).message).toMatch(words);
  });

  test('chunk edges change nothing: one byte at a time reads the same as the whole file', async () => {
    const bytes = read('DAX_2024-01-31_primary_doc.xml');
    const whole = (await parseNport(once(bytes), { fund: 'DAX', file: 'd.xml' })).holdings;
    const bytewise = (await parseNport(pieces(bytes, 1), { fund: 'DAX', file: 'd.xml' })).holdings;
    expect(bytewise).toEqual(whole);
  });

  test('a file cut short names the file and line; over the size cap is refused while reading; not N-PORT is said', async () => {
    const bytes = read('IVW_2026-06-30_primary_doc.xml');
    const cut = await parseNport(once(bytes.subarray(0, 80_000)), { fund: 'IVW', file: 'cut.xml' }).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(HoldingsFileError);
    expect((cut as Error).message).toMatch(/^cut\.xml, line \d+: expected well-formed XML/);
    const big = await parseNport(pieces(bytes, 4096), { fund: 'IVW', file: 'big.xml', maxBytes: 50_000 }).catch((e: unknown) => e);
    expect((big as Error).message).toMatch(/big\.xml: expected an N-PORT filing under 50000 bytes/);
    const atom = await parseNport(once(readFileSync(path.join(SEC_DIR, 'browse-edgar_series_NPORT-P_atom_PIMCO.xml'))), { fund: 'X', file: 'a.xml' }).catch((e: unknown) => e);
    expect((atom as Error).message).toMatch(/expected an SEC N-PORT filing \(<edgarSubmission>\); found "<feed>"/);
  });
});

describe.skipIf(!HAS_SEC)('finding the latest N-PORT on EDGAR', () => {
  test('the real per-series Atom list: accession, form, filing date and the filer CIK from the link', () => {
    const entries = parseFilingList(readFileSync(path.join(SEC_DIR, 'browse-edgar_series_NPORT-P_atom_PIMCO.xml'), 'latin1'));
    expect(entries).toEqual([
      { accession: '0001099263-26-007248', form: 'NPORT-P', filingDate: '2026-05-29', cik: 810893 },
      { accession: '0001099263-26-003023', form: 'NPORT-P', filingDate: '2026-03-02', cik: 810893 },
    ]);
    expect(primaryDocPath(810893, '0001099263-26-007248')).toBe('/Archives/edgar/data/810893/000109926326007248/primary_doc.xml');
  });

  test('chosen by report period, not filing order: a late amendment of an older period loses; an amendment of the same period wins', () => {
    const entries = [
      { accession: 'A-late-amendment', form: 'NPORT-P/A', filingDate: '2026-09-14', cik: 1 },
      { accession: 'B-original', form: 'NPORT-P', filingDate: '2026-08-25', cik: 1 },
      { accession: 'C-older', form: 'NPORT-P', filingDate: '2026-05-27', cik: 1 },
    ];
    const dates = reportDatesFrom({ filings: { recent: { accessionNumber: ['A-late-amendment', 'B-original', 'C-older'], reportDate: ['2026-03-31', '2026-06-30', '2026-03-31'] } } });
    expect(chooseFiling(entries, dates)?.accession).toBe('B-original');
    const sameAmended = [...entries, { accession: 'D-amends-B', form: 'NPORT-P/A', filingDate: '2026-09-20', cik: 1 }];
    expect(chooseFiling(sameAmended, new Map([...dates, ['D-amends-B', '2026-06-30']]))?.accession).toBe('D-amends-B');
    // Without report dates (the submissions API unavailable): the newest original, never an amendment.
    expect(chooseFiling(entries, new Map())).toMatchObject({ accession: 'B-original', reportDate: null });
  });
});
