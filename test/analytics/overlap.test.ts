import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { overlap } from '../../src/analytics/overlap.ts';
import { positionsArb, shuffled, sumsByKey, type Row } from './arbitraries.ts';

const r = (key: string | null, weight: number): Row => ({ key, weight });

describe('overlap', () => {
  test('GIVEN two three-name funds with two names in common THEN the hand-computed figures', () => {
    const a = [r('AAPL', 0.5), r('MSFT', 0.3), r('XOM', 0.2)];
    const b = [r('AAPL', 0.2), r('MSFT', 0.5), r('NVDA', 0.3)];
    const o = overlap(a, b);
    expect(o.weightOverlap).toBeCloseTo(0.5, 12); // min(0.5, 0.2) + min(0.3, 0.5)
    expect(o.commonCount).toBe(2);
    expect(o.countA).toBe(3);
    expect(o.countB).toBe(3);
    expect(o.shareOfA).toBeCloseTo(2 / 3, 12);
    expect(o.shareOfB).toBeCloseTo(2 / 3, 12);
    expect(o.weightInCommon.a).toBeCloseTo(0.8, 12);
    expect(o.weightInCommon.b).toBeCloseTo(0.7, 12);
    expect(o.coverage).toEqual({ a: 1, b: 1 });
    expect(o.shared).toEqual([
      { key: 'MSFT', a: 0.3, b: 0.5, min: 0.3 },
      { key: 'AAPL', a: 0.5, b: 0.2, min: 0.2 },
    ]);
  });

  test.each([
    {
      name: 'null keys never match, even each other',
      a: [r(null, 0.4), r('X', 0.6)],
      b: [r(null, 0.5), r('X', 0.5)],
      weightOverlap: 0.5,
      commonCount: 1,
      countA: 1,
      countB: 1,
      coverage: { a: 0.6, b: 0.5 },
    },
    {
      name: 'duplicate keys within a fund are summed first',
      a: [r('X', 0.3), r('X', 0.3), r('Y', 0.4)],
      b: [r('X', 1)],
      weightOverlap: 0.6,
      commonCount: 1,
      countA: 2,
      countB: 1,
      coverage: { a: 1, b: 1 },
    },
    {
      name: 'nothing in common',
      a: [r('X', 1)],
      b: [r('Y', 0.5), r('Z', 0.5)],
      weightOverlap: 0,
      commonCount: 0,
      countA: 1,
      countB: 2,
      coverage: { a: 1, b: 1 },
    },
    {
      name: 'a small fund inside a large one',
      a: [r('X', 0.5), r('Y', 0.5)],
      b: [r('X', 0.1), r('Y', 0.1), r('Z', 0.8)],
      weightOverlap: 0.2,
      commonCount: 2,
      countA: 2,
      countB: 3,
      coverage: { a: 1, b: 1 },
    },
  ])('$name', ({ a, b, weightOverlap, commonCount, countA, countB, coverage }) => {
    const o = overlap(a, b);
    expect(o.weightOverlap).toBeCloseTo(weightOverlap, 12);
    expect(o.commonCount).toBe(commonCount);
    expect(o.countA).toBe(countA);
    expect(o.countB).toBe(countB);
    expect(o.shareOfA).toBeCloseTo(commonCount / countA, 12);
    expect(o.shareOfB).toBeCloseTo(commonCount / countB, 12);
    expect(o.coverage.a).toBeCloseTo(coverage.a, 12);
    expect(o.coverage.b).toBeCloseTo(coverage.b, 12);
  });

  test('GIVEN a fund with only unidentified rows THEN shares are 0, not NaN', () => {
    const o = overlap([r(null, 1)], [r('X', 1)]);
    expect(o).toMatchObject({ weightOverlap: 0, commonCount: 0, countA: 0, shareOfA: 0, shareOfB: 0 });
  });

  test('overlap(A, A) is 1 when every row is identified', () => {
    fc.assert(
      fc.property(positionsArb(), (a) => {
        const o = overlap(a, a);
        expect(o.weightOverlap).toBeCloseTo(1, 12);
        expect(o.shareOfA).toBe(1);
        expect(o.shareOfB).toBe(1);
      }),
    );
  });

  test('overlap(A, A) is the identified weight of A', () => {
    fc.assert(
      fc.property(positionsArb({ nulls: true }), (a) => {
        const o = overlap(a, a);
        expect(o.weightOverlap).toBeCloseTo(o.coverage.a, 12);
      }),
    );
  });

  test('is symmetric', () => {
    fc.assert(
      fc.property(positionsArb({ nulls: true }), positionsArb({ nulls: true }), (a, b) => {
        const ab = overlap(a, b);
        const ba = overlap(b, a);
        expect(ba.weightOverlap).toBe(ab.weightOverlap);
        expect(ba.commonCount).toBe(ab.commonCount);
        expect(ba.shareOfA).toBe(ab.shareOfB);
        expect(ba.shareOfB).toBe(ab.shareOfA);
        expect(ba.weightInCommon).toEqual({ a: ab.weightInCommon.b, b: ab.weightInCommon.a });
        expect(ba.coverage).toEqual({ a: ab.coverage.b, b: ab.coverage.a });
      }),
    );
  });

  test('agrees with a brute-force reference and does not depend on row order', () => {
    fc.assert(
      fc.property(
        positionsArb({ nulls: true }).chain((a) => fc.tuple(fc.constant(a), shuffled(a))),
        positionsArb({ nulls: true }).chain((b) => fc.tuple(fc.constant(b), shuffled(b))),
        ([a, a2], [b, b2]) => {
          const ma = sumsByKey(a);
          const mb = sumsByKey(b);
          let expected = 0;
          let common = 0;
          for (const [k, wa] of ma) {
            const wb = mb.get(k);
            if (wb !== undefined) {
              expected += Math.min(wa, wb);
              common++;
            }
          }
          const o = overlap(a, b);
          const o2 = overlap(a2, b2);
          expect(o.weightOverlap).toBeCloseTo(expected, 12);
          expect(o2.weightOverlap).toBeCloseTo(expected, 12);
          expect(o.commonCount).toBe(common);
          expect(o2.commonCount).toBe(common);
          expect(o2.countA).toBe(ma.size);
          expect(o2.shared.map((s) => s.key).sort()).toEqual(o.shared.map((s) => s.key).sort());
          expect(o.weightOverlap).toBeLessThanOrEqual(Math.min(o.coverage.a, o.coverage.b) + 1e-12);
          for (let i = 1; i < o.shared.length; i++) {
            expect(o.shared[i - 1]!.min).toBeGreaterThanOrEqual(o.shared[i]!.min);
          }
        },
      ),
    );
  });

  test.each([
    { name: 'A empty', a: [] as Row[], b: [r('X', 1)], message: /overlap: a is empty/ },
    { name: 'B with a negative weight', a: [r('X', 1)], b: [r('X', 1.1), r('Y', -0.1)], message: /b\[1\]\.weight/ },
    { name: 'A with NaN', a: [r('X', Number.NaN)], b: [r('X', 1)], message: /a\[0\]\.weight is NaN/ },
    { name: 'A not summing to 1', a: [r('X', 0.5)], b: [r('X', 1)], message: /a weights sum to 0.5/ },
    { name: 'B in percent', a: [r('X', 1)], b: [r('X', 100)], message: /b weights sum to 100/ },
  ])('GIVEN $name THEN RangeError', ({ a, b, message }) => {
    expect(() => overlap(a, b)).toThrow(RangeError);
    expect(() => overlap(a, b)).toThrow(message);
  });
});
