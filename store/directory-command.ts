import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataCommandIo } from './data-command.ts';
import type { DirectoryProblem } from './data-lines.ts';
import { FundLeases } from './coordination.ts';
import { DirectoryRefusal } from './directory-check.ts';
import { replaceDirectory, secListsUpdatedAt, type DirectoryEntry } from './directory.ts';
import { download, DownloadError, problemOf } from './download.ts';
import { buildDirectory, DirectoryFileError, parseCompanyTickers, parseMutualFundTickers } from './sec-directory.ts';
import { Store } from './store.ts';

export const SEC_FILES = { mutualFunds: '/files/company_tickers_mf.json', companies: '/files/company_tickers.json' } as const;
const SEC_ORIGIN = 'https://www.sec.gov';
/** Both files are 1–2 MB today; the cap leaves room for growth and stops a runaway body. */
const MAX_BYTES = 32 * 1024 * 1024;

export const SEC_OFF_MESSAGE =
  'The SEC asks every automated client to name a contact: set SEC_USER_AGENT (e.g. SEC_USER_AGENT="topheavy admin@example.com") to download its files, or pass --from DIR with company_tickers_mf.json and company_tickers.json in DIR.';

/**
 * `topheavy data directory [--from DIR]`: reads the SEC's two ticker files (from DIR, or from
 * the SEC when SEC_USER_AGENT names a contact; SYNC_BASE_URL moves the host, keeping the path),
 * adds the curated list and replaces the directory in one transaction. Exit 0 when stored, 1
 * when a file is missing, unreadable or could not be downloaded (the store is then unchanged),
 * 2 for a usage error.
 */
export async function runDirectory(args: readonly string[], io: DataCommandIo): Promise<number> {
  let from: string | undefined;
  let allowShrink = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--allow-shrink') allowShrink = true;
    else if (arg === '--from' && args[i + 1]) from = args[++i];
    else if (arg.startsWith('--from=') && arg.length > 7) from = arg.slice(7);
    else {
      io.err(io.say({ kind: 'usage' }));
      return 2;
    }
  }
  const env = io.env ?? process.env;
  if (from === undefined && !env.SEC_USER_AGENT?.trim()) {
    io.err(io.say({ kind: 'directory-failed', problem: { kind: 'sec-off', message: SEC_OFF_MESSAGE } }));
    return 1;
  }
  const store = await Store.open(io.databaseUrl);
  try {
    let flagged: string[] = [];
    const { entries, stored } = await refreshDirectory(store, from !== undefined ? { dir: from } : { env }, {
      onUrl: (url) => io.tty && io.out(io.say({ kind: 'directory-url', url })),
      allowShrink,
      onFlagged: (lines) => (flagged = lines),
    });
    // Hostile or malformed symbols were left out entry by entry: said, a few by name.
    if (flagged.length > 0) io.err(io.say({ kind: 'directory-flagged', lines: flagged }));
    const count = (origin: string) => entries.filter((e) => e.origin === origin).length;
    const classes = entries.reduce((n, e) => n + (e.origin === 'sec-mf' ? e.classIds.length : 0), 0);
    io.out(io.say({ kind: 'directory-stored', stored, series: count('sec-mf'), classes, uits: count('sec-uit'), curated: count('curated'), where: store.where }));
    return 0;
  } catch (error) {
    io.err(io.say({ kind: 'directory-failed', problem: directoryProblem(error) }));
    return 1;
  } finally {
    await store.close();
  }
}

/**
 * Reads the SEC's two ticker files (from a folder, or from the SEC with the env's SEC_USER_AGENT;
 * SYNC_BASE_URL moves the host, keeping the path), adds the curated list and replaces the directory
 * in one transaction. Throws (DownloadError, DirectoryFileError, a file error) with the directory
 * unchanged; `directoryProblem` says it in a sentence. `data directory`, the first unresolved name
 * and the weekly refresh all come here.
 */
