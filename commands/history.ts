import { z } from 'zod';
import { effectiveN, EFFECTIVE_N_REFERENCES, topN, TOP10_REFERENCES } from '../analytics/index.ts';
import type { Holdings } from '../holdings/types.ts';
import { hasHistory, type SnapshotHistory, type SnapshotWeights } from '../store/types.ts';
import { japaneseNames, positionLabel, sourceOf } from './card-parts.ts';
import { historyChart } from './chart-specs.ts';
import type { Context, Lang } from './context.ts';
import { defineCommand, type Bilingual } from './define.ts';
import { decimal, integer, percent } from './format.ts';
import type { ArchiveOutcome, FundRef } from '../store/fund-fetch.ts';
import { holdersOf } from './holders.ts';
import { normaliseTicker, requireFund } from './lookup.ts';
import { m, t } from './messages.ts';
import { ms } from './messages-store.ts';
import { UserError } from './user-error.ts';
import type { View, ViewTable } from './view.ts';

/** The figures history shows per snapshot. Field names are stable (--json). */
export interface SnapshotFigures {
  asOf: string | null;
  file: string;
  importedAt: string;
  count: number;
  effectiveN: number;
  top10: number;
  largest: number;
  /** 'sec-archive' / 'sec-nport' (an N-PORT filing), 'issuer' (the issuer's file), null (imported from a folder). */
  sourceKind: string | null;
  /** The largest holding's label, where the snapshot's holdings could be read. */
  largestName?: string;
}

export function figuresOf(s: SnapshotWeights): SnapshotFigures {
  return {
    asOf: s.meta.asOf,
    file: s.meta.file,
    importedAt: s.meta.importedAt,
    count: s.weights.length,
    effectiveN: effectiveN(s.weights),
    top10: topN(s.weights, 10),
    largest: s.weights[0] ?? 0,
    sourceKind: s.meta.sourceKind,
  };
}

/** A snapshot's label on a table row or chart axis: its as-of date, or that it has none. */
export function snapshotLabel(lang: Lang, s: SnapshotWeights): string {
  return s.meta.asOf ?? t(lang, ms.undatedSnapshot(s.meta.id));
}

/** Whether a snapshot was read from an SEC N-PORT filing (the archive backfill's or the on-demand fetch's). */
export const isNport = (kind: string | null) => kind === 'sec-archive' || kind === 'sec-nport';

/**
 * One snapshot per date, oldest first: where an N-PORT filing and another file are both stored
 * for one date, the filing (one source through time); `both` lists those dates. With `since`,
 * dated snapshots on or after it only.
 */
export function timeline(snapshots: readonly SnapshotWeights[], since: string | null): { points: SnapshotWeights[]; both: string[] } {
  const byDate = new Map<string, SnapshotWeights[]>();
  const points: SnapshotWeights[] = [];
  for (const s of snapshots) {
    if (s.meta.asOf === null) {
      if (since === null) points.push(s);
      continue;
    }
    if (since !== null && s.meta.asOf < since) continue;
    byDate.set(s.meta.asOf, [...(byDate.get(s.meta.asOf) ?? []), s]);
  }
  const both: string[] = [];
  for (const [date, list] of byDate) {
    const filings = list.filter((s) => isNport(s.meta.sourceKind));
    if (filings.length > 0 && filings.length < list.length) both.push(date);
    points.push((filings.length > 0 ? filings : list).at(-1)!);
  }
  return { points, both };
}

/** Everything the SEC needs to find a fund's filings: how it was fetched, else the directory. */
async function archiveRef(ctx: Context, h: Holdings): Promise<FundRef | null> {
  const lookup = h.origin?.lookup;
  if (lookup && (lookup.seriesId || lookup.cik)) return { fund: h.fund, name: h.name, ...lookup };
  const entry = (await ctx.directory?.index())?.byTicker(h.fund).find((e) => e.kind === 'fund' && (e.seriesId !== null || e.cik !== null));
  return entry ? { fund: h.fund, name: entry.nameEn ?? h.name, cik: entry.cik, seriesId: entry.seriesId, issuer: entry.issuer } : null;
}

