import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StoreSource } from '../bot/data-source.ts';
import { dispatch } from '../bot/dispatch.ts';
import { CONSOLE_USER } from '../commands/context.ts';
import { parseFile } from '../holdings/catalog.ts';
import { checksumOf } from '../store/import.ts';
import { Store } from '../store/store.ts';
import { HAS_PG, startPg } from '../test/store/pg.ts';
import { tempDir } from '../test/store/helpers.ts';

const RAW = path.resolve(import.meta.dirname, '../../shared/data/holdings/raw');
const VT_FILE = path.join(RAW, 'VT', 'Holdings_details_Total_World_Stock_ETF.csv');

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** VT (10,024 positions) import time into each backend, and /hhi latency with holdings from each (cold load, then warm). */
export async function benchStore(): Promise<void> {
  const vt = await parseFile('VT', VT_FILE);
  const checksum = checksumOf(readFileSync(VT_FILE));
  const tmp = tempDir('topheavy-bench-');
  const cluster = HAS_PG ? await startPg() : undefined;
  if (!cluster) console.log('store: PostgreSQL binaries absent, PostgreSQL figures skipped');
  try {
    const backends: [string, () => Promise<string>][] = [['sqlite', async () => `file:${path.join(tmp.dir, `bench-${Date.now()}.db`)}`]];
    if (cluster) backends.push(['postgres', () => cluster.createDatabase()]);
    for (const [name, fresh] of backends) {
      const imports: number[] = [];
      for (let i = 0; i < 5; i++) {
        const store = await Store.open(await fresh());
        const t0 = performance.now();
        await store.importHoldings(vt, checksum);
        imports.push(performance.now() - t0);
        await store.close();
      }
      const store = await Store.open(await fresh());
      await store.importHoldings(vt, checksum);
      const source = new StoreSource(store, 'bench');
      const c0 = performance.now();
      await source.refresh();
      const load = performance.now() - c0;
      const ctx = { lang: 'en' as const, requester: CONSOLE_USER, data: source, now: new Date(), staleAfterDays: 30 };
      const hhi: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        await source.refresh(); // what a bot does before answering: one max(id) probe
        await dispatch({ command: 'hhi', text: 'VT' }, ctx);
        hhi.push(performance.now() - t0);
      }
      await store.close();
      imports.sort((a, b) => a - b);
      hhi.sort((a, b) => a - b);
      console.log(
        `store ${name.padEnd(8)} import VT (10,024 positions): median ${quantile(imports, 0.5).toFixed(0)} ms (min ${imports[0]!.toFixed(0)}); ` +
          `load latest VT from store ${load.toFixed(0)} ms; /hhi VT incl. freshness probe p50 ${quantile(hhi, 0.5).toFixed(2)} ms p99 ${quantile(hhi, 0.99).toFixed(2)} ms`,
      );
    }
  } finally {
    cluster?.stop();
    tmp.remove();
  }
}
