import { existsSync } from 'node:fs';
import { CONSOLE_USER, type Context, type HoldingsSource, type Lang, type Requester } from '../commands/context.ts';
import type { AlertCrossing } from '../store/alerts.ts';
import { importPath, type ImportEvent, type ImportSummary } from '../store/import.ts';
import { nextSyncDelayMs } from '../store/schedule.ts';
import { createFundFetcher, fetcherOptionsFromEnv, type FundFetcherOptions, type OnDemandFetcher } from '../store/on-demand.ts';
import { Store } from '../store/store.ts';
import { createBackfiller, type Backfiller } from '../store/backfill.ts';
import { directoryLoader } from '../store/directory.ts';
import { DIRECTORY_MAX_AGE_MS, refreshDirectoryIfStale } from '../store/directory-command.ts';
import type { FundFetcher } from '../store/fund-fetch.ts';
import { syncFunds, type SyncEvent, type SyncOptions, type SyncSummary } from '../store/sync.ts';
import type { DirectoryProblem, SayLine } from '../store/data-lines.ts';
import { sayData } from '../commands/messages-data.ts';
import { setPostingSecret, setQuizStore } from '../commands/quiz.ts';
import { postingSecret, StoreQuizStore } from './quiz-store.ts';
import { readConfig, type BotConfig } from './config.ts';
import { StoreSource } from './data-source.ts';

/** How long the scheduled-sync lock is kept: replicas whose timers fire within this of each other run the sync once. */
export const SCHEDULED_SYNC_HOLD_MS = 10 * 60_000;

/** What every surface (console, Discord, Slack) needs to run commands: data and a context per request. */
export interface Runtime {
  config: BotConfig;
  store: Store;
  data: HoldingsSource;
  source: StoreSource;
  /** Downloads a fund the store does not hold yet (issuer file, else SEC N-PORT) when someone asks for it. */
  fetcher: OnDemandFetcher;
  /** Reads a fund's SEC N-PORT archive into the store, one snapshot per report period (/history). */
  archive: Backfiller;
  /** What the start-up import of HOLDINGS_DIR did (empty when there was no folder). */
  imported: ImportSummary;
  /** A fresh context for one request in the given language (the console user unless said otherwise). */
  context(lang: Lang, requester?: Requester): Context;
  /** Picks up snapshots stored since start (by this or another process). */
  refresh(): Promise<boolean>;
  /**
   * For surfaces that stay up (the console chat, the bots): brings the SEC's fund lists into the
   * directory in the background when they are missing, and checks them daily for a weekly refresh.
   * Nothing without SEC_USER_AGENT. One-shot commands do not call it: their first unknown name does.
   */
  warm(): void;
  /** Downloads fresh issuer files now (all known funds, or the named ones), stores them, passes crossings to onAlert. */
  sync(funds?: readonly string[]): Promise<SyncSummary>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Progress of the start-up import, one event per file. */
  onImportEvent?: (event: ImportEvent) => void;
  /**
   * Called once per alert rule a newly stored snapshot crossed (start-up import, `sync()`, the
   * schedule). Surfaces post `alert.message` to `alert.rule.channelId`; a throw is reported via
   * onError and never stops the others.
   */
  onAlert?: (alert: AlertCrossing) => void | Promise<void>;
  /** Progress of scheduled and on-demand syncs. */
  onSyncEvent?: (event: SyncEvent) => void;
  /** Problems of background work (a scheduled sync that threw, an onAlert that threw). */
  onError?: (error: unknown, where: string) => void;
  /** Without onError, how a failed refresh of the fund directory is said on stderr (the console passes its language; default English). */
  say?: SayLine;
  /** Download limits and base-URL overrides for sync (tests point them at a local server). */
  sync?: Omit<SyncOptions, 'funds' | 'onEvent'>;
  /** Fetches a fund the directory knows but the store lacks, in place of the real fetcher (tests pass a fake one). */
  fetcher?: FundFetcher;
  /** On-demand download limits and overrides; default: read from the environment (SEC_USER_AGENT, SYNC_BASE_URL, …). */
  fetch?: Omit<FundFetcherOptions, 'peers' | 'onStored'>;
}

/**
 * Opens the store (migrating it), imports HOLDINGS_DIR into it when that folder exists (files
 * already stored are skipped by checksum, without parsing), and hands out per-request contexts
 * whose holdings come from the store. Several processes may share one store: each re-reads it
 * every `refreshSeconds`.
 */