/** Backfills the fund's archive where the runtime offers it, with one progress line per period; notes for the card. */
async function readArchive(ctx: Context, h: Holdings, since: string): Promise<string[]> {
  const ref = ctx.archive ? await archiveRef(ctx, h) : null;
  if (!ref || !ctx.archive) return [];
  const { lang } = ctx;
  const outcome: ArchiveOutcome = await ctx.archive.backfill(ref, since, (p) =>
    ctx.progress?.(t(lang, p.done === 0 ? ms.archiveReading(h.fund, since.slice(0, 4)) : ms.archiveProgress(h.fund, p.done, p.total))),
  );
  const data = ctx.data as Partial<{ refresh(): Promise<unknown> }>;
  if (outcome.stored.length > 0 && typeof data.refresh === 'function') await data.refresh();
  if (outcome.status === 'failed') return outcome.failure?.code === 'sec-off' ? [] : [t(lang, ms.archiveFailed(outcome.failure?.detail ?? ''))];
  return [
    t(lang, ms.archiveNote(outcome.periods.length, outcome.stored.length)),
    ...outcome.skipped.map((k) => t(lang, ms.archiveSkipped(k.period, k.detail))),
    ...(outcome.undated > 0 ? [t(lang, ms.archiveUndated(outcome.undated))] : []),
  ];
}

interface Series {
  fund: string;
  points: SnapshotWeights[];
  figures: SnapshotFigures[];
  labels: string[];
  holdings: (Holdings | undefined)[];
  both: string[];
  notes: string[];
}

async function seriesOf(ctx: Context & { data: SnapshotHistory }, h: Holdings, since: string | null): Promise<Series> {
  const notes = since ? await readArchive(ctx, h, since) : [];
  const { points, both } = timeline(await ctx.data.history(h.fund), since);
  const holdings = await Promise.all(points.map((p) => ctx.data.holdingsAt?.(p.meta.id)));
  const ja = japaneseNames(ctx);
  const figures = points.map((p, i) => {
    const f = figuresOf(p);
    const top = holdings[i]?.positions.reduce((a, b) => (b.weight > a.weight ? b : a));
    return top ? { ...f, largestName: positionLabel(top, ja) } : f;
  });
  return { fund: h.fund, points, figures, labels: points.map((p) => snapshotLabel(ctx.lang, p)), holdings, both, notes };
}

/** A company's weight and rank in each period's holdings, matched by identifier as /holders does. */
function companyPath(s: Series, company: string): ({ weight: number; rank: number; label: string } | null)[] {
  return s.holdings.map((h, i) => {
    if (!h) return null;
    const found = holdersOf([{ ...h, fund: s.labels[i]! }], company)[0];
    if (!found) return null;
    return { weight: found.weight, rank: 1 + h.positions.filter((p) => p.weight > found.weight).length, label: positionLabel(found) };
  });
}

export const historyCommand = defineCommand({
  name: 'history',
  description: {
    en: 'A fund’s concentration per period since 2019 (SEC N-PORT); one company’s weight in it; or two funds',
    ja: '2019年以降の各期の集中度（SEC N-PORT）、1社のウエイトの推移、2ファンドの比較',
  },
  examples: ['/history IVV', '/history IVV NVDA', '/history IVV QQQ', '/history VT since=2022'],
  args: z.object({
    fund: z.string().min(1).max(80).describe('Fund ticker, e.g. SPY | ファンドのティッカー（例：SPY）'),
    with: z.string().min(1).max(60).optional().describe('A company (NVDA) or a second fund (QQQ) | 企業（NVDA）または2つ目のファンド（QQQ）'),
    since: z.number().int().min(2019).max(2100).optional().describe('First year, default 2019 (N-PORT began then) | 開始年（省略時は2019年、N-PORT開始年）'),
  }),
  async run(args, ctx) {
    const { lang } = ctx;
    const { fund, with: other } = await wholeName(ctx, args.fund, args.with);
    const since = args.since;
    const h = await requireFund(ctx, fund);
    if (!hasHistory(ctx.data)) throw new UserError('no-history', t(lang, ms.noHistory()));
    const hctx = ctx as Context & { data: SnapshotHistory };
    // The archive goes back to 2019; without the archive (and no year asked) every stored snapshot is shown.
    const sinceDate = ctx.archive || since ? `${since ?? 2019}-01-01` : null;
    const a = await seriesOf(hctx, h, sinceDate);
    if (a.points.length === 0) throw new UserError('no-periods', t(lang, ms.noPeriods(h.fund, sinceDate ?? '')));
    if (other) {
      const company = other.normalize('NFKC').trim();
      if (a.holdings.some((x) => x && holdersOf([x], company).length > 0)) return companyCard(ctx, h, a, company);
      const second = await requireFund(ctx, other).catch((error: unknown) => {
        if (error instanceof UserError) throw new UserError('not-held', t(lang, ms.companyNotHeld(normaliseTicker(other), h.fund)));
        throw error;
      });
      return twoFundsCard(ctx, [h, second], [a, await seriesOf(hctx, second, sinceDate)]);
    }
    return fundCard(ctx, h, a);
  },
});

