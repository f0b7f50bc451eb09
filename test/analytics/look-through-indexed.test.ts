import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { largestIndexes, lookThroughIndexed } from '../../analytics/look-through-indexed.ts';
import { toFractions, weightsArb } from './arbitraries.ts';

describe('lookThroughIndexed', () => {
  test('GIVEN 60/40 in two funds sharing security 0 THEN the hand-computed exposures', () => {
    // security 0 = 0.6·0.5 + 0.4·0.5 = 0.5; 1 = 0.6·0.5 = 0.3; 2 = 0.4·0.5 = 0.2
    const out = lookThroughIndexed(
      [
        { allocation: 0.6, weights: [0.5, 0.5], ids: [0, 1] },
        { allocation: 0.4, weights: [0.5, 0.5], ids: [0, 2] },
      ],
      3,
    );
    expect(out[0]).toBeCloseTo(0.5, 15);
    expect(out[1]).toBeCloseTo(0.3, 15);
    expect(out[2]).toBeCloseTo(0.2, 15);
  });

  test('duplicate ids within a fund add up', () => {
    expect(lookThroughIndexed([{ allocation: 1, weights: [0.25, 0.25, 0.5], ids: [0, 0, 1] }], 2)).toEqual([0.5, 0.5]);
  });

  test.each([
    [[{ allocation: 0.5, weights: [1], ids: [0] }], 1, 'allocations sum to 0.5'],
    [[{ allocation: 1, weights: [1], ids: [3] }], 2, 'ids run from 0 to 1'],
    [[{ allocation: 1, weights: [0.5, 0.5], ids: [0] }], 1, 'has 1 ids for 2 weights'],
    [[{ allocation: 0, weights: [1], ids: [0] }], 1, 'must be a finite number > 0'],
  ])('bad input → RangeError (%#)', (funds, size, message) => {
    expect(() => lookThroughIndexed(funds, size)).toThrow(message);
  });

  test('a single fund with allocation 1 equals that fund; exposures always sum to 1', () => {
    fc.assert(
      fc.property(weightsArb(40), (w) => {
        expect(lookThroughIndexed([{ allocation: 1, weights: w, ids: w.map((_, i) => i) }], w.length)).toEqual(w);
      }),
    );
    fc.assert(
      fc.property(weightsArb(30), weightsArb(30), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 2 }), (a, b, alloc) => {
        const size = Math.max(a.length, b.length);
        const [x, y] = toFractions(alloc);
        const out = lookThroughIndexed(
          [
            { allocation: x!, weights: a, ids: a.map((_, i) => i) },
            { allocation: y!, weights: b, ids: b.map((_, i) => size - 1 - i) },
          ],
          size,
        );
        expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      }),
    );
  });

  test('does not depend on the order of a fund’s positions', () => {
    fc.assert(
      fc.property(weightsArb(40), fc.integer(), (w, seed) => {
        const order = w.map((_, i) => i).sort((i, j) => ((i * 7919 + seed) % 101) - ((j * 7919 + seed) % 101));
        const a = lookThroughIndexed([{ allocation: 1, weights: w, ids: w.map((_, i) => i % 5) }], 5);
        const b = lookThroughIndexed([{ allocation: 1, weights: order.map((i) => w[i]!), ids: order.map((i) => i % 5) }], 5);
        a.forEach((v, k) => expect(b[k]).toBeCloseTo(v, 12));
      }),
    );
  });
});

describe('largestIndexes', () => {
  test('k largest, largest first, ties by lower index', () => {
    expect(largestIndexes([0.1, 0.5, 0.2, 0.5], 2)).toEqual([1, 3]);
    expect(largestIndexes([3, 1, 2], 10)).toEqual([0, 2, 1]);
  });

  test('agrees with a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 20 }), (values, k) => {
        const expected = values.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]).slice(0, k).map(([, i]) => i);
        expect(largestIndexes(values, k)).toEqual(expected);
      }),
    );
  });
});
