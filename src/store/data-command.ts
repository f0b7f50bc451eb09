import type { Holdings } from '../holdings/types.ts';
import { eventLine, importPath, summaryLine, type ImportEvent } from './import.ts';
import { Store } from './store.ts';

export interface DataCommandIo {
  databaseUrl: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** On a terminal, "parsing…" lines are shown as they happen; in a pipe only results are printed. */
  tty: boolean;
}

const USAGE = [
  'usage: topheavy data import <file|dir> [--fund TICKER]',
  '  <dir>:  a HOLDINGS_DIR-style folder, one sub-folder per fund named by its ticker',
  '  <file>: one issuer file; its fund is its folder name unless --fund says otherwise',
].join('\n');

/**
 * `topheavy data …`: imports into the store named by DATABASE_URL. Exit status 0 when everything
 * was stored or already there, 1 when a file could not be imported (each said with file, line
 * and what was expected), 2 for a usage error.
 */
export async function runDataCommand(argv: readonly string[], io: DataCommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'sync') {
    io.err('topheavy data sync: live download from the issuers is not available in this version yet; download the files and use `topheavy data import <dir>`.');
    return 2;
  }
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
    io.out(`${summaryLine(summary)} Store: ${store.where}`);
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** The newest snapshot of every fund, to fill a single file's missing sectors and countries from. */
async function latestHoldings(store: Store): Promise<Holdings[]> {
  const out: Holdings[] = [];
  for (const s of await store.latestSnapshots()) {
    const h = await store.readHoldings(s.id);
    if (h) out.push(h);
  }
  return out;
}
