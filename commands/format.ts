/** Number formatting for cards. Commands format; renderers only lay out. */

/** 0.41567 → "41.57%"; digits default 2. */
export function percent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Signed percent for moves: -0.0345 → "−3.45%", 0.01 → "+1.00%". */
export function signedPercent(fraction: number, digits = 2): string {
  const text = percent(Math.abs(fraction), digits);
  if (Math.abs(fraction) < 0.5 * 10 ** -(digits + 2)) return percent(0, digits);
  return fraction < 0 ? `−${text}` : `+${text}`;
}

// toLocaleString builds a new Intl.NumberFormat on every call (the most expensive step of a card);
// one formatter per digit count is built once and reused.
const formatters = new Map<number, Intl.NumberFormat>();
function formatter(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, f);
  }
  return f;
}

/** 12345 → "12,345". */
export function integer(value: number): string {
  return formatter(0).format(Math.round(value));
}

/** 45.678 → "45.7". */
export function decimal(value: number, digits = 1): string {
  return formatter(digits).format(value);
}

/** HHI as a fraction to 4 decimals, plus the antitrust points convention (× 10,000). */
export function hhiText(hhi: number): string {
  return `${hhi.toFixed(4)} (${integer(hhi * 10_000)} pts)`;
}

/** Days between an ISO date and now, floored; null for no date. */
export function ageInDays(isoDate: string | null, now: Date): number | null {
  if (!isoDate) return null;
  const then = Date.parse(`${isoDate}T00:00:00Z`);
  return Math.floor((now.getTime() - then) / 86_400_000);
}