/**
 * `/history eMAXIS Slim 米国株式` arrives as fund "eMAXIS" with "Slim 米国株式": when the words
 * together name one fund in the directory and the first word alone names none, they are one name.
 */
async function wholeName(ctx: Context, fund: string, other: string | undefined): Promise<{ fund: string; with: string | undefined }> {
  if (!other || ctx.data.get(normaliseTicker(fund))) return { fund, with: other };
  const index = await ctx.directory?.index();
  const whole = `${fund} ${other}`;
  if (index && index.resolve(whole).kind === 'one' && index.resolve(fund).kind !== 'one') return { fund: whole, with: undefined };
  return { fund, with: other };
}

function changeLine(lang: Lang, s: Series): string {
  const first = s.figures[0];
  const last = s.figures.at(-1);
  if (!first || !last || s.figures.length < 2) return t(lang, ms.historyOne());
  return `${t(lang, ms.historyChange(s.fund, decimal(first.effectiveN), decimal(last.effectiveN), s.labels[0]!))} ${t(
    lang,
    ms.historySummary(s.labels[0]!, s.labels.at(-1)!, decimal(first.effectiveN), decimal(last.effectiveN), percent(first.top10, 1), percent(last.top10, 1)),
  )}`;
}

function sourceCell(lang: Lang, f: SnapshotFigures): string {
  return isNport(f.sourceKind) ? t(lang, ms.sourceNport()) : f.sourceKind === 'issuer' ? t(lang, ms.sourceIssuer()) : f.file;
}

function notesOf(lang: Lang, series: readonly Series[]): string[] {
  return series.flatMap((s) => [...s.notes, ...(s.both.length > 0 ? [t(lang, ms.bothSources(s.both.join(', ')))] : [])]);
}

function fundCard(ctx: Context, h: Holdings, s: Series): View {
  const { lang } = ctx;
  const table: ViewTable = {
    columns: columnsOf(lang, [m.colAsOf(), 'left'], [ms.colHoldings(), 'right'], [ms.colEffN(), 'right'], [ms.colTop10(), 'right'], [ms.colLargestName(), 'left'], [ms.colLargest(), 'right'], [ms.colSource(), 'left']),
    rows: s.figures.map((f, i) => [s.labels[i]!, integer(f.count), decimal(f.effectiveN), percent(f.top10, 1), f.largestName ?? '', percent(f.largest, 1), sourceCell(lang, f)]),
  };
  return {
    lang,
    title: s.points.some((p) => isNport(p.meta.sourceKind)) && s.labels[0] ? t(lang, ms.historyPeriodsTitle(h.fund, s.figures.length, s.labels[0])) : t(lang, ms.historyTitle(h.fund, s.figures.length)),
    tone: 'info',
    summary: [changeLine(lang, s), ...notesOf(lang, [s])].join('\n'),
    table,
    chart: historyChart(lang, [{ fund: h.fund, figures: s.figures, labels: s.labels }], referenceRules(lang)),
    sources: [sourceOf(h, ctx)],
    footer: t(lang, m.educationNote()),
    data: { fund: h.fund, snapshots: s.figures },
  };
}

