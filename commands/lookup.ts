import { fundKey } from '../holdings/fund-name.ts';
import type { Holdings } from '../holdings/types.ts';
import { VARIANT_MARKERS } from '../store/curated-funds.ts';
import type { DirectoryEntry } from '../store/directory.ts';
import { searchKey, type DirectoryIndex } from '../store/directory-search.ts';
import { noteAsked } from './asked-funds.ts';
import { noteResolution } from './card-parts.ts';
import type { Context, Lang } from './context.ts';
import { FundChoiceError, MAX_CHOICES } from './fund-choice.ts';
import type { FundRef } from '../store/fund-fetch.ts';
import { md } from './messages-directory.ts';
import { mf } from './messages-fetch.ts';
import { m, t } from './messages.ts';
import { UserError } from './user-error.ts';

/** "$spy", " ｓｐｙ " → "SPY": full-width folded (NFKC), cashtag and spaces dropped. */
export function normaliseTicker(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/^\$/, '').toUpperCase();
}

/**
 * The one way every command turns what a user typed into holdings:
 * 1. a stored fund by ticker → its holdings; a fund whose own file was refused → that refusal;
 * 2. else the fund directory (the curated funds at least; the SEC's lists are brought in when a
 *    name is not found or a fund lacks its SEC ids, SEC_USER_AGENT set): an entry whose own ticker is stored (another share class of the
 *    same series, an index's own weights) or whose stand-in is stored → those holdings, with a
 *    line on the card saying so (`noteResolution`); a fund known but not stored → fetched on
 *    demand through `ctx.fetcher` (one progress line), then answered; several matches, or an
 *    index without holdings of its own → a FundChoiceError listing them; nothing → "no fund or
 *    index called X", without any download;
 * 3. with no directory (plain catalogs): a UserError with "did you mean" from the loaded funds.
 * Nothing stored and no SEC source: the answer names both ways to get data (files, SEC_USER_AGENT).
 */
export async function requireFund(ctx: Context, raw: string): Promise<Holdings> {
  const h = await resolveFund(ctx, raw);
  noteAsked(ctx.requester, h.fund);
  return h;
}

async function resolveFund(ctx: Context, raw: string): Promise<Holdings> {
  const fund = normaliseTicker(raw);
  // "qqq-2020", "QQQ_2020", "ｑｑｑ" name the fund QQQ, as folder names do (holdings/fund-name.ts).
  const found = ctx.data.get(fund) ?? ctx.data.get(fundKey(raw) ?? fund);
  if (found) return found;
  // A fund whose own file was refused: say why (file, line, what was expected), not "did you mean".
  const refused = ctx.data.problems().find((p) => p.fund === fund || p.fund === fundKey(raw));
  if (refused) throw new UserError('file-refused', t(ctx.lang, m.fileRefused(refused.fund, refused.message)));
  // A stored fund asked for by the name its card shows ("iShares S&P 500 Growth ETF"): the SEC's
  // lists that fetched it give tickers only, so the directory alone would not know the name.
  const named = storedByName(ctx, raw);
  if (named) return named;
  const index = await ctx.directory?.index();
  const loaded = ctx.data.list().map((f) => f.fund);
  const several = severalFunds(ctx, raw, index);
  if (several) throw new UserError('several-funds', t(ctx.lang, m.severalFunds(raw.normalize('NFKC').trim(), several)));
  if (!index) {
    if (loaded.length === 0) throw new UserError('no-data', t(ctx.lang, m.noData(ctx.data.describe())));
    throw new UserError('unknown-fund', t(ctx.lang, m.unknownFund(raw.normalize('NFKC').trim(), suggest(fund, loaded), loaded)));
  }
  try {
    return await resolveByName(ctx, raw.normalize('NFKC').trim(), index, loaded);
  } catch (error) {
    // Nothing stored and nothing that could download: the only answer is how to get data at all.
    if (error instanceof UserError && loaded.length === 0 && !ctx.fetcher?.secEnabled && /^(unknown-fund|not-stored|stand-in-missing|fetch-)/.test(error.code)) {
      throw new UserError('no-data', t(ctx.lang, m.noSource(ctx.data.describe())));
    }
    throw error;
  }
}

/** Whether the directory holds the SEC's lists (not only the curated names). */
function secListsIn(index: DirectoryIndex | null | undefined): boolean {
  return index?.entries.some((e) => e.origin !== 'curated') ?? false;
}

/** The one stored fund whose own name is `raw` (case, spaces and punctuation aside), or undefined. */
function storedByName(ctx: Context, raw: string): Holdings | undefined {
  const key = searchKey(raw);
  if (key.length < 4) return undefined;
  const hits = ctx.data.list().filter((f) => searchKey(f.name) === key);
  return hits.length === 1 ? ctx.data.get(hits[0]!.fund) : undefined;
}

/**
 * "VT VOO QQQ", "vt, voo" or "オルカン IVW" where one fund is asked for: the funds, when the text is
 * two or more words each of which is a stored fund or exactly one directory entry's ticker, name or
 * alias, and the whole is no fund's ticker or name; else null.
 */
