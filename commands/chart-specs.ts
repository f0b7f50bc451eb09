/**
 * The chart each command attaches to its View: the message in the title ("VT: top 10 = 22.3%,
 * effective N 137.9"), what is drawn in the subtitle, every figure already computed. The charts
 * module only lays these out. Kept apart from the commands so their card text and their charts
 * change independently.
 */
import type { FlowLoopResult, ShockResult } from '../analytics/index.ts';
import type { Holdings, Position } from '../holdings/types.ts';
import type { JapaneseNames } from './card-parts.ts';
import type { ConcentrationData } from './concentration.ts';
import type { Lang } from './context.ts';
import { clip, decimal, integer, percent, signedPercent } from './format.ts';
import type { SnapshotFigures } from './history.ts';
import type { PairOverlap } from './overlap-data.ts';
import type { ChartSpec } from './view.ts';

/** How many of the largest holdings the /hhi chart shows: the head, readable on a phone. */
export const HEAD = 15;
/** Rows of names on the overlap, portfolio and stress charts. */
const ROWS = 10;
const STRESS_ROWS = 8;

const pick = (lang: Lang, en: string, ja: string) => (lang === 'ja' ? ja : en);

/**
 * A holding's name on a chart: its ticker where it has one with letters (NVDA), else the name the
 * file gives (Japanese companies in TOPIX: 銘柄名, not the bare code "7203").
 */
export function chartName(p: Pick<Position, 'ticker' | 'name'>, ja?: JapaneseNames): string {
  // NFKC: full-width letters in Japanese files (三菱ＵＦＪ) take twice the room of the same text folded.
  return (p.ticker && /[A-Za-z]/.test(p.ticker) ? p.ticker : (p.ticker && ja?.get(p.ticker)) || p.name || p.ticker).normalize('NFKC');
}

