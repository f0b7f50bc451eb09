import { HoldingsFileError } from './errors.ts';

/** Where a cell sits, for error messages. */
export interface CellPlace {
  file: string;
  line: number;
  column: string;
}

const BLANK = new Set(['', '-', '--', '---', '—', 'n/a', 'N/A']);
const SUFFIX: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/**
 * Reads an issuer's number: thousands separators, "$", a trailing "%", "(1.2)" for negatives,
 * and "$4.0B" / "$14.4M" abbreviations. Blank and "-" read as null. Anything else throws,
 * naming the file, line and column.
 */
export function readNumber(raw: unknown, at: CellPlace): number | null {
  const value = numberOrNaN(raw);
  if (Number.isNaN(value)) throw new HoldingsFileError(at.file, at.line, `a number in "${at.column}"`, typeof raw === 'number' ? String(raw) : String(raw).trim());
  return value;
}

/** readNumber without the throw: null for a blank cell, NaN for one that is not a number (for reading columns by their values). */
export function numberOrNaN(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : NaN;
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  if (BLANK.has(text)) return null;
  const negative = /^\(.*\)$/.test(text);
  const body = (negative ? text.slice(1, -1) : text).replace(/[$,%\s]/g, '');
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)([KMBT]?)$/.exec(body);
  if (!match) return NaN;
  const value = Number(match[1]) * (SUFFIX[match[2] ?? ''] ?? 1);
  return negative ? -value : value;
}

/** True for the "<0.01%" cells that Vanguard prints for weights it rounds away. */
export function isBelowPrintedPrecision(raw: unknown): boolean {
  return typeof raw === 'string' && /^\s*<\s*\d/.test(raw);
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * Reads the date layouts issuers print: "Nov 18, 2025", "April 13, 2026", "18-Nov-2025",
 * "13-Apr-26" (an Excel re-save), "13 Apr 2026", "As of 12-Feb-2026", "05/31/2026" (US order),
 * "2025/07/31" (Japanese order), "2026年4月13日", "20260430", "2026-04-30", or an Excel Date.
 * Returns ISO "YYYY-MM-DD", or null when the text holds no date it recognises.
 */
export function readDate(raw: unknown): string | null {
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString().slice(0, 10);
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  let m = /([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})/.exec(text);
  if (m) return iso(Number(m[3]), MONTHS[m[1]!.toLowerCase()], Number(m[2]));
  m = /(\d{1,2})[- ]([A-Za-z]{3})[a-z]*[- ](\d{4}|\d{2})\b/.exec(text);
  if (m) return iso(fullYear(m[3]!), MONTHS[m[2]!.toLowerCase()], Number(m[1]));
  m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (m) return iso(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** "26" → 2026 (issuers' two-digit years are this century); "2026" as is. */
function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

function iso(year: number, month: number | undefined, day: number): string | null {
  if (month === undefined || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
