import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bigHoldingShare } from '../../analytics/big-holding-share.ts';
import { concentrationPass } from '../../analytics/concentration-pass.ts';
import { exposureFromTotals, exposureOf } from '../../analytics/exposure.ts';
import { hhi } from '../../analytics/hhi.ts';
import { tailEquivalentCount, tailEquivalentOfDescending } from '../../analytics/tail-equivalent.ts';
import { topN, topOfDescending } from '../../analytics/top-n.ts';
import { positionsArb, weightsArb, weightsWithZerosArb } from './arbitraries.ts';

describe('concentrationPass: every per-position figure in one pass', () => {
  // Binary fractions (1/16ths), so every sum below is exact and ties are real ties.
  const weights = [0.125, 0.25, 0.0625, 0.25, 0.1875, 0.125];
  const sector = { codes: [0, 1, 0, 2, 3, 1], size: 4 }; // IT, Fin, IT, HC, Energy, Fin
  const country = { codes: [0, 0, 1, 0, 1, 2], size: 3 }; // US, US, JP, US, JP, none

  test('GIVEN weights out of order with ties THEN HHI, N_eff, big holdings and group totals are the hand-computed ones', () => {
    const p = concentrationPass(weights, [sector, country], 0.15);
    expect(p.hhi).toBe(50 / 256); // (4 + 16 + 1 + 16 + 9 + 4) / 256
    expect(p.effectiveN).toBe(256 / 50);
    expect(p.bigShare).toBe(0.6875); // 0.25 + 0.25 + 0.1875 (≥ 0.15)
    expect(p.bigCount).toBe(3);
    expect([...p.totals[0]!]).toEqual([0.1875, 0.375, 0.25, 0.1875]);
    expect([...p.totals[1]!]).toEqual([0.625, 0.25, 0.125]);
  });

  test('GIVEN three groupings THEN the third (summed in a loop of its own) is right too', () => {
    const p = concentrationPass(weights, [sector, country, { codes: [1, 1, 1, 0, 0, 0], size: 2 }]);
    expect([...p.totals[2]!]).toEqual([0.5625, 0.4375]);
  });

  test.each([
    [[0.5, -0.1, 0.6], [], /weights\[1\] is -0.1/],
    [[0.5, Number.NaN, 0.5], [], /weights\[1\] is NaN/],
    [[0.5, 0.4], [], /sum to 0.9/],
    [[], [], /empty/],
    [[0.5, 0.5], [{ codes: [0], size: 1 }], /grouping 0 has 1 codes for 2 weights/],
    [[0.5, 0.5], [{ codes: [0, 2], size: 2 }], /grouping 0 has a code outside \[0, 2\)/],
    [[0.5, 0.5], [{ codes: [0, 0], size: 1 }, { codes: [0, 0.5], size: 1 }], /grouping 1 has a code outside/],
  ])('GIVEN %j with groupings %j THEN a RangeError says what is wrong', (w, groupings, message) => {
    expect(() => concentrationPass(w, groupings)).toThrow(RangeError);
    expect(() => concentrationPass(w, groupings)).toThrow(message);
  });

  test('GIVEN a threshold outside (0, 1] THEN a RangeError', () => {
    expect(() => concentrationPass([1], [], 0)).toThrow(/threshold is 0/);
    expect(() => concentrationPass([1], [], 1.5)).toThrow(/threshold is 1.5/);
  });

  test('agrees with hhi, bigHoldingShare and exposureOf on any weights and keys (same summation order: the same bits)', () => {
    fc.assert(
      fc.property(positionsArb({ nulls: true, maxLength: 80 }), fc.double({ min: 0.001, max: 1, noNaN: true }), (rows, t) => {
        const w = rows.map((r) => r.weight);
        const names: (string | null)[] = [];
        const codes = rows.map((r) => (names.includes(r.key) ? names.indexOf(r.key) : names.push(r.key) - 1));
        const p = concentrationPass(w, [{ codes, size: names.length }], t);
        expect(p.hhi).toBe(hhi(w));
        expect({ share: p.bigShare, count: p.bigCount }).toEqual(bigHoldingShare(w, t));
        expect(exposureFromTotals(p.totals[0]!, names)).toEqual(exposureOf(rows.map((r) => r.key), w));
      }),
    );
  });
});

