import { copyFileSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoreSource } from '../../bot/data-source.ts';
import { parseFile } from '../../holdings/catalog.ts';
import type { Holdings } from '../../holdings/types.ts';
import { checksumOf, importPath } from '../../store/import.ts';
import { Store } from '../../store/store.ts';
import { HAS_RAW, RAW, rawCatalog } from '../support/raw.ts';
import { HAS_PG, startPg, type PgCluster } from './pg.ts';
import { spawnTs, tempDir, waitFor } from './helpers.ts';

const VT_FILE = path.join(RAW, 'VT', 'Holdings_details_Total_World_Stock_ETF.csv');

/** One backend the suite runs on: how to get a fresh, empty store URL, and its set-up/tear-down. */
interface Backend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  setUp(): Promise<void>;
  freshUrl(): Promise<string>;
  tearDown(): void;
}

const sqlite = (() => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let n = 0;
  return {
    name: 'sqlite',
    available: true,
    setUp: async () => void (tmp = tempDir()),
    freshUrl: async () => `file:${path.join(tmp!.dir, `store-${++n}.db`)}`,
    tearDown: () => tmp?.remove(),
  } satisfies Backend;
})();

const postgres = (() => {
  let cluster: PgCluster | undefined;
  return {
    name: 'postgres',
    available: HAS_PG,
    setUp: async () => void (cluster = await startPg()),
    freshUrl: () => cluster!.createDatabase(),
    tearDown: () => cluster?.stop(),
  } satisfies Backend;
})();

/** A copy of `h` claiming another as-of date: a stand-in for "last week's file". */
function olderCopy(h: Holdings, date: string, dropLast = 1): Holdings {
  const copy = structuredClone(h);
  copy.asOf = { date, source: 'file' };
  copy.positions = copy.positions.slice(0, copy.positions.length - dropLast);
  // Normalised again, as a parser would: the store refuses weights that do not add to 1.
  const sum = copy.positions.reduce((s, p) => s + p.weight, 0);
  for (const p of copy.positions) p.weight /= sum;
  return copy;
}

