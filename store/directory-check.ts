import type { DirectoryEntry } from './directory.ts';

/** A ticker as the directory keeps it: letters, digits, '.' and '-', at most 12 (BRK.B, 1306, YOMIURI333). */
export const TICKER = /^[A-Z0-9][A-Z0-9.-]{0,11}$/;

/** The share of the current directory's entries one refresh may drop before it is refused. */
export const MAX_DROP_SHARE = 0.1;

/** Below this many current entries the drop check is off (a first directory, a test store). */
const DROP_CHECK_FROM = 100;

/** A directory refresh refused before anything was written; the message says why and what to do. */
export class DirectoryRefusal extends Error {
  override readonly name = 'DirectoryRefusal';
}

/**
 * What a directory refresh may store, checked before it replaces the old one:
 * - a ticker that is not a plain symbol (markup, mentions, formulas, 40 characters of junk) is
 *   flagged and left out, entry by entry, and an entry left with no ticker is left out;
 * - one ticker on two entries (two series claiming one symbol) refuses the whole refresh: which
 *   fund a ticker names would depend on row order;
 * - a refresh that would drop more than MAX_DROP_SHARE of the current entries (an empty or cut
 *   file from a misbehaving source) is refused unless `allowShrink`.
 * Returns the entries to store and the flags, one line per left-out symbol.
 */
export function checkDirectory(entries: readonly DirectoryEntry[], currentCount: number, allowShrink = false): { entries: DirectoryEntry[]; flagged: string[] } {
  const flagged: string[] = [];
  const kept: DirectoryEntry[] = [];
  for (const e of entries) {
    const bad = e.tickers.filter((t) => !TICKER.test(t));
    const none = bad.length === e.tickers.length;
    for (const t of bad) flagged.push(`${e.key}: symbol ${JSON.stringify(t.slice(0, 40))} is not a plain ticker${none ? ' (the entry has no other, so it is left out too)' : ''}`);
    if (bad.length === 0) kept.push(e);
    else if (!none) kept.push({ ...e, tickers: e.tickers.filter((t) => TICKER.test(t)) });
  }
  const owners = new Map<string, string>();
  const clashes: string[] = [];
  for (const e of kept) {
    for (const t of e.tickers) {
      const other = owners.get(t);
      if (other !== undefined && other !== e.key) clashes.push(`${t} (${other} and ${e.key})`);
      else owners.set(t, e.key);
    }
  }
  if (clashes.length > 0) {
    throw new DirectoryRefusal(`${clashes.length} ticker${clashes.length === 1 ? ' is' : 's are'} claimed by two entries: ${clashes.slice(0, 5).join(', ')}${clashes.length > 5 ? ', …' : ''}. The directory is unchanged.`);
  }
  const dropped = currentCount - kept.length;
  if (!allowShrink && currentCount >= DROP_CHECK_FROM && dropped > currentCount * MAX_DROP_SHARE) {
    throw new DirectoryRefusal(
      `the new directory has ${kept.length} entries where the current one has ${currentCount}: it would drop ${dropped} (${Math.round((dropped / currentCount) * 100)}%), more than the ${MAX_DROP_SHARE * 100}% a refresh may drop. The directory is unchanged; if the source really shrank, run again with --allow-shrink.`,
    );
  }
  return { entries: kept, flagged };
}
