import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FundRef } from '../../store/fund-fetch.ts';
import { FundLeases, parseHolder } from '../../store/coordination.ts';
import { createFundFetcher } from '../../store/on-demand.ts';
import { Store } from '../../store/store.ts';
import { spawnTs, startLocalServer, tempDir, waitFor } from './helpers.ts';

/**
 * Issue 22 item 2: a fetch whose process is SIGKILLed must not block its fund. A local "SEC" that
 * records each filing-list request and never answers stands in for a slow download, so every
 * child is killed mid-fetch, lease held; the next ask must reach the server again within 10 s.
 */
const tmp = tempDir('topheavy-lease-');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let base = '';
const arrivals: { id: string; at: number }[] = [];

beforeAll(async () => {
  server = await startLocalServer((req, res, hold) => {
    const id = /[?&]CIK=([^&]+)/.exec(req.url ?? '')?.[1];
    if (id) arrivals.push({ id, at: Date.now() });
    hold(res); // never answered: the fetch is "in progress" until its process dies or times out
  });
  base = server.base;
});

afterAll(async () => {
  await server.close();
  tmp.remove();
});

const ref = (round: number, i: number): FundRef => ({ fund: `K${round}X${i}`, name: `Killed fund ${round}.${i}`, cik: null, seriesId: `S${String(round * 100 + i).padStart(9, '0')}`, issuer: null });
const arrivedSince = (id: string, since: number) => arrivals.some((a) => a.id === id && a.at >= since);

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('leases of killed fetches', () => {
  test('30 processes SIGKILLed mid-fetch (5 rounds × 6): each lease names its holder, and the next ask for the fund starts a new fetch within 10 s', async () => {
    const url = `file:${path.join(tmp.dir, 'kill.db')}`;
    const store = await Store.open(url);
    const env = { SEC_USER_AGENT: 'topheavy tests ops@example.org', SYNC_BASE_URL: base };
    const asker = createFundFetcher(store, { env, timeoutMs: 400, tries: 1, backoffMs: 10 });
    const leases = new FundLeases(store, 60_000);
    const delays: number[] = [];
    let kills = 0;
    for (let round = 1; round <= 5; round++) {
      const refs = Array.from({ length: 6 }, (_, i) => ref(round, i));
      const children = refs.map((r) => spawnTs('children/fetch-asker.ts', [url, base, 'ensure', JSON.stringify([r]), '1']));
      await Promise.all(children.map((c) => waitFor(c, /ready/, 60_000)));
      const started = Date.now();
      for (const c of children) c.stdin!.write('go\n');
      // Every child holds its fund's lease and is inside the download.
      await until(() => refs.every((r) => arrivedSince(r.seriesId!, started)), 30_000, 'every child to start its download');
      for (const [i, r] of refs.entries()) {
        const holder = await leases.holder(r.fund);
        expect(holder, r.fund).toBeDefined();
        expect(parseHolder(holder!.owner)).toEqual({ host: hostname(), pid: children[i]!.pid });
      }
      const exited = children.map((c) => new Promise((resolve) => c.once('exit', resolve)));
      const killedAt = Date.now();
      for (const c of children) c.kill('SIGKILL');
      kills += children.length;
      await Promise.all(exited);
      // The next asks: each must get the lease and reach the source again.
      const asks = refs.map((r) => asker.ensure(r));
      await until(() => refs.every((r) => arrivedSince(r.seriesId!, killedAt)), 15_000, 'the next asks to start new downloads');
      for (const r of refs) delays.push(arrivals.find((a) => a.id === r.seriesId && a.at >= killedAt)!.at - killedAt);
      const outcomes = await Promise.all(asks);
      // The stand-in SEC never answers: the new fetch fails by timeout, and says so.
      for (const o of outcomes) expect(o.failure?.download?.kind).toBe('timeout');
    }
    const sorted = [...delays].sort((a, b) => a - b);
    console.log(`[lease] ${kills} fetches SIGKILLed: the next ask reached the source after median ${sorted[15]} ms, max ${sorted[29]} ms`);
    expect(kills).toBe(30);
    expect(delays).toHaveLength(30);
    expect(Math.max(...delays)).toBeLessThan(10_000);
    await store.close();
  }, 240_000);

  test('a holder on another host that stops renewing is taken over once its heartbeat is stale; a live holder keeps its fund', async () => {
    const store = await Store.open(`file:${path.join(tmp.dir, 'beat.db')}`);
    const a = new FundLeases(store, 60_000, 20, 100, 300);
    const b = new FundLeases(store, 60_000, 20, 100, 300);
    // A live holder renews every 100 ms: another process waiting 1 s never gets the fund.
    expect(await a.acquire('LIVE', 1_000)).toBe(true);
    expect(await b.acquire('LIVE', 1_000)).toBe(false);
    expect((await b.holder('LIVE'))?.owner).toBe(a.owner);
    await a.release('LIVE');
    // A holder elsewhere (another host: its process cannot be checked) that last renewed now: taken over after the stale time, not before.
    const foreign = 'other-host:4242:2026-01-01T00:00:00.000Z:deadbeef';
    await store.db.insertInto('fetch_leases').values({ fund: 'GONE', owner: foreign, expires_at: Date.now() + 300 }).execute();
    const t0 = Date.now();
    expect(await b.acquire('GONE', 5_000)).toBe(true);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2_000);
    expect((await b.holder('GONE'))?.owner).toBe(b.owner);
    await b.release('GONE');
    await store.close();
  });
});
