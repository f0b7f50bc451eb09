import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataCommandIo } from './data-command.ts';
import { DirectoryRefusal } from './directory-check.ts';
import { replaceDirectory } from './directory.ts';
import { download, DownloadError } from './download.ts';
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
export async function runDirectory(args: readonly string[], io: DataCommandIo, usage: string): Promise<number> {
  let from: string | undefined;
  let allowShrink = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--allow-shrink') allowShrink = true;
    else if (arg === '--from' && args[i + 1]) from = args[++i];
    else if (arg.startsWith('--from=') && arg.length > 7) from = arg.slice(7);
    else {
      io.err(usage);
      return 2;
    }
  }
  const env = io.env ?? process.env;
  let texts: { mutualFunds: { text: string; where: string }; companies: { text: string; where: string } };
  try {
    if (from !== undefined) {
      const read = async (name: string) => {
        const file = path.join(from!, path.basename(name));
        return { text: await readFile(file, 'utf8'), where: file };
      };
      texts = { mutualFunds: await read(SEC_FILES.mutualFunds), companies: await read(SEC_FILES.companies) };
    } else {
      const agent = env.SEC_USER_AGENT?.trim();
      if (!agent) {
        io.err(SEC_OFF_MESSAGE);
        return 1;
      }
      const base = (env.SYNC_BASE_URL?.trim() || SEC_ORIGIN).replace(/\/+$/, '');
      // One file after the other: the SEC's fair-access rule is about request rate, and two is plenty.
      const get = async (p: string) => {
        const url = `${base}${p}`;
        if (io.tty) io.out(`downloading ${url}`);
        const { bytes } = await download(url, { headers: { 'User-Agent': agent, Accept: 'application/json' }, maxBytes: MAX_BYTES });
        return { text: new TextDecoder().decode(bytes), where: url };
      };
      texts = { mutualFunds: await get(SEC_FILES.mutualFunds), companies: await get(SEC_FILES.companies) };
    }
  } catch (error) {
    io.err(describe(error));
    return 1;
  }
  let entries;
  try {
    entries = buildDirectory(parseMutualFundTickers(texts.mutualFunds.text, texts.mutualFunds.where), parseCompanyTickers(texts.companies.text, texts.companies.where));
  } catch (error) {
    if (error instanceof DirectoryFileError) {
      io.err(`${error.message}. The directory is unchanged.`);
      return 1;
    }
    throw error;
  }
  const store = await Store.open(io.databaseUrl);
  try {
    let flagged: string[] = [];
    let stored: number;
    try {
      stored = await replaceDirectory(store, entries, { allowShrink, onFlagged: (lines) => (flagged = lines) });
    } catch (error) {
      if (!(error instanceof DirectoryRefusal)) throw error;
      io.err(`Refused: ${error.message}`);
      return 1;
    }
    // Hostile or malformed symbols were left out entry by entry: said, a few by name.
    if (flagged.length > 0) io.err(`${flagged.length} symbol${flagged.length === 1 ? '' : 's'} left out: ${flagged.slice(0, 5).join('; ')}${flagged.length > 5 ? '; …' : ''}`);
    const count = (origin: string) => entries.filter((e) => e.origin === origin).length;
    const classes = entries.reduce((n, e) => n + (e.origin === 'sec-mf' ? e.classIds.length : 0), 0);
    io.out(
      `Directory: ${stored} entries — ${count('sec-mf')} SEC fund series (${classes} share classes), ${count('sec-uit')} unit investment trusts, ${count('curated')} curated funds and indexes. Store: ${store.where}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof DownloadError) return `${error.message}. The directory is unchanged.`;
  const e = error as { code?: string; path?: string; message?: string };
  if (e.code === 'ENOENT') return `${e.path}: no such file (expected company_tickers_mf.json and company_tickers.json there). The directory is unchanged.`;
  return `${e.message ?? String(error)}. The directory is unchanged.`;
}