function severalFunds(ctx: Context, raw: string, index: DirectoryIndex | null | undefined): string[] | null {
  const words = raw.normalize('NFKC').split(/[\s,、，]+/).filter(Boolean).map(normaliseTicker);
  if (words.length < 2) return null;
  const isFund = (w: string) => ctx.data.get(w) !== undefined || index?.exactly(w) !== undefined;
  if (!words.every(isFund)) return null;
  if (index && index.resolve(raw.normalize('NFKC').trim()).kind !== 'none') return null;
  return words;
}

async function resolveByName(ctx: Context, raw: string, index: DirectoryIndex, loaded: readonly string[]): Promise<Holdings> {
  const { lang } = ctx;
  const asked = normaliseTicker(raw);
  const found = index.resolve(raw);
  const marker = variantMarker(raw);
  if (found.kind === 'none') {
    // The SEC's lists are not in the directory yet: bring them in once, then look again.
    if (await fillDirectory(ctx)) return resolveByName(ctx, raw, (await ctx.directory!.index())!, loaded);
    // "オルカン 為替ヘッジあり": the parent is known, the variant is not; say why it is not the parent.
    const parent = marker ? index.resolve(raw.replace(marker, '')) : found;
    if (parent.kind === 'one') throw new UserError('different-fund', t(lang, md.variant(raw, entryName(parent.entry, lang), marker!)));
    const said = md.noSuchFund(raw, suggest(asked, loaded));
    // A ticker is one word of capitals and digits; anything else was asked for by name.
    const byName = !/^[A-Z0-9.\-]{1,10}$/.test(raw.normalize('NFKC').trim());
    const hint = !ctx.fetcher?.secEnabled ? md.secOffHint() : !secListsIn(index) ? md.secListsAbsent() : byName ? md.secByTicker() : null;
    throw new UserError('unknown-fund', t(lang, hint ? { en: said.en + hint.en, ja: said.ja + hint.ja } : said));
  }
  if (found.kind === 'many') throw new FundChoiceError(raw, found.entries, t(lang, md.choose(raw, Math.min(found.entries.length, MAX_CHOICES))));
  const entry = found.entry;
  const name = entryName(entry, lang);
  if (marker && !entryText(entry).includes(searchKey(marker))) throw new UserError('different-fund', t(lang, md.variant(raw, name, marker)));
  if (entry.noHoldings) throw new UserError('no-holdings', entry.noHoldings[lang]);
  if (entry.kind === 'index' && entry.tickers.length === 0) {
    const members = index.membersOf(entry.key);
    throw new FundChoiceError(raw, members, t(lang, md.indexFunds(name, members.length)));
  }
  for (const ticker of entry.tickers) {
    const h = ctx.data.get(ticker);
    if (!h) continue;
    if (entry.kind === 'index' && entry.standInNote) noteResolution(ctx, t(lang, md.indexWeights(name, entry.standInNote[lang])));
    else if (ticker !== asked && entry.tickers.includes(asked) && entry.seriesId) noteResolution(ctx, t(lang, md.sameSeries(asked, ticker, entry.seriesId)));
    return h;
  }
  if (entry.standIn.length > 0) {
    const note = (by: string) => {
      const why = `${entry.standInNote?.[lang] ?? ''}${t(lang, md.standInChoice(by, entry.standIn))}`;
      noteResolution(ctx, t(lang, md.standIn(name, by, why)));
    };
    const stored = entry.standIn.find((ticker) => ctx.data.get(ticker));
    if (stored) {
      note(stored);
      return ctx.data.get(stored)!;
    }
    // None stored: the first stand-in the directory can fetch, fetched like any fund.
    const fetchable = entry.standIn.map((ticker) => ({ ticker, e: index.byTicker(ticker).find(canFetch) })).find((x) => x.e);
    if (fetchable?.e && ctx.fetcher) {
      const h = await fetchAndRead(ctx, fetchable.e, fetchable.ticker);
      note(fetchable.ticker);
      return h;
    }
    throw new UserError('stand-in-missing', t(lang, md.standInMissing(name, entry.standIn)));
  }
  const ticker = entry.tickers.includes(asked) ? asked : entry.tickers[0];
  if (entry.kind === 'index' || ticker === undefined) throw new UserError('not-stored', t(lang, md.indexNotStored(name, ticker ?? asked)));
  if (!canFetch(entry)) throw new UserError('not-stored', t(lang, md.noSource(name)));
  if (!ctx.fetcher) throw new UserError('not-stored', t(lang, md.fetchOff(name, ticker)));
  return fetchAndRead(ctx, entry, ticker);
}

/** Brings the SEC's lists into the directory when they are missing (one progress line if it downloads); true when the directory changed. */
export async function fillDirectory(ctx: Context): Promise<boolean> {
  if (!ctx.directory?.fill || !ctx.fetcher?.secEnabled) return false;
  return ctx.directory.fill(() => ctx.progress?.(t(ctx.lang, mf.progress({ kind: 'directory' }))));
}

