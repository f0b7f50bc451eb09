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

/** An exclusive section found its lease taken by another process while it ran (the store unreachable longer than the lease's stale time). */
export class LostLeaseError extends Error {
  override name = 'LostLeaseError';
}

export interface ExclusiveOptions {
  /** Keep the section's lease at least this long from the start, so replicas whose timers fire minutes apart run it once. */
  holdMs?: number;
  /** Ends the hold early (shutdown). */
  release?: Promise<unknown>;
  /** How often the lease is renewed while the section runs. */
  heartbeatMs?: number;
  /** How long without renewal until another process may take the lease (a holder that died). */
  staleMs?: number;
}

/** Exclusive sections renew every 5 s and are taken over 30 s after the last renewal: a database restart of a few seconds does not hand them on. */
export const SECTION_HEARTBEAT_MS = 5_000;
export const SECTION_STALE_MS = 30_000;

/** PostgreSQL's clock, in ms since the epoch: the replicas' own clocks need not agree. */
const DB_NOW = sql<number>`(extract(epoch from clock_timestamp()) * 1000)`;

/**
 * Runs `fn` in one process of all those sharing this PostgreSQL database, or in none, through a
 * lease row (`fetch_leases`, keyed `exclusive:<name>`; no fund ticker has a colon) rather than a
 * session advisory lock: a session lock goes with its connection, so a dropped connection
 * (`pg_terminate_backend`, a failover, a pooler, idle_session_timeout) let another replica run the
 * section while the first was still in it. The row lives on whatever happens to connections: it
 * is taken with one atomic INSERT … ON CONFLICT … WHERE expired, renewed every `heartbeatMs` on any
 * pooled connection (a failed renewal is tried again at the next beat), taken over `staleMs` after
 * the last renewal (a holder that died), kept until `holdMs` after the start once `fn` is done, and
 * deleted at the end of the hold or on `release`. A renewal that finds the row taken by another
 * process (the store unreachable past `staleMs`) turns the result into a LostLeaseError that says so.
 */
export async function runExclusiveLease<T>(store: Store, name: string, fn: () => Promise<T>, options: ExclusiveOptions = {}): Promise<{ ran: true; value: T } | { ran: false }> {
  const key = `exclusive:${name}`;
  const owner = holderTag();
  const heartbeatMs = options.heartbeatMs ?? SECTION_HEARTBEAT_MS;
  const staleMs = options.staleMs ?? SECTION_STALE_MS;
  const holdMs = options.holdMs ?? 0;
  const taken = await sql<{ started: number }>`
    insert into fetch_leases (fund, owner, expires_at) values (${key}, ${owner}, ${DB_NOW} + ${staleMs})
    on conflict (fund) do update set owner = excluded.owner, expires_at = excluded.expires_at
    where fetch_leases.expires_at < ${DB_NOW}
    returning expires_at - ${staleMs} as started`.execute(store.db);
  const startedAt = taken.rows[0]?.started;
  if (startedAt === undefined) return { ran: false };
  const started = Date.now();
  let lostTo: string | undefined;
  const beat = setInterval(() => {
    void sql<{ owner: string }>`
      update fetch_leases set expires_at = greatest(expires_at, ${DB_NOW} + ${staleMs})
      where fund = ${key} and owner = ${owner} returning owner`
      .execute(store.db)
      .then(async (r) => {
        if (r.rows.length > 0 || lostTo) return;
        const now = await store.db.selectFrom('fetch_leases').select('owner').where('fund', '=', key).executeTakeFirst();
        lostTo = now?.owner ?? 'nobody (the lease row is gone)';
      })
      .catch(() => undefined);
  }, heartbeatMs);
  beat.unref();
  let value: T;
  try {
    value = await fn();
  } catch (error) {
    clearInterval(beat);
    await dropLease(store, key, owner);
    throw error;
  }
  clearInterval(beat);
  if (lostTo) throw new LostLeaseError(`the exclusive section "${name}" lost its lease to ${lostTo} while it ran (the store was unreachable for over ${staleMs / 1000} s); another process may have run it too`);
  const rest = holdMs - (Date.now() - started);
  if (rest > 0) {
    // Done: the row now simply lives to the end of the hold, renewed or not.
    await sql`update fetch_leases set expires_at = greatest(expires_at, ${Number(startedAt) + holdMs}) where fund = ${key} and owner = ${owner}`.execute(store.db).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise((r) => (timer = setTimeout(r, rest))), options.release ?? new Promise(() => {})]);
    clearTimeout(timer);
  }
  await dropLease(store, key, owner);
  return { ran: true, value };
}

/** Deletes this holder's lease row; if the store cannot be reached, the row expires by itself. */
async function dropLease(store: Store, key: string, owner: string): Promise<void> {
  await store.db.deleteFrom('fetch_leases').where('fund', '=', key).where('owner', '=', owner).execute().catch(() => undefined);
}
