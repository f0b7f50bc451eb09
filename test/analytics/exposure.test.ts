import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exposureOf, techPlus } from '../../analytics/exposure.ts';
import type { KeyedWeight } from '../../analytics/types.ts';

/** The rows as the parallel arrays exposureOf takes. */
const exposure = (rows: readonly KeyedWeight[], unknownKey?: string) =>
  exposureOf(rows.map((r) => r.key), rows.map((r) => r.weight), unknownKey);
import { positionsArb, shuffled, type Row } from './arbitraries.ts';

const toMap = (rows: readonly { key: string; weight: number }[]) => new Map(rows.map((r) => [r.key, r.weight]));

describe('exposure', () => {
  test.each([
    {
      name: 'sums per key, nulls under Unknown, sorted by weight',
      items: [
        { key: 'Energy', weight: 0.2 },
        { key: 'Financials', weight: 0.5 },
        { key: null, weight: 0.1 },
        { key: 'Energy', weight: 0.2 },
      ],
      expected: [
        { key: 'Financials', weight: 0.5 },
        { key: 'Energy', weight: 0.4 },
        { key: 'Unknown', weight: 0.1 },
      ],
    },
    {
      name: 'ties sorted by key ascending',
      items: [
        { key: 'US', weight: 0.25 },
        { key: 'JP', weight: 0.25 },
        { key: 'GB', weight: 0.5 },
      ],
      expected: [
        { key: 'GB', weight: 0.5 },
        { key: 'JP', weight: 0.25 },
        { key: 'US', weight: 0.25 },
      ],
    },
    {
      name: 'a real "Unknown" key merges with the nulls',
      items: [
        { key: 'Unknown', weight: 0.3 },
        { key: null, weight: 0.3 },
        { key: 'X', weight: 0.4 },
      ],
      expected: [
        { key: 'Unknown', weight: 0.6 },
        { key: 'X', weight: 0.4 },
      ],
    },
    {
      name: 'weights need not sum to 1',
      items: [{ key: 'A', weight: 0.02 }],
      expected: [{ key: 'A', weight: 0.02 }],
    },
  ])('$name', ({ items, expected }) => {
    const out = exposure(items);
    expect(out.map((r) => r.key)).toEqual(expected.map((r) => r.key));
    out.forEach((r, i) => expect(r.weight).toBeCloseTo(expected[i]!.weight, 12));
  });

  test('a custom unknownKey', () => {
    expect(exposure([{ key: null, weight: 1 }], '不明')).toEqual([{ key: '不明', weight: 1 }]);
  });

  test('is sorted, keeps the total, and does not depend on row order', () => {
    fc.assert(
      fc.property(
        positionsArb({ nulls: true, maxLength: 40 }).chain((rows) => fc.tuple(fc.constant(rows), shuffled(rows))),
        ([rows, perm]: [Row[], Row[]]) => {
          const a = exposure(rows);
          const b = exposure(perm);
          for (let i = 1; i < a.length; i++) expect(a[i - 1]!.weight).toBeGreaterThanOrEqual(a[i]!.weight);
          expect(a.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 12);
          const ma = toMap(a);
          const mb = toMap(b);
          expect([...mb.keys()].sort()).toEqual([...ma.keys()].sort());
          for (const [k, w] of ma) expect(mb.get(k)).toBeCloseTo(w, 12);
        },
      ),
    );
  });

  test.each([
    { name: 'empty', items: [] as Row[], message: /exposureOf: weights is empty/ },
    { name: 'a negative weight', items: [{ key: 'A', weight: -0.1 }], message: /exposureOf: weights\[0\] is -0.1/ },
    { name: 'NaN', items: [{ key: 'A', weight: 1 }, { key: 'B', weight: Number.NaN }], message: /exposureOf: weights\[1\] is NaN/ },
  ])('GIVEN $name THEN RangeError', ({ items, message }) => {
    expect(() => exposure(items)).toThrow(RangeError);
    expect(() => exposure(items)).toThrow(message);
  });
});

describe('techPlus', () => {
  test.each([
    {
      name: 'IT + Communication Services (MSCI World 2025 ≈ 36%)',
      sectors: [
        { key: 'Information Technology', weight: 0.27 },
        { key: 'Communication Services', weight: 0.09 },
        { key: 'Financials', weight: 0.16 },
        { key: null, weight: 0.48 },
      ],
      expected: 0.36,
    },
    { name: 'no tech at all', sectors: [{ key: 'Energy', weight: 1 }], expected: 0 },
    {
      name: 'raw positions, repeated sectors',
      sectors: [
        { key: 'Information Technology', weight: 0.1 },
        { key: 'Information Technology', weight: 0.2 },
        { key: 'Communication Services', weight: 0.05 },
      ],
      expected: 0.35,
    },
  ])('$name → $expected', ({ sectors, expected }) => {
    expect(techPlus(sectors)).toBeCloseTo(expected, 12);
  });

  test('equals the sum of the two rows of exposure()', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('Information Technology', 'Communication Services', 'Energy', 'Utilities', null),
            fc.integer({ min: 0, max: 1000 }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (rows) => {
          const items = rows.map(([key, w]) => ({ key, weight: w / 1000 }));
          const byKey = toMap(exposure(items));
          const expected =
            (byKey.get('Information Technology') ?? 0) + (byKey.get('Communication Services') ?? 0);
          expect(techPlus(items)).toBeCloseTo(expected, 12);
        },
      ),
    );
  });

  test('GIVEN an invalid weight THEN RangeError', () => {
    expect(() => techPlus([{ key: 'Energy', weight: -1 }])).toThrow(RangeError);
    expect(() => techPlus([])).toThrow(RangeError);
  });
});
