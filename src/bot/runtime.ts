import { CONSOLE_USER, type Context, type HoldingsSource, type Lang, type Requester } from '../commands/context.ts';
import { loadCatalog } from '../holdings/catalog.ts';
import { readConfig, type BotConfig } from './config.ts';
import { catalogSource } from './data-source.ts';

/** What every surface (console, Discord, Slack) needs to run commands: data and a context per request. */
export interface Runtime {
  config: BotConfig;
  data: HoldingsSource;
  /** A fresh context for one request in the given language (the console user unless said otherwise). */
  context(lang: Lang, requester?: Requester): Context;
  close(): Promise<void>;
}

/**
 * Loads the holdings once at start (from HOLDINGS_DIR today) and hands out per-request contexts.
 * Every entry point builds one of these; none keeps request state anywhere else.
 */
export async function createRuntime(config: BotConfig = readConfig()): Promise<Runtime> {
  const catalog = await loadCatalog(config.holdingsDir);
  const data = catalogSource(catalog);
  return {
    config,
    data,
    context: (lang, requester = CONSOLE_USER) => ({ lang, requester, data, now: new Date(), staleAfterDays: config.staleAfterDays }),
    close: async () => {},
  };
}
