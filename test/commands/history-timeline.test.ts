import { describe, expect, test } from 'vitest';
import { timeline } from '../../commands/history.ts';
import type { SnapshotMeta, SnapshotWeights } from '../../store/types.ts';

const snap = (id: number, asOf: string | null, sourceKind: string | null): SnapshotWeights => ({
  meta: { id, fund: 'IVW', name: 'IVW', issuer: 'iShares', format: 'x', file: `f${id}`, asOf, checksum: `c${id}`, importedAt: '2026-12-01T00:00:00Z', positions: 2, sourceKind, sourceUrl: null, sourceLookup: null } satisfies SnapshotMeta,
  weights: [0.6, 0.4],
});

describe('one timeline of issuer files and N-PORT filings', () => {
  const all = [snap(1, null, null), snap(2, '2024-03-31', 'sec-archive'), snap(3, '2026-06-30', 'issuer'), snap(4, '2026-06-30', 'sec-archive'), snap(5, '2026-11-18', null)];

  test('one point per date; where a filing and an issuer file share a date, the filing, and the date is named', () => {
    const { points, both } = timeline(all, '2019-01-01');
    expect(points.map((p) => p.meta.id)).toEqual([2, 4, 5]);
    expect(both).toEqual(['2026-06-30']);
  });

  test('since a year: earlier and undated snapshots are left out; without one, undated ones stay first', () => {
    expect(timeline(all, '2025-01-01').points.map((p) => p.meta.id)).toEqual([4, 5]);
    expect(timeline(all, null).points.map((p) => p.meta.id)).toEqual([1, 2, 4, 5]);
  });
});
