import { CURATED } from './curated-funds.ts';
import type { DirectoryEntry } from './directory.ts';

/** One share class from the SEC's company_tickers_mf.json. */
export interface ShareClass {
  cik: number;
  seriesId: string | null;
  classId: string | null;
  /** Null for a class the SEC lists without a ticker (it still belongs to its series). */
  symbol: string | null;
}

/** One registrant from the SEC's company_tickers.json. */
export interface Registrant {
  cik: number;
  ticker: string;
  title: string;
}

export class DirectoryFileError extends Error {
  override readonly name = 'DirectoryFileError';
}

/**
 * company_tickers_mf.json: `{"fields":["cik","seriesId","classId","symbol"],"data":[[2110,"S000009184","C000024954","LACAX"],…]}`.
 * The columns are found by the field names, not assumed; a row that does not fit is named by its index.
 */
export function parseMutualFundTickers(text: string, file: string): ShareClass[] {
  const json = parseJson(text, file);
  const fields = (json as { fields?: unknown }).fields;
  const data = (json as { data?: unknown }).data;
  if (!Array.isArray(fields) || !Array.isArray(data)) throw new DirectoryFileError(`${file}: expected an object with "fields" and "data" arrays (the SEC's company_tickers_mf.json)`);
  const col = (name: string) => {
    const i = fields.indexOf(name);
    if (i < 0) throw new DirectoryFileError(`${file}: "fields" has no "${name}" (found ${fields.map(String).join(', ')})`);
    return i;
  };
  const [cik, series, cls, symbol] = [col('cik'), col('seriesId'), col('classId'), col('symbol')];
  return data.map((row, i) => {
    if (!Array.isArray(row)) throw new DirectoryFileError(`${file}: data[${i}] is not an array`);
    const c = Number(row[cik]);
    const s = row[symbol];
    if (!Number.isInteger(c) || c <= 0 || (s !== null && typeof s !== 'string')) {
      throw new DirectoryFileError(`${file}: data[${i}] ${JSON.stringify(row)}: expected a positive cik and a symbol (text, may be empty)`);
    }
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
    return { cik: c, seriesId: text(row[series]), classId: text(row[cls]), symbol: symbolOf(s) };
  });
}

/** company_tickers.json: `{"0":{"cik_str":789019,"ticker":"MSFT","title":"MICROSOFT CORP"},…}`. */
export function parseCompanyTickers(text: string, file: string): Registrant[] {
  const json = parseJson(text, file);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DirectoryFileError(`${file}: expected an object of {cik_str, ticker, title} (the SEC's company_tickers.json)`);
  return Object.entries(json as Record<string, unknown>).map(([key, value]) => {
    const v = value as { cik_str?: unknown; ticker?: unknown; title?: unknown } | null;
    const cik = Number(v?.cik_str);
    if (!Number.isInteger(cik) || cik <= 0 || typeof v?.ticker !== 'string' || typeof v.title !== 'string') {
      throw new DirectoryFileError(`${file}: entry "${key}": expected cik_str, ticker and title`);
    }
    return { cik, ticker: v.ticker.trim().toUpperCase(), title: v.title.trim() };
  });
}

