import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { effectiveN } from '../../analytics/effective-n.ts';
import { equalWeights } from '../../analytics/equal-weight.ts';
import { weightsArb } from './arbitraries.ts';

describe('effectiveN', () => {
  test.each([
    { weights: [0.5, 0.3, 0.2], expected: 2.6316 },
    { weights: [1], expected: 1 },
    { weights: [0.25, 0.25, 0.25, 0.25], expected: 4 },
    { weights: [0.6, 0.4], expected: 1.9231 },
    { weights: [0.9, 0.05, 0.05], expected: 1.227 },
  ])('effectiveN($weights) ≈ $expected', ({ weights, expected }) => {
    expect(effectiveN(weights)).toBeCloseTo(expected, 3);
  });

  test('equal weights over N names give N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        expect(effectiveN(equalWeights(n))).toBeCloseTo(n, 6);
      }),
    );
  });

  test('lies in [1, N]', () => {
    fc.assert(
      fc.property(weightsArb(200), (ws) => {
        const n = effectiveN(ws);
        expect(n).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(n).toBeLessThanOrEqual(ws.length * (1 + 1e-9));
      }),
    );
  });

  test.each([
    { name: 'empty', weights: [] as number[] },
    { name: 'negative', weights: [1.5, -0.5] },
    { name: 'NaN', weights: [Number.NaN] },
    { name: 'sum ≠ 1', weights: [0.3, 0.3] },
  ])('GIVEN $name THEN RangeError naming effectiveN', ({ weights }) => {
    expect(() => effectiveN(weights)).toThrow(RangeError);
    expect(() => effectiveN(weights)).toThrow(/^effectiveN:/);
  });
});
