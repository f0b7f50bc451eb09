import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoreSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context, Lang, Requester } from '../../commands/context.ts';
import { alertFigures, crossedAlerts, type AlertFigures } from '../../store/alerts.ts';
import { importPath } from '../../store/import.ts';
import { Store, type AlertMetric, type AlertRule } from '../../store/store.ts';
import { contextFor, NOW } from '../support/context.ts';
import { HAS_RAW, RAW, rawCatalog } from '../support/raw.ts';
import { tempDir } from './helpers.ts';

const rule = (metric: AlertMetric, threshold: number, id = 1): AlertRule => ({ id, platform: 'discord', serverId: 'g1', metric, threshold, channelId: 'c9' });

// Hand-computed: [0.4, 0.3, 0.3] → largest 0.4, effective N 1/(0.16+0.09+0.09) = 1/0.34 = 2.9412, top 10 = 1.
//                [0.5, 0.3, 0.2] → largest 0.5, effective N 1/(0.25+0.09+0.04) = 1/0.38 = 2.6316, top 10 = 1.
const JAN = alertFigures('F', '2026-01-01', [0.4, 0.3, 0.3]);
const FEB = alertFigures('F', '2026-02-01', [0.5, 0.3, 0.2]);

describe('which alert rules a new snapshot crosses', () => {
  test('the figures are the hand-computed ones', () => {
    expect(JAN.largest).toBe(0.4);
    expect(JAN.effectiveN).toBeCloseTo(1 / 0.34, 12);
    expect(FEB.effectiveN).toBeCloseTo(1 / 0.38, 12);
    expect(FEB.top10).toBeCloseTo(1, 12);
  });

  test.each<[string, AlertMetric, number, AlertFigures | undefined, boolean]>([
    ['largest 40% → 50% crosses 45%', 'largest-above', 0.45, JAN, true],
    ['largest was already above 35%: no new alert', 'largest-above', 0.35, JAN, false],
    ['exactly on the threshold is not beyond it (50% vs 50%)', 'largest-above', 0.5, JAN, false],
    ['effective N 2.94 → 2.63 crosses below 2.8', 'effective-n-below', 2.8, JAN, true],
    ['effective N was already below 3', 'effective-n-below', 3, JAN, false],
    ['effective N 2.63 is not below 2.5', 'effective-n-below', 2.5, JAN, false],
    ['top 10 was already 100%, above 99%', 'top10-above', 0.99, JAN, false],
    ['no previous snapshot and beyond: crosses', 'largest-above', 0.45, undefined, true],
    ['no previous snapshot and not beyond: nothing', 'effective-n-below', 2, undefined, false],
  ])('%s', (_name, metric, threshold, previous, crosses) => {
    expect(crossedAlerts([rule(metric, threshold)], FEB, previous)).toHaveLength(crosses ? 1 : 0);
  });

  test('moving back inside the threshold is not an alert (50% → 40% against 45%)', () => {
    expect(crossedAlerts([rule('largest-above', 0.45)], JAN, FEB)).toEqual([]);
  });

  test('several rules: only the crossed ones, in rule order, each naming fund, metric, value, threshold and both dates', () => {
    const rules = [rule('largest-above', 0.45, 1), rule('top10-above', 0.99, 2), rule('effective-n-below', 2.8, 3)];
    const hits = crossedAlerts(rules, FEB, JAN);
    expect(hits.map((h) => [h.rule.id, h.metric, h.value, h.previousValue, h.threshold, h.asOf, h.previousAsOf])).toEqual([
      [1, 'largest-above', 0.5, 0.4, 0.45, '2026-02-01', '2026-01-01'],
      [3, 'effective-n-below', FEB.effectiveN, JAN.effectiveN, 2.8, '2026-02-01', '2026-01-01'],
    ]);
    expect(hits[0]!.message).toEqual({
      en: 'F: largest holding 50% as of 2026-02-01 is now above the 45% threshold (was 40% as of 2026-01-01).',
      ja: 'F：2026-02-01時点の最大銘柄の比率が50%となり、しきい値45%を上回りました（2026-01-01時点では40%）。',
    });
    expect(hits[1]!.message.en).toBe('F: effective number of holdings 2.6 as of 2026-02-01 is now below the 2.8 threshold (was 2.9 as of 2026-01-01).');
    expect(crossedAlerts(rules, FEB, undefined)[0]!.message.en).toBe('F: largest holding 50% as of 2026-02-01 is now above the 45% threshold (first stored snapshot).');
  });
});

