import { alertLine } from './alert-check.ts';
import { eventLine, importPath, latestHoldings, summaryLine, type ImportEvent } from './import.ts';
import { Store } from './store.ts';
import { syncEventLine, syncFunds, syncSummaryLine, type SyncEvent, type SyncOptions } from './sync.ts';

export interface DataCommandIo {
  databaseUrl: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** On a terminal, "parsing…" lines are shown as they happen; in a pipe only results are printed. */
  tty: boolean;
  /** Base-URL overrides and SYNC_TIMEOUT_SECONDS etc. for `sync`; default process.env. */
  env?: NodeJS.ProcessEnv;
}

const USAGE = [
  'usage: topheavy data import <file|dir> [--fund TICKER]',
  '       topheavy data sync [FUND…]',
  '  <dir>:  a HOLDINGS_DIR-style folder, one sub-folder per fund named by its ticker',
  '  <file>: one issuer file; its fund is its folder name unless --fund says otherwise',
  '  sync:   download each fund\'s current file from its issuer (all known funds when none is named)',
].join('\n');

/**
 * `topheavy data …`: imports into the store named by DATABASE_URL. Exit status 0 when everything
 * was stored or already there, 1 when a file could not be imported (each said with file, line
 * and what was expected), 2 for a usage error.
 */
export async function runDataCommand(argv: readonly string[], io: DataCommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'sync') return runSync(rest, io);
  if (sub !== 'import') {
    io.err(USAGE);
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
    io.err(USAGE);
    return 2;
  }
  const store = await Store.open(io.databaseUrl);
  try {
    const onEvent = (e: ImportEvent) => {
      if (e.status === 'parsing' && !io.tty) return;
      (e.status === 'failed' ? io.err : io.out)(eventLine(e));
    };
    const summary = await importPath(store, targets[0]!, { onEvent, fund, peers: await latestHoldings(store) });
    // Asked to import and nothing was there: a failure to say, not "0 stored".
    if (summary.stored.length + summary.unchanged.length + summary.failed.length === 0) {
      io.err(`${targets[0]}: no issuer files here, neither directly nor in one sub-folder per fund`);
      return 1;
    }
    io.out(`${summaryLine(summary)} Store: ${store.where}`);
    for (const a of summary.alerts) io.out(alertLine(a));
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
    io.err(USAGE);
    return 2;
  }
  const store = await Store.open(io.databaseUrl);
  try {
    const onEvent = (e: SyncEvent) => {
      // In a pipe, only outcomes: progress lines are for someone watching.
      if ((e.status === 'downloading' || e.status === 'parsing') && !io.tty) return;
      (e.status === 'failed' ? io.err : io.out)(syncEventLine(e));
    };
    const summary = await syncFunds(store, { ...syncLimits(io.env ?? process.env), funds: args.length > 0 ? args : undefined, env: io.env, onEvent });
    io.out(`${syncSummaryLine(summary)} Store: ${store.where}`);
    for (const a of summary.alerts) io.out(alertLine(a));
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
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
