import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pairedOverlap } from '../../analytics/paired-overlap.ts';

describe('pairedOverlap', () => {
  test('hand example: Σ min over paired positions, shares of each fund, top pairs by min', () => {
    const r = pairedOverlap([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0, 1, -1]);
    expect(r.weightOverlap).toBeCloseTo(0.5, 15);
    expect(r.commonCount).toBe(2);
    expect(r.shareOfA).toBeCloseTo(2 / 3, 15);
    expect(r.weightInCommon.a).toBeCloseTo(0.8, 15);
    expect(r.weightInCommon.b).toBeCloseTo(0.7, 15);
    expect(r.shared.map((s) => [s.i, s.j, s.min])).toEqual([
      [1, 1, 0.3],
      [0, 0, 0.2],
    ]);
  });

  test.each([
    [[0], 'match has 1 entries for 2 positions'],
    [[0, 0], 'pairs a position of b twice'],
    [[5, -1], 'out of range'],
  ])('bad match %j → RangeError', (match, message) => {
    expect(() => pairedOverlap([0.5, 0.5], [0.5, 0.5], match)).toThrow(message);
  });

  test('agrees with a brute-force Σ min for any pairing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 30 }), fc.integer(), (ra, rb, seed) => {
        const a = ra.map((x) => x / ra.reduce((s, y) => s + y, 0));
        const b = rb.map((x) => x / rb.reduce((s, y) => s + y, 0));
        const free = b.map((_, j) => j);
        const match = a.map((_, i) => ((seed + i) % 3 === 0 && free.length ? free.splice((seed >>> 0) % free.length, 1)[0]! : -1));
        const mins: number[] = [];
        match.forEach((j, i) => {
          if (j >= 0) mins.push(Math.min(a[i]!, b[j]!));
        });
        const paired = pairedOverlap(a, b, match, 1000);
        expect(paired.weightOverlap).toBeCloseTo(mins.reduce((s, x) => s + x, 0), 12);
        expect(paired.commonCount).toBe(mins.length);
        expect(paired.shared.map((s) => s.min)).toEqual([...mins].sort((x, y) => y - x));
      }),
    );
  });
});
