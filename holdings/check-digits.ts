/**
 * Check digits of the three security identifiers issuers print. A column whose values pass them
 * is an identifier column whatever its header says; a value that fails is not kept as an id.
 */

/** A character's value in CUSIP, ISIN and SEDOL arithmetic: digits as themselves, letters A–Z as 10–35; -1 for any other character. */
function charValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  return code >= 65 && code <= 90 ? code - 55 : -1;
}

/** A digit's value, -1 for any other character. */
function digitValue(code: number): number {
  return code >= 48 && code <= 57 ? code - 48 : -1;
}

/** The CUSIP check digit: eight digits or letters (10–35), every second value doubled, digits of each product summed; the ninth completes the sum to a multiple of 10. */
export function cusipCheckDigitHolds(cusip: string): boolean {
  if (cusip.length !== 9) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    let v = charValue(cusip.charCodeAt(i));
    if (v < 0) return false;
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return (10 - (sum % 10)) % 10 === digitValue(cusip.charCodeAt(8));
}

/** The ISIN check digit: two letters and nine digits or letters, letters expanded to two digits (A = 10), then the Luhn sum of the digit string. */
export function isinCheckDigitHolds(isin: string): boolean {
  if (isin.length !== 12) return false;
  let digits = '';
  for (let i = 0; i < 11; i++) {
    const v = charValue(isin.charCodeAt(i));
    if (v < 0 || (i < 2 && v < 10)) return false;
    digits += v;
  }
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let v = digits.charCodeAt(i) - 48;
    if (double) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return (10 - (sum % 10)) % 10 === digitValue(isin.charCodeAt(11));
}

const SEDOL_WEIGHTS = [1, 3, 1, 7, 3, 9];
/** SEDOLs use no vowels: A, E, I, O, U. */
const VOWELS = new Set([65, 69, 73, 79, 85]);

/** The SEDOL check digit: six digits or consonants weighted 1 3 1 7 3 9, the seventh completes the sum to a multiple of 10. */
export function sedolCheckDigitHolds(sedol: string): boolean {
  if (sedol.length !== 7) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) {
    const code = sedol.charCodeAt(i);
    const v = charValue(code);
    if (v < 0 || VOWELS.has(code)) return false;
    sum += v * SEDOL_WEIGHTS[i]!;
  }
  return (10 - (sum % 10)) % 10 === digitValue(sedol.charCodeAt(6));
}
