import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../bot/console/cli.ts';
import { Store } from '../../store/store.ts';
import { isStoreUnavailable, StoreUnavailableError } from '../../store/unavailable.ts';
import { tempDir } from './helpers.ts';

const tmp = tempDir('topheavy-unavailable-');
afterAll(() => tmp.remove());

describe('SQLite locked by another writer (SQLITE_BUSY)', () => {
  test('a write waits out the busy timeout, is tried once more, then says the store is unavailable; once the lock goes it works', async () => {
    const file = path.join(tmp.dir, 'busy.db');
    const store = await Store.open(`file:${file}`);
    await sql`pragma busy_timeout = 150`.execute(store.db);
    // Another process holding the write lock (a long import, a stuck tool).
    const other = new SQLite(file);
    other.exec('begin immediate');
    const t0 = Date.now();
    const error = await store.removeSnapshots('X').catch((e: unknown) => e);
    const waited = Date.now() - t0;
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/the store is busy or unreachable: database is locked/);
    expect(isStoreUnavailable(error)).toBe(true);
    // Two attempts, each waiting the busy timeout: the retry really happened.
    expect(waited).toBeGreaterThanOrEqual(280);
    // A statement outside write() meets the same lock: SQLite's own error, which dispatch also treats as unavailable.
    const direct = await store.putSettings('discord', 'g1', { language: 'ja' }).catch((e: unknown) => e);
    expect((direct as { code?: string }).code).toBe('SQLITE_BUSY');
    expect(isStoreUnavailable(direct)).toBe(true);
    other.exec('rollback');
    other.close();
    expect(await store.removeSnapshots('X')).toEqual([]);
    expect((await store.putSettings('discord', 'g1', { language: 'ja' })).language).toBe('ja');
    await store.close();
  });
});

describe('the one-shot CLI with a store it cannot open', () => {
  test('one plain line on stderr, exit status 2, no stack trace', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/topheavy';
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      for (const argv of [['hhi', 'VT'], ['data', 'import', tmp.dir]]) {
        written.length = 0;
        expect(await main(argv)).toBe(2);
        const text = written.join('');
        expect(text).toBe('topheavy: cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/topheavy (ECONNREFUSED): start the server or fix DATABASE_URL.\n');
      }
      // Under --lang ja (a `data` subcommand too) the same line in Japanese, from the problem's kind.
      for (const argv of [['hhi', 'VT', '--lang', 'ja'], ['data', 'sync', '--lang=ja']]) {
        written.length = 0;
        expect(await main(argv)).toBe(2);
        expect(written.join('')).toBe('topheavy：postgres://nobody@127.0.0.1:1/topheavy のPostgreSQLに接続できません（ECONNREFUSED）。サーバーを起動するか DATABASE_URL を直してください。\n');
      }
    } finally {
      spy.mockRestore();
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});
