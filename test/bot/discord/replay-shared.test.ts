import { expect, test } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../../bot/discord/http-server.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import { REPLAY_KEEP_MS } from '../../../bot/discord/replay.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { StoredInteractionIds } from '../../../store/seen-interactions.ts';
import { Store } from '../../../store/store.ts';
import { onBothBackends } from '../../support/backends.ts';
import { commandPayload, signedHeaders, testKeys } from './support.ts';

const keys = testKeys();
const card: View = { lang: 'en', title: 'ok', tone: 'info', summary: 'ok', sources: [] };

/** Two replicas: each its own process memory and its own connection to one database. */
async function twoReplicas(url: string) {
  // One after the other: the first migrates, the second finds the schema done.
  const stores = [await Store.open(url), await Store.open(url)];
  let dispatched = 0;
  const servers: RunningHttpServer[] = await Promise.all(
    stores.map((store) =>
      startHttpServer({
        // A counting dispatch stands in for the commands: what is tested is which requests reach it.
        runtime: { context: (lang, requester) => ({ lang, requester }) as unknown as Context },
        publicKey: keys.publicKey,
        host: '127.0.0.1',
        log: memoryLogger(),
        handler: { chart: null, limiter: tokenBucket(1e6, 1e6), dispatch: async () => (dispatched++, card) },
        sharedSeen: new StoredInteractionIds(store, REPLAY_KEEP_MS),
      }),
    ),
  );
  return {
    stores,
    servers,
    dispatched: () => dispatched,
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all(stores.map((s) => s.close()));
    },
  };
}

async function post(server: RunningHttpServer, body: string, timestamp: string): Promise<number> {
  const r = await fetch(server.url, { method: 'POST', body, headers: signedHeaders(body, keys.privateKey, timestamp) });
  await r.arrayBuffer();
  return r.status;
}

function suite(open: () => Promise<string>) {
  test('the same signed interaction sent to both replicas at once: one 200, one 409, one command run', async () => {
    const r = await twoReplicas(await open());
    try {
      const ts = String(Math.floor(Date.now() / 1000));
      // Twenty interactions, each delivered to both replicas at the same moment.
      const bodies = Array.from({ length: 20 }, () => JSON.stringify(commandPayload('funds', [])));
      const statuses = await Promise.all(bodies.map((body) => Promise.all(r.servers.map((s) => post(s, body, ts)))));
      for (const pair of statuses) expect([...pair].sort()).toEqual([200, 409]);
      expect(r.dispatched()).toBe(20);
      // Resent later to either replica, still refused: the store remembers, not only the replica that answered.
      expect(await post(r.servers[0]!, bodies[0]!, ts)).toBe(409);
      expect(await post(r.servers[1]!, bodies[1]!, ts)).toBe(409);
      expect(r.dispatched()).toBe(20);
      expect(await new StoredInteractionIds(r.stores[0]!, REPLAY_KEEP_MS).count()).toBe(20);
    } finally {
      await r.close();
    }
  }, 60_000);

  test('batched claims: two replicas claiming the same 300 ids (and some twice) win each id exactly once', async () => {
    const url = await open();
    const stores = [await Store.open(url), await Store.open(url)];
    try {
      // Different batch shapes on each side, so batches overlap partly and are written in turns.
      const sides = [new StoredInteractionIds(stores[0]!, REPLAY_KEEP_MS, { batchMs: 3 }), new StoredInteractionIds(stores[1]!, REPLAY_KEEP_MS, { maxBatch: 7 })];
      const ids = Array.from({ length: 300 }, (_, i) => `batch-${i}`);
      const now = Date.now();
      const claims = ids.flatMap((id, i) => [
        ...sides.map((side) => side.claim(id, now).then((won) => ({ id, won }))),
        // Every third id is also claimed twice by the same replica inside one batch.
        ...(i % 3 === 0 ? [sides[0]!.claim(id, now).then((won) => ({ id, won }))] : []),
      ]);
      const wins = new Map<string, number>();
      for (const { id, won } of await Promise.all(claims)) wins.set(id, (wins.get(id) ?? 0) + (won ? 1 : 0));
      expect(ids.filter((id) => wins.get(id) !== 1)).toEqual([]);
      expect(claims.length).toBe(700);
      expect(await sides[0]!.count()).toBe(300);
      // Later claims of any of them, from either side, lose.
      expect(await Promise.all([sides[1]!.claim('batch-0', now + 1), sides[0]!.claim('batch-299', now + 1)])).toEqual([false, false]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  }, 60_000);

  test('an id is kept for the keep window, then may be claimed again and is pruned', async () => {
    const store = await Store.open(await open());
    try {
      const keep = 10_000;
      const ids = new StoredInteractionIds(store, keep, { pruneEveryMs: 1_000 });
      const other = new StoredInteractionIds(store, keep, { pruneEveryMs: 1_000 });
      const t0 = 1_000_000;
      expect(await ids.claim('a', t0)).toBe(true);
      expect(await other.claim('a', t0 + 1)).toBe(false);
      expect(await other.claim('a', t0 + keep - 1)).toBe(false);
      expect(await ids.claim('b', t0 + 5_000)).toBe(true);
      // 'a' has expired (not yet pruned): a claim takes it over, as its signature would be stale by now.
      expect(await other.claim('a', t0 + keep)).toBe(true);
      expect(await ids.claim('a', t0 + keep + 1)).toBe(false);
      expect(await ids.count()).toBe(2);
      // At t0 + 15 s 'b' (until t0 + 15 s) has run out and 'a' (until t0 + 20 s) has not.
      expect(await ids.prune(t0 + 15_000)).toBe(1);
      expect(await ids.count()).toBe(1);
      // Claims prune on their own, at most once per interval: long after, one claim leaves only itself.
      expect(await ids.claim('c', t0 + 60_000)).toBe(true);
      expect(await ids.count()).toBe(1);
    } finally {
      await store.close();
    }
  }, 60_000);
}

onBothBackends('Discord interaction ids shared', suite);
