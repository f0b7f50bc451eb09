import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import { LostLeaseError } from '../../store/coordination.ts';
import { Store } from '../../store/store.ts';
import { HAS_PG, startPg, type PgCluster } from './pg.ts';

let cluster: PgCluster | undefined;

/** Ends every other session on the database (as a failover, idle_session_timeout or a pooler would); resolves how many. */
async function terminateSessions(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const r = await admin.query('select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return r.rows.filter((row: { ok: boolean }) => row.ok).length;
  } finally {
    await admin.end();
  }
}

/** A job that runs until `finish` is called, counting how many are running at once. */
function gatedJob() {
  let running = 0;
  let most = 0;
  let finish: () => void = () => {};
  const gate = new Promise<void>((r) => (finish = r));
  const job = (value: string) => async () => {
    running++;
    most = Math.max(most, running);
    await gate;
    running--;
    return value;
  };
  return { job, finish: () => finish(), most: () => most };
}

describe.skipIf(!HAS_PG)('runExclusive across dropped connections (PostgreSQL)', () => {
  beforeAll(async () => void (cluster = await startPg()), 60_000);
  afterAll(() => cluster?.stop());

  test('GIVEN the holder’s sessions terminated mid-section THEN another replica still skips, and the holder ends well', async () => {
    const url = await cluster!.createDatabase();
    const [a, b] = await Promise.all([Store.open(url), Store.open(url)]);
    try {
      const gated = gatedJob();
      const first = a.runExclusive('topheavy:scheduled-sync', gated.job('a'));
      await new Promise((r) => setTimeout(r, 200));
      expect(await terminateSessions(url)).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      // The section is still running in a: b must not run it too.
      expect(await b.runExclusive('topheavy:scheduled-sync', gated.job('b'))).toEqual({ ran: false });
      gated.finish();
      expect(await first).toEqual({ ran: true, value: 'a' });
      expect(gated.most()).toBe(1);
      // Over: the next one runs.
      expect(await b.runExclusive('topheavy:scheduled-sync', async () => 'b')).toEqual({ ran: true, value: 'b' });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);
  test('GIVEN a restart of PostgreSQL mid-section THEN the lease survives it: another replica skips until the holder is done', async () => {
    const url = await cluster!.createDatabase();
    const [a, b] = await Promise.all([Store.open(url), Store.open(url)]);
    try {
      const gated = gatedJob();
      const first = a.runExclusive('slot', gated.job('a'), { heartbeatMs: 100 });
      await new Promise((r) => setTimeout(r, 200));
      await cluster!.stopServer();
      await cluster!.startServer();
      expect(await b.runExclusive('slot', gated.job('b'))).toEqual({ ran: false });
      gated.finish();
      expect(await first).toEqual({ ran: true, value: 'a' });
      expect(gated.most()).toBe(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  test('GIVEN a holder that stops renewing (its store gone, as a killed process) THEN another replica takes the section over after the stale time, not before', async () => {
    const url = await cluster!.createDatabase();
    const [a, b] = await Promise.all([Store.open(url), Store.open(url)]);
    try {
      const gated = gatedJob();
      void a.runExclusive('slot', gated.job('a'), { heartbeatMs: 100, staleMs: 1_500 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      await a.close();
      const stopped = Date.now();
      expect(await b.runExclusive('slot', async () => 'early')).toEqual({ ran: false });
      let taken: { ran: boolean } = { ran: false };
      while (!taken.ran && Date.now() - stopped < 10_000) {
        await new Promise((r) => setTimeout(r, 100));
        taken = await b.runExclusive('slot', async () => 'b');
      }
      expect(taken).toEqual({ ran: true, value: 'b' });
      // At most the stale time after the last renewal (which was at most one beat before close).
      expect(Date.now() - stopped).toBeLessThan(1_500 + 1_000);
      gated.finish();
    } finally {
      await b.close();
    }
  }, 60_000);

  test('GIVEN the lease taken by another process while the section runs THEN the holder’s result says so (LostLeaseError), naming the new holder', async () => {
    const url = await cluster!.createDatabase();
    const a = await Store.open(url);
    try {
      const gated = gatedJob();
      const first = a.runExclusive('slot', gated.job('a'), { heartbeatMs: 100 });
      await new Promise((r) => setTimeout(r, 200));
      // What another replica does once the row has expired: it writes itself in.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query("update fetch_leases set owner = 'web-9:77:2026-12-06T09:00:00.000Z:0badcafe' where fund = 'exclusive:slot'");
      await admin.end();
      await new Promise((r) => setTimeout(r, 400));
      gated.finish();
      const error = await first.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(LostLeaseError);
      expect((error as Error).message).toMatch(/"slot" lost its lease to web-9:77:.*another process may have run it too/);
    } finally {
      await a.close();
    }
  }, 60_000);
});
