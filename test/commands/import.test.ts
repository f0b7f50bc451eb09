import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { StoreSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { CONSOLE_USER, type Context, type Requester } from '../../commands/context.ts';
import { Store } from '../../store/store.ts';
import { NOW } from '../support/context.ts';
import { tempDir } from '../store/helpers.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/invesco/TEST_holdings.csv');
const BYTES = new Uint8Array(readFileSync(FIXTURE));
const ADMIN: Requester = { platform: 'discord', userId: 'u-admin', serverId: 'g1', channelId: 'c1', isAdmin: true };
const MEMBER: Requester = { ...ADMIN, userId: 'u-member', isAdmin: false };

/** An uploaded file, as a surface hands it over; counts reads so a refusal can be shown to read nothing. */
function upload(filename: string, bytes: Uint8Array) {
  const att = { filename, size: bytes.length, reads: 0, read: async () => (att.reads++, bytes) };
  return att;
}

async function withEmptyStore(run: (source: StoreSource, store: Store, ctx: (requester: Requester, attachment?: Context['attachment']) => Context) => Promise<void>): Promise<void> {
  const tmp = tempDir();
  const store = await Store.open(`file:${path.join(tmp.dir, 'import.db')}`);
  try {
    const source = new StoreSource(store, tmp.dir);
    await source.refresh();
    await run(source, store, (requester, attachment) => ({ lang: 'en', requester, data: source, now: NOW, staleAfterDays: 30, ...(attachment ? { attachment } : {}) }));
  } finally {
    await store.close();
    tmp.remove();
  }
}

