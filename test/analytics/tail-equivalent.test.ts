import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { tailEquivalentCount } from '../../analytics/tail-equivalent.ts';
import { shuffled, weightsWithZerosArb } from './arbitraries.ts';

/** Brute-force reference: exact integer arithmetic on the un-normalised ints. */
function reference(ints: readonly number[]): number | null {
  const sorted = [...ints].sort((a, b) => a - b);
  const largest = sorted.pop()!;
  let acc = 0;
  for (let k = 0; k < sorted.length; k++) {
    acc += sorted[k]!;
    if (acc >= largest) return k + 1;
  }
  return null;
}

describe('tailEquivalentCount', () => {
  test.each([
    { weights: [0.4, 0.1, 0.2, 0.3], expected: 3 }, // 0.1 + 0.2 < 0.4 ≤ 0.1 + 0.2 + 0.3
    { weights: [0.5, 0.25, 0.25], expected: 2 }, // exactly equal counts
    { weights: [0.3, 0.1, 0.2, 0.4], expected: 3 },
    { weights: [0.3, 0.1, 0.2], expected: 2 }, // 0.1 + 0.2 = 0.30000000000000004 vs 0.3
    { weights: [0.6, 0.1, 0.2, 0.1], expected: null },
    { weights: [0.7, 0.2, 0.1], expected: null },
    { weights: [1], expected: null },
    { weights: Array.from({ length: 10 }, () => 0.1), expected: 1 }, // a tie for largest
    { weights: [0.5, 0.5, 0], expected: 2 }, // the zero is the smallest, then the other 0.5
  ])('$weights → $expected', ({ weights, expected }) => {
    expect(tailEquivalentCount(weights)).toBe(expected);
  });

  test('GIVEN a 7.4% leader over 400 large and 100 tiny names THEN the 100 smallest match it', () => {
    // 100 names at 0.074% add up to 7.4%; 399 larger names share the rest.
    const tiny = Array.from({ length: 100 }, () => 0.00074);
    const rest = Array.from({ length: 399 }, () => (1 - 0.074 - 0.074) / 399);
    expect(tailEquivalentCount([...rest, 0.074, ...tiny])).toBe(100);
  });

  test('agrees with an exact brute force and ignores row order', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 80 })
          .filter((xs) => xs.some((x) => x > 0))
          .chain((xs) => fc.tuple(fc.constant(xs), shuffled(xs))),
        ([ints, perm]) => {
          const total = ints.reduce((s, x) => s + x, 0);
          const expected = reference(ints);
          expect(tailEquivalentCount(ints.map((x) => x / total))).toBe(expected);
          expect(tailEquivalentCount(perm.map((x) => x / total))).toBe(expected);
        },
      ),
    );
  });

  test('K, when found, lies in [1, n − 1]', () => {
    fc.assert(
      fc.property(weightsWithZerosArb(100), (ws) => {
        const k = tailEquivalentCount(ws);
        if (k !== null) {
          expect(k).toBeGreaterThanOrEqual(1);
          expect(k).toBeLessThanOrEqual(ws.length - 1);
        }
      }),
    );
  });

  test.each([
    { name: 'empty', weights: [] as number[], message: /empty/ },
    { name: 'all zeros', weights: [0, 0], message: /all weights are 0/ },
    { name: 'a negative weight', weights: [0.5, -0.5], message: /weights\[1\]/ },
    { name: 'NaN', weights: [Number.NaN, 0.5], message: /weights\[0\] is NaN/ },
  ])('GIVEN $name THEN RangeError', ({ weights, message }) => {
    expect(() => tailEquivalentCount(weights)).toThrow(RangeError);
    expect(() => tailEquivalentCount(weights)).toThrow(message);
  });
});
