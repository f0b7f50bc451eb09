import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decimal, integer } from '../../commands/format.ts';

/** The en-US formatter the card text used to call on every number: the reference. */
const intl = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

describe('integer and decimal print what Intl en-US prints, without calling it for ordinary values', () => {
  test.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [10027, '10,027'],
    [1234567.5, '1,234,568'], // halves away from zero
    [-2.5, '-2'], // Math.round first, as before: halves towards +∞
    [-1234567, '-1,234,567'],
    [-0.4, '-0'], // Math.round gives −0, which Intl prints with its sign
  ])('integer(%d) = %s', (value, expected) => {
    expect(integer(value)).toBe(expected);
  });

  test.each([
    [45.678, 1, '45.7'],
    [0.05, 1, '0.1'],
    [1234.45, 1, '1,234.5'],
    [1.005, 2, '1.01'], // stored just below 1.005, but Intl rounds the shortest decimal, "1.005"
    [2.675, 2, '2.68'],
    [999.95, 1, '1,000.0'], // the carry runs through every 9
    [0.0000012, 2, '0.00'], // String gives an exponent here: left to Intl
    [0.125, 2, '0.13'], // an exact tie: away from zero
    [-0.125, 2, '-0.13'],
    [-0.04, 1, '-0.0'],
    [-0, 1, '-0.0'],
    [123456789.987, 2, '123,456,789.99'],
  ])('decimal(%d, %d) = %s', (value, digits, expected) => {
    expect(decimal(value, digits)).toBe(expected);
  });

  test('agrees with Intl on any double, integer or not, any sign, with 0–4 digits', () => {
    const value = fc.oneof(
      fc.double({ min: -1e16, max: 1e16, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000), // three decimals: ties at 2 digits in shortest form
      fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((n) => n / 8), // exact halves and eighths: ties
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e15, 999.5, 999.95),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), (v, digits) => {
        expect(decimal(v, digits)).toBe(intl(digits).format(v));
        expect(integer(v)).toBe(intl(0).format(Math.round(v)));
      }),
      { numRuns: 3000 },
    );
  });
});
