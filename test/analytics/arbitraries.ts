import fc from 'fast-check';

/** Test-local normalisation (independent of analytics/normalise.ts). */
export function toFractions(ints: readonly number[]): number[] {
  let sum = 0;
  for (const x of ints) sum += x;
  return ints.map((x) => x / sum);
}

/** Positive integers scaled to fractions: no subnormals, no zeros, Σ = 1 up to rounding. */
export const weightsArb = (maxLength = 60): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength }).map(toFractions);

/** Like weightsArb but zeros allowed (at least one positive). */
export const weightsWithZerosArb = (maxLength = 60): fc.Arbitrary<number[]> =>
  fc
    .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength })
    .filter((xs) => xs.some((x) => x > 0))
    .map(toFractions);

/** A permutation of xs. */
export const shuffled = <T>(xs: readonly T[]): fc.Arbitrary<T[]> =>
  fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });

/** Weights paired with a permutation of themselves. */
export const weightsAndShuffleArb = (maxLength = 60): fc.Arbitrary<[number[], number[]]> =>
  weightsArb(maxLength).chain((ws) => fc.tuple(fc.constant(ws), shuffled(ws)));

export interface Row {
  key: string | null;
  weight: number;
}

const KEYS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'TSLA', 'XOM', 'JPM', 'V', 'LLY', 'AVGO'];

/**
 * A fund's positions: keys from a small pool (so duplicates and common names happen),
 * optionally some null keys, weights normalised to Σ = 1.
 */
export const positionsArb = (opts: { nulls?: boolean; maxLength?: number } = {}): fc.Arbitrary<Row[]> => {
  const key = opts.nulls
    ? fc.option(fc.constantFrom(...KEYS), { nil: null, freq: 5 })
    : fc.constantFrom(...KEYS);
  return fc
    .array(fc.tuple(key, fc.integer({ min: 1, max: 1_000_000 })), { minLength: 1, maxLength: opts.maxLength ?? 25 })
    .map((rows) => {
      const ws = toFractions(rows.map(([, w]) => w));
      return rows.map(([k], i) => ({ key: k, weight: ws[i]! }));
    });
};

/** Sum of weights per key (null keys dropped): the reference for aggregation. */
export function sumsByKey(rows: readonly Row[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) if (r.key !== null) m.set(r.key, (m.get(r.key) ?? 0) + r.weight);
  return m;
}

export function expectMapsClose(
  actual: ReadonlyMap<string, number>,
  expected: ReadonlyMap<string, number>,
  tol = 1e-12,
): boolean {
  if (actual.size !== expected.size) return false;
  for (const [k, v] of expected) {
    const a = actual.get(k);
    if (a === undefined || Math.abs(a - v) > tol) return false;
  }
  return true;
}
