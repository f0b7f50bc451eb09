import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { StoreSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { CONSOLE_USER, type Context, type Lang } from '../../commands/context.ts';
import type { ConcentrationData } from '../../commands/concentration.ts';
import { percent } from '../../commands/format.ts';
import { m, sectorName, t } from '../../commands/messages.ts';
import { mf } from '../../commands/messages-fetch.ts';
import type { FundRef } from '../../store/fund-fetch.ts';
import { parseFile } from '../../holdings/catalog.ts';
import { SELECT_SECTOR_FUNDS } from '../../holdings/sector-fill.ts';
import { createFundFetcher, fetcherOptionsFromEnv, type FundFetcherOptions } from '../../store/on-demand.ts';
import { createSectorLabels } from '../../store/sector-labels.ts';
import type { Store } from '../../store/store.ts';
import { NOW } from '../support/context.ts';
import { HAS_RAW, RAW } from '../support/raw.ts';
import { SECTOR_ROWS, sectorWorkbook, ssgaPath } from '../support/select-sector.ts';
import { compactTicker as compact, equityWeightsFromXml } from '../support/nport-truth.ts';
import { storeFolder } from './helpers.ts';
import { HAS_SEC, nportFile, startSecServer, type Filer, type SecServer } from './sec-server.ts';

const UA = 'topheavy-test admin@example.com';
const IVW_FILE = 'IVW_2026-06-30_primary_doc.xml';
const FILERS: Filer[] = [
  { cik: 1100663, listId: 'S000004311', filings: [{ accession: '0000940400-26-035157', form: 'NPORT-P', filingDate: '2026-08-25', reportDate: '2026-06-30', file: IVW_FILE }] },
];
const IVW: FundRef = { fund: 'IVW', name: 'iShares S&P 500 Growth ETF', cik: 1100663, seriesId: 'S000004311', issuer: null };
/**
 * The sector figures the card must show, computed here from the raw weights and a ticker → sector
 * map: the known weight, the shares of it, Tech+ over it.
 */
function expected(weights: Map<string, number>, sectorOf: Map<string, string>) {
  let known = 0;
  const bySector = new Map<string, number>();
  for (const [ticker, w] of weights) {
    const s = sectorOf.get(ticker);
    if (!s) continue;
    known += w;
    bySector.set(s, (bySector.get(s) ?? 0) + w);
  }
  const shares = [...bySector].map(([s, w]) => [s, w / known] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const techPlus = shares.filter(([s]) => s === 'Information Technology' || s === 'Communication Services').reduce((a, [, w]) => a + w, 0);
  return { known, shares, techPlus };
}

/** The card's sector figures equal the expected ones (none of them from IVW's own file, which has no sectors). */
function sameSectorFigures(data: ConcentrationData, truth: ReturnType<typeof expected>): ConcentrationData {
  expect(data.sectorCoverage.known).toBeCloseTo(truth.known, 12);
  expect(data.sectorCoverage.fromFile).toBe(0);
  expect(Object.keys(data.sectors)).toEqual(truth.shares.map(([s]) => s));
  truth.shares.forEach(([s, w]) => expect(data.sectors[s]).toBeCloseTo(w, 12));
  expect(data.techPlus).toBeCloseTo(truth.techPlus, 12);
  return data;
}

/** The Select Sector stand-in's map: each fixture row's ticker → its fund's GICS sector (cash and futures lines have no ticker to match). */
const SELECT_SECTOR_MAP = new Map(SECTOR_ROWS.filter((r) => r.ticker !== '-').map((r) => [compact(r.ticker), SELECT_SECTOR_FUNDS[r.fund]!]));

describe.skipIf(!HAS_SEC || !HAS_RAW)('N-PORT cards are whole: sectors over the known weight, with the coverage stated', () => {
  let server: SecServer;
  const stores = storeFolder('topheavy-nport-sectors-');
  const open = stores.open;
  const options = (extra: Partial<FundFetcherOptions> = {}): FundFetcherOptions => ({ env: { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base }, timeoutMs: 2_000, tries: 2, backoffMs: 10, ...extra });
  const ask = async (store: Store, lang: Lang, command: string, text: string) => {
    const source = new StoreSource(store, stores.dir());
    await source.refresh();
    const ctx: Context = { lang, requester: CONSOLE_USER, data: source, now: NOW, staleAfterDays: 30 };
    return dispatch({ command, text }, ctx, memoryLogger());
  };
  const card = (store: Store, lang: Lang, page = 2) => ask(store, lang, 'hhi', `IVW page=${page}`);
  const weights = () => equityWeightsFromXml(nportFile(IVW_FILE));

  beforeAll(async () => {
    server = await startSecServer(FILERS);
    for (const fund of ['XLK', 'XLC', 'XLY']) server.route(ssgaPath(fund), { kind: 'bytes', bytes: await sectorWorkbook(fund), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    // What State Street may answer a script: a bot check. The other seven funds are not there (404).
    server.route(ssgaPath('XLF'), { kind: 'html' });
  });
  afterAll(async () => {
    await stores.close();
    await server?.close();
  });
  beforeEach(() => server.reset());

  test('a fresh store: the Select Sector SPDR files give the sectors; coverage, shares and Tech+ equal the computation from the raw files; each file fetched once', async () => {
    const store = await open('fresh.db');
    const lines: string[] = [];
    const outcome = await createFundFetcher(store, options()).ensure(IVW, (e) => lines.push(t('en', mf.progress(e))));
    expect(outcome.status).toBe('stored');
    // One request per sector file, one after another; none retried once it answered.
    for (const fund of ['XLK', 'XLC', 'XLY', 'XLF']) expect(server.count(ssgaPath(fund))).toBe(1);
    // One line for the eight files that failed, naming the bot check; no line per file.
    const failed = lines.filter((l) => l.startsWith('Sector lists not fetched: '));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain('XLP (Consumer Staples), XLE (Energy), XLF (Financials), XLV (Health Care), XLI (Industrials), XLB (Materials), XLRE (Real Estate), XLU (Utilities)');
    expect(failed[0]).toContain('; XLF: SPDR answered with a web page (a bot check)');
    // In Japanese, the same line names the sectors in Japanese.
    const jaLine = t('ja', mf.progress({ kind: 'sector-files-failed', funds: ['XLP', 'XLE'], fund: 'XLF', why: { issuer: 'SPDR', problem: { kind: 'html' } } }));
    expect(jaLine).toMatch(/^セクター一覧を取得できませんでした：XLP（生活必需品）、XLE（エネルギー）。XLF：SPDRは/);
    expect(jaLine).not.toMatch(/Consumer|Energy/);
    expect(lines.filter((l) => /^XL[A-Z]+: /.test(l))).toEqual([]);

    const truth = expected(weights(), SELECT_SECTOR_MAP);
    // The fixture holds IT, Communication Services and Consumer Discretionary only: about four fifths of IVW.
    expect(truth.known).toBeGreaterThan(0.7);
    expect(truth.known).toBeLessThan(0.9);

    const view = await card(store, 'en');
    const data = sameSectorFigures(view.data as ConcentrationData, truth);
    expect(data.sectorCoverage.donors.map((d) => d.fund).sort()).toEqual(['XLC', 'XLK', 'XLY']);
    expect(new Set(data.sectorCoverage.donors.map((d) => d.asOf))).toEqual(new Set(['2025-11-18']));

    const sectors = view.fields!.find((f) => f.name === `Sectors (${percent(truth.known, 1)} known)`)!.value;
    expect(sectors).not.toMatch(/Unknown/);
    expect(sectors).toBe(truth.shares.slice(0, 6).map(([s, w]) => `${s} ${percent(w, 1)}`).join(' · '));
    expect(view.fields!.find((f) => f.name === `Tech+ (IT + Communication Services, of the ${percent(truth.known, 1)} known)`)!.value).toBe(percent(truth.techPlus, 1));
    // The short card says the same in its one sector line.
    const short = await card(store, 'en', 1);
    expect(short.fields!.find((f) => f.name === `Sectors (${percent(truth.known, 1)} known)`)!.value).toBe(truth.shares.slice(0, 2).map(([s, w]) => `${s} ${percent(w, 1)}`).join(' · '));
    const coverage = view.warnings!.find((w) => w.startsWith('Sectors known for'))!;
    expect(coverage).toContain(`Sectors known for ${percent(truth.known, 1)} of the weight`);
    expect(coverage).toContain('the Select Sector SPDR files XLK, XLC, XLY as of 2025-11-18');
    expect(coverage).toContain('computed over that known weight');

    const ja = await card(store, 'ja');
    const jaSectors = ja.fields!.find((f) => f.name === `判明${percent(truth.known, 1)}のセクター`)!.value;
    expect(jaSectors).not.toMatch(/不明/);
    expect(jaSectors).toBe(truth.shares.slice(0, 6).map(([s, w]) => `${sectorName('ja', s)} ${percent(w, 1)}`).join(' · '));
    expect(ja.warnings!.some((w) => w.startsWith(`セクターが判明しているのは比率の${percent(truth.known, 1)}`) && w.includes('Select Sector SPDR'))).toBe(true);

    // Another process on the same store: the three stored files are not fetched again (a week's
    // cache); only the one that failed is tried again.
    server.reset();
    const again = createSectorLabels(store, { ensure: createFundFetcher(store, options()).ensure });
    const donors = await again.donors();
    expect(donors.map((h) => h.fund).sort()).toEqual(['XLC', 'XLK', 'XLY']);
    for (const fund of ['XLK', 'XLC', 'XLY']) expect(server.count(ssgaPath(fund))).toBe(0);
    expect(server.count(ssgaPath('XLF'))).toBe(1);
  });

  test('with IVV stored (a peer, no Select Sector files): sectors from IVV, coverage and Tech+ over the known weight', async () => {
    const store = await open('peer.db');
    const ivv = await parseFile('IVV', path.join(RAW, 'IVV', 'ivv_holdings.csv'));
    await store.importHoldings(structuredClone(ivv), 'ivv');
    const outcome = await createFundFetcher(store, options({ peers: () => [ivv], sectorLabels: false })).ensure(IVW);
    expect(outcome.status).toBe('stored');
    for (const fund of Object.keys(SELECT_SECTOR_FUNDS)) expect(server.count(ssgaPath(fund))).toBe(0);

    // IVV's own file gives each ticker's GICS sector; IVW's holdings outside IVV stay unknown.
    const ivvSectors = new Map(ivv.positions.filter((p) => p.sector).map((p) => [compact(p.ticker), p.sector!]));
    const truth = expected(weights(), ivvSectors);
    expect(truth.known).toBeGreaterThan(0.95);
    expect(truth.known).toBeLessThan(1);

    const view = await card(store, 'en');
    sameSectorFigures(view.data as ConcentrationData, truth);
    expect(view.fields!.find((f) => f.name.startsWith('Tech+ (IT + Communication Services, of the'))!.value).toBe(percent(truth.techPlus, 1));
    expect(view.fields!.find((f) => f.name === `Sectors (${percent(truth.known, 1)} known)`)!.value).not.toMatch(/Unknown/);
    // /compare reads Tech+ over the same known weight, and says so.
    const compare = await ask(store, 'en', 'compare', 'IVW');
    expect(compare.table!.rows.find((r) => r[0] === 'Tech+')![1]).toBe(percent(truth.techPlus, 1));
    expect(compare.warnings!.some((w) => w.startsWith(`Sectors known for ${percent(truth.known, 1)} of the weight`))).toBe(true);
    expect(view.warnings).toContain(
      `Sectors known for ${percent(truth.known, 1)} of the weight, from other funds’ files holding the same securities (${percent(truth.known, 1)}): IVV as of 2025-11-18. Sector shares and Tech+ are computed over that known weight, not the whole fund.`,
    );
  });

  test('no sector source at all: no "Unknown 100%" and no Tech+ 0.0%, the card says why', async () => {
    const store = await open('bare.db');
    // SECTOR_FILES=off: the operator's switch for no Select Sector downloads.
    const env = { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base, SECTOR_FILES: 'off' };
    expect(fetcherOptionsFromEnv(env).sectorLabels).toBe(false);
    expect(fetcherOptionsFromEnv({ SEC_USER_AGENT: UA }).sectorLabels).toBeUndefined();
    await createFundFetcher(store, { ...options(), ...fetcherOptionsFromEnv(env) }).ensure(IVW);
    for (const fund of Object.keys(SELECT_SECTOR_FUNDS)) expect(server.count(ssgaPath(fund))).toBe(0);
    for (const lang of ['en', 'ja'] as const) {
      const view = await card(store, lang);
      const data = view.data as ConcentrationData;
      expect(data.sectors).toEqual({});
      expect(data.sectorCoverage.known).toBe(0);
      expect(data.techPlus).toBeNull();
      const text = JSON.stringify(view.fields);
      expect(text).not.toMatch(/Unknown \d|不明 \d|Tech\+[^"]*","value":"0\.0%/);
      expect(view.fields!.find((f) => f.name === t(lang, m.fSectors()))!.value).toMatch(lang === 'en' ? /^No sector is known for IVW's holdings/ : /^IVWの保有銘柄のセクターは不明です/);
    }
  });
});

