import { existsSync } from 'node:fs';
import { CONSOLE_USER, type Context, type HoldingsSource, type Lang, type Requester } from '../commands/context.ts';
import { importPath, type ImportEvent, type ImportSummary } from '../store/import.ts';
import { Store } from '../store/store.ts';
import { setQuizStore } from '../commands/quiz.ts';
import { StoreQuizStore } from './quiz-store.ts';
import { readConfig, type BotConfig } from './config.ts';
import { StoreSource } from './data-source.ts';

/** What every surface (console, Discord, Slack) needs to run commands: data and a context per request. */
export interface Runtime {
  config: BotConfig;
  store: Store;
  data: HoldingsSource;
  source: StoreSource;
  /** What the start-up import of HOLDINGS_DIR did (empty when there was no folder). */
  imported: ImportSummary;
  /** A fresh context for one request in the given language (the console user unless said otherwise). */
  context(lang: Lang, requester?: Requester): Context;
  /** Picks up snapshots stored since start (by this or another process). */
  refresh(): Promise<boolean>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Progress of the start-up import, one event per file. */
  onImportEvent?: (event: ImportEvent) => void;
}

/**
 * Opens the store (migrating it), imports HOLDINGS_DIR into it when that folder exists (files
 * already stored are skipped by checksum, without parsing), and hands out per-request contexts
 * whose holdings come from the store. Several processes may share one store: each re-reads it
 * every `refreshSeconds`.
 */
export async function createRuntime(config: BotConfig = readConfig(), options: RuntimeOptions = {}): Promise<Runtime> {
  const store = await Store.open(config.databaseUrl);
  const imported: ImportSummary = { stored: [], unchanged: [], failed: [] };
  try {
    if (existsSync(config.holdingsDir)) Object.assign(imported, await importPath(store, config.holdingsDir, { onEvent: options.onImportEvent }));
  } catch (error) {
    await store.close();
    throw error;
  }
  const source = new StoreSource(store, config.holdingsDir);
  source.setImportProblems(imported.failed.map((e) => ({ fund: e.fund, file: e.file, message: e.message ?? 'not imported' })));
  await source.refresh();
  // Quiz answers, scores and leaderboards go to the same database as the holdings.
  setQuizStore(new StoreQuizStore(store));
  // unref: a one-shot CLI command must not be kept alive by the refresh timer.
  const timer = config.refreshSeconds > 0 ? setInterval(() => void source.refresh().catch(() => {}), config.refreshSeconds * 1000).unref() : undefined;
  return {
    config,
    store,
    data: source,
    source,
    imported,
    context: (lang, requester = CONSOLE_USER) => ({ lang, requester, data: source, now: new Date(), staleAfterDays: config.staleAfterDays }),
    refresh: () => source.refresh(),
    close: async () => {
      clearInterval(timer);
      await store.close();
    },
  };
}
