import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lookThrough, type FundAllocation } from '../../src/analytics/look-through.ts';
import { positionsArb, shuffled, sumsByKey, toFractions, type Row } from './arbitraries.ts';

const r = (key: string | null, weight: number): Row => ({ key, weight });

describe('lookThrough', () => {
  test('GIVEN 60/40 in two funds sharing one name THEN the hand-computed exposures', () => {
    const out = lookThrough([
      { allocation: 0.6, positions: [r('X', 0.5), r('Y', 0.5)] },
      { allocation: 0.4, positions: [r('X', 0.5), r('Z', 0.4), r(null, 0.1)] },
    ]);
    // X = 0.6·0.5 + 0.4·0.5 = 0.5; Y = 0.6·0.5 = 0.3; Z = 0.4·0.4 = 0.16; unidentified = 0.4·0.1
    expect(out.exposures.map((e) => e.key)).toEqual(['X', 'Y', 'Z']);
    const [x, y, z] = out.exposures;
    expect(x!.weight).toBeCloseTo(0.5, 12);
    expect(x!.sources).toHaveLength(2);
    expect(x!.sources[0]!.fund).toBe(0);
    expect(x!.sources[0]!.weight).toBeCloseTo(0.3, 12);
    expect(x!.sources[1]!.fund).toBe(1);
    expect(x!.sources[1]!.weight).toBeCloseTo(0.2, 12);
    expect(y!.weight).toBeCloseTo(0.3, 12);
    expect(y!.sources).toEqual([{ fund: 0, weight: y!.weight }]);
    expect(z!.weight).toBeCloseTo(0.16, 12);
    expect(out.unidentified).toBeCloseTo(0.04, 12);
  });

  test('GIVEN duplicates within a fund and nulls in both THEN duplicates merge into one source, nulls only add to unidentified', () => {
    const out = lookThrough([
      { allocation: 0.5, positions: [r('X', 0.25), r('X', 0.25), r(null, 0.5)] },
      { allocation: 0.5, positions: [r(null, 0.2), r('X', 0.8)] },
    ]);
    expect(out.exposures).toHaveLength(1);
    expect(out.exposures[0]!.weight).toBeCloseTo(0.65, 12); // 0.5·0.5 + 0.5·0.8
    expect(out.exposures[0]!.sources.map((s) => s.fund)).toEqual([0, 1]);
    expect(out.exposures[0]!.sources[0]!.weight).toBeCloseTo(0.25, 12);
    expect(out.unidentified).toBeCloseTo(0.35, 12); // 0.5·0.5 + 0.5·0.2
  });

  test('ties sorted by key', () => {
    const out = lookThrough([{ allocation: 1, positions: [r('B', 0.5), r('A', 0.5)] }]);
    expect(out.exposures.map((e) => e.key)).toEqual(['A', 'B']);
  });

  test('a single fund with allocation 1 equals that fund', () => {
    fc.assert(
      fc.property(positionsArb({ nulls: true }), (positions) => {
        const out = lookThrough([{ allocation: 1, positions }]);
        const expected = sumsByKey(positions);
        expect(out.exposures).toHaveLength(expected.size);
        for (const e of out.exposures) {
          expect(e.weight).toBe(expected.get(e.key)); // a_f = 1: same sums in the same order
          expect(e.sources).toEqual([{ fund: 0, weight: e.weight }]);
        }
        const nulls = positions.filter((p) => p.key === null).reduce((s, p) => s + p.weight, 0);
        expect(out.unidentified).toBeCloseTo(nulls, 12);
      }),
    );
  });

  const portfolioArb: fc.Arbitrary<FundAllocation[]> = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 1000 }), positionsArb({ nulls: true, maxLength: 15 })), {
      minLength: 1,
      maxLength: 5,
    })
    .map((funds) => {
      const allocations = toFractions(funds.map(([a]) => a));
      return funds.map(([, positions], i) => ({ allocation: allocations[i]!, positions }));
    });

  test('exposures plus unidentified add up to 1, sorted, each the sum of its sources', () => {
    fc.assert(
      fc.property(portfolioArb, (funds) => {
        const out = lookThrough(funds);
        const total = out.exposures.reduce((s, e) => s + e.weight, 0) + out.unidentified;
        expect(total).toBeCloseTo(1, 12);
        for (let i = 1; i < out.exposures.length; i++) {
          expect(out.exposures[i - 1]!.weight).toBeGreaterThanOrEqual(out.exposures[i]!.weight);
        }
        for (const e of out.exposures) {
          expect(e.sources.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(e.weight, 12);
          const funds = e.sources.map((s) => s.fund);
          expect(funds).toEqual([...new Set(funds)].sort((a, b) => a - b));
        }
      }),
    );
  });

  test('does not depend on the order of funds or of positions', () => {
    fc.assert(
      fc.property(
        portfolioArb.chain((funds) =>
          fc.tuple(
            fc.constant(funds),
            fc
              .tuple(...funds.map((f) => shuffled(f.positions).map((positions) => ({ ...f, positions }))))
              .chain((fs) => shuffled(fs)),
          ),
        ),
        ([funds, permuted]) => {
          const a = lookThrough(funds);
          const b = lookThrough(permuted);
          const ma = new Map(a.exposures.map((e) => [e.key, e.weight]));
          const mb = new Map(b.exposures.map((e) => [e.key, e.weight]));
          expect([...mb.keys()].sort()).toEqual([...ma.keys()].sort());
          for (const [k, w] of ma) expect(mb.get(k)).toBeCloseTo(w, 12);
          expect(b.unidentified).toBeCloseTo(a.unidentified, 12);
        },
      ),
    );
  });

  const fund = (allocation: number, positions: Row[] = [r('X', 1)]): FundAllocation => ({ allocation, positions });
  test.each([
    { name: 'no funds', funds: [] as FundAllocation[], message: /funds is empty/ },
    { name: 'allocations summing to 0.9', funds: [fund(0.5), fund(0.4)], message: /allocations sum to 0.9/ },
    { name: 'allocations in percent', funds: [fund(60), fund(40)], message: /allocations sum to 100/ },
    { name: 'a zero allocation', funds: [fund(1), fund(0)], message: /funds\[1\]\.allocation is 0/ },
    { name: 'a negative allocation', funds: [fund(1.5), fund(-0.5)], message: /funds\[1\]\.allocation is -0.5/ },
    { name: 'a NaN allocation', funds: [fund(Number.NaN)], message: /allocation is NaN/ },
    { name: 'a fund with no positions', funds: [fund(1, [])], message: /funds\[0\]\.positions is empty/ },
    {
      name: 'positions not summing to 1',
      funds: [fund(1, [r('X', 0.5), r('Y', 0.4)])],
      message: /funds\[0\]\.positions weights sum to 0.9/,
    },
    {
      name: 'a negative position',
      funds: [fund(0.5), fund(0.5, [r('X', 1.5), r('Y', -0.5)])],
      message: /funds\[1\]\.positions\[1\]\.weight is -0.5/,
    },
  ])('GIVEN $name THEN RangeError', ({ funds, message }) => {
    expect(() => lookThrough(funds)).toThrow(RangeError);
    expect(() => lookThrough(funds)).toThrow(message);
  });
});
