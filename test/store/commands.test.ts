import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { StoreSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { CONSOLE_USER, type Context, type Lang } from '../../commands/context.ts';
import type { ConcentrationChange } from '../../commands/hhi.ts';
import type { SnapshotFigures } from '../../commands/history.ts';
import type { Holdings } from '../../holdings/types.ts';
import { Store } from '../../store/store.ts';
import { contextFor, NOW } from '../support/context.ts';
import { HAS_RAW, RAW, rawCatalog } from '../support/raw.ts';
import { tempDir } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** IVV as last month's file: the last 3 positions gone, and the largest one 2 points heavier (then renormalised). */
function lastMonth(ivv: Holdings): Holdings {
  const copy = structuredClone(ivv);
  copy.asOf = { date: '2025-10-31', source: 'file' };
  copy.positions = copy.positions.slice(0, -3);
  copy.positions[0]!.weight += 0.02;
  const sum = copy.positions.reduce((s, p) => s + p.weight, 0);
  for (const p of copy.positions) p.weight /= sum;
  return copy;
}

async function withStore(run: (ctx: (lang?: Lang) => Context) => Promise<void>): Promise<void> {
  const tmp = tempDir();
  const store = await Store.open(`file:${path.join(tmp.dir, 'cmd.db')}`);
  try {
    const ivv = (await rawCatalog()).funds.get('IVV')!.holdings;
    await store.importHoldings(lastMonth(ivv), 'oct');
    await store.importHoldings(ivv, 'nov');
    const source = new StoreSource(store, tmp.dir);
    await source.refresh();
    await run((lang = 'en') => ({ lang, requester: CONSOLE_USER, data: source, now: NOW, staleAfterDays: 30 }));
  } finally {
    await store.close();
    tmp.remove();
  }
}

describe.skipIf(!HAS_RAW)('commands reading the store', () => {
  test('/hhi shows the change since the previous snapshot with both dates, in both languages', async () => {
    await withStore(async (ctx) => {
      const view = await dispatch({ command: 'hhi', text: 'IVV page=2' }, ctx());
      const change = (view.data as { change: ConcentrationChange }).change;
      expect(change.previousAsOf).toBe('2025-10-31');
      expect(change.asOf).toBe('2025-11-18');
      // Last month's largest holding was heavier, so concentration fell since: effective N up, top 10 down.
      expect(change.effectiveN.delta).toBeGreaterThan(0);
      expect(change.top10.delta).toBeLessThan(0);
      expect(change.effectiveN.current - change.effectiveN.previous).toBeCloseTo(change.effectiveN.delta, 12);
      const field = view.fields!.find((f) => f.name.includes('2025-10-31 → 2025-11-18'))!;
      expect(field.value).toMatch(/^Effective N [\d.]+ → [\d.]+ \(\+[\d.]+\); top 10 [\d.]+% → [\d.]+% \(−[\d.]+%\)$/);
      const ja = await dispatch({ command: 'hhi', text: 'IVV page=2' }, ctx('ja'));
      expect(ja.fields!.some((f) => f.name === '前回スナップショットからの変化（2025-10-31 → 2025-11-18）')).toBe(true);
    });
  });

  test('/hhi on files read directly (no store) has no change line and the same figures as before', async () => {
    const view = await dispatch({ command: 'hhi', text: 'IVV' }, contextFor(await rawCatalog()));
    expect(view.data).not.toHaveProperty('change');
  });

  test('/history: one row per snapshot, oldest first, and a line chart of effective N and top 10', async () => {
    await withStore(async (ctx) => {
      const view = await dispatch({ command: 'history', text: 'ivv' }, ctx());
      const { snapshots } = view.data as { snapshots: SnapshotFigures[] };
      expect(snapshots.map((s) => [s.asOf, s.count])).toEqual([
        ['2025-10-31', 500],
        ['2025-11-18', 503],
      ]);
      expect(view.table!.rows.map((r) => r[0])).toEqual(['2025-10-31', '2025-11-18']);
      expect(view.chart!.kind).toBe('line-panels');
      expect(view.chart!.series.map((s) => s.points.length)).toEqual([2, 2]);
      expect(view.chart!.series[0]!.points[1]!.y).toBeCloseTo(snapshots[1]!.effectiveN, 12);
      expect(view.sources).toEqual([{ fund: 'IVV', file: 'ivv_holdings.csv', issuer: 'iShares', asOf: '2025-11-18' }]);
    });
  });

  test('/history without a store refuses politely', async () => {
    const view = await dispatch({ command: 'history', text: 'IVV' }, contextFor(await rawCatalog()));
    expect(view.tone).toBe('error');
    expect((view.data as { error: { code: string } }).error.code).toBe('no-history');
  });
});

describe.skipIf(!HAS_RAW)('topheavy data import', () => {
  const cli = (args: string[], db: string) =>
    spawnSync(process.execPath, ['bin/topheavy.js', 'data', 'import', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${db}` } });

  test('stores a folder, says "unchanged" the second time, and names the file and what was expected for a bad one', () => {
    const tmp = tempDir();
    try {
      const dir = path.join(tmp.dir, 'holdings');
      mkdirSync(path.join(dir, 'ARKK'), { recursive: true });
      mkdirSync(path.join(dir, 'BAD'));
      copyFileSync(path.join(RAW, 'ARKK', 'ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv'), path.join(dir, 'ARKK', 'ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv'));
      writeFileSync(path.join(dir, 'BAD', 'bad.csv'), 'not,a,holdings\nfile,at,all\n');
      const db = path.join(tmp.dir, 'cli.db');
      const first = cli([dir], db);
      expect(first.status).toBe(1);
      expect(first.stdout).toMatch(/ARKK +ARK_INNOVATION_ETF_ARKK_HOLDINGS\.csv: stored \(35 positions, as of 2024-06-04\)/);
      expect(first.stderr).toMatch(/BAD +bad\.csv: not imported: bad\.csv, line 1: expected a holdings header/);
      expect(first.stdout).toMatch(/1 stored, 0 unchanged, 1 failed\./);
      const single = cli([path.join(dir, 'ARKK', 'ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv')], db);
      expect(single.status).toBe(0);
      expect(single.stdout).toMatch(/unchanged \(already stored, as of 2024-06-04\)/);
      expect(single.stdout).toMatch(/0 stored, 1 unchanged, 0 failed\./);
      expect(cli([], db).status).toBe(2);
      // A fund's own folder is that fund; an empty folder is a failure, not "0 stored".
      const own = cli([path.join(dir, 'ARKK')], path.join(tmp.dir, 'own.db'));
      expect(own.stdout).toMatch(/ARKK +ARK_INNOVATION_ETF_ARKK_HOLDINGS\.csv: stored \(35 positions, as of 2024-06-04\)/);
      expect(own.status).toBe(0);
      mkdirSync(path.join(tmp.dir, 'empty'));
      const empty = cli([path.join(tmp.dir, 'empty')], path.join(tmp.dir, 'own.db'));
      expect(empty.status).toBe(1);
      expect(empty.stderr).toMatch(/no issuer files here/);
    } finally {
      tmp.remove();
    }
  }, 60_000);
});