describe('/import: an admin uploads an issuer file for a fund the bot does not have', () => {
  test('GIVEN an empty store WHEN an admin imports TEST THEN it is stored, the card says so, and /hhi TEST works', async () => {
    await withEmptyStore(async (source, store, ctx) => {
      const before = await dispatch({ command: 'hhi', text: 'TEST' }, ctx(ADMIN), memoryLogger());
      expect(before.tone).toBe('error');
      const view = await dispatch({ command: 'import', options: { fund: 'test', file: '123' } }, ctx(ADMIN, upload('TEST_holdings.csv', BYTES)), memoryLogger());
      expect(view.tone).toBe('info');
      expect(view.data).toMatchObject({ fund: 'TEST', file: 'TEST_holdings.csv', status: 'stored', asOf: '2026-01-30', positions: 4, excluded: 2 });
      const fields = Object.fromEntries(view.fields!.map((f) => [f.name, f.value]));
      expect(fields).toMatchObject({ File: 'TEST_holdings.csv', 'As of': '2026-01-30', Positions: '4', 'Excluded rows': '2', Status: 'stored' });
      expect(view.sources).toEqual([{ fund: 'TEST', file: 'TEST_holdings.csv', issuer: 'Invesco', asOf: '2026-01-30' }]);
      // refresh() ran: the source already serves the new fund, no restart.
      expect(source.get('TEST')?.positions).toHaveLength(4);
      const hhi = await dispatch({ command: 'hhi', text: 'TEST' }, ctx(MEMBER), memoryLogger());
      expect(hhi.tone).not.toBe('error');
      expect(hhi.sources[0]).toMatchObject({ fund: 'TEST', asOf: '2026-01-30' });
      expect(await store.snapshots('TEST')).toHaveLength(1);
    });
  });

  test('a file that prints another fund than the one typed is refused naming both, in the reader\'s language, and nothing is stored', async () => {
    // The fixture's "Fund Ticker" column says TEST; the admin typed IVV.
    expect(readFileSync(FIXTURE, 'utf8').split('\n')[1]).toMatch(/^TEST,/);
    await withEmptyStore(async (_source, store, ctx) => {
      const file = upload('TEST_holdings.csv', BYTES);
      const en = await dispatch({ command: 'import', options: { fund: 'IVV', file: 'a' } }, ctx(ADMIN, file), memoryLogger());
      expect(en.tone).toBe('error');
      expect(en.summary).toBe('TEST_holdings.csv holds the holdings of TEST, not IVV: nothing was stored. Import it as `/import TEST`.');
      const ja = await dispatch({ command: 'import', options: { fund: 'IVV', file: 'b' } }, { ...ctx(ADMIN, upload('TEST_holdings.csv', BYTES)), lang: 'ja' }, memoryLogger());
      expect(ja.tone).toBe('error');
      expect(ja.summary).toContain('TEST');
      expect(ja.summary).toContain('IVV');
      expect(ja.summary).toMatch(/[ぁ-んァ-ン]/);
      expect(await store.snapshots()).toEqual([]);
    });
  });

  test('the same file again is reported unchanged and adds no snapshot', async () => {
    await withEmptyStore(async (_source, store, ctx) => {
      await dispatch({ command: 'import', options: { fund: 'TEST', file: 'a' } }, ctx(ADMIN, upload('TEST_holdings.csv', BYTES)), memoryLogger());
      const again = await dispatch({ command: 'import', options: { fund: 'TEST', file: 'b' } }, ctx(ADMIN, upload('renamed.csv', BYTES)), memoryLogger());
      expect(again.data).toMatchObject({ status: 'unchanged', positions: 4 });
      expect(again.fields!.find((f) => f.name === 'Status')!.value).toBe('unchanged');
      expect(await store.snapshots('TEST')).toHaveLength(1);
    });
  });

  test('a member without admin rights is refused politely, the file is never read, and nothing is stored', async () => {
    await withEmptyStore(async (_source, store, ctx) => {
      const file = upload('TEST_holdings.csv', BYTES);
      const view = await dispatch({ command: 'import', options: { fund: 'TEST', file: 'x' } }, ctx(MEMBER, file), memoryLogger());
      expect(view.tone).toBe('error');
      expect(view.ephemeral).toBe(true);
      expect(view.data).toMatchObject({ error: { code: 'not-admin' } });
      expect(view.summary).toMatch(/Only server admins/);
      expect(file.reads).toBe(0);
      expect(await store.snapshots()).toHaveLength(0);
      const ja = await dispatch({ command: 'import', options: { fund: 'TEST', file: 'x' } }, { ...ctx(MEMBER, file), lang: 'ja' }, memoryLogger());
      expect(ja.summary).toMatch(/サーバー管理者/);
    });
  });

  test('a damaged file is refused with its file, line and what was expected, and the store is unchanged', async () => {
    await withEmptyStore(async (_source, store, ctx) => {
      await dispatch({ command: 'import', options: { fund: 'TEST', file: 'a' } }, ctx(ADMIN, upload('TEST_holdings.csv', BYTES)), memoryLogger());
      const lines = new TextDecoder().decode(BYTES).split('\n');
      lines[3] = lines[3]!.replace('15.000', 'fifteen');
      const damaged = new TextEncoder().encode(lines.join('\n'));
      const view = await dispatch({ command: 'import', options: { fund: 'TEST', file: 'b' } }, ctx(ADMIN, upload('TEST_bad.csv', damaged)), memoryLogger());
      expect(view.data).toMatchObject({ error: { code: 'bad-file' } });
      expect(view.summary).toMatch(/^Nothing was imported\. TEST_bad\.csv, line 4: expected /);
      expect(await store.snapshots('TEST')).toHaveLength(1);
    });
  });

  test('other files are refused before they are read: wrong type, too large, or no file at all', async () => {
    await withEmptyStore(async (_source, store, ctx) => {
      const exe = upload('setup.exe', BYTES);
      const big = { filename: 'big.csv', size: 21 * 1024 * 1024, read: async () => BYTES };
      const code = async (attachment?: Context['attachment']) =>
        ((await dispatch({ command: 'import', options: { fund: 'TEST', file: 'x' } }, ctx(ADMIN, attachment), memoryLogger())).data as { error: { code: string } }).error.code;
      expect(await code(exe)).toBe('bad-file');
      expect(exe.reads).toBe(0);
      expect(await code(big)).toBe('too-large');
      expect(await code(undefined)).toBe('no-file');
      expect(await store.snapshots()).toHaveLength(0);
    });
  });

  test('on the console the file argument is a local path', async () => {
    await withEmptyStore(async (_source, _store, ctx) => {
      const view = await dispatch({ command: 'import', text: `TEST ${FIXTURE}` }, ctx(CONSOLE_USER), memoryLogger());
      expect(view.data).toMatchObject({ fund: 'TEST', status: 'stored', positions: 4 });
      const missing = await dispatch({ command: 'import', text: 'TEST file=./no-such-file.csv' }, ctx(CONSOLE_USER), memoryLogger());
      expect(missing.data).toMatchObject({ error: { code: 'no-file' } });
    });
  });

  test('a chat user cannot make the bot read a path from its disk', async () => {
    await withEmptyStore(async (_source, store, ctx) => {
      const view = await dispatch({ command: 'import', text: `TEST ${FIXTURE}` }, ctx(ADMIN), memoryLogger());
      expect(view.data).toMatchObject({ error: { code: 'no-file' } });
      expect(await store.snapshots()).toHaveLength(0);
    });
  });
});