export async function refreshDirectory(
  store: Store,
  source: { dir: string } | { env: NodeJS.ProcessEnv },
  options: { onUrl?: (url: string) => void; allowShrink?: boolean; onFlagged?: (lines: string[]) => void } = {},
): Promise<{ entries: DirectoryEntry[]; stored: number }> {
  const { onUrl } = options;
  let texts: { mutualFunds: { text: string; where: string }; companies: { text: string; where: string } };
  if ('dir' in source) {
    const read = async (name: string) => {
      const file = path.join(source.dir, path.basename(name));
      return { text: await readFile(file, 'utf8'), where: file };
    };
    texts = { mutualFunds: await read(SEC_FILES.mutualFunds), companies: await read(SEC_FILES.companies) };
  } else {
    const agent = source.env.SEC_USER_AGENT?.trim();
    if (!agent) throw new DirectoryFileError(SEC_OFF_MESSAGE);
    const base = (source.env.SYNC_BASE_URL?.trim() || SEC_ORIGIN).replace(/\/+$/, '');
    // One file after the other: the SEC's fair-access rule is about request rate, and two is plenty.
    const get = async (p: string) => {
      const url = `${base}${p}`;
      onUrl?.(url);
      const { bytes } = await download(url, { headers: { 'User-Agent': agent, Accept: 'application/json' }, maxBytes: MAX_BYTES });
      return { text: new TextDecoder().decode(bytes), where: url };
    };
    texts = { mutualFunds: await get(SEC_FILES.mutualFunds), companies: await get(SEC_FILES.companies) };
  }
  const entries = buildDirectory(parseMutualFundTickers(texts.mutualFunds.text, texts.mutualFunds.where), parseCompanyTickers(texts.companies.text, texts.companies.where));
  const stored = await replaceDirectory(store, entries, { allowShrink: options.allowShrink, onFlagged: options.onFlagged });
  return { entries, stored };
}

/** A week: the SEC's lists change slowly (new funds, new share classes). */
export const DIRECTORY_MAX_AGE_MS = 7 * 86_400_000;

/**
 * Refreshes the SEC part of the directory when SEC_USER_AGENT is set and the lists are missing or
 * older than `maxAgeMs`; one process at a time across the store (a lease), and the others then see
 * it filled. Never throws: the reason is returned, and the old directory stays.
 */
export async function refreshDirectoryIfStale(
  store: Store,
  env: NodeJS.ProcessEnv,
  maxAgeMs: number,
  onStart?: () => void,
): Promise<{ status: 'fresh' | 'off' } | { status: 'stored'; entries: DirectoryEntry[] } | { status: 'failed'; message: string; problem: DirectoryProblem }> {
  if (!env.SEC_USER_AGENT?.trim()) return { status: 'off' };
  const age = async () => {
    const at = await secListsUpdatedAt(store);
    return at === null ? Infinity : Date.now() - Date.parse(at);
  };
  if ((await age()) < maxAgeMs) return { status: 'fresh' };
  const leases = new FundLeases(store, 5 * 60_000);
  if (!(await leases.acquire(DIRECTORY_LEASE, 5 * 60_000))) {
    const message = 'another process has been refreshing the fund directory for too long';
    return { status: 'failed', message, problem: { kind: 'busy', message } };
  }
  try {
    // Another process may have filled it while this one waited.
    if ((await age()) < maxAgeMs) return { status: 'fresh' };
    onStart?.();
    return { status: 'stored', entries: (await refreshDirectory(store, { env })).entries };
  } catch (error) {
    const problem = directoryProblem(error);
    return { status: 'failed', message: problem.message, problem };
  } finally {
    await leases.release(DIRECTORY_LEASE);
  }
}

const DIRECTORY_LEASE = '~directory';

/** A directory refresh's failure: its kind for the catalogue, and one English sentence saying the directory is unchanged. */
export function directoryProblem(error: unknown): DirectoryProblem {
  if (error instanceof DirectoryRefusal) return { kind: 'refused', detail: error.message, message: `Refused: ${error.message}` };
  if (error instanceof DirectoryFileError) {
    if (error.message === SEC_OFF_MESSAGE) return { kind: 'sec-off', message: SEC_OFF_MESSAGE };
    return { kind: 'file', detail: error.message, message: `${error.message}. The directory is unchanged.` };
  }
  if (error instanceof DownloadError) return { kind: 'download', download: problemOf(error), detail: error.message, message: `${error.message}. The directory is unchanged.` };
  const e = error as { code?: string; path?: string; message?: string };
  if (e.code === 'ENOENT') return { kind: 'missing', path: e.path ?? '', message: `${e.path}: no such file (expected company_tickers_mf.json and company_tickers.json there). The directory is unchanged.` };
  const detail = e.message ?? String(error);
  return { kind: 'file', detail, message: `${detail}. The directory is unchanged.` };
}