export async function createRuntime(config: BotConfig = readConfig(), options: RuntimeOptions = {}): Promise<Runtime> {
  const store = await Store.open(config.databaseUrl);
  const imported: ImportSummary = { stored: [], unchanged: [], failed: [], alerts: [] };
  try {
    if (existsSync(config.holdingsDir)) Object.assign(imported, await importPath(store, config.holdingsDir, { onEvent: options.onImportEvent }));
  } catch (error) {
    await store.close();
    throw error;
  }
  const source = new StoreSource(store, config.holdingsDir);
  const fetchEnv = options.fetch?.env ?? process.env;
  const report = options.onError ?? ((error: unknown, where: string) => process.stderr.write(`${where}: ${error instanceof Error ? error.message : String(error)}\n`));
  const say = options.say ?? sayData('en');
  const reportDirectory = (problem: DirectoryProblem) =>
    options.onError ? options.onError(new Error(problem.message), 'fund directory') : process.stderr.write(`${say({ kind: 'directory-failed', problem, background: true })}\n`);
  // The curated funds are always in the directory; the SEC's lists come in on first need (SEC_USER_AGENT set).
  const directory = directoryLoader(store, async (onDownload) => {
    const result = await refreshDirectoryIfStale(store, fetchEnv, Infinity, onDownload);
    if (result.status === 'failed') reportDirectory(result.problem);
    return result.status === 'stored' ? result.entries : null;
  });
  source.setImportProblems(imported.failed.map((e) => ({ fund: e.fund, file: e.file, message: e.message ?? 'not imported' })));
  await source.refresh();
  // Quiz answers, scores and leaderboards go to the same database as the holdings.
  setQuizStore(new StoreQuizStore(store));
  // Quiz postings are signed with the install's key, so any process on this database can check an answer.
  try {
    setPostingSecret(await postingSecret(store));
  } catch (error) {
    await store.close();
    throw error;
  }
  // unref: a one-shot CLI command must not be kept alive by the refresh timer.
  const timer =
    config.refreshSeconds > 0
      ? setInterval(() => void Promise.all([source.refresh(), directory.refresh()]).catch(() => {}), config.refreshSeconds * 1000).unref()
      : undefined;
  const tell = async (alerts: readonly AlertCrossing[]) => {
    for (const a of alerts) await Promise.resolve(options.onAlert?.(a)).catch((error: unknown) => report(error, `alert to ${a.rule.platform}/${a.rule.channelId}`));
  };
  await tell(imported.alerts);
  const onDemand = createFundFetcher(store, {
    ...(options.fetch ?? fetcherOptionsFromEnv()),
    // N-PORT carries no sectors: a new snapshot fills them from the funds already loaded.
    peers: () => source.list().flatMap((f) => source.get(f.fund) ?? []),
    onStored: async () => void (await source.refresh()),
  });
  const archive = createBackfiller(store, {
    ...(options.fetch ?? fetcherOptionsFromEnv()),
    peers: () => source.list().flatMap((f) => source.get(f.fund) ?? []),
  });
  // What commands call when a named fund is not stored yet: the real fetcher unless a test passes its own.
  const fetcher: FundFetcher = options.fetcher ?? onDemand;
  const sync = async (funds?: readonly string[]): Promise<SyncSummary> => {
    const summary = await syncFunds(store, { ...options.sync, funds, onEvent: options.onSyncEvent, fetcher: onDemand });
    if (summary.stored.length > 0) await source.refresh();
    await directory.refresh();
    await tell(summary.alerts);
    return summary;
  };
  // The schedule re-arms itself after each run (setTimeout, not setInterval), so a daily time stays
  // on the clock and a slow sync never overlaps the next one. unref: it never keeps a process alive.
  let syncTimer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let closed = false;
  let releaseLock: () => void = () => {};
  const closing = new Promise<void>((resolve) => (releaseLock = resolve));
  const arm = () => {
    const delay = nextSyncDelayMs(config.syncSchedule, new Date());
    if (delay === null || closed) return;
    syncTimer = setTimeout(() => {
      // Replicas on one PostgreSQL: one of them runs the scheduled sync (an advisory lock held for
      // ten minutes), the others skip it and pick the new snapshots up on their next refresh.
      running = store
        .runExclusive('topheavy:scheduled-sync', () => sync(), { holdMs: SCHEDULED_SYNC_HOLD_MS, release: closing })
        .catch((error: unknown) => report(error, 'scheduled sync'))
        .finally(arm);
    }, delay).unref();
  };
  arm();
  let weekly: NodeJS.Timeout | undefined;
  let warming: Promise<unknown> | undefined;
  const warm = () => {
    if (!onDemand.secEnabled || weekly || closed) return;
    // In the background: the first ask does not wait for a download it does not need.
    warming = directory.fill().catch((error: unknown) => report(error, 'fund directory'));
    // The SEC's lists, weekly, on a bot that runs for days (a daily check; unref: never keeps a process alive).
    weekly = setInterval(() => {
      void refreshDirectoryIfStale(store, fetchEnv, DIRECTORY_MAX_AGE_MS)
        .then(async (r) => (r.status === 'failed' ? reportDirectory(r.problem) : directory.refresh()))
        .catch((error: unknown) => report(error, 'fund directory'));
    }, 86_400_000).unref();
  };
  return {
    config,
    store,
    data: source,
    source,
    fetcher: onDemand,
    archive,
    imported,
    context: (lang, requester = CONSOLE_USER) => ({
      lang,
      requester,
      data: source,
      now: new Date(),
      staleAfterDays: config.staleAfterDays,
      directory,
      fetcher,
      ...(archive.secEnabled ? { archive } : {}),
    }),
    refresh: () => source.refresh(),
    sync,
    warm,
    close: async () => {
      closed = true;
      releaseLock();
      clearInterval(timer);
      clearTimeout(syncTimer);
      clearInterval(weekly);
      // A scheduled sync or a directory fill in flight finishes its transaction before the store closes under it.
      await running;
      await warming;
      await store.close();
    },
  };
}