/** Upper case ("mcnax" appears in the file), wrapping parentheses dropped ("(NWAKX)" does too); "n/a" and blanks mean the class has no ticker. */
function symbolOf(v: unknown): string | null {
  const s = typeof v === 'string' ? v.trim().toUpperCase().replace(/^\((.*)\)$/, '$1').trim() : '';
  return s === '' || s === 'N/A' ? null : s;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DirectoryFileError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Equity unit investment trusts: registrants the mutual-fund file lacks (they have no series)
 * whose SEC title says ETF trust (SPDR S&P 500 ETF TRUST, SPDR DOW JONES … ETF TRUST) or names
 * the QQQ trust. Commodity and crypto trusts hold no shares to be concentrated in, and the
 * other ~10,000 registrants are operating companies, REITs and closed-end funds: all left out.
 */
export function isEquityUnitTrust(r: Registrant, inMutualFundFile: ReadonlySet<string>): boolean {
  if (inMutualFundFile.has(r.ticker)) return false;
  if (!/\bETF TRUST\b|\bQQQ TRUST\b/i.test(r.title)) return false;
  return !/\b(GOLD|SILVER|PLATINUM|PALLADIUM|PRECIOUS|BITCOIN|ETHER|ETHEREUM|OIL|COMMODIT|CURRENCY)/i.test(r.title);
}

/**
 * The whole directory: one entry per SEC series (its share classes' symbols as tickers), one
 * per equity unit investment trust, then the curated list, whose US funds are merged into
 * their SEC entry by ticker (names, issuer, index; the curated ticker first).
 */
export function buildDirectory(classes: readonly ShareClass[], registrants: readonly Registrant[], curated: readonly DirectoryEntry[] = CURATED): DirectoryEntry[] {
  const bySeries = new Map<string, DirectoryEntry>();
  const entries: DirectoryEntry[] = [];
  const secFund = (key: string, cik: number, seriesId: string | null, origin: DirectoryEntry['origin']): DirectoryEntry => ({
    key,
    kind: 'fund',
    tickers: [],
    nameEn: null,
    nameJa: null,
    aliases: [],
    issuer: null,
    tracks: null,
    sources: ['stored', 'issuer', 'sec-nport'],
    cik,
    seriesId,
    classIds: [],
    standIn: [],
    standInNote: null,
    noHoldings: null,
    origin,
  });
  for (const c of classes) {
    // A class without a series (rare) is its own entry under its class id or symbol.
    const own = c.classId ?? c.symbol;
    if (!c.seriesId && !own) continue;
    const key = c.seriesId ? `sec:${c.seriesId}` : `sec:${own}`;
    let entry = bySeries.get(key);
    if (!entry) {
      entry = secFund(key, c.cik, c.seriesId, 'sec-mf');
      bySeries.set(key, entry);
      entries.push(entry);
    }
    if (c.symbol && !entry.tickers.includes(c.symbol)) entry.tickers.push(c.symbol);
    if (c.classId && !entry.classIds.includes(c.classId)) entry.classIds.push(c.classId);
  }
  // A series none of whose classes has a ticker cannot be named by anyone: it is left out.
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.tickers.length === 0) entries.splice(i, 1);
  const mfSymbols = new Set(classes.flatMap((c) => (c.symbol ? [c.symbol] : [])));
  for (const r of registrants) {
    if (!isEquityUnitTrust(r, mfSymbols)) continue;
    entries.push({ ...secFund(`sec-cik:${r.cik}`, r.cik, null, 'sec-uit'), tickers: [r.ticker], nameEn: titleCase(r.title) });
  }
  const byTicker = new Map<string, DirectoryEntry>();
  for (const e of entries) for (const t of e.tickers) if (!byTicker.has(t)) byTicker.set(t, e);
  for (const c of curated) {
    const sec = c.key.startsWith('us:') ? byTicker.get(c.tickers[0] ?? '') : undefined;
    if (!sec) {
      entries.push(c);
      continue;
    }
    const first = c.tickers[0]!;
    Object.assign(sec, {
      tickers: [first, ...sec.tickers.filter((t) => t !== first)],
      nameEn: c.nameEn,
      nameJa: c.nameJa,
      aliases: [...new Set([...sec.aliases, ...(sec.nameEn && sec.nameEn !== c.nameEn ? [sec.nameEn] : []), ...c.aliases])],
      issuer: c.issuer,
      tracks: c.tracks,
    });
  }
  return entries;
}

/** "SPDR S&P 500 ETF TRUST" → "SPDR S&P 500 ETF Trust": the SEC's capitals, softened where they are plain words. */
function titleCase(title: string): string {
  return title.replace(/\b([A-Z])([A-Z]+)\b/g, (word, a: string, rest: string) => (/^(SPDR|ETF|QQQ|S&P|US)$/.test(word) || word.length <= 3 ? word : a + rest.toLowerCase()));
}
