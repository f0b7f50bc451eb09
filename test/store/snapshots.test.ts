import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoreSource } from '../../bot/data-source.ts';
import { parseFile } from '../../holdings/catalog.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';
import type { Holdings } from '../../holdings/types.ts';
import { parseRemoveArgs, runDataCommand } from '../../store/data-command.ts';
import { sayData, usageProblem } from '../../commands/messages-data.ts';
import { t } from '../../commands/messages.ts';
import { importPath } from '../../store/import.ts';
import { Store } from '../../store/store.ts';
import { tempDir } from './helpers.ts';

/** A hand-made iShares file (test/fixtures), dated 2026-01-05 in its header. */
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/ishares/TEST_holdings.csv');
const NOW = new Date('2026-01-10T12:00:00Z');

let tmp: ReturnType<typeof tempDir>;
let base: Holdings;
beforeAll(async () => {
  tmp = tempDir();
  base = await parseFile('TEST', FIXTURE);
});
afterAll(() => tmp.remove());

const dated = (date: string): Holdings => ({ ...structuredClone(base), asOf: { date, source: 'file' } });
let n = 0;
const fresh = () => Store.open(`file:${path.join(tmp.dir, `s-${++n}.db`)}`);

describe('snapshots dated in the future are refused', () => {
  test('2099-12-31 is refused with the reason, and nothing is written', async () => {
    const store = await fresh();
    try {
      const error = await store.importHoldings(dated('2099-12-31'), 'future', { now: NOW }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HoldingsFileError);
      expect((error as Error).message).toBe('TEST_holdings.csv: expected an as-of date no later than 2026-01-11 (a date in the future is a typo or a placeholder); found "2099-12-31"');
      expect(await store.snapshots()).toEqual([]);
      expect(await store.positionCount()).toBe(0);
    } finally {
      await store.close();
    }
  });

  test('tomorrow (UTC) is allowed: a file from a time zone ahead of UTC; the day after is not', async () => {
    const store = await fresh();
    try {
      expect((await store.importHoldings(dated('2026-01-11'), 'tomorrow', { now: NOW })).status).toBe('stored');
      await expect(store.importHoldings(dated('2026-01-12'), 'after', { now: NOW })).rejects.toThrow(/no later than 2026-01-11/);
    } finally {
      await store.close();
    }
  });

  test('a folder import reports the future-dated file as failed (file and reason) and stores the rest', async () => {
    const dir = path.join(tmp.dir, 'holdings');
    mkdirSync(path.join(dir, 'TEST'), { recursive: true });
    mkdirSync(path.join(dir, 'FUTR'), { recursive: true });
    writeFileSync(path.join(dir, 'TEST', 'TEST_holdings.csv'), readFileSync(FIXTURE));
    writeFileSync(path.join(dir, 'FUTR', 'TEST_holdings.csv'), readFileSync(FIXTURE, 'utf8').replace('"Jan 05, 2026"', '"Dec 31, 2099"'));
    const store = await fresh();
    try {
      const summary = await importPath(store, dir);
      expect(summary.stored.map((e) => e.fund)).toEqual(['TEST']);
      expect(summary.failed).toHaveLength(1);
      expect(summary.failed[0]).toMatchObject({ fund: 'FUTR', file: 'TEST_holdings.csv' });
      expect(summary.failed[0]!.message).toMatch(/expected an as-of date no later than \d{4}-\d{2}-\d{2} .*found "2099-12-31"/);
      expect((await store.snapshots()).map((s) => s.fund)).toEqual(['TEST']);
    } finally {
      await store.close();
    }
  });
});

describe('topheavy data remove FUND [--as-of DATE]', () => {
  const run = async (url: string, args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDataCommand(['remove', ...args], { databaseUrl: url, out: (l) => out.push(l), err: (l) => err.push(l), tty: false, say: sayData('en') });
    return { code, out, err };
  };

  test('removes the named snapshot and its positions; the bot sees the older one again on refresh', async () => {
    const url = `file:${path.join(tmp.dir, 'remove.db')}`;
    const store = await Store.open(url);
    try {
      await store.importHoldings(dated('2026-01-05'), 'good', { now: NOW });
      // A bad file dated tomorrow slipped in before anyone noticed.
      const bad = dated('2026-01-11');
      bad.positions = bad.positions.slice(0, 2);
      const sum = bad.positions[0]!.weight + bad.positions[1]!.weight;
      for (const p of bad.positions) p.weight /= sum;
      await store.importHoldings(bad, 'bad', { now: NOW });
      const source = new StoreSource(store, tmp.dir);
      await source.refresh();
      expect(source.get('TEST')?.asOf.date).toBe('2026-01-11');
      const positionsBefore = await store.positionCount();

      const r = await run(url, ['test', '--as-of', '2026-01-11']);
      expect(r.code).toBe(0);
      expect(r.out[0]).toBe('TEST   TEST_holdings.csv: removed (as of 2026-01-11, 2 positions)');
      expect(r.out[1]).toMatch(/^1 removed\. Store: /);
      expect((await store.snapshots('TEST')).map((s) => s.asOf)).toEqual(['2026-01-05']);
      expect(await store.positionCount()).toBe(positionsBefore - 2);
      // The running bot picks the removal up: its newest snapshot is the good one again.
      expect(await source.refresh()).toBe(true);
      expect(source.get('TEST')?.asOf.date).toBe('2026-01-05');

      const again = await run(url, ['TEST', '--as-of=2026-01-11']);
      expect(again.code).toBe(1);
      expect(again.err[0]).toMatch(/^TEST: no snapshot dated 2026-01-11 is stored\./);
      // Without a date: every snapshot of the fund.
      expect((await run(url, ['TEST'])).code).toBe(0);
      expect(await store.snapshots('TEST')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  test.each([
    [[], 'name exactly one fund'],
    [['A', 'B'], 'name exactly one fund'],
    [['TEST', '--as-of', '11/01/2026'], '--as-of needs a date as YYYY-MM-DD, got "11/01/2026"'],
    [['TEST', '--as-of'], '--as-of needs a date as YYYY-MM-DD, got ""'],
    [['TEST', '--force'], 'unknown option --force'],
    [['not a fund!'], '"not a fund!" is not a fund ticker'],
  ])('usage errors say what is wrong: %j', async (args, problem) => {
    const parsed = parseRemoveArgs(args);
    expect('kind' in parsed && t('en', usageProblem(parsed))).toBe(problem);
    const r = await run(`file:${path.join(tmp.dir, 'usage.db')}`, args);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(new RegExp(`^${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\nusage:`));
  });
});
