import type { Holdings, Position } from './types.ts';

/**
 * Same security, different issuers: iShares prints BRKB, Vanguard BRK/B, SPDR BRK.B, Invesco
 * pads "NVDA ", and foreign rows carry local codes that collide across markets ("7203" is
 * Toyota in Tokyo and Al-Elm in Riyadh; "SAP" is SAP in Frankfurt and Saputo in Toronto).
 * So a position gets several keys, strongest first: ISIN, CUSIP (also read out of a US or
 * Canadian ISIN), SEDOL, then ticker within its market, then ticker plus the first word of the
 * name in any market, then name within its market.
 */

/** "BRK.B", "BRK-B", "BRK/B", " brkb " → "BRKB". */
export function compactTicker(ticker: string): string {
  return ticker.toUpperCase().replace(/[\s./\-]/g, '');
}

const NAME_NOISE = /\b(INCORPORATED|INC|CORPORATION|CORP|COMPANY|CO|PLC|LTD|LIMITED|LLC|SA|NV|AG|SE|AB|ASA|THE|HOLDINGS?|GROUP|REIT|ADR|ORD|SHS|COM)\b/g;

/** Upper case, "&" as AND, punctuation as spaces, "CL" as CLASS: "Alphabet Inc.-Cl A" → "ALPHABET INC  CLASS A". */
function upperWords(name: string): string {
  return name
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[^A-Z0-9 ]/g, ' ')
    .replace(/\bCL\b/g, 'CLASS');
}

/** "Alphabet Inc. Class A" and "ALPHABET INC CLASS A" → "ALPHABET CLASS A". Class words stay. */
export function normaliseName(name: string): string {
  return upperWords(name).replace(NAME_NOISE, ' ').replace(/\s+/g, ' ').trim();
}

const CLASS_WORDS = /\b(CLASS|SERIES)\s+[A-Z]\b|\b(CLASS|SERIES)\s*$/g;

