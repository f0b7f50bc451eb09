import { describe, expect, it } from 'vitest';
import { cusipCheckDigitHolds, isinCheckDigitHolds, sedolCheckDigitHolds } from '../../holdings/check-digits.ts';

/** Identifiers of real securities (Apple, Microsoft, Alphabet, BAE Systems, Toyota), and the same with one character wrong. */
describe('check digits, read character by character', () => {
  it('accepts real ISINs, CUSIPs and SEDOLs', () => {
    for (const isin of ['US0378331005', 'US5949181045', 'GB0002634946', 'JP3633400001']) expect(isinCheckDigitHolds(isin), isin).toBe(true);
    for (const cusip of ['037833100', '594918104', '38259P508']) expect(cusipCheckDigitHolds(cusip), cusip).toBe(true);
    for (const sedol of ['2046251', 'B0YBKJ7', '0263494']) expect(sedolCheckDigitHolds(sedol), sedol).toBe(true);
  });

  it('refuses every other check digit, and values of the wrong shape', () => {
    const others = (id: string): string[] => [...'0123456789'].filter((d) => d !== id.at(-1)).map((d) => id.slice(0, -1) + d);
    expect(others('US0378331005').filter(isinCheckDigitHolds)).toEqual([]);
    expect(others('38259P508').filter(cusipCheckDigitHolds)).toEqual([]);
    expect(others('B0YBKJ7').filter(sedolCheckDigitHolds)).toEqual([]);
    // Lower case, a letter as check digit, a country code of digits, a vowel in a SEDOL, one character short or long.
    expect(['us0378331005', 'US037833100X', '120378331005', 'US037833100', 'US03783310050'].filter(isinCheckDigitHolds)).toEqual([]);
    expect(['38259p508', '38259P50X', '38259P-08', '03783310', '0378331000'].filter(cusipCheckDigitHolds)).toEqual([]);
    // "BAYBKJ7" passes the arithmetic (A = 10 in the place of 0, weight 3: 30 ≡ 0 mod 10), but SEDOLs have no vowels.
    expect(['BAYBKJ7', 'b0ybkj7', 'B0YBKJX', 'B0YBK-7', '204625', '20462510'].filter(sedolCheckDigitHolds)).toEqual([]);
  });
});
