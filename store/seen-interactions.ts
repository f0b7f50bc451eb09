import type { Store } from './store.ts';

/**
 * Discord interaction ids claimed in the store (table `seen_interactions`, migration 0008), so
 * that replicas behind one load balancer refuse a replay that reaches another replica. A claim is
 * one `INSERT … ON CONFLICT DO UPDATE … WHERE expired` statement: the database's unique key
 * decides, so of two replicas claiming the same id at once exactly one gets a row written. An id
 * whose row has expired (not yet pruned) may be claimed again: by then its signature's timestamp
 * is outside the window anyway. Expired rows are deleted at most once per `pruneEveryMs`.
 */
export class StoredInteractionIds {
  #nextPrune = 0;

  constructor(
    private readonly store: Store,
    /** How long an id is kept: at least the signature's timestamp window with a margin. */
    readonly keepMs: number,
    private readonly pruneEveryMs = 60_000,
  ) {
    if (!(keepMs > 0)) throw new RangeError(`keepMs must be positive, got ${keepMs}`);
  }

  /** True when this call is the first (within the keep window) to claim `id` in the whole store. */
  async claim(id: string, nowMs: number): Promise<boolean> {
    const result = await this.store.db
      .insertInto('seen_interactions')
      .values({ id, expires_at: nowMs + this.keepMs })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') })
          .where('seen_interactions.expires_at', '<=', nowMs),
      )
      .executeTakeFirst();
    if (nowMs >= this.#nextPrune) {
      this.#nextPrune = nowMs + this.pruneEveryMs;
      // Pruning is housekeeping: a failure here must not turn an accepted interaction into an error.
      await this.prune(nowMs).catch(() => undefined);
    }
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Deletes ids whose keep window is over; resolves with how many went. */
  async prune(nowMs: number): Promise<number> {
    const result = await this.store.db.deleteFrom('seen_interactions').where('expires_at', '<=', nowMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Ids currently kept (tests and the bench read it). */
  async count(): Promise<number> {
    const row = await this.store.db.selectFrom('seen_interactions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
