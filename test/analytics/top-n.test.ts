import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { topN } from '../../analytics/top-n.ts';
import { weightsAndShuffleArb, weightsArb, weightsWithZerosArb } from './arbitraries.ts';

/** Reference by full sort. */
function topNBySort(ws: readonly number[], n: number): number {
  return [...ws]
    .sort((a, b) => b - a)
    .slice(0, n)
    .reduce((s, w) => s + w, 0);
}

describe('topN', () => {
  test.each([
    { weights: [0.1, 0.4, 0.2, 0.3], n: 1, expected: 0.4 },
    { weights: [0.1, 0.4, 0.2, 0.3], n: 2, expected: 0.7 },
    { weights: [0.1, 0.4, 0.2, 0.3], n: 3, expected: 0.9 },
    { weights: [0.1, 0.4, 0.2, 0.3], n: 4, expected: 1 },
    { weights: [0.1, 0.4, 0.2, 0.3], n: 10, expected: 1 },
    { weights: [0.2, 0.2, 0.2, 0.2, 0.2], n: 2, expected: 0.4 },
    { weights: [0, 0.5, 0, 0.5], n: 3, expected: 1 },
    // Need not sum to 1: the top-2 of a subset.
    { weights: [0.07, 0.06, 0.05, 0.01], n: 2, expected: 0.13 },
  ])('top-$n of $weights = $expected', ({ weights, n, expected }) => {
    expect(topN(weights, n)).toBeCloseTo(expected, 12);
  });

  test('agrees with a full sort', () => {
    fc.assert(
      fc.property(weightsWithZerosArb(300), fc.integer({ min: 1, max: 320 }), (ws, n) => {
        expect(topN(ws, n)).toBeCloseTo(topNBySort(ws, n), 12);
      }),
    );
  });

  test('is monotone in n', () => {
    fc.assert(
      fc.property(weightsArb(100), fc.integer({ min: 1, max: 110 }), (ws, n) => {
        expect(topN(ws, n + 1)).toBeGreaterThanOrEqual(topN(ws, n) - 1e-12);
      }),
    );
  });

  test('does not depend on row order', () => {
    fc.assert(
      fc.property(weightsAndShuffleArb(200), fc.integer({ min: 1, max: 20 }), ([ws, perm], n) => {
        expect(topN(perm, n)).toBeCloseTo(topN(ws, n), 12);
      }),
    );
  });

  test('handles 10,000 weights', () => {
    const ws = Array.from({ length: 10_000 }, (_, i) => (i % 97) + 1);
    expect(topN(ws, 10)).toBe(970);
    expect(topN(ws, 10_000)).toBe(ws.reduce((s, w) => s + w, 0));
  });

  test.each([
    { name: 'n = 0', weights: [1], n: 0, message: /n is 0/ },
    { name: 'n = 1.5', weights: [1], n: 1.5, message: /n is 1.5/ },
    { name: 'n = NaN', weights: [1], n: Number.NaN, message: /n is NaN/ },
    { name: 'empty weights', weights: [] as number[], n: 1, message: /empty/ },
    { name: 'a negative weight', weights: [0.5, -0.1, 0.6], n: 1, message: /weights\[1\]/ },
    { name: 'NaN weight with n ≥ length', weights: [Number.NaN], n: 5, message: /weights\[0\] is NaN/ },
  ])('GIVEN $name THEN RangeError', ({ weights, n, message }) => {
    expect(() => topN(weights, n)).toThrow(RangeError);
    expect(() => topN(weights, n)).toThrow(message);
  });
});
