/**
 * Check digits of the three security identifiers issuers print. A column whose values pass them
 * is an identifier column whatever its header says; a value that fails is not kept as an id.
 */

/** A character's value in CUSIP and SEDOL arithmetic: digits as themselves, letters A–Z as 10–35. */
function charValue(code: number): number {
  return code <= 57 ? code - 48 : code - 55;
}

/** The CUSIP check digit: letters count 10–35, every second value is doubled, digits of each product summed. */
export function cusipCheckDigitHolds(cusip: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9]$/.test(cusip)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    let v = charValue(cusip.charCodeAt(i));
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return (10 - (sum % 10)) % 10 === Number(cusip[8]);
}

/** The ISIN check digit: letters expanded to two digits (A = 10), then the Luhn sum of the digit string. */
export function isinCheckDigitHolds(isin: string): boolean {
  if (!/^[A-Z]{2}[0-9A-Z]{9}[0-9]$/.test(isin)) return false;
  const digits = [...isin.slice(0, 11)].map((c) => String(charValue(c.charCodeAt(0)))).join('');
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let v = Number(digits[i]);
    if (double) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return (10 - (sum % 10)) % 10 === Number(isin[11]);
}

const SEDOL_WEIGHTS = [1, 3, 1, 7, 3, 9];

/** The SEDOL check digit: six characters (no vowels) weighted 1 3 1 7 3 9, the seventh completes the sum to a multiple of 10. */
export function sedolCheckDigitHolds(sedol: string): boolean {
  if (!/^[0-9B-DF-HJ-NP-TV-Z]{6}[0-9]$/.test(sedol)) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += charValue(sedol.charCodeAt(i)) * SEDOL_WEIGHTS[i]!;
  return (10 - (sum % 10)) % 10 === Number(sedol[6]);
}
