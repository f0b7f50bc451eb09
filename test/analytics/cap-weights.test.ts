import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { capWeights } from '../../analytics/cap-weights.ts';
import { weightsArb, weightsWithZerosArb } from './arbitraries.ts';

/** The procedure as index providers describe it: cap, redistribute pro rata, repeat. O(n²), for tests only. */
function capByIteration(weights: readonly number[], cap: number): number[] {
  const out = [...weights];
  const capped = out.map(() => false);
  for (;;) {
    let excess = 0;
    for (let i = 0; i < out.length; i++) {
      if (!capped[i] && out[i]! > cap) {
        excess += out[i]! - cap;
        out[i] = cap;
        capped[i] = true;
      }
    }
    if (excess <= 1e-15) return out;
    let free = 0;
    for (let i = 0; i < out.length; i++) if (!capped[i]) free += out[i]!;
    if (free === 0) return out;
    for (let i = 0; i < out.length; i++) if (!capped[i]) out[i]! += (excess * out[i]!) / free;
  }
}

describe('capWeights', () => {
  test.each([
    {
      name: 'one name over a 40% cap: its 0.1 excess goes ×1.2 to the rest',
      weights: [0.5, 0.3, 0.1, 0.1],
      cap: 0.4,
      expected: [0.4, 0.36, 0.12, 0.12],
    },
    {
      name: 'input order kept',
      weights: [0.1, 0.5, 0.3, 0.1],
      cap: 0.4,
      expected: [0.12, 0.4, 0.36, 0.12],
    },
    {
      // Round 1: 0.5 → 0.4, others ×1.2: 0.35 → 0.42 > 0.4. Round 2: both at 0.4, the last 0.2
      // is shared 0.1 : 0.05 → 0.1333…, 0.0666…
      name: 'a second name pushed over the cap: iterated',
      weights: [0.5, 0.35, 0.1, 0.05],
      cap: 0.4,
      expected: [0.4, 0.4, 0.2 * (0.1 / 0.15), 0.2 * (0.05 / 0.15)],
    },
    {
      name: 'nothing over the cap: unchanged',
      weights: [0.3, 0.3, 0.4],
      cap: 0.4,
      expected: [0.3, 0.3, 0.4],
    },
    {
      name: 'cap × n = 1: everything at the cap',
      weights: [0.7, 0.1, 0.1, 0.1],
      cap: 0.25,
      expected: [0.25, 0.25, 0.25, 0.25],
    },
    {
      // cap·positive = 1 exactly; rounding in 0.25·(2/3)/(1/2) must not lose the capped names.
      name: 'cap × positive weights = 1 with a zero weight',
      weights: [0.25, 0.25, 0, 0.5],
      cap: 1 / 3,
      expected: [1 / 3, 1 / 3, 0, 1 / 3],
    },
    {
      name: 'a zero weight stays zero',
      weights: [0.6, 0.4, 0],
      cap: 0.5,
      expected: [0.5, 0.5, 0],
    },
    {
      // Capped TSE 300 style: Nortel ~35% capped at 10%.
      name: 'a 10% cap on one dominant name',
      weights: [0.35, ...Array.from({ length: 13 }, () => 0.05)],
      cap: 0.1,
      expected: [0.1, ...Array.from({ length: 13 }, () => 0.9 / 13)],
    },
  ])('$name', ({ weights, cap, expected }) => {
    const out = capWeights(weights, cap);
    expect(out).toHaveLength(expected.length);
    out.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 12));
  });

  const capArb = (n: number) => fc.integer({ min: 1, max: 1000 }).map((c) => Math.max(c / 1000, 1 / n));
  const weightsAndCap = weightsArb(150).chain((ws) => fc.tuple(fc.constant(ws), capArb(ws.length)));

  test('sums to 1, never exceeds the cap, preserves the order of weights', () => {
    fc.assert(
      fc.property(weightsAndCap, ([ws, cap]) => {
        const out = capWeights(ws, cap);
        expect(out).toHaveLength(ws.length);
        expect(out.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
        expect(Math.max(...out)).toBeLessThanOrEqual(cap + 1e-12);
        for (let i = 0; i < ws.length; i++) {
          for (let j = 0; j < ws.length; j++) {
            if (ws[i]! < ws[j]!) expect(out[i]!).toBeLessThanOrEqual(out[j]! + 1e-15);
          }
        }
      }),
    );
  });

  test('agrees with cap-and-redistribute iteration', () => {
    fc.assert(
      fc.property(weightsAndCap, ([ws, cap]) => {
        const out = capWeights(ws, cap);
        const reference = capByIteration(ws, cap);
        out.forEach((w, i) => expect(w).toBeCloseTo(reference[i]!, 9));
      }),
    );
  });

  test('uncapped names keep their proportions', () => {
    fc.assert(
      fc.property(weightsWithZerosArb(100), fc.integer({ min: 1, max: 100 }), (ws, c) => {
        const positive = ws.filter((w) => w > 0).length;
        const cap = Math.max(c / 100, 1 / positive);
        const out = capWeights(ws, cap);
        const free = ws.map((w, i) => [w, out[i]!] as const).filter(([w, o]) => w > 0 && o < cap - 1e-12);
        if (free.length >= 2) {
          const ratio = free[0]![1] / free[0]![0];
          for (const [w, o] of free) expect(o / w).toBeCloseTo(ratio, 9);
          expect(ratio).toBeGreaterThanOrEqual(1 - 1e-9);
        }
      }),
    );
  });

  test('10,000 weights, some large', () => {
    const raw = Array.from({ length: 10_000 }, (_, i) => (i < 10 ? 500 : (i % 13) + 1));
    const total = raw.reduce((s, x) => s + x, 0);
    const out = capWeights(
      raw.map((x) => x / total),
      0.045,
    );
    expect(Math.max(...out)).toBeLessThanOrEqual(0.045);
    expect(out.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
  });

  test.each([
    { name: 'cap × n < 1', weights: [0.25, 0.25, 0.25, 0.25], cap: 0.2, message: /cap 0.2 × 4 positive weights/ },
    { name: 'too few positive weights', weights: [1, 0, 0, 0], cap: 0.5, message: /× 1 positive weights/ },
    { name: 'cap 0', weights: [1], cap: 0, message: /cap is 0/ },
    { name: 'cap negative', weights: [1], cap: -0.1, message: /cap is -0.1/ },
    { name: 'cap NaN', weights: [1], cap: Number.NaN, message: /cap is NaN/ },
    { name: 'empty', weights: [] as number[], cap: 0.1, message: /empty/ },
    { name: 'a negative weight', weights: [1.1, -0.1], cap: 0.6, message: /weights\[1\] is -0.1/ },
    { name: 'NaN weight', weights: [Number.NaN, 1], cap: 0.6, message: /weights\[0\] is NaN/ },
    { name: 'sum ≠ 1', weights: [0.5, 0.3], cap: 0.6, message: /sum to 0.8/ },
  ])('GIVEN $name THEN RangeError', ({ weights, cap, message }) => {
    expect(() => capWeights(weights, cap)).toThrow(RangeError);
    expect(() => capWeights(weights, cap)).toThrow(message);
  });
});