/** Asks the fetcher for a fund (progress lines in the reader's language), re-reads the store and returns what was stored. */
async function fetchAndRead(ctx: Context, known: DirectoryEntry, ticker: string): Promise<Holdings> {
  const { lang } = ctx;
  // A curated entry knows the issuer but not the SEC ids N-PORT needs: the SEC's lists add them.
  let entry = known;
  if (entry.cik === null && entry.seriesId === null && (await fillDirectory(ctx))) entry = (await ctx.directory!.index())?.byTicker(ticker).find(canFetch) ?? entry;
  const name = entry.nameEn ?? entry.nameJa ?? ticker;
  const ref: FundRef = { fund: ticker, name, cik: entry.cik, seriesId: entry.seriesId, issuer: entry.issuer };
  ctx.progress?.(t(lang, md.fetching(ticker, name)));
  const outcome = await ctx.fetcher!.ensure(ref, ctx.progress && ((e) => ctx.progress!(t(lang, mf.progress(e)))));
  if (outcome.status === 'failed') {
    const failure = outcome.failure ?? { code: 'no-source' as const, detail: '' };
    // The reason reaches the log too (dispatch writes `log` fields), not only the user.
    const fields = { fund: ticker, detail: failure.detail, ...(failure.download ? { download: failure.download.kind, status: failure.download.status } : {}) };
    // Nothing to look N-PORT up by, because the SEC's lists (which give the series) are not in: the SEC is what failed.
    const listsMissing = (failure.code === 'no-source' || failure.code === 'refused') && entry.cik === null && entry.seriesId === null && ctx.fetcher?.secEnabled && !secListsIn(await ctx.directory?.index());
    const why = listsMissing ? md.secListsMissing(ticker) : md.fetchFailed(ticker, failure.code, failure.detail, failure.download);
    const did = outcome.fallback && mf.issuerDid(outcome.fallback.issuer, outcome.fallback.problem);
    throw new UserError(listsMissing ? 'fetch-network' : `fetch-${failure.code}`, t(lang, did ? { en: `${why.en} ${did.en}`, ja: `${why.ja}${did.ja}` } : why), undefined, fields);
  }
  const data = ctx.data as Partial<{ refresh(): Promise<unknown> }>;
  if (typeof data.refresh === 'function') await data.refresh();
  const h = ctx.data.get(outcome.fund) ?? ctx.data.get(ticker);
  if (!h) throw new UserError('fetch-no-source', t(lang, md.fetchFailed(ticker, 'no-source', '')));
  if (outcome.status === 'stored' && outcome.source) {
    noteResolution(ctx, t(lang, md.fetched(ticker, outcome.source.kind, outcome.source.reportDate, outcome.source.filedDate)));
  }
  if (outcome.fallback && outcome.source?.kind === 'sec-nport') noteResolution(ctx, t(lang, mf.fallbackNote(outcome.fallback.issuer, outcome.fallback.problem)));
  return h;
}

/** Whether anything is known to fetch a fund by: an SEC id (N-PORT) or an issuer (its own file). */
function canFetch(e: DirectoryEntry): boolean {
  return e.kind === 'fund' && e.noHoldings === null && e.tickers.length > 0 && (e.cik !== null || e.seriesId !== null || e.issuer !== null);
}

function entryName(e: DirectoryEntry, lang: Lang): string {
  return (lang === 'ja' ? (e.nameJa ?? e.nameEn) : (e.nameEn ?? e.nameJa)) ?? e.tickers[0] ?? e.key;
}

function entryText(e: DirectoryEntry): string {
  return [e.nameEn, e.nameJa, ...e.aliases].filter(Boolean).map((n) => searchKey(n!)).join(' ');
}

/**
 * The words that make a name a different fund from its parent (ex-Japan, ex-US, currency-hedged),
 * as typed; null when there are none. "unhedged" is not "hedged".
 */
export function variantMarker(raw: string): string | null {
  const text = raw.normalize('NFKC');
  for (const v of VARIANT_MARKERS) if (text.includes(v.ja)) return v.ja;
  const en = /\bex[- ]?(japan|us|u\.s\.)\b|(?<!un)hedged/i.exec(text);
  return en ? en[0] : null;
}

/** Loaded tickers closest to `wanted`: prefix matches first, then edit distance ≤ 2. At most 5. */
export function suggest(wanted: string, loaded: readonly string[]): string[] {
  const scored = loaded
    .map((fund) => ({ fund, score: fund.startsWith(wanted) || wanted.startsWith(fund) ? 0 : editDistance(wanted, fund) }))
    .filter((s) => s.score <= 2)
    .sort((a, b) => a.score - b.score || a.fund.localeCompare(b.fund));
  return scored.slice(0, 5).map((s) => s.fund);
}

/** Levenshtein distance, O(|a|·|b|); tickers are short. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