describe.each([sqlite, postgres])('the store on $name', (backend) => {
  describe.skipIf(!backend.available)(`${backend.name}`, () => {
    beforeAll(() => backend.setUp(), 60_000);
    afterAll(() => backend.tearDown());

    test('GIVEN a new database WHEN opened twice THEN migrations run once and the store is empty', async () => {
      const url = await backend.freshUrl();
      const a = await Store.open(url);
      await a.close();
      const b = await Store.open(url);
      expect(await b.snapshots()).toEqual([]);
      expect(await b.lastSnapshotId()).toBe(0);
      await b.close();
    });

    test.skipIf(!HAS_RAW)('every real file (incl. VT, 10,024 positions) reads back exactly as imported, positions by weight', async () => {
      const catalog = await rawCatalog();
      const store = await Store.open(await backend.freshUrl());
      try {
        for (const entry of catalog.funds.values()) {
          const r = await store.importHoldings(entry.holdings, checksumOf(readFileSync(entry.path)));
          expect(r.status).toBe('stored');
        }
        const latest = await store.latestSnapshots();
        expect(latest.map((s) => s.fund)).toEqual([...catalog.funds.keys()].sort());
        for (const s of latest) {
          const back = await store.readHoldings(s.id);
          expect(back).toEqual(catalog.funds.get(s.fund)!.holdings);
          // SQLite also reads synchronously (a fund read when first asked for): the same value.
          if (store.readsNow) expect(store.readHoldingsNow(s.id)).toEqual(back);
          const weights = back!.positions.map((p) => p.weight);
          expect(weights).toEqual([...weights].sort((x, y) => y - x));
        }
        expect(latest.find((s) => s.fund === 'VT')?.positions).toBe(10_024);
      } finally {
        await store.close();
      }
    });

    test.skipIf(!HAS_RAW)('the same file twice is "unchanged" and adds nothing', async () => {
      const store = await Store.open(await backend.freshUrl());
      try {
        const h = (await rawCatalog()).funds.get('IVV')!.holdings;
        const first = await store.importHoldings(h, 'sum-1');
        const again = await store.importHoldings(h, 'sum-1');
        expect(first.status).toBe('stored');
        expect(again).toEqual({ status: 'unchanged', snapshot: first.snapshot });
        expect(await store.snapshots()).toHaveLength(1);
        expect(await store.positionCount()).toBe(h.positions.length);
      } finally {
        await store.close();
      }
    });

    test.skipIf(!HAS_RAW)('a folder import stores every good file, reports the bad one by file and line, and a second run says unchanged', async () => {
      const tmp = tempDir();
      const store = await Store.open(await backend.freshUrl());
      try {
        for (const fund of ['ARKK', 'SOXX']) mkdirSync(path.join(tmp.dir, fund));
        copyFileSync(path.join(RAW, 'ARKK', 'ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv'), path.join(tmp.dir, 'ARKK', 'ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv'));
        // A damaged copy of a real file: its rows cut off after the header.
        const soxx = readFileSync(path.join(RAW, 'SOXX', 'SOXX_holdings.csv'), 'utf8').split('\n');
        const header = soxx.findIndex((l) => l.startsWith('Ticker'));
        writeFileSync(path.join(tmp.dir, 'SOXX', 'SOXX_holdings.csv'), soxx.slice(0, header + 1).join('\n'));
        const first = await importPath(store, tmp.dir);
        expect(first.stored.map((e) => e.fund)).toEqual(['ARKK']);
        expect(first.failed).toHaveLength(1);
        expect(first.failed[0]!.message).toMatch(/^SOXX_holdings\.csv(, line \d+)?: expected /);
        const second = await importPath(store, tmp.dir);
        expect(second.stored).toEqual([]);
        expect(second.unchanged.map((e) => e.fund)).toEqual(['ARKK']);
        expect(await store.snapshots()).toHaveLength(1);
      } finally {
        await store.close();
        tmp.remove();
      }
    });

    test('a folder file unchanged in size and modification time is not read again; touching it makes the next import read it', async () => {
      const tmp = tempDir();
      const store = await Store.open(await backend.freshUrl());
      try {
        expect(store.readsNow).toBe(backend.name === 'sqlite');
        for (const fund of ['TEST', 'NOPE']) mkdirSync(path.join(tmp.dir, fund));
        // The fixture prints its own fund ticker, TEST: the folder says the same, so nothing is renamed.
        const file = path.join(tmp.dir, 'TEST', 'TEST_HOLDINGS.csv');
        const original = readFileSync(path.join(import.meta.dirname, '../fixtures/ark/TEST_HOLDINGS.csv'), 'utf8');
        writeFileSync(file, original);
        // A whole-second time, so setting it again below restores it exactly.
        const mtime = new Date('2026-01-30T18:00:00Z');
        utimesSync(file, mtime, mtime);
        writeFileSync(path.join(tmp.dir, 'NOPE', 'notes.csv'), 'no holdings here\n');
        const first = await importPath(store, tmp.dir);
        expect(first.stored.map((e) => e.file)).toEqual(['TEST_HOLDINGS.csv']);
        expect(first.failed.map((e) => e.file)).toEqual(['notes.csv']);
        // Same size, same mtime, other bytes (60.00% → 61.00%): trusted as the file already stored, so not even hashed.
        const edited = original.replace('60.00%', '61.00%');
        expect(edited).toHaveLength(original.length);
        writeFileSync(file, edited);
        utimesSync(file, mtime, mtime);
        const second = await importPath(store, tmp.dir);
        expect(second.unchanged.map((e) => e.file)).toEqual(['TEST_HOLDINGS.csv']);
        expect(second.stored).toEqual([]);
        // A file that cannot be read is tried again at every start, and said again.
        expect(second.failed.map((e) => [e.file, e.message])).toEqual(first.failed.map((e) => [e.file, e.message]));
        // A new modification time: read, hashed, found different, stored as a new snapshot.
        utimesSync(file, mtime, new Date(mtime.getTime() + 60_000));
        const third = await importPath(store, tmp.dir);
        expect(third.stored.map((e) => e.file)).toEqual(['TEST_HOLDINGS.csv']);
        const snapshots = await store.snapshots('TEST');
        expect(snapshots.map((s) => s.checksum)).toEqual([checksumOf(Buffer.from(original)), checksumOf(Buffer.from(edited))]);
        const latest = await store.readHoldings(snapshots[1]!.id);
        // 61 of 61 + 30 + 9 equity weight: the edited file is what was read.
        expect(latest!.positions[0]!.weight).toBeCloseTo(61 / 100, 6);
      } finally {
        await store.close();
        tmp.remove();
      }
    });

    test.skipIf(!HAS_RAW)('a file that fails half-way through its transaction leaves the store exactly as it was', async () => {
      const store = await Store.open(await backend.freshUrl());
      try {
        const vt = (await rawCatalog()).funds.get('VT')!.holdings;
        const old = olderCopy(vt, '2026-01-31');
        await store.importHoldings(old, 'old');
        const before = { snapshots: await store.snapshots(), positions: await store.positionCount() };
        const broken = structuredClone(vt);
        // A NOT NULL column left null in the 3rd chunk: the database refuses it mid-import.
        (broken.positions[1200] as { name: unknown }).name = null;
        await expect(store.importHoldings(broken, 'new')).rejects.toThrow();
        expect(await store.snapshots()).toEqual(before.snapshots);
        expect(await store.positionCount()).toBe(before.positions);
        expect(await store.readHoldings(before.snapshots[0]!.id)).toEqual(old);
      } finally {
        await store.close();
      }
    });

    test.skipIf(!HAS_RAW)('history: the latest snapshot is the latest as-of date, and the source reloads when a newer one appears', async () => {
      const url = await backend.freshUrl();
      const store = await Store.open(url);
      const writer = await Store.open(url);
      try {
        const ivv = (await rawCatalog()).funds.get('IVV')!.holdings;
        await store.importHoldings(olderCopy(ivv, '2025-10-31', 3), 'oct');
        const source = new StoreSource(store, 'test');
        await source.refresh();
        expect(source.get('IVV')!.asOf.date).toBe('2025-10-31');
        expect(source.previous('IVV')).toBeUndefined();
        // Another process stores a newer file; an older one imported later must not win.
        await writer.importHoldings(ivv, 'nov');
        await writer.importHoldings(olderCopy(ivv, '2025-09-30', 5), 'sep');
        expect(await source.refresh()).toBe(true);
        expect(source.get('IVV')).toEqual(ivv);
        expect(source.previous('IVV')!.meta.asOf).toBe('2025-10-31');
        expect(source.previous('IVV')!.weights).toHaveLength(ivv.positions.length - 3);
        expect(await source.refresh()).toBe(false);
        const history = await source.history('IVV');
        expect(history.map((h) => h.meta.asOf)).toEqual(['2025-09-30', '2025-10-31', '2025-11-18']);
      } finally {
        await writer.close();
        await store.close();
      }
    });

    test('settings, locales, lesson progress, portfolios, quiz scores and alerts are kept', async () => {
      const store = await Store.open(await backend.freshUrl());
      try {
        await store.putSettings('discord', 'g1', { language: 'ja' });
        await store.putSettings('discord', 'g1', { alertChannel: 'c9', defaultFunds: ['VT', 'SPY'] });
        expect(await store.getSettings('discord', 'g1')).toEqual({ language: 'ja', alertChannel: 'c9', defaultFunds: ['VT', 'SPY'] });
        expect(await store.getSettings('slack', 'g1')).toBeUndefined();
        await store.setUserLocale('slack', 'U1', 'ja');
        expect(await store.getUserLocale('slack', 'U1')).toBe('ja');
        await store.setLessonProgress('slack', 'U1', 'hhi-and-effective-n', 2, false);
        await store.setLessonProgress('slack', 'U1', 'hhi-and-effective-n', 3, true);
        expect(await store.lessonProgress('slack', 'U1')).toEqual([{ lessonId: 'hhi-and-effective-n', step: 3, completed: true }]);
        await store.savePortfolio('slack', 'U1', 'mine', [{ fund: 'VT', weight: 0.6 }, { fund: 'QQQ', weight: 0.4 }]);
        expect(await store.portfolios('slack', 'U1')).toEqual([{ name: 'mine', allocation: [{ fund: 'VT', weight: 0.6 }, { fund: 'QQQ', weight: 0.4 }] }]);
        // One answer per user and quiz: the first counts, a second press changes nothing.
        expect((await store.recordQuizAnswer({ quizId: 'q1', platform: 'slack', userId: 'U1', answer: 'a', correct: false, serverId: 'T1' })).recorded).toBe(true);
        const again = await store.recordQuizAnswer({ quizId: 'q1', platform: 'slack', userId: 'U1', answer: 'b', correct: true, serverId: 'T1' });
        expect(again.recorded).toBe(false);
        expect(again.answer).toMatchObject({ answer: 'a', correct: false, serverId: 'T1' });
        await store.recordQuizAnswer({ quizId: 'q2', platform: 'slack', userId: 'U1', answer: 'c', correct: true, serverId: 'T1' });
        await store.recordQuizAnswer({ quizId: 'q2', platform: 'slack', userId: 'U2', answer: 'c', correct: true, serverId: null });
        expect(await store.quizScore('slack', 'U1')).toEqual({ answered: 2, correct: 1 });
        expect((await store.quizAnswersFor('q2')).map((a) => a.userId)).toEqual(['U1', 'U2']);
        expect((await store.quizAnswersIn('T1')).map((a) => [a.quizId, a.answer])).toEqual([['q1', 'a'], ['q2', 'c']]);
        expect((await store.quizAnswersIn(null)).map((a) => a.userId)).toEqual(['U2']);
        await store.setAlert('discord', 'g1', 'largest-above', 0.1, 'c9');
        await store.setAlert('discord', 'g1', 'largest-above', 0.08, 'c9');
        await store.setAlert('discord', 'g1', 'effective-n-below', 40, 'c9');
        expect((await store.alerts('discord', 'g1')).map((a) => [a.metric, a.threshold])).toEqual([
          ['effective-n-below', 40],
          ['largest-above', 0.08],
        ]);
        expect(await store.removeAlert('discord', 'g1', 'effective-n-below')).toBe(true);
        expect(await store.alerts()).toHaveLength(1);
      } finally {
        await store.close();
      }
    });

    test('two processes writing quiz answers at the same time lose none', async () => {
      const url = await backend.freshUrl();
      // Migrate first, so the writers race on answers, not on creating tables.
      await (await Store.open(url)).close();
      const per = 150;
      const writers = ['a', 'b'].map((tag) => spawnTs('children/quiz-writer.ts', [url, tag, String(per)]));
      await Promise.all(writers.map((w) => waitFor(w, /ready/)));
      const done = writers.map((w) => waitFor(w, /done/, 60_000));
      for (const w of writers) w.stdin!.write('go\n');
      await Promise.all(done);
      const store = await Store.open(url);
      try {
        // 150 distinct users each, plus the one shared (quiz, user) pair both kept answering: it counts once.
        expect(await store.quizAnswerCount()).toBe(2 * per + 1);
        expect(await store.quizScore('discord', 'same-user')).toEqual({ answered: 1, correct: 1 });
        expect((await store.quizAnswersFor('shared')).map((a) => a.answer)).toHaveLength(1);
        expect(await store.quizScore('discord', 'a-0')).toEqual({ answered: 1, correct: 1 });
        expect(await store.quizScore('discord', `b-${per - 1}`)).toEqual({ answered: 1, correct: 0 });
      } finally {
        await store.close();
      }
    }, 60_000);
  });
});