/** Category labels must be unique (the chart groups rows by label): a repeated one gets "(2)". */
function unique(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l} (${n})`;
  });
}

/** /hhi: the largest holdings as a running total, so the head is the whole picture. */
export function hhiChart(lang: Lang, c: ConcentrationData, h: Holdings, ja?: JapaneseNames): ChartSpec {
  const head = h.positions.slice(0, HEAD);
  const names = unique(head.map((p) => chartName(p, ja)));
  let sum = 0;
  const totals = head.map((p, i) => ({ x: names[i]!, y: (sum += p.weight) }));
  const asOf = c.asOf ?? pick(lang, 'undated', '基準日不明');
  return {
    kind: 'running-total',
    title: pick(lang, `${c.fund}: top 10 = ${percent(c.top10, 1)}, effective N ${decimal(c.effectiveN)}`, `${c.fund}：上位10銘柄 ${percent(c.top10, 1)}・実効銘柄数 ${decimal(c.effectiveN)}`),
    subtitle: pick(
      lang,
      `Largest ${head.length} of ${integer(c.count)} holdings (${asOf}): ${percent(sum, 1)} of the fund`,
      `保有${integer(c.count)}銘柄のうち上位${head.length}（${asOf}）：ファンドの${percent(sum, 1)}`,
    ),
    series: [{ name: c.fund, points: head.map((p, i) => ({ x: names[i]!, y: p.weight })) }],
    line: { name: pick(lang, 'Running total', '累積ウエイト'), points: totals },
  };
}

/** /overlap of two funds: the largest shared names, weight in each fund. */
export function overlapPairChart(lang: Lang, p: PairOverlap, ja?: JapaneseNames): ChartSpec {
  const shared = p.topShared.slice(0, ROWS);
  const names = unique(shared.map((s) => chartName(s, ja)));
  return {
    kind: 'overlap',
    title: pick(lang, `${p.a} × ${p.b}: ${percent(p.weightOverlap, 1)} weight overlap`, `${p.a}×${p.b}：ウエイト重複 ${percent(p.weightOverlap, 1)}`),
    subtitle: pick(lang, `${integer(p.commonCount)} names in common; the largest ${shared.length}`, `共通${integer(p.commonCount)}銘柄のうち上位${shared.length}`),
    series: [
      { name: p.a, points: shared.map((s, i) => ({ x: names[i]!, y: s.a })) },
      { name: p.b, points: shared.map((s, i) => ({ x: names[i]!, y: s.b })) },
    ],
  };
}

/** /overlap of 3 or more funds: the weight overlap of every pair as a matrix. */
export function overlapMatrixChart(lang: Lang, funds: readonly string[], pairs: readonly PairOverlap[]): ChartSpec {
  const highest = pairs.reduce((best, p) => (p.weightOverlap > best.weightOverlap ? p : best));
  const of = (a: string, b: string) => pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))!.weightOverlap;
  return {
    kind: 'heatmap',
    title: pick(lang, `Most overlap: ${highest.a} × ${highest.b}, ${percent(highest.weightOverlap, 1)}`, `最大の重複：${highest.a}×${highest.b} ${percent(highest.weightOverlap, 1)}`),
    subtitle: pick(lang, `Weight overlap of each pair of ${funds.length} funds`, `${funds.length}本の各ペアのウエイト重複`),
    yFormat: 'percent',
    // A fund against itself is left out: its cell stays blank.
    series: funds.map((row) => ({ name: row, points: funds.filter((col) => col !== row).map((col) => ({ x: col, y: of(row, col) })) })),
  };
}

/** /portfolio: the largest look-through exposures, stacked by the fund they come through. */
export function portfolioChart(
  lang: Lang,
  mix: readonly { label: string; fund: string; share: number }[],
  look: { effectiveN: number; top10: number; exposures: readonly { ticker: string; name: string; sources: readonly { fund: string; weight: number }[] }[] },
  ja?: JapaneseNames,
): ChartSpec {
  const top = look.exposures.slice(0, ROWS);
  const names = unique(top.map((e) => chartName(e, ja)));
  const blend = mix.map((a) => `${a.label} ${percent(a.share, 0)}`).join(' + ');
  return {
    kind: 'stacked-bars',
    title: pick(lang, `Portfolio: effective N ${decimal(look.effectiveN)}, top 10 = ${percent(look.top10, 1)}`, `ポートフォリオ：実効銘柄数 ${decimal(look.effectiveN)}・上位10銘柄 ${percent(look.top10, 1)}`),
    subtitle: pick(lang, `${blend}: largest exposures, by fund`, `${blend}：上位の実質保有（経由ファンド別）`),
    // Points are found by the holdings' fund (what the card's "via" column shows), named as the user typed it.
    series: mix.map((a) => ({
      name: a.label === a.fund ? a.fund : `${a.label} (${a.fund})`,
      points: top.map((e, i) => ({ x: names[i]!, y: e.sources.find((s) => s.fund === a.fund)?.weight ?? 0 })),
    })),
  };
}

/** /compare: top-10 weight and effective N of each version of the fund, side by side. */
export function compareChart(
  lang: Lang,
  fund: string,
  asOf: string | null,
  versions: readonly { label: string; top10: number; effectiveN: number }[],
): ChartSpec {
  const [cap, equal] = [versions[0]!, versions[1]!];
  return {
    kind: 'bar-panels',
    title: pick(lang, `${fund}: top 10 = ${percent(cap.top10, 1)}, equal weight ${percent(equal.top10, 1)}`, `${fund}：上位10銘柄 ${percent(cap.top10, 1)}、均等加重なら${percent(equal.top10, 1)}`),
    subtitle: pick(
      lang,
      `Effective N ${decimal(cap.effectiveN)} cap-weighted, ${decimal(equal.effectiveN)} equal (${asOf ?? 'undated'})`,
      `実効銘柄数 ${decimal(cap.effectiveN)}（時価総額加重）・${decimal(equal.effectiveN)}（均等）（${asOf ?? '基準日不明'}）`,
    ),
    series: [
      { name: pick(lang, 'Top-10 weight', '上位10銘柄の比率'), format: 'percent', points: versions.map((v) => ({ x: v.label, y: v.top10 })) },
      { name: pick(lang, 'Effective N', '実効銘柄数'), format: 'number', points: versions.map((v) => ({ x: v.label, y: v.effectiveN })) },
    ],
  };
}

/**
 * /stress: the whole fund's move and the largest contributions, each beside what the same shock
 * does to the equal-weight counterpart (same names, each weighing 1/n).
 */
export function stressChart(lang: Lang, h: Holdings, shock: string, returns: readonly number[], cap: ShockResult, eq: ShockResult, ja?: JapaneseNames): ChartSpec {
  const hit = returns.map((r, i) => i).filter((i) => returns[i] !== 0);
  hit.sort((a, b) => Math.abs(cap.contributions[b]!) - Math.abs(cap.contributions[a]!));
  const rows = hit.slice(0, STRESS_ROWS);
  const whole = pick(lang, 'Whole fund', 'ファンド全体');
  const names = unique([whole, ...rows.map((i) => chartName(h.positions[i]!, ja))]);
  return {
    kind: 'bars',
    title: pick(lang, `${h.fund} ${shock}: ${signedPercent(cap.move, 1)}, equal weight ${signedPercent(eq.move, 1)}`, `${h.fund} ${shock}：${signedPercent(cap.move, 1)}、均等加重なら${signedPercent(eq.move, 1)}`),
    subtitle: pick(lang, 'Move of the whole fund and the largest contributions to it', 'ファンド全体の変動と、寄与の大きい銘柄'),
    axes: { y: pick(lang, 'Change, % of fund value', 'ファンド価値に対する変動') },
    series: [
      { name: pick(lang, `${h.fund} (cap-weighted)`, `${h.fund}（時価総額加重）`), points: [{ x: names[0]!, y: cap.move }, ...rows.map((i, k) => ({ x: names[k + 1]!, y: cap.contributions[i]! }))] },
      { name: pick(lang, 'Equal-weight counterpart', '均等加重の場合'), points: [{ x: names[0]!, y: eq.move }, ...rows.map((i, k) => ({ x: names[k + 1]!, y: eq.contributions[i]! }))] },
    ],
  };
}

/**
 * /history: effective N and top-10 weight per stored snapshot, each on its own axis, one tick per
 * snapshot. One snapshot has no history to draw: no chart.
 */
export function historyChart(
  lang: Lang,
  funds: readonly { fund: string; figures: readonly SnapshotFigures[]; labels: readonly string[] }[],
  rules?: { effectiveN: { y: number; label: string }[]; top10: { y: number; label: string }[] },
): ChartSpec | undefined {
  const drawn = funds.filter((f) => f.figures.length >= 2);
  if (drawn.length === 0) return undefined;
  const ends = (f: (typeof funds)[number]) => ({ first: f.figures[0]!, last: f.figures.at(-1)! });
  const title = drawn
    .map((f) => {
      const { first, last } = ends(f);
      return pick(
        lang,
        `${f.fund}: effective N ${decimal(first.effectiveN)} → ${decimal(last.effectiveN)}, top 10 ${percent(first.top10, 1)} → ${percent(last.top10, 1)}`,
        `${f.fund}：実効銘柄数 ${decimal(first.effectiveN)}→${decimal(last.effectiveN)}・上位10銘柄 ${percent(first.top10, 1)}→${percent(last.top10, 1)}`,
      );
    })
    .join(pick(lang, '; ', '／'));
  const one = drawn.length === 1;
  const f0 = drawn[0]!;
  const subtitle = one
    ? pick(lang, `${f0.figures.length} periods, ${f0.labels[0]} to ${f0.labels.at(-1)}; dashed: the S&P 500 at the times named`, `${f0.figures.length}期（${f0.labels[0]}〜${f0.labels.at(-1)}）、破線は各時点のS&P500`)
    : pick(lang, `Dashed: the S&P 500 at the times named; ${f0.fund}'s largest holding named where it changes`, `破線は各時点のS&P500。${f0.fund}の最大銘柄が替わった期に銘柄名`);
  // The largest holding is named where it changes (and at the start), not at every point.
  const largestNotes = (f: (typeof funds)[number]) =>
    f.figures.flatMap((x, i) => (x.largestName && (i === 0 || x.largestName !== f.figures[i - 1]!.largestName) ? [{ x: f.labels[i]!, text: clip(x.largestName, 16) }] : []));
  return {
    kind: 'line-panels',
    title,
    subtitle,
    axes: { x: pick(lang, 'As-of date of each period', '各期の基準日') },
    series: [
      ...drawn.map((f, k) => ({
        name: one ? pick(lang, 'Effective N', '実効銘柄数') : pick(lang, `${f.fund} effective N`, `${f.fund} 実効銘柄数`),
        format: 'number' as const,
        panel: 0,
        short: f.fund,
        points: f.figures.map((x, i) => ({ x: f.labels[i]!, y: x.effectiveN })),
        ...(k === 0 && rules ? { rules: rules.effectiveN } : {}),
      })),
      ...drawn.map((f, k) => ({
        name: one ? pick(lang, 'Top-10 weight (largest holding named where it changes)', '上位10銘柄の比率（最大銘柄が替わった期に銘柄名）') : pick(lang, `${f.fund} top 10`, `${f.fund} 上位10`),
        format: 'percent' as const,
        panel: 1,
        short: f.fund,
        points: f.figures.map((x, i) => ({ x: f.labels[i]!, y: x.top10 })),
        // Two funds often share their largest holding at the same dates: named once, for the first.
        ...(k === 0 ? { notes: largestNotes(f) } : {}),
        ...(k === 0 && rules ? { rules: rules.top10 } : {}),
      })),
    ],
  };
}

/** /loop: the stylised model's top-name weight with and without passive flows. */
export function loopChart(lang: Lang, result: Pick<FlowLoopResult, 'withFlows' | 'withoutFlows'>): ChartSpec {
  const start = result.withFlows[0]!;
  const end = result.withFlows.at(-1)!;
  const peak = Math.max(...result.withFlows);
  return {
    kind: 'lines',
    title: pick(lang, `Model: top name ${percent(start, 1)} → ${percent(end, 1)} with passive flows`, `モデル：最大銘柄 ${percent(start, 1)}→${percent(end, 1)}（パッシブ資金あり）`),
    subtitle: pick(lang, `Peak ${percent(peak, 1)}; without flows ${percent(result.withoutFlows.at(-1)!, 1)}`, `ピーク${percent(peak, 1)}、資金なしなら${percent(result.withoutFlows.at(-1)!, 1)}`),
    axes: { y: pick(lang, 'Weight of the top name', '最大銘柄のウエイト') },
    series: [
      { name: pick(lang, 'With passive flows', 'パッシブ資金あり'), points: result.withFlows.map((y, x) => ({ x, y })) },
      { name: pick(lang, 'Without', 'なし'), points: result.withoutFlows.map((y, x) => ({ x, y })) },
    ],
  };
}
