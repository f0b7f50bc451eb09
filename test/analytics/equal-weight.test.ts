import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { equalWeights } from '../../analytics/equal-weight.ts';
import { effectiveN } from '../../analytics/effective-n.ts';
import { hhi } from '../../analytics/hhi.ts';

describe('equalWeights', () => {
  test.each([
    { n: 1, expected: [1] },
    { n: 2, expected: [0.5, 0.5] },
    { n: 4, expected: [0.25, 0.25, 0.25, 0.25] },
  ])('equalWeights($n) = $expected', ({ n, expected }) => {
    expect(equalWeights(n)).toEqual(expected);
  });

  test('S&P 500 Equal Weight: 500 names at 0.2%', () => {
    const ws = equalWeights(500);
    expect(ws).toHaveLength(500);
    expect(ws[0]).toBeCloseTo(0.002, 15);
    expect(hhi(ws)).toBeCloseTo(0.002, 12);
  });

  test('n names, sum 1, effectiveN = n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (n) => {
        const ws = equalWeights(n);
        expect(ws).toHaveLength(n);
        expect(ws.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 10);
        expect(effectiveN(ws)).toBeCloseTo(n, 6);
      }),
    );
  });

  test.each([0, -1, 2.5, Number.NaN, Infinity])('GIVEN n = %s THEN RangeError', (n) => {
    expect(() => equalWeights(n)).toThrow(RangeError);
    expect(() => equalWeights(n)).toThrow(/equalWeights: n is/);
  });
});