describe('topOfDescending and tailEquivalentOfDescending: weights already largest first', () => {
  test.each([
    [[0.4, 0.3, 0.2, 0.1], 2, 0.7],
    [[0.4, 0.3, 0.2, 0.1], 4, 1],
    [[0.4, 0.3, 0.2, 0.1], 10, 1], // n beyond the length: all of them
    [[0.25, 0.25, 0.25, 0.25], 3, 0.75], // ties
  ])('topOfDescending(%j, %d) = %d', (w, n, expected) => {
    expect(topOfDescending(w, n)).toBeCloseTo(expected, 15);
  });

  test('GIVEN weights out of order within the first n + 1 THEN a RangeError says to order them', () => {
    expect(() => topOfDescending([0.3, 0.4, 0.2, 0.1], 2)).toThrow(/descending\[1\] = 0.4 is larger than the weight before it/);
    // The (n+1)th is read too: a larger weight just past the top n would belong in it.
    expect(() => topOfDescending([0.4, 0.2, 0.3, 0.1], 2)).toThrow(RangeError);
    expect(() => topOfDescending([0.4, 0.6], 0)).toThrow(/n is 0/);
    expect(() => topOfDescending([], 1)).toThrow(/empty/);
  });

  test.each([
    [[0.4, 0.3, 0.2, 0.1], 3], // 0.1 + 0.2 < 0.4 ≤ 0.1 + 0.2 + 0.3
    [[0.5, 0.25, 0.25], 2],
    [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 1], // a tie for largest: the other one counts
    [[0.7, 0.2, 0.1], null],
    [[1], null],
    [[0.5, 0.5, 0], 2],
  ])('tailEquivalentOfDescending(%j) = %s', (w, expected) => {
    expect(tailEquivalentOfDescending(w)).toBe(expected);
  });

  test('GIVEN the small end out of order, or nothing positive THEN a RangeError', () => {
    expect(() => tailEquivalentOfDescending([0.5, 0.1, 0.3, 0.1])).toThrow(/descending\[2\] = 0.3|descending\[1\] = 0.1 is smaller/);
    expect(() => tailEquivalentOfDescending([0, 0])).toThrow(/all weights are 0/);
    expect(() => tailEquivalentOfDescending([0.5, -1])).toThrow(/descending\[1\] is -1/);
  });

  test('agree with topN and tailEquivalentCount once the weights are sorted largest first', () => {
    fc.assert(
      fc.property(weightsWithZerosArb(120), fc.integer({ min: 1, max: 30 }), (w, n) => {
        const d = [...w].sort((a, b) => b - a);
        expect(topOfDescending(d, n)).toBeCloseTo(topN(w, n), 14);
        expect(tailEquivalentOfDescending(d)).toBe(tailEquivalentCount(w));
      }),
    );
    fc.assert(
      fc.property(weightsArb(120), (w) => {
        expect(topOfDescending([...w].sort((a, b) => b - a), 10)).toBeCloseTo(topN(w, 10), 14);
      }),
    );
  });
});

describe('exposureFromTotals', () => {
  test('GIVEN totals with a tie and an unknown group THEN rows by weight, ties by key, null named Unknown', () => {
    expect(exposureFromTotals([0.25, 0.5, 0.25, 0], ['Financials', null, 'Energy', 'Utilities'])).toEqual([
      { key: 'Unknown', weight: 0.5 },
      { key: 'Energy', weight: 0.25 },
      { key: 'Financials', weight: 0.25 },
      { key: 'Utilities', weight: 0 },
    ]);
  });

  test('GIVEN mismatched lengths, nothing, or a bad total THEN a RangeError', () => {
    expect(() => exposureFromTotals([0.5], ['a', 'b'])).toThrow(/1 totals for 2 names/);
    expect(() => exposureFromTotals([], [])).toThrow(/empty/);
    expect(() => exposureFromTotals([Number.POSITIVE_INFINITY], ['a'])).toThrow(/totals\[0\] is Infinity/);
  });
});
