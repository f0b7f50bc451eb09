import { createBackfiller } from './backfill.ts';
import { directoryLoader } from './directory.ts';
import { runDirectory } from './directory-command.ts';
import type { SayLine, UsageProblem } from './data-lines.ts';
import { importPath, latestHoldings, type ImportEvent } from './import.ts';
import { createFundFetcher, fetcherOptionsFromEnv } from './on-demand.ts';
import { Store } from './store.ts';
import { syncFunds, type SyncEvent, type SyncOptions } from './sync.ts';

export interface DataCommandIo {
  databaseUrl: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** On a terminal, "parsing…" lines are shown as they happen; in a pipe only results are printed. */
  tty: boolean;
  /** Base-URL overrides and SYNC_TIMEOUT_SECONDS etc. for `sync`; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Every line in the reader's language, from the message catalogue (commands/messages-data.ts `sayData`). */
  say: SayLine;
}

/**
 * `topheavy data …`: imports into the store named by DATABASE_URL. Exit status 0 when everything
 * was stored or already there, 1 when a file could not be imported (each said with file, line
 * and what was expected), 2 for a usage error.
 */
export async function runDataCommand(argv: readonly string[], io: DataCommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'sync') return runSync(rest, io);
  if (sub === 'directory') return runDirectory(rest, io);
  if (sub === 'remove') return runRemove(rest, io);
  if (sub === 'backfill') return runBackfill(rest, io);
  if (sub !== 'import') {
    io.err(io.say({ kind: 'usage' }));
    return 2;
  }
  let fund: string | undefined;
  const targets: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--fund') fund = rest[++i];
    else if (arg.startsWith('--fund=')) fund = arg.slice(7);
    else targets.push(arg);
  }
  if (targets.length !== 1 || (fund !== undefined && fund === '')) {
    io.err(io.say({ kind: 'usage' }));
    return 2;
  }
  const store = await Store.open(io.databaseUrl);
  try {
    const onEvent = (e: ImportEvent) => {
      if (e.status === 'parsing' && !io.tty) return;
      (e.status === 'failed' ? io.err : io.out)(io.say({ kind: 'import', event: e }));
    };
    const summary = await importPath(store, targets[0]!, { onEvent, fund, peers: await latestHoldings(store) });
    // Asked to import and nothing was there: a failure to say, not "0 stored".
    if (summary.stored.length + summary.unchanged.length + summary.failed.length === 0) {
      io.err(io.say({ kind: 'import-empty', target: targets[0]! }));
      return 1;
    }
    io.out(io.say({ kind: 'import-summary', summary, where: store.where }));
    for (const alert of summary.alerts) io.out(io.say({ kind: 'alert', alert }));
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

/**
 * `topheavy data sync [FUND…]`: exit status 0 when every fund was stored or unchanged (funds with
 * no public URL skipped), 1 when any failed, 2 for a usage error.
 */
async function runSync(args: readonly string[], io: DataCommandIo): Promise<number> {
  if (args.some((a) => a.startsWith('-'))) {
    io.err(io.say({ kind: 'usage' }));
    return 2;
  }
  const store = await Store.open(io.databaseUrl);
  try {
    const onEvent = (e: SyncEvent) => {
      // In a pipe, only outcomes: progress lines are for someone watching.
      if ((e.status === 'downloading' || e.status === 'parsing' || (e.status === 'progress' && e.progress?.kind !== 'fallback')) && !io.tty) return;
      const line = io.say({ kind: 'sync', event: e });
      if (line !== '') (e.status === 'failed' ? io.err : io.out)(line);
    };
    const env = io.env ?? process.env;
    // Funds people asked about are fetched again the way they were first fetched (issuer file, else SEC N-PORT).
    const peers = await latestHoldings(store);
    // SYNC_TIMEOUT_SECONDS and friends bound the issuer downloads here too (the fixed list goes through the fetcher when SEC sources are on).
    const fetcher = createFundFetcher(store, { ...fetcherOptionsFromEnv(env), ...syncLimits(env), peers: () => peers });
    const summary = await syncFunds(store, { ...syncLimits(env), funds: args.length > 0 ? args : undefined, env: io.env, onEvent, fetcher });
    io.out(io.say({ kind: 'sync-summary', summary, where: store.where }));
    for (const alert of summary.alerts) io.out(io.say({ kind: 'alert', alert }));
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** `topheavy data remove FUND [--as-of DATE]`: 0 when something was removed, 1 when nothing matched, 2 for a usage error. */
async function runRemove(args: readonly string[], io: DataCommandIo): Promise<number> {
  const parsed = parseRemoveArgs(args);
  if ('kind' in parsed) {
    io.err(io.say({ kind: 'usage', problem: parsed }));
    return 2;
  }
  const store = await Store.open(io.databaseUrl);
  try {
    const removed = await store.removeSnapshots(parsed.fund, parsed.asOf);
    if (removed.length === 0) {
      io.err(io.say({ kind: 'remove-none', fund: parsed.fund, ...(parsed.asOf ? { asOf: parsed.asOf } : {}), where: store.where }));
      return 1;
    }
    for (const s of removed) io.out(io.say({ kind: 'removed', fund: parsed.fund, file: s.file, asOf: s.asOf, positions: s.positions }));
    io.out(io.say({ kind: 'removed-summary', count: removed.length, where: store.where }));
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * `topheavy data backfill FUND [--since YYYY]`: one progress line (rewritten in place on a
 * terminal), then what was stored. 0 when the archive was read, 1 when it could not be, 2 for a usage error.
 */
async function runBackfill(args: readonly string[], io: DataCommandIo): Promise<number> {
  let since = '2019';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--since') since = args[++i] ?? '';
    else if (arg.startsWith('--since=')) since = arg.slice(8);
    else rest.push(arg);
  }
  if (rest.length !== 1 || !/^(19|20)\d\d$/.test(since)) {
    io.err(io.say({ kind: 'usage', problem: rest.length !== 1 ? { kind: 'one-fund' } : { kind: 'bad-year', got: since } }));
    return 2;
  }
  const fund = rest[0]!.toUpperCase();
  const store = await Store.open(io.databaseUrl);
  try {
    const entry = (await directoryLoader(store).index())?.byTicker(fund).find((e) => e.kind === 'fund' && (e.seriesId !== null || e.cik !== null));
    const stored = (await store.snapshots(fund)).map((s) => s.sourceLookup).find((l) => l && (l.seriesId || l.cik));
    const ref = entry ? { cik: entry.cik, seriesId: entry.seriesId, issuer: entry.issuer } : stored;
    if (!ref) {
      io.err(io.say({ kind: 'backfill-no-ids', fund, where: store.where }));
      return 1;
    }
    const env = io.env ?? process.env;
    const peers = await latestHoldings(store);
    const backfiller = createBackfiller(store, { ...fetcherOptionsFromEnv(env), peers: () => peers });
    const outcome = await backfiller.backfill({ fund, name: entry?.nameEn ?? fund, ...ref }, `${since}-01-01`, (p) => {
      if (io.tty) io.out(`${p.done > 0 ? '\u001b[1A\u001b[2K' : ''}${io.say({ kind: 'backfill-progress', fund, done: p.done, total: p.total, ...(p.period ? { period: p.period } : {}) })}`);
    });
    if (outcome.status === 'failed') {
      io.err(io.say({ kind: 'backfill-failed', fund, detail: outcome.failure?.detail ?? null }));
      return 1;
    }
    for (const k of outcome.skipped) io.err(io.say({ kind: 'backfill-skipped', fund, period: k.period, detail: k.detail }));
    const already = outcome.periods.length - outcome.stored.length - outcome.skipped.length;
    io.out(io.say({ kind: 'backfill-done', fund, since, periods: outcome.periods.length, stored: outcome.stored.length, already, skipped: outcome.skipped.length, replaced: outcome.replaced, where: store.where }));
    return 0;
  } finally {
    await store.close();
  }
}

/** FUND and an optional --as-of date, or what is wrong with them. */
export function parseRemoveArgs(args: readonly string[]): { fund: string; asOf?: string } | UsageProblem {
  let asOf: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--as-of') asOf = args[++i] ?? '';
    else if (arg.startsWith('--as-of=')) asOf = arg.slice(8);
    else if (arg.startsWith('-')) return { kind: 'unknown-option', option: arg };
    else rest.push(arg);
  }
  if (rest.length !== 1) return { kind: 'one-fund' };
  const fund = rest[0]!.toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9.\-]{0,11}$/.test(fund)) return { kind: 'not-ticker', typed: rest[0]! };
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return { kind: 'bad-date', got: asOf };
  return asOf === undefined ? { fund } : { fund, asOf };
}

/** SYNC_TIMEOUT_SECONDS, SYNC_TRIES, SYNC_MAX_MB: the download limits, where set to sensible numbers. */
export function syncLimits(env: NodeJS.ProcessEnv): Pick<SyncOptions, 'timeoutMs' | 'tries' | 'maxBytes'> {
  const num = (name: string) => {
    const v = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const timeout = num('SYNC_TIMEOUT_SECONDS');
  const tries = num('SYNC_TRIES');
  const maxMb = num('SYNC_MAX_MB');
  return {
    ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
    ...(tries !== undefined ? { tries: Math.min(10, Math.floor(tries)) } : {}),
    ...(maxMb !== undefined ? { maxBytes: maxMb * 1024 * 1024 } : {}),
  };
}
