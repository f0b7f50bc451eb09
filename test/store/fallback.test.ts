/**
 * Every way an issuer can fail, on demand and in `data sync`, against a loopback host standing in
 * for the issuers and the SEC on their real paths: each falls back to the fund's N-PORT, one line
 * (from the catalogue, English and Japanese) says what the issuer did, and the outcome names it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mf } from '../../commands/messages-fetch.ts';
import { sayData } from '../../commands/messages-data.ts';
import { t } from '../../commands/messages.ts';
import { runDataCommand } from '../../store/data-command.ts';
import { DIRECTORY_MAX_AGE_MS } from '../../store/directory-command.ts';
import type { FetchProgress, FundRef, IssuerProblem } from '../../store/fund-fetch.ts';
import { createFundFetcher, type FundFetcherOptions } from '../../store/on-demand.ts';
import { Store } from '../../store/store.ts';
import { syncFunds, type SyncEvent } from '../../store/sync.ts';
import { HAS_RAW } from '../support/raw.ts';
import { tempDir } from './helpers.ts';
import { HAS_SEC, startSecServer, type Route, type SecServer } from './sec-server.ts';

const UA = 'topheavy tests ops@example.org';
const ACCESSION = '0000940400-26-035157';
const FILERS = [{ cik: 1100663, listId: 'S000004311', filings: [{ accession: ACCESSION, form: 'NPORT-P' as const, filingDate: '2026-08-25', reportDate: '2026-06-30', file: 'IVW_2026-06-30_primary_doc.xml' }] }];
const ISHARES_IVW = '/us/products/239725/ishares-sp-500-growth-etf/1467271812596.ajax?fileType=csv&fileName=IVW_holdings&dataType=fund';
const SPDR_IVW = '/library-content/products/fund-data/etfs/us/holdings-daily-us-en-ivw.xlsx';
const IVW: FundRef = { fund: 'IVW', name: 'iShares S&P 500 Growth ETF', cik: 1100663, seriesId: 'S000004311', issuer: 'iShares' };

/** Each cause: what the stand-in serves at the issuer's path, and what the fetcher must say the issuer did. */
const CAUSES: { name: string; issuer: string; path: string; route: Route; problem: IssuerProblem | RegExp }[] = [
  { name: 'an HTML page (bot check) with status 200', issuer: 'iShares', path: ISHARES_IVW, route: { kind: 'html' }, problem: { kind: 'html' } },
  { name: 'HTTP 404', issuer: 'iShares', path: ISHARES_IVW, route: { kind: 'status', status: 404 }, problem: { kind: 'status', status: 404 } },
  { name: 'HTTP 500 (after the bounded retries)', issuer: 'iShares', path: ISHARES_IVW, route: { kind: 'status', status: 500 }, problem: { kind: 'status', status: 500 } },
  { name: 'a timeout', issuer: 'iShares', path: ISHARES_IVW, route: { kind: 'slow', ms: 3_000 }, problem: { kind: 'timeout' } },
  { name: 'a file that does not parse', issuer: 'iShares', path: ISHARES_IVW, route: { kind: 'body', body: 'Fund,Notes\nIVW,see website\n', type: 'text/csv' }, problem: /^unreadable: IVW_holdings\.csv.*expected/ },
  // Stand-in: SPY's real SPDR file served where SPDR's IVW file would be (a misrouted file of another fund).
  { name: 'the file of another fund', issuer: 'SPDR', path: SPDR_IVW, route: { kind: 'raw', fund: 'SPY', file: 'holdings-daily-us-en-spy.xlsx' }, problem: { kind: 'other-fund', found: 'SPY' } },
  // Stand-in: a real iShares file dated 2025-11-18 (IVV's) served at IVW's path; IVW's N-PORT reports 2026-06-30.
  { name: 'a file older than the fund’s latest N-PORT', issuer: 'iShares', path: ISHARES_IVW, route: { kind: 'raw', fund: 'IVV', file: 'ivv_holdings.csv' }, problem: { kind: 'older', asOf: '2025-11-18', nport: '2026-06-30' } },
];

const matches = (got: IssuerProblem | undefined, want: IssuerProblem | RegExp) =>
  want instanceof RegExp ? expect(`${got?.kind}: ${'detail' in (got ?? {}) ? (got as { detail: string }).detail : ''}`).toMatch(want) : expect(got).toEqual(want);

