import { sql } from 'kysely';
import type { Store } from './store.ts';

export interface ClaimBatching {
  /** Claims made within this many ms go to the store as one statement (0: those made in the same turn of the event loop). */
  batchMs?: number;
  /** At most this many ids in one statement (1: one statement per claim, as before batching). */
  maxBatch?: number;
  /** Expired rows are deleted at most once per this many ms. */
  pruneEveryMs?: number;
}

interface Waiting {
  expiresAt: number;
  resolve: (first: boolean) => void;
  reject: (error: unknown) => void;
  /** Further claims of the same id in the same batch: they are repeats whatever the store says. */
  repeats: ((first: boolean) => void)[];
}

/**
 * Delivery ids claimed in the store (table `seen_interactions`, migration 0008), so that replicas
 * behind one load balancer refuse a replay, or drop a retried delivery, that reaches another
 * replica: Discord interaction ids as they come, Slack deliveries as `slack:<key>`.
 *
 * Claims are batched: those made within `batchMs` become one
 * `INSERT … VALUES (…), (…) ON CONFLICT (id) DO UPDATE … WHERE expired RETURNING id`, and each
 * caller waits for that statement. The database's unique key still decides every id, so of two
 * replicas claiming the same id at once exactly one gets it back in RETURNING; batching changes
 * only how many ids share a statement (and a transaction), not who wins. An id whose row has
 * expired (not yet pruned) may be claimed again: by then its signature's timestamp is outside the
 * window anyway. Expired rows are deleted at most once per `pruneEveryMs`.
 */
export class StoredInteractionIds {
  #nextPrune = 0;
  #batch = new Map<string, Waiting>();
  #timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  readonly #batchMs: number;
  readonly #maxBatch: number;
  readonly #pruneEveryMs: number;

  constructor(
    private readonly store: Store,
    /** How long an id is kept: at least the signature's timestamp window with a margin. */
    readonly keepMs: number,
    options: ClaimBatching = {},
  ) {
    if (!(keepMs > 0)) throw new RangeError(`keepMs must be positive, got ${keepMs}`);
    this.#batchMs = options.batchMs ?? 0;
    // Two parameters a row: 500 rows stay far below SQLite's and PostgreSQL's parameter limits.
    this.#maxBatch = options.maxBatch ?? 500;
    this.#pruneEveryMs = options.pruneEveryMs ?? 60_000;
    if (!Number.isInteger(this.#maxBatch) || this.#maxBatch < 1 || this.#maxBatch > 10_000) throw new RangeError(`maxBatch must be an integer in 1..10000, got ${this.#maxBatch}`);
  }

  /** True when this call is the first (within the keep window) to claim `id` in the whole store. */
  claim(id: string, nowMs: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const already = this.#batch.get(id);
      if (already) {
        already.repeats.push(resolve);
        return;
      }
      this.#batch.set(id, { expiresAt: nowMs + this.keepMs, resolve, reject, repeats: [] });
      if (this.#batch.size >= this.#maxBatch) this.#flush(nowMs);
      else if (!this.#timer) this.#timer = this.#batchMs > 0 ? setTimeout(() => this.#flush(nowMs), this.#batchMs) : setImmediate(() => this.#flush(nowMs));
    });
  }

  #flush(nowMs: number): void {
    if (this.#timer) {
      clearTimeout(this.#timer as NodeJS.Timeout);
      clearImmediate(this.#timer as NodeJS.Immediate);
      this.#timer = undefined;
    }
    const batch = this.#batch;
    if (batch.size === 0) return;
    this.#batch = new Map();
    void this.#write(batch, nowMs);
  }

  async #write(batch: Map<string, Waiting>, nowMs: number): Promise<void> {
    let claimed: Set<string>;
    try {
      const rows = await this.store.db
        .insertInto('seen_interactions')
        .values([...batch].map(([id, w]) => ({ id, expires_at: w.expiresAt })))
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') })
            // The kept row has expired at the time this claim was made (its expiry less the keep window).
            .where('seen_interactions.expires_at', '<=', sql<number>`excluded.expires_at - ${this.keepMs}`),
        )
        .returning('id')
        .execute();
      claimed = new Set(rows.map((r) => r.id));
    } catch (error) {
      for (const w of batch.values()) {
        w.reject(error);
        for (const repeat of w.repeats) repeat(false);
      }
      return;
    }
    if (nowMs >= this.#nextPrune) {
      this.#nextPrune = nowMs + this.#pruneEveryMs;
      // Pruning is housekeeping: a failure here must not turn an accepted interaction into an error.
      await this.prune(nowMs).catch(() => undefined);
    }
    // Each caller goes on in its own turn of the event loop, as it would after a statement of its
    // own: released together, a whole batch would start its commands at once, and a server that
    // defers when several commands run at the same moment would defer all but the first few.
    for (const [id, w] of batch) {
      setImmediate(() => {
        w.resolve(claimed.has(id));
        for (const repeat of w.repeats) repeat(false);
      });
    }
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
