import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * The database cannot be reached just now (PostgreSQL restarting, its connections dropped, SQLite
 * locked by another writer past the busy timeout). Callers answer "try again in a minute" in the
 * user's language; nothing is half-written (the transaction, if any, was rolled back).
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/**
 * SQLSTATEs and socket errors that mean the connection is gone or cannot be made (not that the
 * statement was wrong): 57P01 admin shutdown (pg_terminate_backend), 57P02 crash, 57P03 starting
 * up, class 08 connection exceptions, and the driver's own words for a dead socket.
 */
const LOST_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const LOST_WORDS = /connection terminated|not queryable|terminating connection|timeout exceeded when trying to connect|connection error|Client was closed/i;

export function isConnectionLost(error: unknown): boolean {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; errors?: { code?: unknown }[] };
  const code = typeof e.code === 'string' ? e.code : typeof e.errors?.[0]?.code === 'string' ? e.errors[0].code : '';
  return LOST_CODES.has(code) || (typeof e.message === 'string' && LOST_WORDS.test(e.message));
}

/** SQLite's "database is locked" (SQLITE_BUSY and its extended codes) after the busy timeout. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Whether an error means "the store is unavailable for now" rather than a fault in the request. */
export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof StoreUnavailableError || isBusy(error) || isConnectionLost(error);
}

export interface PoolLog {
  error(fields: Record<string, unknown>, message: string): void;
}

/** The same one-JSON-line-per-event shape as bot/log.ts (the store cannot import bot/). */
export const stderrPoolLog: PoolLog = {
  error: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg: message, ...fields })}\n`),
};

/**
 * A pg Pool as kysely's PostgresDialect wants it, made to survive its database:
 * - the pool's and every checked-out client's `'error'` events are listened to and logged (an
 *   unlistened one, from a backend terminated while its client is idle or between queries, would
 *   end the process);
 * - a statement outside a transaction that fails because its connection was lost is sent again
 *   on a fresh connection (a terminated backend, a restarted server; up to RETRIES connections,
 *   since the pool's other idle ones may have been terminated with it);
 * - inside a transaction it is not (what ran before is gone): the caller gets StoreUnavailableError,
 *   and a ROLLBACK on the dead connection succeeds quietly, since the server already rolled back;
 * - a connection that cannot be made is StoreUnavailableError, with the driver's error as cause.
 */
export function resilientPool(pool: pg.Pool, log: PoolLog): PostgresPool {
  pool.on('error', (error) => log.error({ error: error.message, code: (error as { code?: string }).code }, 'postgres: idle connection lost'));
  return {
    connect: async () => new ResilientClient(pool, await connect(pool), log),
    end: () => pool.end(),
  };
}

async function connect(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    if (isConnectionLost(error)) throw new StoreUnavailableError(`PostgreSQL cannot be reached: ${(error as Error).message}`, { cause: error });
    throw error;
  }
}

/** Fresh connections a statement is tried on after its own was lost. */
const RETRIES = 3;

class ResilientClient implements PostgresPoolClient {
  private inTransaction = false;
  private lost: Error | null = null;
  /** The client was given back (after a failed replacement nothing is held). */
  private released = false;
  private readonly onError = (error: Error) => {
    this.lost = error;
    this.log.error({ error: error.message, code: (error as { code?: string }).code }, 'postgres: connection lost');
  };

  constructor(
    private readonly pool: pg.Pool,
    private client: pg.PoolClient,
    private readonly log: PoolLog,
  ) {
    client.on('error', this.onError);
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') return this.client.query(sqlOrCursor as never) as unknown as PostgresCursor<R>;
    return this.run<R>(sqlOrCursor, parameters ?? []);
  }

  private async run<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const verb = /^\s*(begin|start transaction|commit|rollback)/i.exec(text)?.[1]?.toLowerCase();
    try {
      if (this.lost && verb === 'rollback') return this.goneRollback<R>();
      const result = await this.send<R>(text, parameters);
      if (verb) this.inTransaction = verb === 'begin' || verb === 'start transaction';
      return result;
    } catch (error) {
      if (!isConnectionLost(error) && !this.lost) throw error;
      this.lost ??= error as Error;
      if (verb === 'rollback') return this.goneRollback<R>();
      if (this.inTransaction || verb === 'commit') {
        this.inTransaction = false;
        throw new StoreUnavailableError(`the connection to PostgreSQL was lost during a transaction: ${(error as Error).message}`, { cause: error });
      }
      this.log.error({ error: (error as Error).message }, 'postgres: connection lost; sending the statement again on a new connection');
      // Again on a fresh connection: after a mass termination the pool may hand out another idle
      // connection that is dead too, so a few tries, each on a different one, then give up.
      for (let attempt = 1; ; attempt++) {
        await this.replace();
        try {
          const result = await this.send<R>(text, parameters);
          if (verb) this.inTransaction = verb === 'begin' || verb === 'start transaction';
          return result;
        } catch (again) {
          if (!isConnectionLost(again)) throw again;
          this.lost ??= again as Error;
          if (attempt >= RETRIES) throw new StoreUnavailableError(`PostgreSQL is unavailable: ${(again as Error).message}`, { cause: again });
        }
      }
    }
  }

  private send<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    return this.client.query(text, parameters as unknown[]) as unknown as Promise<PostgresQueryResult<R>>;
  }

  /** The dead connection's transaction ended with it on the server; nothing to roll back. */
  private goneRollback<R>(): PostgresQueryResult<R> {
    this.inTransaction = false;
    return { command: 'ROLLBACK', rowCount: 0, rows: [] } as unknown as PostgresQueryResult<R>;
  }

  /** Gives the dead client back to be destroyed and takes a fresh one (StoreUnavailableError if none can be made). */
  private async replace(): Promise<void> {
    this.client.off('error', this.onError);
    this.client.release(this.lost ?? true);
    this.released = true;
    this.client = await connect(this.pool);
    this.released = false;
    this.lost = null;
    this.client.on('error', this.onError);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.client.off('error', this.onError);
    // A client whose connection failed is destroyed, not handed to the next caller.
    this.client.release(this.lost ?? undefined);
  }
}