describe.skipIf(!HAS_SEC || !HAS_RAW)('every issuer failure falls back to N-PORT, on demand and in `data sync`', () => {
  let server: SecServer;
  let tmp: ReturnType<typeof tempDir>;
  const env = () => ({ SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base });
  const options = (): FundFetcherOptions => ({ env: env(), timeoutMs: 800, tries: 2, backoffMs: 10 });

  beforeAll(async () => {
    server = await startSecServer(FILERS);
    tmp = tempDir('topheavy-fallback-');
  });
  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });

  test.each(CAUSES)('$name: on demand N-PORT answers and one line says what the issuer did; `data sync` does the same', async ({ issuer, path: at, route, problem, name }) => {
    const url = `file:${path.join(tmp.dir, `${name.replace(/\W+/g, '-')}.db`)}`;
    const store = await Store.open(url);
    try {
      server.route(at, route);
      server.reset();
      const lines: FetchProgress[] = [];
      const outcome = await createFundFetcher(store, options()).ensure({ ...IVW, issuer }, (p) => lines.push(p));
      expect(outcome.status).toBe('stored');
      expect(outcome.source?.kind).toBe('sec-nport');
      expect(outcome.source?.reportDate).toBe('2026-06-30');
      expect(outcome.fallback?.issuer).toBe(issuer);
      matches(outcome.fallback?.problem, problem);
      expect(server.count(at)).toBeGreaterThanOrEqual(1);
      expect(server.filingDownloads(ACCESSION)).toBe(1);
      expect((await store.snapshots('IVW')).map((s) => [s.sourceKind, s.positions])).toEqual([['sec-nport', 147]]);
      // Exactly one fallback line, before the filing is read; in both languages from the catalogue.
      const fallbacks = lines.filter((l) => l.kind === 'fallback');
      expect(fallbacks).toHaveLength(1);
      expect(lines.findIndex((l) => l.kind === 'fallback')).toBeLessThan(lines.findIndex((l) => l.kind === 'nport-read'));
      expect(t('en', mf.progress(fallbacks[0]!))).toMatch(new RegExp(`^IVW: ${issuer} .*; SEC Form N-PORT answers instead\\.$`));
      const ja = t('ja', mf.progress(fallbacks[0]!));
      expect(ja).toMatch(new RegExp(`^IVW：${issuer}は.*。代わりにSEC様式N-PORTから取得します。$`));
      if (!(problem instanceof RegExp)) expect(ja).not.toMatch(/\b(answered|instead|file|older|another)\b/);

      // `data sync`: the fund asked about is fetched again the same way; the issuer fails the same way and
      // N-PORT answers (the same filing: found, not downloaded again).
      server.reset();
      const events: SyncEvent[] = [];
      const summary = await syncFunds(store, { env: env(), funds: ['IVW'], fetcher: createFundFetcher(store, options()), onEvent: (e) => events.push(e) });
      expect(summary.failed).toEqual([]);
      expect(summary.unchanged.map((e) => e.fund)).toEqual(['IVW']);
      matches(summary.unchanged[0]!.fallback?.problem, problem);
      expect(events.filter((e) => e.status === 'progress' && e.progress?.kind === 'fallback')).toHaveLength(1);
      expect(server.count(at)).toBeGreaterThanOrEqual(1);
      expect(server.filingDownloads(ACCESSION)).toBe(0);
    } finally {
      await store.close();
    }
  }, 60_000);

  test('an issuer file that parses keeps priority when it is newer than the N-PORT (stand-in: SOXX’s real iShares file, 2026-08-03, at IVW’s path)', async () => {
    const store = await Store.open(`file:${path.join(tmp.dir, 'newer.db')}`);
    try {
      server.route(ISHARES_IVW, { kind: 'raw', fund: 'SOXX', file: 'SOXX_holdings.csv' });
      server.reset();
      const outcome = await createFundFetcher(store, options()).ensure(IVW);
      expect(outcome.status).toBe('stored');
      expect(outcome.source?.kind).toBe('issuer');
      expect(outcome.fallback).toBeUndefined();
      // The file is months old, so the SEC was asked what its latest N-PORT reports; the filing itself was not downloaded.
      expect(server.count('/cgi-bin/browse-edgar?action=getcompany&CIK=S000004311&type=NPORT-P&dateb=&owner=include&count=10&output=atom')).toBe(1);
      expect(server.filingDownloads(ACCESSION)).toBe(0);
      expect((await store.snapshots('IVW'))[0]?.asOf).toBe('2026-08-03');
    } finally {
      await store.close();
    }
  });

  test('with SEC sources off (no SEC_USER_AGENT) an issuer that fails gets no "N-PORT answers instead" line: the failure alone says what the issuer did and that the SEC is off', async () => {
    const store = await Store.open(`file:${path.join(tmp.dir, 'sec-off.db')}`);
    try {
      server.route(ISHARES_IVW, { kind: 'html' });
      server.reset();
      const lines: FetchProgress[] = [];
      const outcome = await createFundFetcher(store, { ...options(), env: { SYNC_BASE_URL: server.base } }).ensure(IVW, (p) => lines.push(p));
      expect(outcome.status).toBe('failed');
      expect(outcome.failure?.code).toBe('sec-off');
      expect(outcome.fallback?.problem).toEqual({ kind: 'html' });
      expect(server.count(ISHARES_IVW)).toBe(1);
      expect(lines.filter((l) => l.kind === 'fallback')).toEqual([]);
      expect(server.filingDownloads(ACCESSION)).toBe(0);
      expect(await store.snapshots('IVW')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  test('`topheavy data sync` says the fallback in Japanese with --lang ja, refreshes the SEC lists into the directory once a week, and sends the fixed list through the same fallback', async () => {
    const url = `file:${path.join(tmp.dir, 'cli.db')}`;
    const store = await Store.open(url);
    server.route(ISHARES_IVW, { kind: 'html' });
    await createFundFetcher(store, options()).ensure(IVW);
    await store.close();
    const ISHARES_IVV = '/us/products/239726/ishares-core-sp-500-etf/1467271812596.ajax?fileType=csv&fileName=IVV_holdings&dataType=fund';
    server.route(ISHARES_IVV, { kind: 'html' });
    server.reset();
    const out: string[] = [];
    const io = { databaseUrl: url, out: (l: string) => out.push(l), err: (l: string) => out.push(l), tty: false, env: { ...env(), SYNC_TIMEOUT_SECONDS: '1', SYNC_TRIES: '1' }, say: sayData('ja') };
    const code = await runDataCommand(['sync', 'IVW', 'IVV'], io);
    expect(out).toContain('IVW：iSharesはファイルではなくウェブページ（ボット確認）を返しました。代わりにSEC様式N-PORTから取得します。');
    expect(out).toContain('IVV：iSharesはファイルではなくウェブページ（ボット確認）を返しました。代わりにSEC様式N-PORTから取得します。');
    // IVV: the directory (filled by this sync from the SEC's lists) knows its series, but the stand-in lists no filing for it.
    expect(server.count('/cgi-bin/browse-edgar?action=getcompany&CIK=S000004310&type=NPORT-P&dateb=&owner=include&count=10&output=atom')).toBe(1);
    // Its failure is said in Japanese too, from the outcome's code (what the issuer did, and that nothing was stored before).
    expect(out.filter((l) => l.startsWith('IVV '))).toEqual([expect.stringMatching(/^IVV {4}IVVの保有銘柄を取得できませんでした：運用会社のファイルを使えず、SECにも使えるデータがありませんでした。以前に保存したデータはありません。$/)]);
    expect(code).toBe(1);
    expect(server.count('/files/company_tickers_mf.json')).toBe(1);
    server.reset();
    await runDataCommand(['sync', 'IVW'], io);
    expect(server.count('/files/company_tickers_mf.json')).toBe(0);
    // A week later the lists are downloaded again (the age is read from the directory's rows).
    const later = await Store.open(url);
    try {
      await later.db.updateTable('fund_directory').set({ updated_at: new Date(Date.now() - DIRECTORY_MAX_AGE_MS - 60_000).toISOString() }).execute();
    } finally {
      await later.close();
    }
    server.reset();
    await runDataCommand(['sync', 'IVW'], io);
    expect(server.count('/files/company_tickers_mf.json')).toBe(1);
    expect(server.count('/files/company_tickers.json')).toBe(1);
  }, 60_000);
});
