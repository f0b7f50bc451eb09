/**
 * Child process for the crash test: starts importing VT into the store named by argv[2] and,
 * once 10,000 of its 10,024 positions are written inside the still-open transaction, says "mid"
 * and waits forever, so the parent can SIGKILL it at a known point mid-transaction.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { parseFile } from '../../../holdings/catalog.ts';
import { checksumOf } from '../../../store/import.ts';
import { Store } from '../../../store/store.ts';

const [url, file] = process.argv.slice(2);
const store = await Store.open(url);
// A small page cache makes SQLite spill uncommitted pages into the WAL file mid-transaction, as a
// big import on a busy machine would: the kill then leaves real half-written data on disk.
if (store.backend === 'sqlite') await sql`pragma cache_size = 64`.execute(store.db);
const holdings = await parseFile('VT', file!);
await store.importHoldings(holdings, checksumOf(await readFile(file!)), {
  afterChunk: async (written) => {
    if (written < 10_000) return;
    process.stdout.write(`mid ${written}\n`);
    await new Promise(() => {});
  },
});
