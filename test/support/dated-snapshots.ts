import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StoreSource } from '../../bot/data-source.ts';
import { parseFile } from '../../holdings/catalog.ts';
import { checksumOf } from '../../store/import.ts';
import { Store } from '../../store/store.ts';

/** The Invesco-layout fixture (4 rows, dated 01/30/2026, Fund Ticker TEST). */
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/invesco/TEST_holdings.csv');

/**
 * A real SQLite store holding the bad case of issue 16: TEST as of 2026-01-30 (the fixture), TEST
 * as of 2099-01-01 (the same rows with the date column changed, as a mistyped issuer file would
 * have it) and another fund, OTHR, also dated 2099-01-01. The 2099 files are stored with the
 * clock pinned past them, as a store that took them before the future-date check would hold them.
 */
export async function storeWithFutureSnapshot(dir: string, name: string): Promise<{ store: Store; source: StoreSource }> {
  const text = readFileSync(FIXTURE, 'utf8');
  const files = [
    { fund: 'TEST', file: path.join(dir, 'TEST_holdings.csv'), text },
    { fund: 'TEST', file: path.join(dir, 'TEST_holdings_2099.csv'), text: text.replaceAll('01/30/2026', '01/01/2099') },
    { fund: 'OTHR', file: path.join(dir, 'OTHR_holdings_2099.csv'), text: text.replaceAll('01/30/2026', '01/01/2099').replace(/^TEST,/gm, 'OTHR,') },
  ];
  const store = await Store.open(`file:${path.join(dir, name)}`);
  for (const f of files) {
    writeFileSync(f.file, f.text);
    const h = await parseFile(f.fund, f.file);
    await store.importHoldings(h, checksumOf(Buffer.from(f.text)), { now: new Date('2099-01-02T00:00:00Z') });
  }
  const source = new StoreSource(store, dir);
  await source.refresh();
  return { store, source };
}

/** Every stored snapshot as "FUND as-of", sorted: what a test compares before and after. */
export async function storedDates(store: Store): Promise<string[]> {
  return (await store.snapshots()).map((s) => `${s.fund} ${s.asOf}`).sort();
}
