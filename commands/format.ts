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

// toLocaleString builds a new Intl.NumberFormat on every call; one formatter per digit count is
// built once and reused, for the values fixedGrouped leaves to it.
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
  return fixedGrouped(Math.round(value), 0);
}

/** 45.678 → "45.7". */
export function decimal(value: number, digits = 1): string {
  return fixedGrouped(value, digits);
}

/**
 * What the en-US formatter prints (thousands commas, `digits` decimals), built by hand: a card
 * formats a dozen numbers, and each Intl call cost more than the rest of its line. Intl rounds
 * the shortest decimal that reads back as the value (1.005 → "1.01", where toFixed gives
 * "1.00"), halves away from zero; so does this, on String(value). Intl stays for what String
 * prints otherwise (exponents, non-finite) and for −0.
 */
function fixedGrouped(value: number, digits: number): string {
  const shortest = String(Math.abs(value));
  if (!(Math.abs(value) < 1e15) || Object.is(value, -0) || shortest.includes('e')) return formatter(digits).format(value);
  const dot = shortest.indexOf('.');
  const whole = dot === -1 ? shortest : shortest.slice(0, dot);
  const fraction = dot === -1 ? '' : shortest.slice(dot + 1);
  // All the kept digits as one string; a dropped first digit of 5 or more carries into it.
  let kept = whole + fraction.slice(0, digits).padEnd(digits, '0');
  if (fraction.length > digits && fraction.charCodeAt(digits) >= 53) kept = carried(kept);
  const head = kept.slice(0, kept.length - digits);
  let out = head.slice(0, head.length % 3 || 3);
  for (let i = out.length; i < head.length; i += 3) out += `,${head.slice(i, i + 3)}`;
  return `${value < 0 ? '-' : ''}${out}${digits > 0 ? `.${kept.slice(kept.length - digits)}` : ''}`;
}

/** "1299" → "1300", "999" → "1000": a decimal string plus one in its last place. */
function carried(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  const nines = digits.length - 1 - i;
  return `${i < 0 ? '1' : digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1)}${'0'.repeat(nines)}`;
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
