import path from 'node:path';
import { parseSyncSchedule, type SyncSchedule } from '../store/schedule.ts';
import { DEFAULT_DATABASE_URL } from '../store/url.ts';

/** Settings read from the environment once at start. Secrets are never read here (a DATABASE_URL password is only passed on). */
export interface BotConfig {
  holdingsDir: string;
  staleAfterDays: number;
  /** `file:./data/topheavy.db` (SQLite, the default) or `postgres://…`. */
  databaseUrl: string;
  /** How often a running bot checks the store for snapshots written by another process (0: never). */
  refreshSeconds: number;
  /** When a running bot downloads fresh issuer files by itself (SYNC_DAILY_AT / SYNC_INTERVAL_HOURS; off by default). */
  syncSchedule: SyncSchedule;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const stale = Number(env.STALE_AFTER_DAYS ?? 30);
  const refresh = Number(env.STORE_REFRESH_SECONDS ?? 60);
  return {
    // HOLDINGS_DIR= (set but empty) means unset, not the current folder.
    holdingsDir: path.resolve(env.HOLDINGS_DIR?.trim() || './data/holdings'),
    staleAfterDays: Number.isFinite(stale) && stale > 0 ? stale : 30,
    databaseUrl: env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    refreshSeconds: Number.isFinite(refresh) && refresh >= 0 ? refresh : 60,
    syncSchedule: parseSyncSchedule(env.SYNC_DAILY_AT, env.SYNC_INTERVAL_HOURS),
  };
}
