import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseFile } from '../../holdings/catalog.ts';
import type { Holdings } from '../../holdings/types.ts';
import { checksumOf } from '../../store/import.ts';
import { Store } from '../../store/store.ts';
import { HAS_RAW, RAW } from '../support/raw.ts';
import { HAS_PG, startPg, type PgCluster } from './pg.ts';
import { spawnTs, waitFor } from './helpers.ts';

const VT_FILE = path.join(RAW, 'VT', 'Holdings_details_Total_World_Stock_ETF.csv');
let cluster: PgCluster | undefined;

describe.skipIf(!HAS_PG)('several replicas on one PostgreSQL', () => {
  beforeAll(async () => void (cluster = await startPg()), 60_000);
  afterAll(() => cluster?.stop());

  test('GIVEN three replicas whose scheduled sync fires at once THEN exactly one runs it; the others skip', async () => {
    const url = await cluster!.createDatabase();
    const stores = await Promise.all([Store.open(url), Store.open(url), Store.open(url)]);
    try {
      let runs = 0;
      const job = async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 300));
        return 'synced';
      };
      const results = await Promise.all(stores.map((s) => s.runExclusive('topheavy:scheduled-sync', job)));
      expect(runs).toBe(1);
      expect(results.filter((r) => r.ran)).toEqual([{ ran: true, value: 'synced' }]);
      // Released afterwards: the next slot runs again.
      expect(await stores[1]!.runExclusive('topheavy:scheduled-sync', job)).toEqual({ ran: true, value: 'synced' });
      expect(runs).toBe(2);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  }, 60_000);

  test('GIVEN a replica whose timer fires a little later THEN the lock, kept for holdMs, still makes it skip; release ends the hold early', async () => {
    const url = await cluster!.createDatabase();
    const [a, b] = await Promise.all([Store.open(url), Store.open(url)]);
    try {
      let release: () => void = () => {};
      const released = new Promise<void>((r) => (release = r));
      const first = a.runExclusive('slot', async () => 'a', { holdMs: 60_000, release: released });
      await new Promise((r) => setTimeout(r, 200));
      // a's job is long done, but its hold is not over.
      expect(await b.runExclusive('slot', async () => 'b')).toEqual({ ran: false });
      release();
      expect(await first).toEqual({ ran: true, value: 'a' });
      expect(await b.runExclusive('slot', async () => 'b')).toEqual({ ran: true, value: 'b' });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  test.skipIf(!HAS_RAW)('GIVEN an import of VT killed with SIGKILL mid-transaction THEN PostgreSQL holds the old snapshot only, and takes the import afterwards', async () => {
    const url = await cluster!.createDatabase();
    const vt = await parseFile('VT', VT_FILE);
    const old: Holdings = { ...structuredClone(vt), asOf: { date: '2026-01-31', source: 'file' }, positions: vt.positions.slice(0, -1) };
    const store = await Store.open(url);
    try {
      await store.importHoldings(old, 'old');
      const child = spawnTs('children/crash-import.ts', [url, VT_FILE]);
      const said = await waitFor(child, /mid \d+/);
      // Mid-transaction, another session sees none of the 10,000 rows written so far.
      expect(await store.positionCount()).toBe(old.positions.length);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(said).toMatch(/mid 10000/);
      // The server notices the dropped connection and rolls its transaction back.
      const snapshots = await store.snapshots('VT');
      expect(snapshots.map((s) => s.checksum)).toEqual(['old']);
      expect(await store.positionCount()).toBe(old.positions.length);
      expect(await store.readHoldings(snapshots[0]!.id)).toEqual(old);
      expect((await store.importHoldings(vt, checksumOf(readFileSync(VT_FILE)))).status).toBe('stored');
      expect(await store.positionCount()).toBe(old.positions.length + vt.positions.length);
    } finally {
      await store.close();
    }
  }, 90_000);
});
