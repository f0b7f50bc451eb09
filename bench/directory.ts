import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DirectoryEntry } from '../store/directory.ts';
import { DirectoryIndex, searchKey } from '../store/directory-search.ts';
import { buildDirectory, parseCompanyTickers, parseMutualFundTickers } from '../store/sec-directory.ts';
import { measure, report } from './harness.ts';

const SEC = path.resolve(process.env.SEC_DIR ?? path.join(import.meta.dirname, '../../shared/data/sources/sec'));

/** Typed queries a user sends: names, indexes, Japanese aliases, tickers, a short prefix, nothing. */
const QUERIES = ['S&P 500', 'sp500', 'オルカン', 'eMAXIS Slim 米国株式', 'semis', 'VFIAX', 'v', 'emaxis', '日経225', 'xyznotthere'];

/**
 * Directory search over the SEC's ~28,500 share classes (11,000 series) plus the curated list:
 * each query is one `search` (the ranked list autocomplete and /funds search use) and one
 * `resolve` (what every command does with a name). Target: p99 < 2 ms. Baseline: the same
 * matching done naively, normalising every name and ticker on every query.
 */
export async function benchDirectory(): Promise<void> {
  const entries = buildDirectory(
    parseMutualFundTickers(await readFile(path.join(SEC, 'company_tickers_mf.json'), 'utf8'), 'company_tickers_mf.json'),
    parseCompanyTickers(await readFile(path.join(SEC, 'company_tickers.json'), 'utf8'), 'company_tickers.json'),
  );
  const classes = entries.reduce((n, e) => n + e.tickers.length, 0);
  const built = await measure('build the index (once per load)', () => new DirectoryIndex(entries), { runs: 20, warmup: 3 });
  report(built, null);
  const index = new DirectoryIndex(entries);
  console.log(`${entries.length} entries, ${classes} tickers`);
  let q = 0;
  const ours = await measure('search + resolve, 10 queries in turn', () => {
    const query = QUERIES[q++ % QUERIES.length]!;
    index.search(query, 25);
    index.resolve(query);
  }, { runs: 2_000, warmup: 200 });
  let b = 0;
  const baseline = await measure('naive scan', () => naiveSearch(entries, QUERIES[b++ % QUERIES.length]!), { runs: 200, warmup: 20 });
  report(ours, baseline, { ms: 2 });
  console.log(`directory search p99 ${ours.p99.toFixed(3)} ms | target p99 < 2 ms: ${ours.p99 < 2 ? 'met' : 'MISSED'}`);
}

function naiveSearch(entries: readonly DirectoryEntry[], query: string): DirectoryEntry[] {
  const q = searchKey(query);
  return entries.filter((e) => [...e.tickers, e.nameEn ?? '', e.nameJa ?? '', ...e.aliases].some((k) => searchKey(k).includes(q))).slice(0, 25);
}
