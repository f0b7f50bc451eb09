import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { readConfig } from '../../bot/config.ts';
import { createRuntime, type Runtime } from '../../bot/runtime.ts';
import type { FetchOutcome, FetchProgress, FundRef } from '../../store/fund-fetch.ts';
import type { ConcentrationData } from '../../commands/concentration.ts';
import { createFundFetcher, type FundFetcherOptions } from '../../store/on-demand.ts';
import { Store } from '../../store/store.ts';
import { checksumOf } from '../../store/import.ts';
import { parseFile } from '../../holdings/catalog.ts';
import { HAS_RAW, RAW } from '../support/raw.ts';
import { syncFunds, type SyncEvent } from '../../store/sync.ts';
import { busiestSecond, spawnTs, tempDir, waitFor } from './helpers.ts';
import { HAS_PG, startPg, type PgCluster } from './pg.ts';
import { HAS_SEC, independentFigures, startSecServer, type Filer, type SecServer } from './sec-server.ts';

const UA = 'topheavy tests ops@example.org';
const IVW_ACCESSION = '0000940400-26-035157';
/**
 * The filings each fund lists. The IVW original (accession, dates) is the real one from
 * PROVENANCE.md; the other accession numbers and dates are stand-ins (the real ones were not
 * captured), each served with the real primary_doc.xml named. IVW's amendment is filed AFTER its
 * newer original but reports an older period: a fetcher going by filing order would take it.
 */
const FILERS: Filer[] = [
  {
    cik: 1100663,
    listId: 'S000004311',
    filings: [
      { accession: IVW_ACCESSION, form: 'NPORT-P', filingDate: '2026-08-25', reportDate: '2026-06-30', file: 'IVW_2026-06-30_primary_doc.xml' },
      { accession: '0000940400-26-099001', form: 'NPORT-P/A', filingDate: '2026-09-14', reportDate: '2026-03-31', file: 'SPY_2026-03-31_TRIMMED_8_holdings_primary_doc.xml' },
    ],
  },
  // SPY is a unit investment trust: no series id, listed by its CIK.
  { cik: 884394, listId: '0000884394', filings: [{ accession: '0000884394-26-000011', form: 'NPORT-P', filingDate: '2026-05-28', reportDate: '2026-03-31', file: 'SPY_2026-03-31_TRIMMED_8_holdings_primary_doc.xml' }] },
  { cik: 311101, listId: 'S000012000', filings: [{ accession: '0000311101-23-000003', form: 'NPORT-P', filingDate: '2023-02-27', reportDate: '2022-12-31', file: 'DupreeKYTaxFree_bonds_primary_doc.xml' }] },
  { cik: 814679, listId: 'S000030880', filings: [{ accession: '0000814679-23-000021', form: 'NPORT-P', filingDate: '2023-02-28', reportDate: '2022-12-30', file: 'ASTBond2022_final_no_holdings_primary_doc.xml' }] },
  { cik: 1432353, listId: 'S000063351', filings: [{ accession: '0001432353-24-000031', form: 'NPORT-P', filingDate: '2024-03-27', reportDate: '2024-01-31', file: 'DAX_2024-01-31_primary_doc.xml' }] },
  { cik: 1121624, listId: 'S000008714', filings: [{ accession: '0001121624-21-000045', form: 'NPORT-P', filingDate: '2021-11-24', reportDate: '2021-09-30', file: 'CalvertSmallCap_2021-09-30_primary_doc.xml' }] },
];

