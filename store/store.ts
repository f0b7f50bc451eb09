import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type CompiledQuery, type Selectable } from 'kysely';
import { assertAsOfNotFuture } from '../holdings/as-of.ts';
import { assertSaneHoldings } from '../holdings/sane.ts';
import { withColumns } from '../holdings/columns.ts';
import type { ExcludedRow, Holdings, Position } from '../holdings/types.ts';
import { runExclusiveLease, type ExclusiveOptions } from './coordination.ts';
import { migrationProvider, type Backend } from './migrations.ts';
import type { Database } from './schema.ts';
import { compareSnapshots, type ImportResult, type SnapshotMeta } from './types.ts';
import { isBusy, isStoreUnavailable, resilientPool, stderrPoolLog, StoreUnavailableError, type PoolLog } from './unavailable.ts';
import { parseDatabaseUrl, redactUrl } from './url.ts';

/** Rows per INSERT: 17 columns × 500 stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

export interface ImportHooks {
  /** The clock the as-of date is checked against (tests pin it). */
  now?: Date;
  /** Called inside the transaction after each chunk of positions is written (progress; crash tests). */
  afterChunk?: (written: number, total: number) => void | Promise<void>;
}

export interface ServerSettings {
  language: 'en' | 'ja' | null;
  alertChannel: string | null;
  defaultFunds: string[] | null;
}

export interface QuizAnswer {
  quizId: string;
  platform: string;
  userId: string;
  answer: string;
  correct: boolean;
  /** Guild or workspace the quiz was posted in; null in DMs and on the console. */
  serverId?: string | null;
  /** When it was answered; defaults to now. */
  at?: Date;
}

/** Years a trend rule looks back: effective N fell more than the threshold over this many years. */
export const TREND_YEARS = [1, 2, 3, 5] as const;
export type TrendMetric = `effective-n-fell-${(typeof TREND_YEARS)[number]}y`;
export type AlertMetric = 'largest-above' | 'effective-n-below' | 'top10-above' | TrendMetric;
export const ALERT_METRICS: readonly AlertMetric[] = ['largest-above', 'effective-n-below', 'top10-above', ...TREND_YEARS.map((y): TrendMetric => `effective-n-fell-${y}y`)];

/** A holdings file as last hashed; see rememberFiles. */
export interface ImportedFile {
  path: string;
  fund: string;
  size: number;
  mtimeMs: number;
  checksum: string;
}

export interface AlertRule {
  id: number;
  platform: string;
  serverId: string;
  metric: AlertMetric;
  threshold: number;
  channelId: string;
}

/** Why the store could not be opened, as data for the reader's language; `message` is the English line. */
export type StoreOpenProblem = { where: string; message: string } & (
  | { kind: 'pg-unreachable'; code: string }
  | { kind: 'pg-login' }
  | { kind: 'pg-no-db' }
  | { kind: 'pg-other'; detail: string }
  | { kind: 'sqlite'; detail: string }
);

/** The store could not be opened; the message is one line saying what to fix. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
  constructor(
    readonly problem: StoreOpenProblem,
    options?: ErrorOptions,
  ) {
    super(problem.message, options);
  }
}

/** What went wrong opening the database, in words an operator can act on (no driver wording, no stack). */
export function openProblem(error: unknown, backend: Backend, where: string): StoreOpenProblem {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; errors?: { code?: unknown }[] };
  const code = typeof e.code === 'string' ? e.code : typeof e.errors?.[0]?.code === 'string' ? e.errors[0].code : '';
  const message = typeof e.message === 'string' ? e.message.split('\n')[0]! : String(error);
  if (backend === 'postgres') {
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || /timeout/i.test(message))
      return { kind: 'pg-unreachable', where, code: code || 'timed out', message: `cannot reach PostgreSQL at ${where} (${code || 'timed out'}): start the server or fix DATABASE_URL.` };
    if (code === '28P01' || code === '28000') return { kind: 'pg-login', where, message: `PostgreSQL at ${where} refused the login: fix the user or password in DATABASE_URL.` };
    if (code === '3D000') return { kind: 'pg-no-db', where, message: `PostgreSQL at ${where} has no such database: create it or fix the database name in DATABASE_URL.` };
    return { kind: 'pg-other', where, detail: message, message: `cannot open PostgreSQL at ${where}: ${message}. Check DATABASE_URL.` };
  }
  return { kind: 'sqlite', where, detail: message, message: `cannot open the SQLite database ${where}: ${message}. Check DATABASE_URL and that the folder is writable.` };
}

