import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoreSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { CONSOLE_USER, type Context } from '../../commands/context.ts';
import { removeSnapshotCommand } from '../../commands/remove-snapshot.ts';
import type { Store } from '../../store/store.ts';
import { NOW } from '../support/context.ts';
import { storedDates, storeWithFutureSnapshot } from '../support/dated-snapshots.ts';
import { invocationFor } from '../support/fuzz.ts';
import { tempDir } from '../store/helpers.ts';

const tmp = tempDir('topheavy-remove-');
let store: Store;
let source: StoreSource;
const ALL = ['OTHR 2099-01-01', 'TEST 2026-01-30', 'TEST 2099-01-01'];

beforeAll(async () => void ({ store, source } = await storeWithFutureSnapshot(tmp.dir, 'remove.db')));
afterAll(async () => {
  await store?.close();
  tmp.remove();
});

/** The console's own user: an admin, so every step past the admin check is reached. */
const ctx = (lang: 'en' | 'ja'): Context => ({ lang, requester: CONSOLE_USER, data: source, now: NOW, staleAfterDays: 30 });

describe('/remove-snapshot: nothing goes without the code its preview showed', () => {
  test('seeded hostile input from an admin (text and options): never a crash, always readable, and the store is unchanged', async () => {
    const crashes: string[] = [];
    await fc.assert(
      fc.asyncProperty(invocationFor(removeSnapshotCommand), fc.constantFrom('en' as const, 'ja' as const), async (invocation, lang) => {
        const view = await dispatch(invocation, ctx(lang), memoryLogger());
        const code = (view.data as { error?: { code: string } } | undefined)?.error?.code;
        if (code === 'unexpected') crashes.push(JSON.stringify(invocation));
        expect(JSON.stringify(view)).not.toContain('[object Object]');
        // A first step (a preview) or a refusal: never a removal, as no generated code can match.
        expect((view.data as { status?: string } | undefined)?.status).not.toBe('removed');
      }),
      { seed: 20261127, numRuns: 300 },
    );
    expect(crashes).toEqual([]);
    expect(await storedDates(store)).toEqual(ALL);
  }, 120_000);

  test('the code is the preview’s: typed back with spaces or in capitals it works, and removes every snapshot of the fund when no date was given', async () => {
    const preview = await dispatch({ command: 'remove-snapshot', text: 'test' }, ctx('en'), memoryLogger());
    expect(preview.title).toBe('Remove these 2 snapshots of TEST?');
    expect(preview.summary).toContain('Afterwards no snapshot of TEST is left.');
    expect(preview.table?.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['TEST_holdings.csv', '2026-01-30', '4'],
      ['TEST_holdings_2099.csv', '2099-01-01', '4'],
    ]);
    const code = (preview.data as { code: string }).code;
    const done = await dispatch({ command: 'remove-snapshot', options: { fund: 'TEST', confirm: ` ${code.toUpperCase()} ` } }, ctx('ja'), memoryLogger());
    expect(done.title).toBe('TESTのスナップショット2件を削除しました');
    expect(done.summary).toContain('TESTのスナップショットは残っていません');
    expect(await storedDates(store)).toEqual(['OTHR 2099-01-01']);
    expect(source.get('TEST')).toBeUndefined();
    expect(source.get('OTHR')?.asOf.date).toBe('2099-01-01');
  });
});

describe('removal takes exactly the snapshots the confirmation was bound to', () => {
  test('given the ids shown, a snapshot of the same fund not among them stays, and no ids removes nothing', async () => {
    const own = await storeWithFutureSnapshot(tmp.dir, 'remove-only.db');
    try {
      const test2099 = (await own.store.snapshots('TEST')).find((s) => s.asOf === '2099-01-01')!;
      expect(await own.store.removeSnapshots('TEST', undefined, [])).toEqual([]);
      expect(await storedDates(own.store)).toEqual(ALL);
      // No date given, so by fund alone every TEST snapshot would go; the ids keep it to the one shown.
      const removed = await own.store.removeSnapshots('TEST', undefined, [test2099.id]);
      expect(removed.map((s) => `${s.fund} ${s.asOf}`)).toEqual(['TEST 2099-01-01']);
      expect(await storedDates(own.store)).toEqual(['OTHR 2099-01-01', 'TEST 2026-01-30']);
    } finally {
      await own.store.close();
    }
  });
});
