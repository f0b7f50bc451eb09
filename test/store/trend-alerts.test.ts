import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { alertsForSnapshot } from '../../store/alert-check.ts';
import { alertFigures, crossedAlerts } from '../../store/alerts.ts';
import { createBackfiller } from '../../store/backfill.ts';
import { Store, type AlertRule } from '../../store/store.ts';
import { CALVERT, CIK, independent, IVW_REAL, SERIES } from './archive-fixtures.ts';
import { startArchiveServer } from './archive-server.ts';
import { tempDir } from './helpers.ts';
import { HAS_SEC } from './sec-server.ts';

const rule = (metric: AlertRule['metric'], threshold: number): AlertRule => ({ id: 1, platform: 'discord', serverId: 'g1', metric, threshold, channelId: 'c9' });

describe('trend alert rules: effective N fell more than a share over N years', () => {
  // Hand-computed: [0.5, 0.3, 0.2] → effective N 1/0.38 = 2.6316; against 3.5 two years before it fell 1 − 2.6316/3.5 = 24.81%.
  const now = { ...alertFigures('F', '2026-06-30', [0.5, 0.3, 0.2]), past: { 2: { effectiveN: 3.5, asOf: '2024-06-28' } } };

  test('a fall past the threshold crosses, once: not when the previous snapshot had already fallen that far', () => {
    const before = { ...alertFigures('F', '2026-03-31', [0.4, 0.3, 0.3]), past: { 2: { effectiveN: 3.0, asOf: '2024-03-29' } } };
    const [crossing] = crossedAlerts([rule('effective-n-fell-2y', 0.2)], now, before);
    expect(crossing!.value).toBeCloseTo(1 - 1 / 0.38 / 3.5, 12);
    expect(crossing!.message.en).toBe('F: effective N fell 24.81% over 2 years (3.5 as of 2024-06-28 → 2.6 as of 2026-06-30), more than the 20% threshold.');
    expect(crossing!.message.ja).toBe('F：実効銘柄数が2年で24.81%減少し（2024-06-28時点 3.5 → 2026-06-30時点 2.6）、しきい値20%を超えました。');
    // The snapshot before had already fallen 1 − 2.9412/4.0 = 26.5% (past 20%): no second alert.
    const alreadyFallen = { ...before, past: { 2: { effectiveN: 4.0, asOf: '2024-03-29' } } };
    expect(crossedAlerts([rule('effective-n-fell-2y', 0.2)], now, alreadyFallen)).toEqual([]);
    expect(crossedAlerts([rule('effective-n-fell-2y', 0.25)], now, before)).toEqual([]);
  });

  test('no snapshot that far back: nothing, however low effective N is', () => {
    expect(crossedAlerts([rule('effective-n-fell-1y', 0.01)], now, undefined)).toEqual([]);
  });
});

describe.skipIf(!HAS_SEC)('a trend rule on a fund whose archive was backfilled through the loopback SEC', () => {
  test('the latest period alerts against the period two years before it, figures from the filings themselves', async () => {
    const twoYearsBefore = { ...CALVERT, accession: '0000940400-24-000201', filingDate: '2024-08-27', reportDate: '2024-06-28', servedPeriod: '2024-06-28' };
    const server = await startArchiveServer(CIK, SERIES, [twoYearsBefore, IVW_REAL], 5);
    const tmp = tempDir('topheavy-trend-');
    const store = await Store.open(`file:${path.join(tmp.dir, 't.db')}`);
    try {
      const outcome = await createBackfiller(store, { env: { SEC_USER_AGENT: 'topheavy tests ops@example.org', SYNC_BASE_URL: server.base } }).backfill(
        { fund: 'IVW', name: 'IVW', cik: CIK, seriesId: SERIES, issuer: null },
        '2019-01-01',
      );
      expect(outcome.stored).toEqual(['2024-06-28', '2026-06-30']);
      await store.setAlert('discord', 'g1', 'effective-n-fell-2y', 0.2, 'c9');
      await store.setAlert('discord', 'g1', 'effective-n-fell-1y', 0.01, 'c9');
      const latest = (await store.snapshots('IVW')).at(-1)!;
      const crossings = await alertsForSnapshot(store, latest.id, 'IVW');
      const then = independent(server.bytesOf(twoYearsBefore)).effectiveN;
      const nowN = independent(server.bytesOf(IVW_REAL)).effectiveN;
      // Only the 2-year rule: nothing is stored a year (± a quarter) before 2026-06-30.
      expect(crossings.map((c) => c.metric)).toEqual(['effective-n-fell-2y']);
      expect(crossings[0]!.value).toBeCloseTo(1 - nowN / then, 9);
      expect(crossings[0]!.message.en).toContain(`(${then.toFixed(1)} as of 2024-06-28 → ${nowN.toFixed(1)} as of 2026-06-30)`);
    } finally {
      await store.close();
      await server.close();
      tmp.remove();
    }
  });
});