/**
 * The database behind the bot: holdings snapshots, settings, learners' answers, alerts.
 * One class for both backends; only opening and the write-transaction start differ.
 */
export class Store {
  private constructor(
    readonly db: Kysely<Database>,
    readonly backend: Backend,
    /** Where it lives, without secrets, for messages. */
    readonly where: string,
    /** better-sqlite3's own handle (SQLite only): its reads are synchronous, see readHoldingsNow. */
    private readonly sqlite: SQLite.Database | null = null,
  ) {}

  /** Opens DATABASE_URL and runs every pending migration. */
  static async open(url?: string, options: { log?: PoolLog } = {}): Promise<Store> {
    const target = parseDatabaseUrl(url);
    let store: Store;
    if (target.kind === 'sqlite') {
      if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true });
      const database = new SQLite(target.file);
      // WAL: readers never block the writer, and a killed writer leaves the last commit intact.
      database.pragma('journal_mode = WAL');
      // Other processes (a second bot, `topheavy data import`) may hold the write lock briefly.
      database.pragma('busy_timeout = 10000');
      database.pragma('foreign_keys = ON');
      // NORMAL is crash-safe in WAL mode (a process kill loses nothing committed); FULL only adds power-loss safety.
      database.pragma('synchronous = NORMAL');
      store = new Store(new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), 'sqlite', target.file, database);
    } else {
      // Loaded only for PostgreSQL: the SQLite default never pays for it. A bounded wait for a
      // connection: an unreachable server is a start-up error, not a hang. Dropped connections are
      // logged and retried, never the end of the process (resilientPool).
      const { default: pg } = await import('pg');
      const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 10_000 });
      store = new Store(new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(pool, options.log ?? stderrPoolLog) }) }), 'postgres', redactUrl(target.url));
    }
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      // The driver's own error says what to fix (ECONNREFUSED, a refused login), not our wrapper.
      const driver = error instanceof StoreUnavailableError && error.cause ? error.cause : error;
      throw new StoreOpenError(openProblem(driver, store.backend, store.where), { cause: error });
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider(this.backend) });
    // Two processes starting on one new SQLite file can race to migrate; the loser retries and finds it done.
    for (let attempt = 1; ; attempt++) {
      const { error } = await migrator.migrateToLatest();
      if (!error) return;
      if (attempt >= 5 || !isBusy(error)) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Runs `fn` as one write transaction. SQLite starts it with BEGIN IMMEDIATE, so it takes the
   * write lock up front (waiting on busy_timeout) instead of failing half-way on an upgrade.
   */
  async write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await this.writeOnce(fn);
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      // Once more: a connection dropped mid-transaction (rolled back by the server), or a lock held past the busy timeout.
      try {
        return await this.writeOnce(fn);
      } catch (again) {
        if (isStoreUnavailable(again) && !(again instanceof StoreUnavailableError)) throw new StoreUnavailableError(`the store is busy or unreachable: ${(again as Error).message}`, { cause: again });
        throw again;
      }
    }
  }

  private async writeOnce<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.backend === 'postgres') return this.db.transaction().execute(fn);
    return this.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
  }

  /**
   * Runs `fn` in one process of all those sharing this PostgreSQL database, or in none: a lease
   * row is tried, never waited for, so a replica that finds it taken skips the work. The lease is
   * kept at least `holdMs` (from the start), so replicas whose timers fire minutes apart still run
   * a scheduled job once, not once each; `release` ends that wait early (shutdown). It does not
   * depend on one connection surviving (see runExclusiveLease in coordination.ts). On SQLite (one
   * host, usually one process) `fn` simply runs.
   */
  async runExclusive<T>(name: string, fn: () => Promise<T>, options: ExclusiveOptions = {}): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.backend !== 'postgres') return { ran: true, value: await fn() };
    return runExclusiveLease(this, name, fn, options);
  }

  // ---------------------------------------------------------------- holdings

  /** The snapshot already stored for this fund and file checksum, if any. */
  async findByChecksum(fund: string, checksum: string): Promise<SnapshotMeta | undefined> {
    const row = await this.db.selectFrom('snapshots').selectAll().where('fund', '=', fund).where('checksum', '=', checksum).executeTakeFirst();
    return row && toMeta(row);
  }

  /**
   * The snapshot stored from a file with these bytes, whatever fund it went to: a folder's file
   * can be stored under the ticker it prints itself (a `QQQ_2020` folder, a file saying "QQQ").
   */
  async findFileByChecksum(checksum: string): Promise<SnapshotMeta | undefined> {
    const row = await this.db.selectFrom('snapshots').selectAll().where('checksum', '=', checksum).orderBy('id').executeTakeFirst();
    return row && toMeta(row);
  }

  /**
   * Stores one parsed file as a snapshot, all in one transaction: either the fund, the snapshot
   * and every position are written, or nothing is. The same file (checksum) twice adds nothing.
   */
  async importHoldings(h: Holdings, checksum: string, hooks: ImportHooks = {}): Promise<ImportResult> {
    // Every way in (folder import, sync, chat /import) passes here: a future date is refused before anything is written.
    assertAsOfNotFuture(h, hooks.now ?? new Date());
    // …and so is a figure that is not finite and sane (NaN, 1e308, subnormal, weights not adding to 1).
    assertSaneHoldings(h);
    const now = new Date().toISOString();
    const stored = await this.write(async (trx) => {
      await trx
        .insertInto('funds')
        .values({ fund: h.fund, name: h.name, issuer: h.issuer, created_at: now })
        .onConflict((oc) => oc.column('fund').doUpdateSet({ name: h.name, issuer: h.issuer }))
        .execute();
      // ON CONFLICT DO NOTHING rather than a prior SELECT: two processes importing the same file at once both end well.
      const row = await trx
        .insertInto('snapshots')
        .values({
          fund: h.fund,
          name: h.name,
          issuer: h.issuer,
          format: h.format,
          file: h.file,
          as_of: h.asOf.date,
          as_of_reason: h.asOf.date === null ? h.asOf.reason : null,
          weight_basis: h.weightBasis,
          weighting: h.weighting ?? null,
          fund_in_file: h.fundInFile ?? null,
          reported_equity_weight: h.reportedEquityWeight,
          reported_total_weight: h.reportedTotalWeight,
          checksum,
          imported_at: now,
          notes: JSON.stringify(h.notes),
          excluded: JSON.stringify(h.excluded),
          position_count: h.positions.length,
          source_kind: h.origin?.kind ?? null,
          source_url: h.origin?.url ?? null,
          source_report_date: h.origin?.reportDate ?? null,
          source_filed_date: h.origin?.filedDate ?? null,
          source_lookup: h.origin?.lookup ? JSON.stringify(h.origin.lookup) : null,
        })
        .onConflict((oc) => oc.columns(['fund', 'checksum']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      for (let i = 0; i < h.positions.length; i += CHUNK) {
        const chunk = h.positions.slice(i, i + CHUNK).map((p, j) => positionRow(row.id, i + j, p));
        await trx.insertInto('positions').values(chunk).execute();
        await hooks.afterChunk?.(i + chunk.length, h.positions.length);
      }
      return toMeta(row);
    });
    if (stored) return { status: 'stored', snapshot: stored };
    const existing = await this.findByChecksum(h.fund, checksum);
    if (!existing) throw new Error(`snapshot of ${h.fund} with checksum ${checksum} vanished while importing`);
    return { status: 'unchanged', snapshot: existing };
  }

  /** What is remembered of these files (by absolute path): size, mtime and the checksum they had then. */
  async importedFiles(paths: readonly string[]): Promise<Map<string, ImportedFile>> {
    const out = new Map<string, ImportedFile>();
    if (paths.length === 0) return out;
    const rows = await this.db.selectFrom('imported_files').selectAll().where('path', 'in', paths).execute();
    for (const r of rows) out.set(r.path, { path: r.path, fund: r.fund, size: Number(r.size), mtimeMs: Number(r.mtime_ms), checksum: r.checksum });
    return out;
  }

  /** Remembers files whose checksum is stored as a snapshot of their fund, so the next start skips reading them. */
  async rememberFiles(files: readonly ImportedFile[]): Promise<void> {
    const checked_at = new Date().toISOString();
    for (const f of files) {
      const row = { fund: f.fund, size: f.size, mtime_ms: f.mtimeMs, checksum: f.checksum, checked_at };
      await this.db
        .insertInto('imported_files')
        .values({ path: f.path, ...row })
        .onConflict((oc) => oc.column('path').doUpdateSet(row))
        .execute();
    }
  }

  /** Every snapshot (of one fund, or of all), oldest first per compareSnapshots. */
  async snapshots(fund?: string): Promise<SnapshotMeta[]> {
    let query = this.db.selectFrom('snapshots').selectAll();
    if (fund !== undefined) query = query.where('fund', '=', fund);
    return (await query.execute()).map(toMeta).sort(compareSnapshots);
  }

  /** The newest snapshot of each fund (latest as-of; a dated file beats an undated one), by fund. */
  async latestSnapshots(): Promise<SnapshotMeta[]> {
    const latest = new Map<string, SnapshotMeta>();
    for (const s of await this.snapshots()) latest.set(s.fund, s);
    return [...latest.values()].sort((a, b) => a.fund.localeCompare(b.fund));
  }

  /**
   * Removes a fund's snapshots (their positions go with them, by cascade): the one(s) dated
   * `asOf`, or every one when no date is given; with `only`, just those of these snapshot ids (what
   * a confirmation was shown). Returns what was removed (empty: nothing matched).
   * The fund's directory entry stays, so it can be imported again.
   */
  async removeSnapshots(fund: string, asOf?: string, only?: readonly number[]): Promise<SnapshotMeta[]> {
    if (only !== undefined && only.length === 0) return [];
    return this.write(async (trx) => {
      let query = trx.selectFrom('snapshots').selectAll().where('fund', '=', fund);
      if (asOf !== undefined) query = query.where('as_of', '=', asOf);
      // Exactly the snapshots someone was shown: one stored since then is not removed with them.
      if (only !== undefined) query = query.where('id', 'in', [...only]);
      const rows = (await query.execute()).map(toMeta).sort(compareSnapshots);
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      // Explicitly, not only by cascade: SQLite enforces it only with foreign_keys on.
      await trx.deleteFrom('positions').where('snapshot_id', 'in', ids).execute();
      await trx.deleteFrom('snapshots').where('id', 'in', ids).execute();
      return rows;
    });
  }

  /** Changes whenever a snapshot is added or removed (highest id and count): the caches' "anything new?" probe. */
  async snapshotStamp(): Promise<string> {
    const row = await this.db
      .selectFrom('snapshots')
      .select((eb) => [eb.fn.max('id').as('max'), eb.fn.countAll().as('n')])
      .executeTakeFirst();
    return `${Number(row?.max ?? 0)}:${Number(row?.n ?? 0)}`;
  }

  /** The highest snapshot id: a cheap "has anything new arrived?" probe for caches. */
  async lastSnapshotId(): Promise<number> {
    const row = await this.db.selectFrom('snapshots').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  /** A stored snapshot read back as the Holdings value that was imported, positions by weight, largest first. */
  async readHoldings(snapshotId: number): Promise<Holdings | undefined> {
    const s = await this.snapshotQuery(snapshotId).executeTakeFirst();
    return s && toHoldings(s, await this.positionsQuery(snapshotId).execute());
  }

  /** Only the weights of a snapshot, largest first: what history and alerts need, without the rest. */
  async weightsOf(snapshotId: number): Promise<number[]> {
    return (await this.weightsQuery(snapshotId).execute()).map((r) => r.weight);
  }

  /**
   * Whether readHoldingsNow and weightsOfNow work: on SQLite, where better-sqlite3 reads
   * synchronously, so a fund can be read when it is first asked for instead of every fund at start.
   */
  get readsNow(): boolean {
    return this.sqlite !== null;
  }

  /** readHoldings, synchronously (SQLite only: see readsNow). The same queries, run by better-sqlite3 directly. */
  readHoldingsNow(snapshotId: number): Holdings | undefined {
    const s = this.now(this.snapshotQuery(snapshotId))[0];
    return s && toHoldings(s, this.now(this.positionsQuery(snapshotId)));
  }

  /** weightsOf, synchronously (SQLite only: see readsNow). */
  weightsOfNow(snapshotId: number): number[] {
    return this.now(this.weightsQuery(snapshotId)).map((r) => r.weight);
  }

  private now<R>(query: { compile(): CompiledQuery<R> }): R[] {
    if (!this.sqlite) throw new Error(`${this.backend} cannot be read synchronously`);
    const { sql: text, parameters } = query.compile();
    return this.sqlite.prepare(text).all(...parameters) as R[];
  }

  private snapshotQuery(snapshotId: number) {
    return this.db.selectFrom('snapshots').selectAll().where('id', '=', snapshotId);
  }

  private positionsQuery(snapshotId: number) {
    return this.db.selectFrom('positions').selectAll().where('snapshot_id', '=', snapshotId).orderBy('weight', 'desc').orderBy('rank');
  }

  private weightsQuery(snapshotId: number) {
    return this.db.selectFrom('positions').select('weight').where('snapshot_id', '=', snapshotId).orderBy('weight', 'desc').orderBy('rank');
  }

  async positionCount(snapshotId?: number): Promise<number> {
    let query = this.db.selectFrom('positions').select((eb) => eb.fn.countAll().as('n'));
    if (snapshotId !== undefined) query = query.where('snapshot_id', '=', snapshotId);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ---------------------------------------------------------------- settings and users

  async getSettings(platform: string, serverId: string): Promise<ServerSettings | undefined> {
    const row = await this.db.selectFrom('settings').selectAll().where('platform', '=', platform).where('server_id', '=', serverId).executeTakeFirst();
    if (!row) return undefined;
    return {
      language: row.language === 'ja' || row.language === 'en' ? row.language : null,
      alertChannel: row.alert_channel,
      defaultFunds: row.default_funds === null ? null : (JSON.parse(row.default_funds) as string[]),
    };
  }

  /** Sets the given fields, keeping the others. */
  async putSettings(platform: string, serverId: string, patch: Partial<ServerSettings>): Promise<ServerSettings> {
    const current = (await this.getSettings(platform, serverId)) ?? { language: null, alertChannel: null, defaultFunds: null };
    const next = { ...current, ...patch };
    const row = {
      language: next.language,
      alert_channel: next.alertChannel,
      default_funds: next.defaultFunds === null ? null : JSON.stringify(next.defaultFunds),
      updated_at: new Date().toISOString(),
    };
    await this.db
      .insertInto('settings')
      .values({ platform, server_id: serverId, ...row })
      .onConflict((oc) => oc.columns(['platform', 'server_id']).doUpdateSet(row))
      .execute();
    return next;
  }

  /**
   * The install's secret called `name`: made by `make` the first time any process asks, then the
   * same for every process on this database (the first writer wins; the others read its value).
   */
  async installSecret(name: string, make: () => string): Promise<string> {
    await this.db
      .insertInto('install_secrets')
      .values({ name, value: make(), created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db.selectFrom('install_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
    return row.value;
  }

  async getUserLocale(platform: string, userId: string): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('locale').where('platform', '=', platform).where('user_id', '=', userId).executeTakeFirst();
    return row?.locale ?? null;
  }

  async setUserLocale(platform: string, userId: string, locale: string | null): Promise<void> {
    const updated_at = new Date().toISOString();
    await this.db
      .insertInto('users')
      .values({ platform, user_id: userId, locale, updated_at })
      .onConflict((oc) => oc.columns(['platform', 'user_id']).doUpdateSet({ locale, updated_at }))
      .execute();
  }

  async setLessonProgress(platform: string, userId: string, lessonId: string, step: number, completed: boolean): Promise<void> {
    const updated_at = new Date().toISOString();
    const completed_at = completed ? updated_at : null;
    await this.db
      .insertInto('lesson_progress')
      .values({ platform, user_id: userId, lesson_id: lessonId, step, completed_at, updated_at })
      .onConflict((oc) => oc.columns(['platform', 'user_id', 'lesson_id']).doUpdateSet({ step, completed_at, updated_at }))
      .execute();
  }

  async lessonProgress(platform: string, userId: string): Promise<{ lessonId: string; step: number; completed: boolean }[]> {
    const rows = await this.db.selectFrom('lesson_progress').selectAll().where('platform', '=', platform).where('user_id', '=', userId).orderBy('lesson_id').execute();
    return rows.map((r) => ({ lessonId: r.lesson_id, step: r.step, completed: r.completed_at !== null }));
  }

  // ---------------------------------------------------------------- quizzes

  /**
   * One answer per quiz and user: the first answer counts, a later one is ignored. Insert-or-nothing
   * is one statement, so concurrent writers lose nothing. Returns whether this answer was recorded
   * and the answer that counts.
   */
  async recordQuizAnswer(a: QuizAnswer): Promise<{ recorded: boolean; answer: QuizAnswer }> {
    const answered_at = (a.at ?? new Date()).toISOString();
    const result = await this.db
      .insertInto('quiz_answers')
      .values({ quiz_id: a.quizId, platform: a.platform, user_id: a.userId, answer: a.answer, correct: a.correct ? 1 : 0, answered_at, server_id: a.serverId ?? null })
      .onConflict((oc) => oc.columns(['quiz_id', 'platform', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) return { recorded: true, answer: { ...a, at: new Date(answered_at) } };
    const row = await this.db
      .selectFrom('quiz_answers')
      .selectAll()
      .where('quiz_id', '=', a.quizId)
      .where('platform', '=', a.platform)
      .where('user_id', '=', a.userId)
      .executeTakeFirstOrThrow();
    return { recorded: false, answer: quizRow(row) };
  }

  /** Every answer to one posted quiz, oldest first. */
  async quizAnswersFor(quizId: string): Promise<QuizAnswer[]> {
    const rows = await this.db.selectFrom('quiz_answers').selectAll().where('quiz_id', '=', quizId).orderBy('answered_at').orderBy('id').execute();
    return rows.map(quizRow);
  }

  /** Every answer given in one server (null: DMs and the console), oldest first. */
  async quizAnswersIn(serverId: string | null): Promise<QuizAnswer[]> {
    const base = this.db.selectFrom('quiz_answers').selectAll();
    const rows = await (serverId === null ? base.where('server_id', 'is', null) : base.where('server_id', '=', serverId)).orderBy('answered_at').orderBy('id').execute();
    return rows.map(quizRow);
  }

  /** A learner's score: quizzes answered and answered correctly. */
  async quizScore(platform: string, userId: string): Promise<{ answered: number; correct: number }> {
    const row = await this.db
      .selectFrom('quiz_answers')
      .select((eb) => [eb.fn.countAll().as('answered'), eb.fn.sum('correct').as('correct')])
      .where('platform', '=', platform)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return { answered: Number(row.answered), correct: Number(row.correct ?? 0) };
  }

  async quizAnswerCount(): Promise<number> {
    const row = await this.db.selectFrom('quiz_answers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ---------------------------------------------------------------- portfolios

  async savePortfolio(platform: string, userId: string, name: string, allocation: { fund: string; weight: number }[]): Promise<void> {
    const json = JSON.stringify(allocation);
    await this.db
      .insertInto('portfolios')
      .values({ platform, user_id: userId, name, allocation: json, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['platform', 'user_id', 'name']).doUpdateSet({ allocation: json }))
      .execute();
  }

  async portfolios(platform: string, userId: string): Promise<{ name: string; allocation: { fund: string; weight: number }[] }[]> {
    const rows = await this.db.selectFrom('portfolios').selectAll().where('platform', '=', platform).where('user_id', '=', userId).orderBy('name').execute();
    return rows.map((r) => ({ name: r.name, allocation: JSON.parse(r.allocation) as { fund: string; weight: number }[] }));
  }

  // ---------------------------------------------------------------- alerts

  /** One threshold per server and metric: setting it again moves it. */
  async setAlert(platform: string, serverId: string, metric: AlertMetric, threshold: number, channelId: string): Promise<void> {
    await this.db
      .insertInto('alerts')
      .values({ platform, server_id: serverId, metric, threshold, channel_id: channelId, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['platform', 'server_id', 'metric']).doUpdateSet({ threshold, channel_id: channelId }))
      .execute();
  }

  async removeAlert(platform: string, serverId: string, metric: AlertMetric): Promise<boolean> {
    const result = await this.db.deleteFrom('alerts').where('platform', '=', platform).where('server_id', '=', serverId).where('metric', '=', metric).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Every alert rule (of one server, or of all), by server then metric. */
  async alerts(platform?: string, serverId?: string): Promise<AlertRule[]> {
    let query = this.db.selectFrom('alerts').selectAll();
    if (platform !== undefined) query = query.where('platform', '=', platform);
    if (serverId !== undefined) query = query.where('server_id', '=', serverId);
    const rows = await query.orderBy('platform').orderBy('server_id').orderBy('metric').execute();
    return rows.map((r) => ({ id: r.id, platform: r.platform, serverId: r.server_id, metric: r.metric as AlertMetric, threshold: r.threshold, channelId: r.channel_id }));
  }
}

function toMeta(row: Selectable<Database['snapshots']>): SnapshotMeta {
  return {
    id: Number(row.id),
    fund: row.fund,
    name: row.name,
    issuer: row.issuer,
    format: row.format,
    file: row.file,
    asOf: row.as_of,
    checksum: row.checksum,
    importedAt: row.imported_at,
    positions: Number(row.position_count),
    sourceKind: row.source_kind,
    sourceUrl: row.source_url,
    sourceLookup: row.source_lookup ? (JSON.parse(row.source_lookup) as SnapshotMeta['sourceLookup']) : null,
  };
}

function positionRow(snapshotId: number, rank: number, p: Position): Database['positions'] {
  return {
    snapshot_id: snapshotId,
    rank,
    ticker: p.ticker,
    name: p.name,
    weight: p.weight,
    reported_weight: p.reportedWeight,
    market_value: p.marketValue,
    sector: p.sector,
    sector_source: p.sectorSource,
    industry: p.industry,
    country: p.country,
    country_source: p.countrySource,
    exchange: p.exchange,
    asset_class: p.assetClass,
    cusip: p.ids.cusip ?? null,
    isin: p.ids.isin ?? null,
    sedol: p.ids.sedol ?? null,
  };
}

function toHoldings(s: Selectable<Database['snapshots']>, rows: readonly Selectable<Database['positions']>[]): Holdings {
  // A stored snapshot never changes: its typed columns are made with it, once, not on a first ask.
  return withColumns({
    fund: s.fund,
    ...(s.fund_in_file ? { fundInFile: s.fund_in_file } : {}),
    name: s.name,
    issuer: s.issuer as Holdings['issuer'],
    format: s.format,
    file: s.file,
    asOf: s.as_of === null ? { date: null, reason: s.as_of_reason ?? 'no date stored' } : { date: s.as_of, source: 'file' },
    weightBasis: s.weight_basis as Holdings['weightBasis'],
    ...(s.weighting ? { weighting: s.weighting as NonNullable<Holdings['weighting']> } : {}),
    reportedEquityWeight: s.reported_equity_weight,
    reportedTotalWeight: s.reported_total_weight,
    positions: rows.map(toPosition),
    excluded: JSON.parse(s.excluded) as ExcludedRow[],
    notes: JSON.parse(s.notes) as string[],
    ...(s.source_kind && s.source_url
      ? {
          origin: {
            kind: s.source_kind as NonNullable<Holdings['origin']>['kind'],
            url: s.source_url,
            reportDate: s.source_report_date,
            filedDate: s.source_filed_date,
            ...(s.source_lookup ? { lookup: JSON.parse(s.source_lookup) as NonNullable<NonNullable<Holdings['origin']>['lookup']> } : {}),
          },
        }
      : {}),
  });
}

function toPosition(r: Selectable<Database['positions']>): Position {
  // Only the identifiers the file had: the parsed value has no undefined keys, so neither does this one.
  const ids: Position['ids'] = {};
  if (r.cusip !== null) ids.cusip = r.cusip;
  if (r.isin !== null) ids.isin = r.isin;
  if (r.sedol !== null) ids.sedol = r.sedol;
  return {
    ticker: r.ticker,
    name: r.name,
    weight: r.weight,
    reportedWeight: r.reported_weight,
    marketValue: r.market_value,
    sector: r.sector as Position['sector'],
    sectorSource: r.sector_source as Position['sectorSource'],
    industry: r.industry,
    country: r.country,
    countrySource: r.country_source as Position['countrySource'],
    exchange: r.exchange,
    assetClass: 'equity',
    ids,
  };
}

function quizRow(r: { quiz_id: string; platform: string; user_id: string; answer: string; correct: number; answered_at: string; server_id: string | null }): QuizAnswer {
  return { quizId: r.quiz_id, platform: r.platform, userId: r.user_id, answer: r.answer, correct: r.correct === 1, serverId: r.server_id, at: new Date(r.answered_at) };
}