function companyCard(ctx: Context, h: Holdings, s: Series, company: string): View {
  const { lang } = ctx;
  const path = companyPath(s, company);
  const held = path.map((p, i) => ({ p, i })).filter((x): x is { p: NonNullable<(typeof path)[number]>; i: number } => x.p !== null);
  const label = held[0]!.p.label;
  const first = held[0]!;
  const last = held.at(-1)!;
  const absent = s.labels.filter((_, i) => s.holdings[i] && !path[i]);
  const summary = [
    t(lang, ms.companyChange(label, h.fund, percent(first.p.weight, 2), percent(last.p.weight, 2), integer(first.p.rank), integer(last.p.rank), s.labels[first.i]!)),
    changeLine(lang, s),
    ...(absent.length > 0 ? [t(lang, ms.companyAbsent(label, absent.join(', ')))] : []),
    ...notesOf(lang, [s]),
  ].join('\n');
  return {
    lang,
    title: t(lang, ms.companyTitle(label, h.fund, held.length)),
    tone: 'info',
    summary,
    table: {
      columns: columnsOf(lang, [m.colAsOf(), 'left'], [m.colWeight(), 'right'], [ms.colRank(), 'right'], [ms.colEffN(), 'right'], [ms.colLargestName(), 'left'], [ms.colSource(), 'left']),
      rows: s.figures.map((f, i) => [s.labels[i]!, path[i] ? percent(path[i]!.weight, 2) : '—', path[i] ? integer(path[i]!.rank) : '—', decimal(f.effectiveN), f.largestName ?? '', sourceCell(lang, f)]),
    },
    chart: {
      kind: 'line-panels',
      title: t(lang, ms.companyChange(label, h.fund, percent(first.p.weight, 1), percent(last.p.weight, 1), integer(first.p.rank), integer(last.p.rank), s.labels[first.i]!)),
      subtitle: t(lang, ms.companyTitle(label, h.fund, held.length)),
      axes: { x: t(lang, ms.axisPeriod()) },
      series: [
        // A period whose holdings were read and do not include the company: weight 0, drawn so.
        { name: t(lang, ms.chartWeightOf(label, h.fund)), format: 'percent', points: s.labels.flatMap((x, i) => (s.holdings[i] ? [{ x, y: path[i]?.weight ?? 0 }] : [])) },
        { name: t(lang, ms.colEffN()), format: 'number', points: s.figures.map((f, i) => ({ x: s.labels[i]!, y: f.effectiveN })), rules: referenceRules(lang).effectiveN },
      ],
    },
    sources: [sourceOf(h, ctx)],
    footer: t(lang, m.educationNote()),
    data: { fund: h.fund, company: label, periods: s.figures.map((f, i) => ({ asOf: f.asOf, weight: path[i]?.weight ?? null, rank: path[i]?.rank ?? null, effectiveN: f.effectiveN })) },
  };
}

function twoFundsCard(ctx: Context, funds: [Holdings, Holdings], series: [Series, Series]): View {
  const { lang } = ctx;
  const rows = series.flatMap((s) => s.figures.map((f, i) => [s.fund, s.labels[i]!, decimal(f.effectiveN), percent(f.top10, 1), f.largestName ?? '', sourceCell(lang, f)]));
  return {
    lang,
    title: t(lang, ms.twoFundsTitle(funds[0].fund, funds[1].fund)),
    tone: 'info',
    summary: [...series.map((s) => changeLine(lang, s)), ...notesOf(lang, series)].join('\n'),
    table: {
      columns: columnsOf(lang, [m.colFund(), 'left'], [m.colAsOf(), 'left'], [ms.colEffN(), 'right'], [ms.colTop10(), 'right'], [ms.colLargestName(), 'left'], [ms.colSource(), 'left']),
      rows,
    },
    chart: historyChart(
      lang,
      series.map((s) => ({ fund: s.fund, figures: s.figures, labels: s.labels })),
      referenceRules(lang),
    ),
    sources: funds.map((h) => sourceOf(h, ctx)),
    footer: t(lang, m.educationNote()),
    data: { funds: series.map((s) => ({ fund: s.fund, snapshots: s.figures })) },
  };
}

/** A table's columns: each label in the reader's language, with its alignment. */
function columnsOf(lang: Lang, ...cols: [Bilingual, 'left' | 'right'][]): ViewTable['columns'] {
  return cols.map(([label, align]) => ({ label: t(lang, label), align }));
}

/** The S&P 500 reference points /hhi reads a fund against, as labelled lines for the two panels. */
export function referenceRules(lang: Lang): { effectiveN: { y: number; label: string }[]; top10: { y: number; label: string }[] } {
  return {
    effectiveN: EFFECTIVE_N_REFERENCES.map((r) => ({ y: r.value, label: `${r.short[lang]} ${integer(r.value)}` })),
    top10: TOP10_REFERENCES.map((r) => ({ y: r.value, label: `${r.short[lang]} ${percent(r.value, 0)}` })),
  };
}
