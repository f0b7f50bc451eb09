import type { Generated } from 'kysely';

/**
 * The tables as kysely sees them. Dates are ISO-8601 text and JSON is text on both backends,
 * so a row reads back the same from SQLite and PostgreSQL.
 */
export interface Database {
  funds: { fund: string; name: string; issuer: string; created_at: string };
  snapshots: {
    id: Generated<number>;
    fund: string;
    name: string;
    issuer: string;
    format: string;
    file: string;
    as_of: string | null;
    as_of_reason: string | null;
    weight_basis: string;
    /** 'price' | 'equal'; null for cap-weighted (migration 0006). */
    weighting: string | null;
    /** The fund ticker the file printed, where it printed one (migration 0006). */
    fund_in_file: string | null;
    reported_equity_weight: number | null;
    reported_total_weight: number | null;
    checksum: string;
    imported_at: string;
    /** JSON: string[] */
    notes: string;
    /** JSON: ExcludedRow[] */
    excluded: string;
    position_count: number;
    /** 'issuer' | 'sec-nport'; null for files imported from a folder. */
    source_kind: string | null;
    source_url: string | null;
    source_report_date: string | null;
    source_filed_date: string | null;
    /** JSON: { cik, seriesId, issuer }, how an on-demand fund was looked up. */
    source_lookup: string | null;
  };
  positions: {
    snapshot_id: number;
    /** Index in the imported array: breaks weight ties so a snapshot reads back in its own order. */
    rank: number;
    ticker: string;
    name: string;
    weight: number;
    reported_weight: number | null;
    market_value: number | null;
    sector: string | null;
    sector_source: string | null;
    industry: string | null;
    country: string | null;
    country_source: string | null;
    exchange: string | null;
    asset_class: string;
    cusip: string | null;
    isin: string | null;
    sedol: string | null;
  };
  settings: {
    platform: string;
    server_id: string;
    language: string | null;
    alert_channel: string | null;
    /** JSON: string[] | null */
    default_funds: string | null;
    updated_at: string;
  };
  users: { platform: string; user_id: string; locale: string | null; updated_at: string };
  lesson_progress: {
    platform: string;
    user_id: string;
    lesson_id: string;
    step: number;
    completed_at: string | null;
    updated_at: string;
  };
  /** Secrets this install makes for itself once, shared by every process on the database (the quiz posting key). */
  install_secrets: { name: string; value: string; created_at: string };
  quiz_answers: {
    id: Generated<number>;
    quiz_id: string;
    platform: string;
    user_id: string;
    answer: string;
    /** 0 or 1: SQLite has no boolean. */
    correct: number;
    answered_at: string;
    server_id: string | null;
  };
  portfolios: {
    id: Generated<number>;
    platform: string;
    user_id: string;
    name: string;
    /** JSON: { fund: string; weight: number }[] */
    allocation: string;
    created_at: string;
  };
  /** Files of a holdings folder already hashed: path, size and mtime stand for the checksum until either changes. */
  imported_files: {
    path: string;
    fund: string;
    size: number;
    mtime_ms: number;
    checksum: string;
    checked_at: string;
    };
  /** One fund or index a user may name; JSON columns are text on both backends. */
  fund_directory: {
    key: string;
    /** 'fund' | 'index' */
    kind: string;
    /** JSON: string[], the first is the one its holdings are stored under */
    tickers: string;
    name_en: string | null;
    name_ja: string | null;
    /** JSON: string[] */
    aliases: string;
    issuer: string | null;
    /** Directory key of the index it tracks. */
    tracks: string | null;
    /** JSON: HoldingsSourceKind[], in order of preference */
    sources: string;
    cik: number | null;
    series_id: string | null;
    /** JSON: string[] */
    class_ids: string;
    /** JSON: string[], tickers whose holdings stand in for it, in order of preference */
    stand_in: string;
    stand_in_en: string | null;
    stand_in_ja: string | null;
    no_holdings_en: string | null;
    no_holdings_ja: string | null;
    /** 'sec-mf' | 'sec-uit' | 'curated' */
    origin: string;
    updated_at: string;
  };
  /** One download per fund across processes: the holder and when its lease runs out (ms since epoch). */
  fetch_leases: { fund: string; owner: string; expires_at: number };
  /** Shared request budgets (the SEC's 10/s): the earliest time (ms since epoch) the next request may go. */
  rate_budget: { name: string; next_at: number };
  /** Discord interaction ids answered by any replica, until expires_at (ms since epoch): migration 0008. */
  seen_interactions: { id: string; expires_at: number };
  alerts: {
    id: Generated<number>;
    platform: string;
    server_id: string;
    metric: string;
    threshold: number;
    channel_id: string;
    created_at: string;
  };
}
