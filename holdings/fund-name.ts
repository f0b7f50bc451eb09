/** A fund ticker as stored: upper case, letters, digits, "." or "-", at most 12 characters. */
export const FUND_TICKER = /^[A-Z0-9][A-Z0-9.\-]{0,11}$/;

/**
 * The fund a name stands for, as a person would type it or name a folder: "qqq", "QQQ_2020",
 * "qqq-2020", "ＱＱＱ", "1306", "N225" → QQQ, QQQ, QQQ, QQQ, 1306, N225. Full-width characters are
 * folded (NFKC), "$" cashtags dropped, spaces and "_" read as "-", and a trailing year or date
 * ("_2020", "-2026-02-12") is taken as the snapshot's date, not part of the ticker. null when
 * what is left is not a ticker.
 */
export function fundKey(raw: string): string | null {
  let name = raw.normalize('NFKC').trim().replace(/^\$/, '').toUpperCase().replace(/[\s_]+/g, '-');
  const dated = /^(.+?)-(?:19|20)\d{2}(?:-?\d{2}){0,2}$/.exec(name);
  if (dated && FUND_TICKER.test(dated[1]!)) name = dated[1]!;
  return FUND_TICKER.test(name) ? name : null;
}