const IVW: FundRef = { fund: 'IVW', name: 'iShares S&P 500 Growth ETF', cik: 1100663, seriesId: 'S000004311', issuer: null };
const SPY: FundRef = { fund: 'SPY', name: 'SPDR S&P 500 ETF Trust', cik: 884394, seriesId: null, issuer: 'SPDR' };
const BONDS: FundRef = { fund: 'KYTFX', name: 'Kentucky Tax-Free Short-to-Medium', cik: 311101, seriesId: 'S000012000', issuer: null };
const FINAL: FundRef = { fund: 'AST22', name: 'AST Bond Portfolio 2022', cik: 814679, seriesId: 'S000030880', issuer: null };
const DAX: FundRef = { fund: 'DAX', name: 'Global X DAX Germany ETF', cik: 1432353, seriesId: 'S000063351', issuer: 'Global X' };
const CALVERT: FundRef = { fund: 'CCVAX', name: 'Calvert Small Cap Fund', cik: 1121624, seriesId: 'S000008714', issuer: null };


describe.skipIf(!HAS_SEC || !HAS_RAW)('on-demand holdings from a loopback host serving the real SEC and issuer files on their real paths', () => {
  let server: SecServer;
  let tmp: ReturnType<typeof tempDir>;
  const opened: Store[] = [];
  const open = async (name: string) => {
    const s = await Store.open(`file:${path.join(tmp.dir, name)}`);
    opened.push(s);
    return s;
  };
  const options = (extra: Partial<FundFetcherOptions> = {}): FundFetcherOptions => ({
    env: { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base },
    timeoutMs: 2_000,
    tries: 2,
    backoffMs: 10,
    ...extra,
  });

  beforeAll(async () => {
    server = await startSecServer(FILERS);
    tmp = tempDir('topheavy-ondemand-');
  });
  afterAll(async () => {
    for (const s of opened) await s.close();
    await server?.close();
    tmp?.remove();
  });
  beforeEach(() => server.reset());

  describe('IVW through the runtime, as `topheavy hhi IVW --json` answers once the directory names it', () => {
    let runtime: Runtime;
    beforeAll(async () => {
      const config = { ...readConfig({}), holdingsDir: path.join(tmp.dir, 'no-such-folder'), databaseUrl: `file:${path.join(tmp.dir, 'runtime.db')}`, refreshSeconds: 0 };
      runtime = await createRuntime(config, { fetch: options() });
    });
    afterAll(async () => runtime?.close());

    test('the first ask stores the latest N-PORT by report period; the figures equal an independent computation from the raw XML', async () => {
      const lines: FetchProgress[] = [];
      const outcome = await runtime.fetcher.ensure(IVW, (l) => lines.push(l));
      expect(outcome).toEqual({
        fund: 'IVW',
        status: 'stored',
        source: { kind: 'sec-nport', url: `${server.base}/Archives/edgar/data/1100663/000094040026035157/primary_doc.xml`, reportDate: '2026-06-30', filedDate: '2026-08-25' },
      });
      // The amendment, filed later for an older period, was never downloaded.
      expect(server.filingDownloads('0000940400-26-099001')).toBe(0);
      expect(server.filingDownloads(IVW_ACCESSION)).toBe(1);
      expect(lines).toContainEqual({ kind: 'nport-read', fund: 'IVW', accession: IVW_ACCESSION, filed: '2026-08-25' });

      const view = await dispatch({ command: 'hhi', text: 'IVW' }, runtime.context('en'));
      const data = view.data as ConcentrationData;
      const truth = independentFigures('IVW_2026-06-30_primary_doc.xml');
      expect(truth.count).toBe(147);
      expect(data.count).toBe(147);
      expect(data.effectiveN).toBeCloseTo(truth.effectiveN, 9);
      expect(data.top10).toBeCloseTo(truth.top10, 12);
      expect(data.largest.ticker).toBe(truth.largest.ticker);
      expect(data.largest.weight).toBeCloseTo(truth.largest.w, 12);
      // PROVENANCE.md's figures, as a second check on the independent computation.
      expect(truth.effectiveN).toBeCloseTo(22.1, 2);
      expect(truth.top10).toBeCloseTo(0.5642, 4);
      expect(data.asOf).toBe('2026-06-30');
      expect(data.excluded.map((e) => e.assetClass).sort()).toEqual(['DE', 'STIV', 'STIV']);
      expect(view.sources[0]).toMatchObject({ fund: 'IVW', issuer: 'SEC', file: 'SEC N-PORT for 2026-06-30, filed 2026-08-25', asOf: '2026-06-30' });
      // Every SEC request named the operator.
      expect(new Set(server.secAgents())).toEqual(new Set([UA]));
    });

    test('once stored, IVW is found by the name its card shows, which the SEC’s lists (tickers only) do not give; in Japanese too, and nothing is downloaded', async () => {
      server.reset();
      for (const [text, lang] of [['"iShares S&P 500 Growth ETF"', 'en'], ['ishares s&p 500 growth etf', 'ja']] as const) {
        const view = await dispatch({ command: 'hhi', text }, runtime.context(lang));
        expect(view.tone).not.toBe('error');
        expect(view.sources.map((s) => s.fund)).toEqual(['IVW']);
        expect((view.data as ConcentrationData).count).toBe(147);
      }
      expect(server.filingDownloads(IVW_ACCESSION)).toBe(0);
      // A name no stored fund has is still the directory's question ("no fund called …").
      const other = await dispatch({ command: 'hhi', text: '"iShares S&P 500 Value ETF"' }, runtime.context('en'));
      expect(other.tone).toBe('error');
    });

    test('a second ask downloads nothing', async () => {
      const outcome = await runtime.fetcher.ensure(IVW);
      expect(outcome.status).toBe('unchanged');
      expect(server.secArrivals()).toEqual([]);
    });

    test('`data sync` refreshes the fund that was asked about: the same filing is found and not downloaded again', async () => {
      const events: SyncEvent[] = [];
      const summary = await syncFunds(runtime.store, { env: { SYNC_BASE_URL: server.base }, timeoutMs: 500, tries: 1, fetcher: runtime.fetcher, onEvent: (e) => events.push(e) });
      expect(summary.unchanged.map((e) => e.fund)).toContain('IVW');
      // It asked the SEC for the list again (that is the refresh), but the filing is the one stored.
      expect(server.count('/cgi-bin/browse-edgar?action=getcompany&CIK=S000004311&type=NPORT-P&dateb=&owner=include&count=10&output=atom')).toBe(1);
      expect(server.filingDownloads(IVW_ACCESSION)).toBe(0);
    });

    test('`data sync` downloads a newer filing of an asked-about fund when one is listed', async () => {
      const ivw = FILERS[0]!;
      ivw.filings.push({ accession: '0000940400-26-120000', form: 'NPORT-P', filingDate: '2026-11-24', reportDate: '2026-09-30', file: 'IVW_2026-06-30_primary_doc.xml' });
      try {
        const summary = await syncFunds(runtime.store, { env: { SYNC_BASE_URL: server.base }, timeoutMs: 500, tries: 1, fetcher: runtime.fetcher, funds: ['IVW'] });
        // The bytes are the same file, so the store keeps one snapshot; what matters is that the new filing was fetched.
        expect(summary.failed).toEqual([]);
        expect(server.filingDownloads('0000940400-26-120000')).toBe(1);
      } finally {
        ivw.filings.pop();
      }
    });
  });

  test.each([
    ['the trimmed SPY filing (8 holdings, Σ pctVal 1.66)', SPY, /8 equity holdings adding to 1\.66% of net assets/],
    ['the bond-only filing', BONDS, /holds no equity: 55 DBT/],
    ['the final filing with no holdings', FINAL, /final filing of AST Bond Portfolio 2022 \(2022-12-30\): the fund has closed and lists no holdings/],
  ])('%s is refused with its reason, and nothing is stored', async (_name, ref, reason) => {
    const store = await open(`refuse-${ref.fund}.db`);
    // SPY's SPDR file answers with a challenge page here, so SPY goes to N-PORT (by CIK: a trust has no series).
    server.route('/library-content/products/fund-data/etfs/us/holdings-daily-us-en-spy.xlsx', { kind: 'html' });
    const outcome = await createFundFetcher(store, options()).ensure(ref);
    expect(outcome.status).toBe('failed');
    expect(outcome.failure?.code).toBe('unreadable');
    expect(outcome.failure?.detail).toMatch(reason);
    expect(await store.snapshots(ref.fund)).toEqual([]);
  });

  test('an issuer answering with an HTML challenge page: the fetcher says so and falls back to N-PORT', async () => {
    const store = await open('challenge.db');
    const ishares = '/us/products/239725/ishares-sp-500-growth-etf/1467271812596.ajax?fileType=csv&fileName=IVW_holdings&dataType=fund';
    server.route(ishares, { kind: 'html' });
    const lines: FetchProgress[] = [];
    const outcome = await createFundFetcher(store, options()).ensure({ ...IVW, issuer: 'iShares' }, (l) => lines.push(l));
    expect(server.count(ishares)).toBe(1);
    expect(lines).toContainEqual({ kind: 'fallback', fund: 'IVW', issuer: 'iShares', problem: { kind: 'html' } });
    expect(outcome.fallback).toEqual({ issuer: 'iShares', problem: { kind: 'html' } });
    expect(outcome.status).toBe('stored');
    expect(outcome.source?.kind).toBe('sec-nport');
    expect((await store.snapshots('IVW'))[0]?.positions).toBe(147);
  });

  test('SPY from the SPDR daily file when it is there (the issuer first, no SEC request)', async () => {
    const store = await open('spy.db');
    server.route('/library-content/products/fund-data/etfs/us/holdings-daily-us-en-spy.xlsx', { kind: 'raw', fund: 'SPY', file: 'holdings-daily-us-en-spy.xlsx' });
    // Asked the day after the file's date (2026-02-12): a file that recent is newer than any N-PORT, so the SEC is not asked.
    const outcome = await createFundFetcher(store, options({ now: () => new Date('2026-02-13T12:00:00Z') })).ensure(SPY);
    expect(outcome.status).toBe('stored');
    expect(outcome.source?.kind).toBe('issuer');
    expect(server.secArrivals()).toEqual([]);
    const [snap] = await store.snapshots('SPY');
    expect(snap?.issuer).toBe('SPDR');
    expect(snap?.positions).toBeGreaterThan(490);
  });

  test('a fund the operator imported from a file is answered from the store: an ask downloads nothing', async () => {
    const store = await open('imported.db');
    const file = path.join(RAW, 'SPY', 'holdings-daily-us-en-spy.xlsx');
    await store.importHoldings(await parseFile('SPY', file), checksumOf(readFileSync(file)));
    server.route('/library-content/products/fund-data/etfs/us/holdings-daily-us-en-spy.xlsx', { kind: 'raw', fund: 'SPY', file: 'holdings-daily-us-en-spy.xlsx' });
    const outcome = await createFundFetcher(store, options()).ensure(SPY);
    expect(outcome).toEqual({ fund: 'SPY', status: 'unchanged' });
    expect(server.count('/library-content/products/fund-data/etfs/us/holdings-daily-us-en-spy.xlsx')).toBe(0);
    expect(server.secArrivals()).toEqual([]);
    expect(await store.snapshots('SPY')).toHaveLength(1);
  });

  test('without SEC_USER_AGENT, SEC sources are off and the message says how to turn them on; nothing is requested', async () => {
    const store = await open('sec-off.db');
    const outcome = await createFundFetcher(store, { ...options(), env: { SYNC_BASE_URL: server.base } }).ensure(CALVERT);
    expect(outcome.status).toBe('failed');
    expect(outcome.failure?.code).toBe('sec-off');
    expect(outcome.failure?.detail).toMatch(/set SEC_USER_AGENT to a name and contact address/);
    expect(server.secArrivals()).toEqual([]);
  });

  /** Two child processes sharing one store file, each asking for the funds `times` times at once. */
  async function twoProcesses(db: string, mode: 'ensure' | 'refresh', refs: FundRef[], times: number): Promise<FetchOutcome[]> {
    const url = `file:${path.join(tmp.dir, db)}`;
    await (await Store.open(url)).close();
    const children = [0, 1].map(() => spawnTs('children/fetch-asker.ts', [url, server.base, mode, JSON.stringify(refs), String(times)]));
    await Promise.all(children.map((c) => waitFor(c, /ready/)));
    const done = children.map((c) => waitFor(c, /done .*\n/, 60_000));
    for (const c of children) c.stdin!.write('go\n');
    const outs = await Promise.all(done);
    return outs.flatMap((o) => JSON.parse(/done (.*)\n/.exec(o)![1]!) as FetchOutcome[]);
  }

  test('20 concurrent asks for one fund make one download, in one process and across two processes sharing the store', async () => {
    const a = await open('one.db');
    const one = createFundFetcher(a, options());
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => one.ensure(DAX)));
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(['stored']));
    expect(server.filingDownloads('0001432353-24-000031')).toBe(1);
    // DAX: EC 35 + EP 5, the preferreds counted as equity.
    expect((await a.snapshots('DAX'))[0]?.positions).toBe(40);

    // Two processes, 10 asks each at once: the lease in the store lets one download; the other finds it stored.
    server.reset();
    const both = await twoProcesses('shared.db', 'ensure', [CALVERT], 10);
    expect(both).toHaveLength(20);
    expect(both.filter((o) => o.status === 'failed')).toEqual([]);
    expect(both.filter((o) => o.status === 'stored')).toHaveLength(10);
    expect(server.filingDownloads('0001121624-21-000045')).toBe(1);
  }, 60_000);

  test('the SEC request rate never exceeds 10 per second, across two processes refreshing six funds at once', async () => {
    server.route('/library-content/products/fund-data/etfs/us/holdings-daily-us-en-spy.xlsx', { kind: 'html' });
    await twoProcesses('rate.db', 'refresh', [IVW, SPY, BONDS, FINAL, DAX, CALVERT], 1);
    const arrivals = server.secArrivals();
    // Enough requests that an unspaced client would have sent far more than 10 within a second.
    expect(arrivals.length).toBeGreaterThanOrEqual(18);
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(10);
    // And the budget is used (8 a second by default), not spread needlessly thin.
    expect(busiestSecond(arrivals)).toBeGreaterThanOrEqual(6);
  }, 60_000);

  describe.skipIf(!HAS_PG)('on PostgreSQL: two stores with their own connection pools, as two bot processes have', () => {
    let cluster: PgCluster;
    beforeAll(async () => {
      cluster = await startPg();
    }, 120_000);
    afterAll(() => cluster?.stop());

    test('20 asks split over two processes make one download; refreshing six funds from both keeps the SEC under 10 requests a second', async () => {
      const url = await cluster.createDatabase();
      const [a, b] = [await Store.open(url), await Store.open(url)];
      opened.push(a, b);
      const [x, y] = [createFundFetcher(a, options()), createFundFetcher(b, options())];
      const asks = await Promise.all([...Array.from({ length: 10 }, () => x.ensure(CALVERT)), ...Array.from({ length: 10 }, () => y.ensure(CALVERT))]);
      expect(asks.filter((o) => o.status === 'failed')).toEqual([]);
      expect(server.filingDownloads('0001121624-21-000045')).toBe(1);
      expect(await a.snapshots('CCVAX')).toHaveLength(1);

      server.reset();
      server.route('/library-content/products/fund-data/etfs/us/holdings-daily-us-en-spy.xlsx', { kind: 'html' });
      const refs = [IVW, SPY, BONDS, FINAL, DAX, CALVERT];
      await Promise.all([...refs.map((r) => x.refresh(r)), ...refs.map((r) => y.refresh(r))]);
      const arrivals = server.secArrivals();
      expect(arrivals.length).toBeGreaterThanOrEqual(18);
      expect(busiestSecond(arrivals)).toBeLessThanOrEqual(10);
      expect(busiestSecond(arrivals)).toBeGreaterThanOrEqual(6);
    }, 60_000);
  });
});
