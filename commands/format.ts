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

/** HHI as a fraction to 4 decimals, plus the antitrust convention (× 10,000) said in words. */
export function hhiText(hhi: number, lang: 'en' | 'ja' = 'en'): string {
  const points = integer(hhi * 10_000);
  return lang === 'ja' ? `${hhi.toFixed(4)}（${points}/10,000点）` : `${hhi.toFixed(4)} = ${points} of 10,000 points`;
}

/** "1 name", "5 names": English plural by count; Japanese has none. */
export function plural(count: number, one: string, many: string): string {
  return `${integer(count)} ${count === 1 ? one : many}`;
}

/** Days between an ISO date and now, floored; null for no date. */
export function ageInDays(isoDate: string | null, now: Date): number | null {
  if (!isoDate) return null;
  const then = Date.parse(`${isoDate}T00:00:00Z`);
  return Math.floor((now.getTime() - then) / 86_400_000);
}

const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Display width in a terminal or a monospace table: East Asian wide and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE_CHAR.test(ch) || ch.codePointAt(0)! >= 0x1f300 ? 2 : 1;
  return width;
}

/** Cuts text to at most `width` display columns, ending in "…" when cut. */
export function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
