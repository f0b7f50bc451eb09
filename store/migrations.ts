import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Backend = 'sqlite' | 'postgres';

/**
 * Versioned migrations, kept in code (no migration folder to ship or to find at run time).
 * Names sort in order of application; never edit one that has shipped, add the next.
 */
export function migrationProvider(backend: Backend): MigrationProvider {
  // An auto-increment key is spelled differently by the two backends; everything else is shared.
  const id = (t: string) =>
    backend === 'postgres' ? sql`${sql.id(t)} serial primary key` : sql`${sql.id(t)} integer primary key autoincrement`;
  const migrations: Record<string, Migration> = {
    '0001-initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('funds')
          .addColumn('fund', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('issuer', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await sql`create table snapshots (
          ${id('id')},
          fund text not null references funds(fund),
          name text not null,
          issuer text not null,
          format text not null,
          file text not null,
          as_of text,
          as_of_reason text,
          weight_basis text not null,
          reported_equity_weight double precision,
          reported_total_weight double precision,
          checksum text not null,
          imported_at text not null,
          notes text not null,
          excluded text not null,
          position_count integer not null,
          unique (fund, checksum)
        )`.execute(db);
        await db.schema.createIndex('snapshots_fund_as_of').on('snapshots').columns(['fund', 'as_of']).execute();
        await db.schema
          .createTable('positions')
          .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('snapshots.id').onDelete('cascade'))
          .addColumn('rank', 'integer', (c) => c.notNull())
          .addColumn('ticker', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('weight', 'double precision', (c) => c.notNull())
          .addColumn('reported_weight', 'double precision')
          .addColumn('market_value', 'double precision')
          .addColumn('sector', 'text')
          .addColumn('sector_source', 'text')
          .addColumn('industry', 'text')
          .addColumn('country', 'text')
          .addColumn('country_source', 'text')
          .addColumn('exchange', 'text')
          .addColumn('asset_class', 'text', (c) => c.notNull())
          .addColumn('cusip', 'text')
          .addColumn('isin', 'text')
          .addColumn('sedol', 'text')
          .addPrimaryKeyConstraint('positions_pk', ['snapshot_id', 'rank'])
          .execute();
        await db.schema
          .createTable('settings')
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('server_id', 'text', (c) => c.notNull())
          .addColumn('language', 'text')
          .addColumn('alert_channel', 'text')
          .addColumn('default_funds', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('settings_pk', ['platform', 'server_id'])
          .execute();
        await db.schema
          .createTable('users')
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('locale', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('users_pk', ['platform', 'user_id'])
          .execute();
        await db.schema
          .createTable('lesson_progress')
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('lesson_id', 'text', (c) => c.notNull())
          .addColumn('step', 'integer', (c) => c.notNull())
          .addColumn('completed_at', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('lesson_progress_pk', ['platform', 'user_id', 'lesson_id'])
          .execute();
        await sql`create table quiz_answers (
          ${id('id')},
          quiz_id text not null,
          platform text not null,
          user_id text not null,
          answer text not null,
          correct integer not null,
          answered_at text not null,
          unique (quiz_id, platform, user_id)
        )`.execute(db);
        await sql`create table portfolios (
          ${id('id')},
          platform text not null,
          user_id text not null,
          name text not null,
          allocation text not null,
          created_at text not null,
          unique (platform, user_id, name)
        )`.execute(db);
        await sql`create table alerts (
          ${id('id')},
          platform text not null,
          server_id text not null,
          metric text not null,
          threshold double precision not null,
          channel_id text not null,
          created_at text not null,
          unique (platform, server_id, metric)
        )`.execute(db);
      },
    },
    // Quizzes are posted in a server (guild or workspace); its leaderboard needs to know which.
    '0002-quiz-server': {
      async up(db: Kysely<unknown>) {
        await sql`alter table quiz_answers add column server_id text`.execute(db);
        await sql`create index quiz_answers_server on quiz_answers (server_id)`.execute(db);
      },
    },
    // Every fund or index a user may name (SEC share classes grouped by series, unit investment
    // trusts, the curated Japanese funds and indexes): what to answer with, or why not.
    '0003-fund-directory': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('fund_directory')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('tickers', 'text', (c) => c.notNull())
          .addColumn('name_en', 'text')
          .addColumn('name_ja', 'text')
          .addColumn('aliases', 'text', (c) => c.notNull())
          .addColumn('issuer', 'text')
          .addColumn('tracks', 'text')
          .addColumn('sources', 'text', (c) => c.notNull())
          .addColumn('cik', 'integer')
          .addColumn('series_id', 'text')
          .addColumn('class_ids', 'text', (c) => c.notNull())
          .addColumn('stand_in', 'text', (c) => c.notNull())
          .addColumn('stand_in_en', 'text')
          .addColumn('stand_in_ja', 'text')
          .addColumn('no_holdings_en', 'text')
          .addColumn('no_holdings_ja', 'text')
          .addColumn('origin', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('fund_directory_series').on('fund_directory').column('series_id').execute();
      },
    },
    // Start-up imports of HOLDINGS_DIR skip files whose size and modification time are as they
    // were when last hashed, so an unchanged folder costs a stat per file instead of reading it.
    '0005-imported-files': {
      async up(db: Kysely<unknown>) {
        await sql`create table imported_files (
          path text primary key,
          fund text not null,
          size double precision not null,
          mtime_ms double precision not null,
          checksum text not null,
          checked_at text not null
        )`.execute(db);
      },
    },
    // Price- and equal-weighted indexes (Nikkei 225, Yomiuri 333) must say so on every card; null = cap-weighted.
    // fund_in_file: the ticker a file prints itself, kept so a snapshot shows which fund its file named.
    '0006-holdings-weighting': {
      async up(db: Kysely<unknown>) {
        await sql`alter table snapshots add column weighting text`.execute(db);
        await sql`alter table snapshots add column fund_in_file text`.execute(db);
      },
    },
    // Secrets the install makes for itself once (the key that signs quiz postings when QUIZ_SECRET
    // is not set): kept here so restarts and every replica on this database sign and check alike.
    '0007-install-secrets': {
      async up(db: Kysely<unknown>) {
        await sql`create table install_secrets (name text primary key, value text not null, created_at text not null)`.execute(db);
      },
    },
    // Snapshots fetched on demand say where they came from and how late it is ("SEC N-PORT for
    // 2026-06-30, filed 2026-08-25"); the two small tables let several bot processes share one
    // download per fund (a lease) and one SEC request budget (the next free request time).
    '0004-snapshot-source': {
      async up(db: Kysely<unknown>) {
        await sql`alter table snapshots add column source_kind text`.execute(db);
        await sql`alter table snapshots add column source_url text`.execute(db);
        await sql`alter table snapshots add column source_report_date text`.execute(db);
        await sql`alter table snapshots add column source_filed_date text`.execute(db);
        await sql`alter table snapshots add column source_lookup text`.execute(db);
        await sql`create table fetch_leases (fund text primary key, owner text not null, expires_at double precision not null)`.execute(db);
        await sql`create table rate_budget (name text primary key, next_at double precision not null)`.execute(db);
      },
    },
    // Discord interaction ids already answered, shared by every replica on one store, so a signed
    // request replayed to another replica is refused too; a row is kept until expires_at (ms since
    // epoch), a little past the timestamp window, then pruned.
    '0008-seen-interactions': {
      async up(db: Kysely<unknown>) {
        await sql`create table seen_interactions (id text primary key, expires_at double precision not null)`.execute(db);
        await sql`create index seen_interactions_expires on seen_interactions (expires_at)`.execute(db);
      },
    },
  };
  return { getMigrations: async () => migrations };
}