/** The company a share class belongs to: "ALPHABET CLASS C" → "ALPHABET". */
export function companyName(name: string): string {
  return normaliseName(name).replace(CLASS_WORDS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * What share classes of one company print alike within one file: the whole name without its class
 * words ("HEICO CORP CLASS A" and "HEICO CORP" → "HEICO CORP"), its legal form and its "Group",
 * "Holdings" or "REIT" kept. Those tell companies apart that share a first name in one market:
 * SoftBank Group Corp (9984) and SoftBank Corp (9434), Chiyoda Corp and Chiyoda Co Ltd, Keppel Ltd
 * and Keppel REIT, Heineken NV and Heineken Holding NV (all in Vanguard's VT file). Empty when the
 * name has no Latin letters or digits.
 */
export function shareClassKey(name: string): string {
  return upperWords(name).replace(CLASS_WORDS, ' ').replace(/\s+/g, ' ').trim();
}

/** The market a position trades in for ticker matching: its country, or US where the file gives none (US funds). */
function market(p: Position): string {
  return p.country ?? 'US';
}

/** Keys for one position, strongest first. Every key carries its kind, so a CUSIP never meets a ticker. */
export function identityKeys(p: Position): string[] {
  const keys: string[] = [];
  const { isin, cusip, sedol } = p.ids;
  if (isin) keys.push(`isin:${isin}`);
  const impliedCusip = cusip ?? (isin && /^(US|CA)/.test(isin) ? isin.slice(2, 11) : undefined);
  if (impliedCusip) keys.push(`cusip:${impliedCusip}`);
  if (sedol) keys.push(`sedol:${sedol}`);
  const ticker = compactTicker(p.ticker);
  const name = normaliseName(p.name);
  if (ticker) {
    keys.push(`t:${market(p)}:${ticker}`);
    // The same ticker in another market is the same company only if the name agrees too:
    // ASML in Amsterdam = the ASML ADR, but BA. (BAE Systems) is not BA (Boeing).
    const firstWord = name.split(' ')[0];
    if (firstWord) keys.push(`tn:${ticker}:${firstWord}`);
  }
  if (name) keys.push(`n:${market(p)}:${name}`);
  return keys;
}

/** Key kinds, strongest first. Matching pairs every position it can on one kind before trying the next. */
export const KEY_KINDS = ['isin', 'cusip', 'sedol', 't', 'tn', 'n'] as const;

const keyCache = new WeakMap<Holdings, string[][]>();
const indexCache = new WeakMap<Holdings, Map<string, number[]>>();

/** identityKeys for every position of a fund, computed once per Holdings value. */
export function fundKeys(h: Holdings): string[][] {
  let keys = keyCache.get(h);
  if (!keys) {
    keys = h.positions.map(identityKeys);
    keyCache.set(h, keys);
  }
  return keys;
}

/** key → indexes of the positions holding it (in position order), computed once per Holdings value. */
export function fundIndex(h: Holdings): Map<string, number[]> {
  let index = indexCache.get(h);
  if (!index) {
    index = new Map();
    const keys = fundKeys(h);
    for (let i = 0; i < keys.length; i++) {
      for (const k of keys[i]!) {
        const list = index.get(k);
        if (list) list.push(i);
        else index.set(k, [i]);
      }
    }
    indexCache.set(h, index);
  }
  return index;
}

const byKindCache = new WeakMap<Holdings, (string | undefined)[][]>();
const pairCache = new WeakMap<Holdings, WeakMap<Holdings, Int32Array>>();

/** For each key kind, each position's key of that kind (or undefined), computed once per Holdings value. */
function keysByKind(h: Holdings): (string | undefined)[][] {
  let out = byKindCache.get(h);
  if (!out) {
    const keys = fundKeys(h);
    out = KEY_KINDS.map((kind) => {
      const prefix = `${kind}:`;
      return keys.map((list) => list.find((k) => k.startsWith(prefix)));
    });
    byKindCache.set(h, out);
  }
  return out;
}

/**
 * Pairs positions of `a` with positions of `b` that are the same security. Kind by kind, strongest
 * first (every ISIN pair before any ticker pair), each position paired at most once, so a weak key
 * never takes a position that a strong key would have paired: the result does not depend on which
 * fund is `a`. Returns, for each position of `a`, the index of its match in `b` or -1.
 * O(min(|a|, |b|) · kinds) map look-ups once both funds' keys are built (cached per fund).
 */
export function matchPositions(a: Holdings, b: Holdings): Int32Array {
  // Snapshots never change after loading, so a pair is matched once and remembered.
  let byB = pairCache.get(a);
  const hit = byB?.get(b);
  if (hit) return hit;
  const match = matchUncached(a, b);
  if (!byB) pairCache.set(a, (byB = new WeakMap()));
  byB.set(b, match);
  return match;
}

/** matchPositions without the per-pair memo (for benchmarks and for funds that just changed). */
export function matchUncached(a: Holdings, b: Holdings): Int32Array {
  if (a.positions.length > b.positions.length) {
    const reverse = probe(b, a);
    const match = new Int32Array(a.positions.length).fill(-1);
    for (let j = 0; j < reverse.length; j++) if (reverse[j]! >= 0) match[reverse[j]!] = j;
    return match;
  }
  return probe(a, b);
}

/** Looks each position of the (smaller) fund `a` up in `b`'s index, kind by kind. */
function probe(a: Holdings, b: Holdings): Int32Array {
  const index = fundIndex(b);
  const kinds = keysByKind(a);
  const taken = new Uint8Array(b.positions.length);
  const match = new Int32Array(a.positions.length).fill(-1);
  for (const keys of kinds) {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined || match[i] !== -1) continue;
      const candidates = index.get(k);
      if (!candidates) continue;
      for (const j of candidates) {
        if (taken[j] === 0) {
          taken[j] = 1;
          match[i] = j;
          break;
        }
      }
    }
  }
  return match;
}

/**
 * Shared integer ids for the positions of several funds, so the same security gets the same id in
 * every fund (for look-through). The first fund's positions take ids 0…n−1; each later fund's
 * positions take the id of their match in an earlier fund, or a new one. Returns the ids per fund
 * and how many distinct securities there are.
 */
export function sharedIds(funds: readonly Holdings[]): { ids: Int32Array[]; size: number } {
  const ids: Int32Array[] = [];
  let size = 0;
  funds.forEach((fund, f) => {
    const own = new Int32Array(fund.positions.length).fill(-1);
    for (let g = 0; g < f; g++) {
      const match = matchPositions(fund, funds[g]!);
      for (let i = 0; i < match.length; i++) if (own[i] === -1 && match[i]! >= 0) own[i] = ids[g]![match[i]!]!;
    }
    for (let i = 0; i < own.length; i++) if (own[i] === -1) own[i] = size++;
    ids.push(own);
  });
  return { ids, size };
}

/**
 * The by-company view: share classes of one company merged into one position (GOOGL + GOOG →
 * "GOOGL+GOOG", weights added), matched by name less its class words within the same market
 * (shareClassKey). A position with neither such a name nor a ticker stays on its own.
 */
export function byCompany(h: Holdings): Holdings {
  let merged = companyCache.get(h);
  if (!merged) {
    merged = mergeShareClasses(h);
    companyCache.set(h, merged);
  }
  return merged;
}

const companyCache = new WeakMap<Holdings, Holdings>();

function mergeShareClasses(h: Holdings): Holdings {
  const groups = new Map<string, Position[]>();
  for (const [i, p] of h.positions.entries()) {
    const key = `${market(p)}:${shareClassKey(p.name) || compactTicker(p.ticker) || `#${i}`}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const merged: Position[] = [];
  const mergedNames: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    if (group.length === 1) {
      merged.push(first);
      continue;
    }
    const sum = (get: (p: Position) => number | null): number | null =>
      group.every((p) => get(p) !== null) ? group.reduce((s, p) => s + get(p)!, 0) : null;
    const ticker = group.map((p) => p.ticker).join('+');
    mergedNames.push(ticker);
    merged.push({
      ...first,
      ticker,
      name: companyName(first.name),
      weight: group.reduce((s, p) => s + p.weight, 0),
      reportedWeight: sum((p) => p.reportedWeight),
      marketValue: sum((p) => p.marketValue),
      ids: {},
    });
  }
  if (mergedNames.length === 0) return h;
  merged.sort((x, y) => y.weight - x.weight);
  return {
    ...h,
    positions: merged,
    notes: [...h.notes, `By company: share classes merged (${mergedNames.join(', ')}).`],
  };
}

/** Drops the cached keys of a fund whose positions changed (after sectors or countries were filled). */
export function forgetIdentity(h: Holdings): void {
  keyCache.delete(h);
  indexCache.delete(h);
  byKindCache.delete(h);
  pairCache.delete(h);
}
