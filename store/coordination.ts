import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
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

/** How often a held lease is renewed, and how long without renewal until others may take it. */
export const LEASE_HEARTBEAT_MS = 2_000;
export const LEASE_STALE_MS = 3 * LEASE_HEARTBEAT_MS;

/**
 * Who holds a lease, written into its row (`owner`): host, process id, start time and a random
 * tag, e.g. `web-3:4127:2026-12-06T07:01:02.000Z:5f0c…`. Operators read it in the table; a taker
 * on the same host uses the process id to see at once that the holder is gone.
 */
export function holderTag(now = new Date()): string {
  return `${hostname()}:${process.pid}:${now.toISOString()}:${randomUUID().slice(0, 8)}`;
}

/** The host and process id of a holder tag, if it is one. */
export function parseHolder(owner: string): { host: string; pid: number } | null {
  const m = /^(.*):(\d+):\d{4}-\d\d-\d\dT[^:]+:[^:]+:[^:]+:[0-9a-f]{8}$/.exec(owner);
  return m ? { host: m[1]!, pid: Number(m[2]) } : null;
}

/** A holder on this host whose process no longer exists (kill -0 says ESRCH). */
function holderIsDead(owner: string): boolean {
  const h = parseHolder(owner);
  if (!h || h.host !== hostname() || h.pid === process.pid) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}

/**
 * One holder per fund across processes. A lease row names its holder (holderTag) and lives
 * `staleMs` past its last renewal; while held it is renewed every `heartbeatMs`, so a holder that
 * dies (SIGKILL, a lost host) stops renewing and its lease is taken over within `staleMs`
 * (seconds, not the length of a download), at once when the holder was on this host and its
 * process is gone. A live holder renews for at most `maxHoldMs`, so even a stuck one lets go.
 */
export class FundLeases {
  readonly owner = holderTag();
  private readonly beats = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    /** The longest one fetch may hold a fund (renewal stops after it). */
    private readonly maxHoldMs: number,
    private readonly pollMs = 100,
    private readonly heartbeatMs = LEASE_HEARTBEAT_MS,
    private readonly staleMs = 3 * heartbeatMs,
  ) {}

  /** Resolves true once this process holds the fund's lease; false if `maxWaitMs` passed first. */
  async acquire(fund: string, maxWaitMs: number): Promise<boolean> {
    const until = Date.now() + maxWaitMs;
    for (;;) {
      if (await this.tryAcquire(fund).catch(() => false)) {
        this.heartbeat(fund);
        return true;
      }
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }

  async release(fund: string): Promise<void> {
    clearInterval(this.beats.get(fund));
    this.beats.delete(fund);
    await this.store.db.deleteFrom('fetch_leases').where('fund', '=', fund).where('owner', '=', this.owner).execute();
  }

  /** Who holds the fund's lease now and until when (ms since epoch), if anyone. */
  async holder(fund: string): Promise<{ owner: string; expiresAt: number } | undefined> {
    const row = await this.store.db.selectFrom('fetch_leases').select(['owner', 'expires_at']).where('fund', '=', fund).executeTakeFirst();
    return row && { owner: row.owner, expiresAt: Number(row.expires_at) };
  }

  /** Renews the lease every heartbeat (a failed renewal, the store being down, is tried again next beat). */
  private heartbeat(fund: string): void {
    clearInterval(this.beats.get(fund));
    const stopAt = Date.now() + this.maxHoldMs;
    const timer = setInterval(() => {
      const now = Date.now();
      if (now >= stopAt) return void clearInterval(timer);
      void this.store.db
        .updateTable('fetch_leases')
        .set({ expires_at: now + this.staleMs })
        .where('fund', '=', fund)
        .where('owner', '=', this.owner)
        .execute()
        .catch(() => undefined);
    }, this.heartbeatMs);
    timer.unref();
    this.beats.set(fund, timer);
  }

  private async tryAcquire(fund: string): Promise<boolean> {
    const current = await this.holder(fund);
    const dead = current !== undefined && current.owner !== this.owner && holderIsDead(current.owner);
    return this.store.write(async (trx) => {
      const now = Date.now();
      let stale = trx.deleteFrom('fetch_leases').where('fund', '=', fund);
      // Expired, or held by a process on this host that no longer exists (that very holder, not a successor).
      stale = dead ? stale.where((eb) => eb.or([eb('expires_at', '<', now), eb('owner', '=', current.owner)])) : stale.where('expires_at', '<', now);
      await stale.execute();
      await trx
        .insertInto('fetch_leases')
        .values({ fund, owner: this.owner, expires_at: now + this.staleMs })
        .onConflict((oc) => oc.column('fund').doNothing())
        .execute();
      const row = await trx.selectFrom('fetch_leases').select('owner').where('fund', '=', fund).executeTakeFirst();
      return row?.owner === this.owner;
    });
  }
}
