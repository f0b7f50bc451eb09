import { columnsOf } from '../holdings/columns.ts';
import { COLUMN_MEANING } from '../holdings/reader.ts';
import type { Holdings, Position } from '../holdings/types.ts';
import type { Context, Lang } from './context.ts';
import { ageInDays, clip, percent } from './format.ts';
import { m, t } from './messages.ts';
import type { View, ViewSource } from './view.ts';

/** The source line every figure carries: fund, issuer, file, as-of date (or, undated, when we stored it). */
export function sourceOf(h: Holdings, ctx?: Pick<Context, 'data' | 'lang'>): ViewSource {
  const source: ViewSource = { fund: h.fund, file: originLine(h, ctx?.lang) ?? h.file, issuer: h.issuer, asOf: h.asOf.date };
  if (h.asOf.date === null && ctx) {
    const meta = (ctx.data as { meta?: (fund: string) => { importedAt: string } | undefined }).meta?.(h.fund);
    if (meta) source.stored = meta.importedAt.slice(0, 10);
  }
  return source;
}

/** "as of 2026-02-12", or "undated file, stored 2026-11-20": the when of a source line, in the reader's language. */
export function sourceWhen(lang: Lang, s: Pick<ViewSource, 'asOf' | 'stored'>): string {
  if (s.asOf) return lang === 'ja' ? `基準日 ${s.asOf}` : `as of ${s.asOf}`;
  if (lang === 'ja') return s.stored ? `日付のないファイル（${s.stored}に保存）` : '日付のないファイル';
  return s.stored ? `undated file, stored ${s.stored}` : 'undated file';
}

/** The date part of a source line where room is short (console): "2026-05-31" or the undated wording. */
export function sourceDate(lang: Lang, s: Pick<ViewSource, 'asOf' | 'stored'>): string {
  return s.asOf ?? sourceWhen(lang, s);
}

/**
 * For a downloaded snapshot, its kind and lag in place of a file name, in the reader's language:
 * "SEC N-PORT for 2026-06-30, filed 2026-08-25" / "SEC N-PORT（2026-06-30時点、2026-08-25提出）".
 */
export function originLine(h: Holdings, lang: Lang = 'en'): string | null {
  const o = h.origin;
  if (!o) return null;
  if (o.kind !== 'issuer') return t(lang, m.originNport(o.reportDate, o.filedDate));
  return t(lang, m.originIssuer(h.file));
}

/**
 * Shares of one whole shown rounded need not add to 100 as shown (a third each → 33% + 33% + 33%
 * = 99%); the note that says so, or null when the figures shown do add to 100. Pass every share
 * of the whole (a top-5 list is not a whole) and the digits they are shown with.
 */
export function roundedSharesNote(lang: Lang, what: 'mix' | 'sectors' | 'countries', shares: readonly number[], digits: number): string | null {
  // The figures exactly as percent() prints them, added in integer units of the last digit shown.
  const units = shares.reduce((s, x) => s + Math.round(Number(percent(x, digits).slice(0, -1)) * 10 ** digits), 0);
  if (shares.length < 2 || units === 100 * 10 ** digits) return null;
  return t(lang, m.roundedShares(what, (units / 10 ** digits).toFixed(digits)));
}

/** Warnings about the data itself: no date, too old, what was excluded, what was filled in. */
export function dataWarnings(ctx: Context, h: Holdings): string[] {
  const out: string[] = [];
  // A table no issuer layout claimed: its figures rest on columns told by their meaning.
  if (h.format === COLUMN_MEANING) out.push(t(ctx.lang, m.readByMeaning(h.fund, h.file)));
  if (h.asOf.date === null) out.push(t(ctx.lang, m.undated(h.fund, h.asOf.reason)));
  else {
    const days = ageInDays(h.asOf.date, ctx.now);
    if (days !== null && days > ctx.staleAfterDays) out.push(t(ctx.lang, m.stale(h.fund, h.asOf.date, days)));
  }
  // Whether any sector or country came from another fund: noted once, when the snapshot's columns were built.
  if (columnsOf(h).filledFromPeers) out.push(t(ctx.lang, m.sectorsFilled()));
  return out;
}

/** One line saying what was left out of the weights and how they were normalised. */
export function exclusionLine(ctx: Context, h: Holdings): string {
  if (h.excluded.length === 0) return t(ctx.lang, m.noExcluded());
  const weight = h.excluded.reduce((s, e) => s + (e.reportedWeight ?? 0), 0);
  return t(ctx.lang, m.excludedSummary(h.excluded.length, percent(weight)));
}

