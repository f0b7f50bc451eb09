import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { readConfig } from '../../bot/config.ts';
import { createRuntime } from '../../bot/runtime.ts';
import type { AlertCrossing } from '../../store/alerts.ts';
import { nextSyncDelayMs, parseSyncSchedule } from '../../store/schedule.ts';
import { FUND_SOURCES, sourceUrl } from '../../store/sources.ts';
import { Store } from '../../store/store.ts';
import { syncFunds, type SyncEvent, type SyncOptions } from '../../store/sync.ts';
import { sayData } from '../../commands/messages-data.ts';

const syncEventLine = (event: SyncEvent) => sayData('en')({ kind: 'sync', event });
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { tempDir } from './helpers.ts';
import { startIssuerServer, type IssuerServer } from './issuer-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Fixed, so the age of a kept snapshot is exact: IVV is as of 2025-11-18, 369 days before. */
const NOW = new Date('2026-11-22T12:00:00Z');

describe('where sync downloads from', () => {
  test('every issuer’s URL keeps its own path; SYNC_BASE_URL moves every origin, an issuer variable beats it', () => {
    const ivv = FUND_SOURCES.find((s) => s.fund === 'IVV')!;
    expect(sourceUrl(ivv, {})).toBe('https://www.ishares.com/us/products/239726/ishares-core-sp-500-etf/1467271812596.ajax?fileType=csv&fileName=IVV_holdings&dataType=fund');
    expect(sourceUrl(ivv, { SYNC_BASE_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9/us/products/239726/ishares-core-sp-500-etf/1467271812596.ajax?fileType=csv&fileName=IVV_holdings&dataType=fund');
    expect(sourceUrl(ivv, { SYNC_BASE_URL: 'http://a', ISHARES_BASE_URL: 'http://b' })).toMatch(/^http:\/\/b\/us\/products\//);
    const spy = FUND_SOURCES.find((s) => s.fund === 'SPY')!;
    expect(sourceUrl(spy, {})).toBe('https://www.ssga.com/library-content/products/fund-data/etfs/us/holdings-daily-us-en-spy.xlsx');
    // No public URL serves the Vanguard CSV or the Schwab xlsx: without a mirror, there is nothing to fetch.
    expect(sourceUrl(FUND_SOURCES.find((s) => s.fund === 'VT')!, {})).toBeNull();
    expect(FUND_SOURCES.map((s) => s.fund)).toEqual(['IVV', 'SOXX', 'ACWI', 'URTH', 'SPY', 'DIA', 'QQQ', 'ARKK', 'VOO', 'VTI', 'VT', 'SCHD']);
  });

  test('the schedule: off unless set; a daily UTC time is today or tomorrow; an interval is its hours', () => {
    expect(parseSyncSchedule(undefined, undefined)).toEqual({ kind: 'off' });
    expect(nextSyncDelayMs(parseSyncSchedule(undefined, undefined), NOW)).toBeNull();
    expect(parseSyncSchedule('25:00', 'x')).toEqual({ kind: 'off' });
    const daily = parseSyncSchedule('06:00', '3');
    expect(daily).toEqual({ kind: 'daily', hour: 6, minute: 0 });
    expect(nextSyncDelayMs(daily, NOW)).toBe(18 * 3_600_000); // 12:00 → tomorrow 06:00
    expect(nextSyncDelayMs(parseSyncSchedule('12:30', undefined), NOW)).toBe(30 * 60_000);
    expect(nextSyncDelayMs(parseSyncSchedule('12:00', undefined), NOW)).toBe(24 * 3_600_000); // exactly now → tomorrow
    expect(nextSyncDelayMs(parseSyncSchedule(undefined, '6'), NOW)).toBe(6 * 3_600_000);
    expect(readConfig({}).syncSchedule).toEqual({ kind: 'off' });
  });
});

describe.skipIf(!HAS_RAW)('topheavy data sync against a local server serving the real issuer files under the issuers’ paths', () => {
  let server: IssuerServer;
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let url: string;
  const events: SyncEvent[] = [];
  /** Small limits so each failure shows in well under a second; retries 3 with 20 ms then 40 ms. */
  const sync = (funds?: string[], extra: Partial<SyncOptions> = {}) =>
    syncFunds(store, { env: { SYNC_BASE_URL: server.base }, funds, timeoutMs: 400, tries: 3, backoffMs: 20, now: NOW, onEvent: (e) => events.push(e), ...extra });
  /** The fund's newest snapshot id and how many it has: what "the last good snapshot stays" means. */
  const stateOf = async (fund: string) => {
    const all = await store.snapshots(fund);
    return { latest: all[all.length - 1]?.id, count: all.length, positions: all[all.length - 1]?.positions };
  };

  beforeAll(async () => {
    server = await startIssuerServer(1_500);
    tmp = tempDir('topheavy-sync-');
    url = `file:${path.join(tmp.dir, 'sync.db')}`;
    store = await Store.open(url);
  });
  afterAll(async () => {
    await store?.close();
    await server?.close();
    tmp?.remove();
  });
  beforeEach(() => {
    events.length = 0;
    server.resetCounts();
  });

  test('every known fund is downloaded, parsed and stored; the second run finds every file unchanged', async () => {
    const first = await sync();
    expect(first.failed).toEqual([]);
    expect(first.stored.map((e) => e.fund)).toEqual(FUND_SOURCES.map((s) => s.fund));
    // The same positions as reading the same files from disk (the catalog picks the same file per fund).
    const catalog = await rawCatalog();
    for (const e of first.stored) expect([e.fund, e.positions]).toEqual([e.fund, catalog.funds.get(e.fund)!.holdings.positions.length]);
    expect(first.stored.find((e) => e.fund === 'IVV')).toMatchObject({ positions: 503, asOf: '2025-11-18', file: 'IVV_holdings.csv' });
    // Progress per fund, in order: downloading, parsing, stored.
    expect(events.filter((e) => e.fund === 'IVV').map((e) => e.status)).toEqual(['downloading', 'parsing', 'stored']);
    expect((await store.latestSnapshots()).map((s) => s.fund).sort()).toEqual(FUND_SOURCES.map((s) => s.fund).sort());
    // SPDR files have no sectors: filled from funds synced before them, as a folder import does.
    const spy = (await store.readHoldings((await stateOf('SPY')).latest!))!;
    expect(spy.notes.some((n) => /sectors for \d+ of \d+ positions .* were taken from/.test(n))).toBe(true);

    const before = await store.lastSnapshotId();
    events.length = 0;
    const second = await sync();
    expect(second.unchanged.map((e) => e.fund)).toEqual(FUND_SOURCES.map((s) => s.fund));
    expect(second.stored).toEqual([]);
    expect(await store.lastSnapshotId()).toBe(before);
    expect(events.filter((e) => e.status === 'parsing')).toEqual([]); // a known checksum is not parsed again
    expect(syncEventLine(second.unchanged[0]!)).toBe('IVV    unchanged (the same file is already stored, as of 2025-11-18)');
    expect(sayData('ja')({ kind: 'sync', event: second.unchanged[0]! })).toBe('IVV    変更なし（同じファイルを保存済み、基準日 2025-11-18）');
  }, 60_000);

  test('without SYNC_BASE_URL, Vanguard and Schwab funds are skipped with the reason; named, they fail', async () => {
    const all = await syncFunds(store, { env: {}, funds: ['VOO'], now: NOW });
    expect(all.failed[0]!.message).toMatch(/^Vanguard has no public URL for this file: .*VANGUARD_BASE_URL/);
    expect(all.failed[0]!.kept).toMatchObject({ ageDays: expect.any(Number) });
    const unknown = await syncFunds(store, { env: {}, funds: ['ZZZZ'], now: NOW });
    expect(unknown.failed[0]!.message).toMatch(/no download source is known for ZZZZ; known: IVV, SOXX/);
    // In Japanese from the events' structure, not their English: the issuer and the setting for VOO, the code for ZZZZ.
    expect(sayData('ja')({ kind: 'sync', event: all.failed[0]! })).toMatch(/^VOO {4}Vanguardはこのファイルを公開URLで提供していません（VANGUARD_BASE_URL で指定できます）。前回の正常なデータ（/);
    expect(sayData('ja')({ kind: 'sync', event: unknown.failed[0]! })).toBe('ZZZZ   ZZZZの保有銘柄を取得できませんでした：ダウンロード先がわかりません。以前に保存したデータはありません。');
  });

  test('a slow server: the attempt times out, the fund fails saying so, and the last good snapshot stays', async () => {
    const kept = await stateOf('IVV');
    server.behave('IVV', 'slow');
    const t0 = Date.now();
    const r = await sync(['IVV'], { tries: 1 });
    expect(Date.now() - t0).toBeLessThan(1_400);
    expect(r.failed[0]!.message).toBe('download failed: no complete answer within 0.4 s');
    expect(r.failed[0]!.kept).toEqual({ asOf: '2025-11-18', importedAt: expect.any(String), ageDays: 369 });
    expect(syncEventLine(r.failed[0]!)).toBe('IVV    failed: download failed: no complete answer within 0.4 s; keeping the last good snapshot (as of 2025-11-18, 369 days old)');
    expect(sayData('ja')({ kind: 'sync', event: r.failed[0]! })).toBe(
      'IVV    IVVの保有銘柄を取得できませんでした：サーバーが時間内に応答しませんでした（何度か試しました）。後でもう一度お試しください。前回の正常なデータ（基準日 2025-11-18、369日前）を引き続き使います。',
    );
    expect(await stateOf('IVV')).toEqual(kept);
  });

  test('HTTP 500: retried with backoff, exactly 3 requests, then failed; a 404 is not retried', async () => {
    const kept = await stateOf('ARKK');
    server.behave('ARKK', 'status-500');
    const r = await sync(['ARKK']);
    expect(server.requests('ARKK')).toBe(3);
    expect(events.filter((e) => e.status === 'downloading').map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(r.failed[0]!.message).toBe('download failed: HTTP 500 Internal Server Error (tried 3 times)');
    expect(await stateOf('ARKK')).toEqual(kept);

    server.resetCounts();
    server.behave('ARKK', 'status-404');
    const gone = await sync(['ARKK']);
    expect(server.requests('ARKK')).toBe(1);
    expect(gone.failed[0]!.message).toBe('download failed: HTTP 404 Not Found');
    expect(await stateOf('ARKK')).toEqual(kept);
  });

  test('a truncated body: a hang-up mid-body is caught by the transfer (and retried), a consistent short body by parsing', async () => {
    const kept = await stateOf('IVV');
    server.behave('IVV', 'hang-up');
    const hung = await sync(['IVV']);
    expect(server.requests('IVV')).toBe(3);
    expect(hung.failed[0]!.message).toMatch(/^download failed: the connection closed before the whole body arrived .*\(tried 3 times\)$/);
    expect(await stateOf('IVV')).toEqual(kept);

    server.behave('IVV', 'cut-short');
    const cut = await sync(['IVV']);
    expect(cut.failed[0]!.message).toMatch(/^not a usable holdings file: IVV_holdings\.csv, line \d+: expected /);
    expect(await stateOf('IVV')).toEqual(kept);

    server.behave('SPY', 'cut-short');
    const xlsx = await sync(['SPY']);
    expect(xlsx.failed[0]!.message).toBe('not a usable holdings file: holdings-daily-us-en-spy.xlsx: expected a complete xlsx (zip) file; found "a truncated or damaged zip"');
    server.behave('SPY', 'ok');
  });

  test('an HTML error page sent with 200 is refused as HTML, not stored', async () => {
    const kept = await stateOf('QQQ');
    server.behave('QQQ', 'html-200');
    const r = await sync(['QQQ']);
    expect(r.failed[0]!.message).toBe('not a usable holdings file: qqq_holdings.csv: expected the Invesco holdings file; found "an HTML page (text/html; charset=utf-8)"');
    expect(server.requests('QQQ')).toBe(1);
    expect(await stateOf('QQQ')).toEqual(kept);
  });

  test('an oversized body: refused from its Content-Length, and an endless chunked body is cut off while streaming', async () => {
    const kept = await stateOf('IVV');
    server.behave('IVV', 'ok');
    const declared = await sync(['IVV'], { maxBytes: 50_000 });
    expect(declared.failed[0]!.message).toBe('download failed: the file is 96695 bytes, over the 50000 bytes limit');
    expect(server.requests('IVV')).toBe(1);

    server.behave('IVV', 'endless');
    const t0 = Date.now();
    const endless = await sync(['IVV'], { maxBytes: 300_000, timeoutMs: 10_000 });
    expect(endless.failed[0]!.message).toBe('download failed: the body passed the 300000 bytes limit while downloading');
    expect(Date.now() - t0).toBeLessThan(3_000);
    // The server stopped soon after the limit (socket buffers aside), not after the 10 s timeout.
    expect(server.endlessBytes()).toBeGreaterThan(300_000);
    expect(server.endlessBytes()).toBeLessThan(32 * 1024 * 1024); // ~4 MB here: loopback socket buffers, not the body
    expect(await stateOf('IVV')).toEqual(kept);
    server.behave('IVV', 'ok');
  });

  test('one fund failing does not stop the others; the CLI exits 1 and says what it kept, 0 when all is well', async () => {
    server.behave('ARKK', 'status-500');
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['bin/topheavy.js', 'data', 'sync', ...args], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: url, SYNC_BASE_URL: server.base, SYNC_TIMEOUT_SECONDS: '2', SYNC_TRIES: '2' },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('close', (code) => resolve({ code, out, err }));
      });
    const bad = await cli(['ARKK', 'DIA']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/ARKK +failed: download failed: HTTP 500 Internal Server Error \(tried 2 times\); keeping the last good snapshot \(as of 2024-06-04, \d+ days old\)/);
    expect(bad.out).toMatch(/DIA +unchanged/);
    expect(bad.out).toMatch(/0 stored, 1 unchanged, 1 failed\./);
    server.behave('ARKK', 'ok');
    const good = await cli(['arkk']);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/0 stored, 1 unchanged, 0 failed\./);
  }, 30_000);

  test('bot mode: runtime.sync() stores what is new, refreshes the holdings, and hands each crossed alert to onAlert', async () => {
    const dbTmp = tempDir('topheavy-sync-rt-');
    const alerts: AlertCrossing[] = [];
    const runtime = await createRuntime(
      { ...readConfig({}), holdingsDir: path.join(dbTmp.dir, 'none'), databaseUrl: `file:${path.join(dbTmp.dir, 'rt.db')}`, refreshSeconds: 0 },
      { onAlert: (a) => void alerts.push(a), sync: { env: { SYNC_BASE_URL: server.base }, timeoutMs: 2_000, backoffMs: 20 } },
    );
    try {
      // ARKK's largest holding is 11.75% of the file (TSLA); 10% is crossed on the first snapshot, 20% is not.
      await runtime.store.setAlert('discord', 'g1', 'largest-above', 0.1, 'c-alerts');
      await runtime.store.setAlert('discord', 'g1', 'top10-above', 0.9, 'c-alerts');
      expect(runtime.data.get('ARKK')).toBeUndefined();
      const summary = await runtime.sync(['ARKK']);
      expect(summary.stored.map((e) => e.fund)).toEqual(['ARKK']);
      expect(runtime.data.get('ARKK')?.positions).toHaveLength(35);
      expect(alerts.map((a) => [a.fund, a.metric, a.rule.channelId])).toEqual([['ARKK', 'largest-above', 'c-alerts']]);
      expect(alerts[0]!.message.en).toMatch(/^ARKK: largest holding [\d.]+% as of 2024-06-04 is now above the 10% threshold \(first stored snapshot\)\.$/);
      // The same file again: unchanged, nothing crosses again.
      await runtime.sync(['ARKK']);
      expect(alerts).toHaveLength(1);
    } finally {
      await runtime.close();
      dbTmp.remove();
    }
  });
});
