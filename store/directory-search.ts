import type { DirectoryEntry } from './directory.ts';

/**
 * The form names are compared in: NFKC (full-width → half-width, 「（」 → "("), lower case, and
 * only letters and digits kept, so "S&P 500", "s&p500" and "ＳＰ５００" all read "sp500" and
 * "楽天・VTI" reads "楽天vti"; hiragana reads as katakana ("おるかん" = "オルカン").
 */
export function searchKey(text: string): string {
  // Plain ASCII (every SEC ticker) skips NFKC and the Unicode classes: the index builds 28,000 of these.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return foldKana(text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''));
}

/** Hiragana → katakana (ぁ U+3041…ゖ U+3096 → ァ…ヶ, and ゝゞ → ヽヾ), so "おるかん" finds オルカン. */
export function foldKana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** How a typed name resolved: one entry to answer with, several to choose from, or nothing known. */
export type Resolution = { kind: 'one'; entry: DirectoryEntry } | { kind: 'many'; entries: DirectoryEntry[] } | { kind: 'none' };

/** 0 exact ticker, 1 exact name or alias, 2 ticker prefix, 3 name prefix, 4 name contains. */
type Tier = 0 | 1 | 2 | 3 | 4;

/**
 * The directory in memory, for lookups on every command and keystroke (Discord autocomplete):
 * tickers in a map and a sorted array (prefix by binary search), names and aliases in a flat list
 * scanned for prefix and substring. Pure: built once from the stored rows.
 */
export class DirectoryIndex {
  private readonly byTickerKey = new Map<string, DirectoryEntry[]>();
  private readonly sortedTickers: { key: string; entry: DirectoryEntry }[] = [];
  private readonly names: { key: string; entry: DirectoryEntry }[] = [];
  private readonly byNameKey = new Map<string, DirectoryEntry[]>();
  private readonly byEntryKey = new Map<string, DirectoryEntry>();
  private readonly members = new Map<string, DirectoryEntry[]>();

  constructor(readonly entries: readonly DirectoryEntry[]) {
    for (const entry of entries) {
      this.byEntryKey.set(entry.key, entry);
      for (const ticker of entry.tickers) {
        const key = searchKey(ticker);
        push(this.byTickerKey, key, entry);
        this.sortedTickers.push({ key, entry });
      }
      const nameKeys = new Set([entry.nameEn, entry.nameJa, ...entry.aliases].filter((n): n is string => !!n).map(searchKey).filter(Boolean));
      for (const key of nameKeys) {
        this.names.push({ key, entry });
        push(this.byNameKey, key, entry);
      }
      if (entry.tracks) push(this.members, entry.tracks, entry);
    }
    this.sortedTickers.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get size(): number {
    return this.entries.length;
  }

  byKey(key: string): DirectoryEntry | undefined {
    return this.byEntryKey.get(key);
  }

  /** Entries listing this ticker (share classes of one series are one entry). */
  byTicker(ticker: string): DirectoryEntry[] {
    return this.byTickerKey.get(searchKey(ticker)) ?? [];
  }

  /** The funds that track an index entry, US funds with their own holdings first. */
  membersOf(indexKey: string): DirectoryEntry[] {
    return [...(this.members.get(indexKey) ?? [])].sort((a, b) => a.standIn.length - b.standIn.length || rankOrder(a, b));
  }

  /**
   * Entries matching what was typed, best first: exact ticker, exact name or alias, ticker
   * prefix, name prefix, then name contains (two characters or more). At most `limit`.
   */
  search(query: string, limit = 10): DirectoryEntry[] {
    const q = searchKey(query);
    if (q === '') return [];
    const best = new Map<DirectoryEntry, Tier>();
    const offer = (entry: DirectoryEntry, tier: Tier) => {
      const had = best.get(entry);
      if (had === undefined || tier < had) best.set(entry, tier);
    };
    for (const e of this.byTickerKey.get(q) ?? []) offer(e, 0);
    for (const e of this.byNameKey.get(q) ?? []) offer(e, 1);
    // Ticker prefixes in alphabetical order; enough of them to fill the answer.
    let taken = 0;
    for (let i = lowerBound(this.sortedTickers, q); i < this.sortedTickers.length && taken < limit; i++) {
      const t = this.sortedTickers[i]!;
      if (!t.key.startsWith(q)) break;
      if (t.key !== q) offer(t.entry, 2), taken++;
    }
    for (const n of this.names) {
      if (n.key === q) continue;
      if (n.key.startsWith(q)) offer(n.entry, 3);
      else if (q.length >= 2 && n.key.includes(q)) offer(n.entry, 4);
    }
    return [...best]
      .sort(([a, ta], [b, tb]) => ta - tb || rankOrder(a, b))
      .slice(0, limit)
      .map(([e]) => e);
  }

  /** The one entry whose ticker, name or alias is exactly `query` (no prefix or substring), or undefined. */
  exactly(query: string): DirectoryEntry | undefined {
    const q = searchKey(query);
    const exact = q === '' ? undefined : (this.byTickerKey.get(q) ?? this.byNameKey.get(q));
    return exact?.length === 1 ? exact[0] : undefined;
  }

  /**
   * What a typed name means. An exact ticker, or an exact name or alias of one entry, is that
   * entry. Otherwise the matches: one usable fund is answered with; variants we never answer
   * for (hedged, ex-Japan: `noHoldings`) are not picked for a query that did not name them,
   * but still listed, so "eMAXIS Slim 米国株式" is the unhedged fund and never its hedged twin.
   */
  resolve(query: string): Resolution {
    const q = searchKey(query);
    if (q === '') return { kind: 'none' };
    const exact = this.byTickerKey.get(q) ?? this.byNameKey.get(q);
    if (exact && exact.length === 1) return { kind: 'one', entry: exact[0]! };
    if (exact && exact.length > 1) return { kind: 'many', entries: [...exact].sort(rankOrder) };
    const found = this.search(query, 10);
    if (found.length === 0) return { kind: 'none' };
    const usable = found.filter((e) => e.noHoldings === null);
    if (usable.length === 1) return { kind: 'one', entry: usable[0]! };
    if (found.length === 1) return { kind: 'one', entry: found[0]! };
    return { kind: 'many', entries: found };
  }
}

/** Named entries (curated, trusts) before bare SEC share classes; then by first ticker or key. */
function rankOrder(a: DirectoryEntry, b: DirectoryEntry): number {
  const named = Number(b.nameEn !== null || b.nameJa !== null) - Number(a.nameEn !== null || a.nameJa !== null);
  return named || (a.tickers[0] ?? a.key).localeCompare(b.tickers[0] ?? b.key);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/** First index whose key is ≥ q (the array is sorted by key). */
function lowerBound(sorted: readonly { key: string }[], q: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.key < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