/**
 * How a company is named on every card, one way everywhere: its ticker then its name ("NVDA NVIDIA
 * Corp", "7203 トヨタ自動車"), the name cut to `width` columns; on a Japanese card a Tokyo code
 * takes the Japanese name a loaded file gives it (see japaneseNames).
 */
export function positionLabel(p: Pick<Position, 'ticker' | 'name'>, ja?: JapaneseNames, width = 20): string {
  // Japanese names often come in full-width letters (三菱ＵＦＪ): folded, and cut by display width.
  const name = clip(((p.ticker && ja?.get(p.ticker)) || p.name).normalize('NFKC').trim(), width);
  if (!p.ticker) return name;
  return name && name.toUpperCase() !== p.ticker.toUpperCase() ? `${p.ticker} ${name}` : p.ticker;
}

/** Japanese company names by Tokyo code ("7203" → "トヨタ自動車"). */
export type JapaneseNames = ReadonlyMap<string, string>;

const TSE_CODE = /^\d{3}[0-9A-Z]$/;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const namesOf = new WeakMap<Holdings, Map<string, string>>();
let lastMerge: { files: Holdings[]; names: JapaneseNames } | undefined;

/**
 * On a Japanese card, the Japanese names of Tokyo-listed companies from every loaded file that
 * prints them (JPX's TOPIX file lists 銘柄名), so an N225 or VT row for 7203 reads トヨタ自動車
 * rather than the English of its own file; undefined on an English card. Only files whose fund is
 * a JPX one or has a Japanese name are read, so a card never loads every stored fund for this.
 */
export function japaneseNames(ctx: Pick<Context, 'lang' | 'data'>): JapaneseNames | undefined {
  if (ctx.lang !== 'ja') return undefined;
  const files: Holdings[] = [];
  for (const f of ctx.data.list()) {
    if (f.issuer !== 'JPX' && !JAPANESE.test(f.name)) continue;
    const h = ctx.data.get(f.fund);
    if (h) files.push(h);
  }
  // Every Japanese card asks: the merged map is made again only when those snapshots change.
  if (lastMerge && lastMerge.files.length === files.length && lastMerge.files.every((h, i) => h === files[i])) return lastMerge.names;
  const merged = new Map<string, string>();
  for (const h of files) {
    let names = namesOf.get(h);
    if (!names) {
      names = new Map();
      // A name in kana or kanji, or in full-width letters (ＫＤＤＩ): the Japanese listing name, not an English one.
      for (const p of h.positions) if (p.ticker && TSE_CODE.test(p.ticker) && (JAPANESE.test(p.name) || p.name !== p.name.normalize('NFKC'))) names.set(p.ticker, p.name.normalize('NFKC'));
      namesOf.set(h, names);
    }
    for (const [code, name] of names) if (!merged.has(code)) merged.set(code, name);
  }
  lastMerge = { files, names: merged };
  return merged;
}

const REGION = { en: new Intl.DisplayNames(['en'], { type: 'region' }), ja: new Intl.DisplayNames(['ja'], { type: 'region' }) };
/** Shorter than the official names where a card has little room. */
const SHORT_REGION: Record<string, { en: string; ja: string }> = { US: { en: 'United States', ja: '米国' }, HK: { en: 'Hong Kong', ja: '香港' }, KR: { en: 'South Korea', ja: '韓国' } };

/** An ISO country code (or "Unknown") as the reader's language names it: "JP" → "Japan" / "日本". */
export function countryName(lang: Lang, code: string): string {
  if (code === 'Unknown' || !/^[A-Z]{2}$/.test(code)) return t(lang, m.unknownSector());
  return SHORT_REGION[code]?.[lang] ?? REGION[lang].of(code) ?? code;
}

const resolutionNotes = new WeakMap<Context, string[]>();

/** Remembers a line about how a named fund was answered (a stand-in, a fresh download), for `withResolutionNotes`. */
export function noteResolution(ctx: Context, line: string): void {
  const list = resolutionNotes.get(ctx) ?? [];
  if (!list.includes(line)) list.push(line);
  resolutionNotes.set(ctx, list);
}

/**
 * The one place stand-ins reach the card, whatever the command: the lines go first among the
 * warnings (the reader must see them) and into `data.resolution` for --json. Error cards get none.
 */
export function withResolutionNotes(ctx: Context, view: View): View {
  const notes = resolutionNotes.get(ctx);
  if (!notes?.length || view.tone === 'error') return view;
  const data = view.data && typeof view.data === 'object' && !Array.isArray(view.data) ? { ...(view.data as object), resolution: notes } : view.data;
  return { ...view, warnings: [...notes, ...(view.warnings ?? [])], data };
}