describe('/alerts through dispatch, on a store-backed source', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let source: StoreSource;
  const who = (isAdmin: boolean, serverId: string | null = 'g1'): Requester => ({ platform: 'discord', userId: isAdmin ? 'admin' : 'member', serverId, channelId: 'c1', isAdmin });
  const ctx = (requester: Requester, lang: Lang = 'en'): Context => ({ lang, requester, data: source, now: NOW, staleAfterDays: 30 });
  const run = (text: string, requester: Requester, lang: Lang = 'en') => dispatch({ command: 'alerts', text }, ctx(requester, lang), memoryLogger());
  const codeOf = (view: { data?: unknown }) => (view.data as { error?: { code: string } }).error?.code;

  beforeAll(async () => {
    tmp = tempDir('topheavy-alerts-');
    store = await Store.open(`file:${path.join(tmp.dir, 'alerts.db')}`);
    source = new StoreSource(store, tmp.dir);
    await source.refresh();
  });
  afterAll(async () => {
    await store.close();
    tmp.remove();
  });

  test('anyone can list; with no rules the card says how an admin adds one', async () => {
    const view = await run('', who(false));
    expect(view.tone).toBe('info');
    expect(view.summary).toMatch(/No alert rules are set\. An admin can add one/);
    expect(view.data).toEqual({ server: 'g1', rules: [] });
  });

  test('a non-admin asking to set or remove is refused politely and nothing changes', async () => {
    for (const text of ['set metric=largest-above value=10', 'remove metric=largest-above']) {
      const view = await run(text, who(false));
      expect(view.tone).toBe('error');
      expect(view.ephemeral).toBe(true);
      expect(codeOf(view)).toBe('not-admin');
      expect(view.summary).toMatch(/^Only server admins .* can change alerts; anyone can list them/);
    }
    const ja = await run('set metric=largest-above value=10', who(false), 'ja');
    expect(ja.summary).toMatch(/^アラートを変更できるのはサーバー管理者/);
    expect(await store.alerts('discord', 'g1')).toEqual([]);
  });

  test('an admin sets rules (percent as a fraction, a channel mention or this channel) and removes one', async () => {
    const set = await run('set metric=largest-above value=10 channel=<#c9>', who(true));
    expect(set.tone).toBe('info');
    expect(set.summary).toMatch(/^Alert set: largest holding above 10%, posted to #c9\./);
    await run('set metric=effective-n-below value=40', who(true));
    await run('set top10-above 35%', who(true)); // positional, with a % sign
    expect((await store.alerts('discord', 'g1')).map((r) => [r.metric, r.threshold, r.channelId])).toEqual([
      ['effective-n-below', 40, 'c1'],
      ['largest-above', 0.1, 'c9'],
      ['top10-above', 0.35, 'c1'],
    ]);
    // Setting the same metric again moves it.
    await run('set metric=largest-above value=12.5 channel=c9', who(true));
    const ja = await run('', who(false), 'ja');
    expect(ja.table!.rows).toEqual([
      ['実効銘柄数が下回る', '40.0', '#c1'],
      ['最大銘柄の比率が上回る', '12.5%', '#c9'],
      ['上位10銘柄の比率が上回る', '35%', '#c1'],
    ]);
    const removed = await run('remove metric=top10-above', who(true));
    expect(removed.summary).toMatch(/^Alert removed: top 10 above\./);
    expect((await run('remove metric=top10-above', who(true))).summary).toMatch(/^There was no top10-above alert to remove\./);
    expect((await store.alerts('discord', 'g1')).map((r) => r.metric)).toEqual(['effective-n-below', 'largest-above']);
    // Another server sees only its own rules.
    expect((await run('', who(false, 'g2'))).data).toEqual({ server: 'g2', rules: [] });
  });

  test('bad input is refused with what to type: no metric, no value, a percent over 100, an unknown metric', async () => {
    expect(codeOf(await run('set', who(true)))).toBe('alert-metric');
    expect(codeOf(await run('set metric=largest-above', who(true)))).toBe('alert-value');
    expect(codeOf(await run('set metric=largest-above value=150', who(true)))).toBe('alert-value');
    expect(codeOf(await run('set metric=biggest value=10', who(true)))).toBe('bad-args');
    expect(codeOf(await run('set metric=largest-above value=10 channel=<@123>', who(true)))).toBe('alert-channel');
  });

  test('a DM has no server to hold alerts; a session without the store says alerts need it', async () => {
    expect(codeOf(await run('', who(true, null)))).toBe('no-server');
    if (HAS_RAW) {
      const view = await dispatch({ command: 'alerts', text: '' }, contextFor(await rawCatalog()), memoryLogger());
      expect(codeOf(view)).toBe('no-store');
    }
  });
});

describe.skipIf(!HAS_RAW)('alerts after an import', () => {
  test('a newly stored snapshot that crosses a rule is returned to the caller; the same file again crosses nothing', async () => {
    const tmp = tempDir('topheavy-alerts-import-');
    const store = await Store.open(`file:${path.join(tmp.dir, 'import.db')}`);
    try {
      await store.setAlert('slack', 'T1', 'largest-above', 0.1, 'C1');
      await store.setAlert('slack', 'T1', 'effective-n-below', 5, 'C1');
      const file = path.join(RAW, 'ARKK', 'ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv');
      const first = await importPath(store, file);
      expect(first.stored).toHaveLength(1);
      expect(first.alerts.map((a) => [a.fund, a.metric, a.rule.platform, a.rule.channelId, a.asOf, a.previousAsOf])).toEqual([['ARKK', 'largest-above', 'slack', 'C1', '2024-06-04', null]]);
      expect(first.alerts[0]!.value).toBeGreaterThan(0.1);
      const again = await importPath(store, file);
      expect(again.unchanged).toHaveLength(1);
      expect(again.alerts).toEqual([]);
    } finally {
      await store.close();
      tmp.remove();
    }
  });
});