describe.skipIf(!HAS_RAW)('crash safety on SQLite', () => {
  test('GIVEN an import of VT killed with SIGKILL mid-transaction THEN the file opens, passes integrity_check and holds the old snapshot', async () => {
    const tmp = tempDir();
    const url = `file:${path.join(tmp.dir, 'crash.db')}`;
    try {
      const vt = await parseFile('VT', VT_FILE);
      const old = olderCopy(vt, '2026-01-31');
      const store = await Store.open(url);
      await store.importHoldings(old, 'old');
      await store.close();

      const child = spawnTs('children/crash-import.ts', [url, VT_FILE]);
      const said = await waitFor(child, /mid \d+/);
      const walBytes = statSync(path.join(tmp.dir, 'crash.db-wal')).size;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(said).toMatch(/mid 10000/);
      // Uncommitted pages reached the disk before the kill: recovery has something to throw away.
      expect(walBytes).toBeGreaterThan(100_000);

      const db = new SQLite(path.join(tmp.dir, 'crash.db'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      const after = await Store.open(url);
      try {
        const snapshots = await after.snapshots('VT');
        expect(snapshots.map((s) => s.checksum)).toEqual(['old']);
        expect(await after.positionCount()).toBe(old.positions.length);
        expect(await after.readHoldings(snapshots[0]!.id)).toEqual(old);
        // And the store still takes the real import afterwards.
        expect((await after.importHoldings(vt, checksumOf(readFileSync(VT_FILE)))).status).toBe('stored');
      } finally {
        await after.close();
      }
    } finally {
      tmp.remove();
    }
  }, 60_000);
});
