import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hhi } from '../../analytics/hhi.ts';
import { weightsAndShuffleArb, weightsArb, weightsWithZerosArb } from './arbitraries.ts';

describe('hhi', () => {
  test.each([
    { weights: [0.5, 0.3, 0.2], expected: 0.38 },
    { weights: [1], expected: 1 },
    { weights: [0.25, 0.25, 0.25, 0.25], expected: 0.25 },
    { weights: [0.6, 0.4, 0], expected: 0.52 },
    { weights: [0.9, 0.05, 0.05], expected: 0.815 },
    { weights: Array.from({ length: 500 }, () => 1 / 500), expected: 0.002 },
  ])('hhi of $weights.length weights = $expected', ({ weights, expected }) => {
    expect(hhi(weights)).toBeCloseTo(expected, 12);
  });

  test('1/N ≤ HHI ≤ 1', () => {
    fc.assert(
      fc.property(weightsWithZerosArb(200), (ws) => {
        const h = hhi(ws);
        expect(h).toBeGreaterThanOrEqual(1 / ws.length - 1e-12);
        expect(h).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  test('does not depend on row order', () => {
    fc.assert(
      fc.property(weightsAndShuffleArb(200), ([ws, perm]) => {
        expect(hhi(perm)).toBeCloseTo(hhi(ws), 12);
      }),
    );
  });

  test('accepts sums off by rounding only', () => {
    fc.assert(
      fc.property(weightsArb(500), (ws) => {
        expect(() => hhi(ws)).not.toThrow();
      }),
    );
    expect(() => hhi([0.5, 0.5 + 1e-10])).not.toThrow();
  });

  test.each([
    { name: 'empty', weights: [] as number[], message: /empty/ },
    { name: 'a negative weight', weights: [1.2, -0.2], message: /weights\[1\] is -0.2/ },
    { name: 'NaN', weights: [Number.NaN, 1], message: /weights\[0\] is NaN/ },
    { name: 'Infinity', weights: [Infinity], message: /Infinity/ },
    { name: 'a sum of 0.99', weights: [0.5, 0.49], message: /sum to 0.99, not 1/ },
    { name: 'percentages', weights: [50, 50], message: /sum to 100, not 1/ },
  ])('GIVEN $name THEN RangeError', ({ weights, message }) => {
    expect(() => hhi(weights)).toThrow(RangeError);
    expect(() => hhi(weights)).toThrow(message);
  });
});
