import path from 'node:path';

/** Settings read from the environment once at start. Secrets are never read here. */
export interface BotConfig {
  holdingsDir: string;
  staleAfterDays: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const stale = Number(env.STALE_AFTER_DAYS ?? 30);
  return {
    holdingsDir: path.resolve(env.HOLDINGS_DIR ?? './holdings'),
    staleAfterDays: Number.isFinite(stale) && stale > 0 ? stale : 30,
  };
}
