import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalise } from '../../analytics/normalise.ts';

describe('normalise', () => {
  test.each([
    { values: [50, 30, 20], expected: [0.5, 0.3, 0.2] },
    { values: [1, 1, 1, 1], expected: [0.25, 0.25, 0.25, 0.25] },
    { values: [7], expected: [1] },
    { values: [0, 3, 1], expected: [0, 0.75, 0.25] },
    { values: [0.6, 0.3, 0.09], expected: [0.6 / 0.99, 0.3 / 0.99, 0.09 / 0.99] },
  ])('$values → $expected', ({ values, expected }) => {
    const out = normalise(values);
    expect(out).toHaveLength(expected.length);
    out.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 12));
  });

  test('does not modify its input', () => {
    const values = [2, 2];
    normalise(values);
    expect(values).toEqual([2, 2]);
  });

  test('results sum to 1 and keep proportions', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 200 }), (xs) => {
        const out = normalise(xs);
        const sum = out.reduce((s, w) => s + w, 0);
        expect(sum).toBeCloseTo(1, 12);
        expect(out[0]! / out[out.length - 1]!).toBeCloseTo(xs[0]! / xs[xs.length - 1]!, 9);
      }),
    );
  });

  test.each([
    { name: 'empty', values: [] as number[], message: /empty/ },
    { name: 'negative', values: [1, -1, 2], message: /values\[1\] is -1/ },
    { name: 'NaN', values: [1, Number.NaN], message: /values\[1\] is NaN/ },
    { name: 'Infinity', values: [Infinity], message: /Infinity/ },
    { name: 'zero sum', values: [0, 0], message: /sum to 0/ },
  ])('GIVEN $name values THEN RangeError', ({ values, message }) => {
    expect(() => normalise(values)).toThrow(RangeError);
    expect(() => normalise(values)).toThrow(message);
  });
});
