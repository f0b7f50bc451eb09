/**
 * Shared input checks for the analytics functions. Internal: every public function names
 * itself in the message, so a RangeError says which call got which bad value.
 */

/** Absolute tolerance for "weights sum to 1": 1e-9·n + 1e-9 (rounding in issuer files and our own division). */
export function sumTolerance(n: number): number {
  return 1e-9 * n + 1e-9;
}

/**
 * The largest finite number: `w <= FINITE_MAX` is `w < Infinity` for numbers, but compiles to a
 * compare with a constant, where reading the global `Infinity` in a loop made a pass over 10,000
 * weights several times slower.
 */
const FINITE_MAX = Number.MAX_VALUE;

/** Throws unless `w` is a finite number ≥ 0 (NaN fails `w >= 0`). */
export function assertWeight(fn: string, label: string, index: number, w: number): void {
  if (!(w >= 0 && w <= FINITE_MAX)) {
    throw new RangeError(`${fn}: ${label}[${index}] is ${String(w)}; every weight must be a finite number ≥ 0`);
  }
}

export function assertNonEmpty(fn: string, label: string, length: number): void {
  if (length === 0) throw new RangeError(`${fn}: ${label} is empty; at least one value is needed`);
}

export function assertSumsToOne(fn: string, label: string, sum: number, n: number): void {
  const tol = sumTolerance(n);
  if (!(Math.abs(sum - 1) <= tol)) {
    throw new RangeError(
      `${fn}: ${label} sum to ${sum}, not 1 (tolerance ${tol.toExponential(1)}); normalise them first`,
    );
  }
}

/** Validates non-empty, finite, ≥ 0 weights in one pass and returns their sum. */
export function sumWeights(fn: string, label: string, weights: readonly number[]): number {
  const n = weights.length;
  assertNonEmpty(fn, label, n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    assertWeight(fn, label, i, w);
    sum += w;
  }
  return sum;
}

/** Validates keyed rows (non-empty, weights finite and ≥ 0) and returns the sum of their weights. */
export function sumRowWeights(
  fn: string,
  label: string,
  rows: readonly { readonly weight: number }[],
): number {
  const n = rows.length;
  assertNonEmpty(fn, label, n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = rows[i]!.weight;
    if (!(w >= 0 && w < Infinity)) {
      throw new RangeError(`${fn}: ${label}[${i}].weight is ${String(w)}; every weight must be a finite number ≥ 0`);
    }
    sum += w;
  }
  return sum;
}

/** Orders keys by UTF-16 code units: deterministic, locale-free. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Σ w² of weights that must sum to 1, validated in the same single pass. */
export function sumOfSquares(fn: string, weights: readonly number[]): number {
  const n = weights.length;
  assertNonEmpty(fn, 'weights', n);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    assertWeight(fn, 'weights', i, w);
    sum += w;
    squares += w * w;
  }
  assertSumsToOne(fn, 'weights', sum, n);
  return squares;
}
