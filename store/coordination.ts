import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from './store.ts';

/**
 * What several bot processes sharing one store agree on through it: one download per fund at a
 * time (a lease row per fund) and one request budget per outside service (the next free time).
 * Both work the same on SQLite (BEGIN IMMEDIATE serialises the writers) and PostgreSQL (a
 * single-row UPDATE is atomic; the database's clock is used so process clocks need not agree).
 */

/**
 * A shared request budget: `wait()` resolves when this process may send its next request, spacing
 * every process's requests at least `intervalMs` apart. At most 10 requests per second therefore
 * means an interval a little over 100 ms, so a little jitter on the wire never shows 11 in a second.
 */
export class RateBudget {
  private ready: Promise<void> | undefined;
  /** Requests from this process wait in line here, so they take the shared slots in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly name: string,
    private readonly intervalMs: number,
  ) {}

  wait(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async take(): Promise<void> {
    this.ready ??= this.store.db
      .insertInto('rate_budget')
      .values({ name: this.name, next_at: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
      .then(() => undefined);
    await this.ready;
    let delay: number;
    if (this.store.backend === 'postgres') {
      const now = sql<number>`extract(epoch from clock_timestamp()) * 1000`;
      const row = await sql<{ at: number; now: number }>`
        update rate_budget set next_at = greatest(next_at, ${now}) + ${this.intervalMs}
        where name = ${this.name}
        returning next_at - ${this.intervalMs} as at, ${now} as now`.execute(this.store.db);
      const r = row.rows[0]!;
      delay = Number(r.at) - Number(r.now);
    } else {
      delay = await this.store.write(async (trx) => {
        const now = Date.now();
        const row = await trx.selectFrom('rate_budget').select('next_at').where('name', '=', this.name).executeTakeFirstOrThrow();
        const at = Math.max(Number(row.next_at), now);
        await trx.updateTable('rate_budget').set({ next_at: at + this.intervalMs }).where('name', '=', this.name).execute();
        return at - now;
      });
    }
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  }
}

/**
 * One holder per fund across processes. `acquire` polls until the lease is free (or the holder's
 * lease ran out: a killed process never blocks a fund for longer than `ttlMs`).
 */
export class FundLeases {
  readonly owner = randomUUID();

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    private readonly pollMs = 100,
  ) {}

  /** Resolves true once this process holds the fund's lease; false if `maxWaitMs` passed first. */
  async acquire(fund: string, maxWaitMs: number): Promise<boolean> {
    const until = Date.now() + maxWaitMs;
    for (;;) {
      if (await this.tryAcquire(fund)) return true;
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }

  async release(fund: string): Promise<void> {
    await this.store.db.deleteFrom('fetch_leases').where('fund', '=', fund).where('owner', '=', this.owner).execute();
  }

  private async tryAcquire(fund: string): Promise<boolean> {
    return this.store.write(async (trx) => {
      const now = Date.now();
      await trx.deleteFrom('fetch_leases').where('fund', '=', fund).where('expires_at', '<', now).execute();
      await trx
        .insertInto('fetch_leases')
        .values({ fund, owner: this.owner, expires_at: now + this.ttlMs })
        .onConflict((oc) => oc.column('fund').doNothing())
        .execute();
      const row = await trx.selectFrom('fetch_leases').select('owner').where('fund', '=', fund).executeTakeFirst();
      return row?.owner === this.owner;
    });
  }
}
