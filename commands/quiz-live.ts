import type { LiveGenerator } from '../lessons/schema.ts';
import type { Holdings } from '../holdings/types.ts';
import { japaneseNames, sourceOf } from './card-parts.ts';
import { concentration, type ConcentrationData } from './concentration.ts';
import type { Context, Lang } from './context.ts';
import { decimal, integer, percent } from './format.ts';
import { overCap } from './lesson.ts';
import { normaliseTicker } from './lookup.ts';
import { t } from './messages.ts';
import { ml } from './messages-lessons.ts';
import { hash, seeded } from './seeded-random.ts';
import type { ViewSource } from './view.ts';

/** A question computed from the loaded holdings: its text names the fund and the file's as-of date. */
export interface LiveQuestionText {
  q: string;
  options: { text: string; correct: boolean; why: string }[];
  sources: ViewSource[];
}

/** A wrong value: another loaded fund's real figure (named in the explanation), or a drawn one (peer null). */
export interface FigureOption {
  value: number;
  text: string;
  correct: boolean;
  peer: { fund: string; asOf: string } | null;
}

export interface FigureOptionSettings {
  /** Largest value a figure can take (1 for a share, the holding count for a count). */
  max?: number;
  /** Counts: drawn values are whole numbers. */
  integer?: boolean;
  /** Number of options, answer included (default 4). */
  k?: number;
}

/** Two options must differ by this share of the larger one (and be shown differently), so the file decides, not a coin toss. */
const MIN_GAP = 0.12;

/**
 * Options for a figure question, built so that no fixed rank gives the answer away:
 * 1. the place r of the right value among the k options, sorted by value, is drawn uniformly
 *    from {0 … k−1} with `rand` (so "always pick the second-largest" scores 1/k on average);
 * 2. the r options below and the k−1−r above are taken first from `peers` — the same figure of
 *    other loaded, dated funds, each a real value — in a drawn order;
 * 3. a side with too few real values is filled by a random spread on that side:
 *    below: v = a·(1 − u), u ~ U[0.15, 0.7); above: v = a·(1 + u), u ~ U[0.15, 1.2)
 *    (counts under 8 move by a whole 1–6 instead), kept within [0, max];
 * 4. every two options differ by at least MIN_GAP of the larger and by their text.
 * Where a side cannot be filled (a count of 0 has nothing below it), its slots move to the other
 * side. Returned with the answer first; the quiz shuffles the order per reader.
 *
 * @param actual the right value
 * @param peers real values of the same figure in other funds
 * @param show how a value is printed ("About 45")
 * @param rand a seeded generator in [0, 1)
 */
export function figureOptions(
  actual: number,
  peers: readonly { fund: string; asOf: string; value: number }[],
  show: (x: number) => string,
  rand: () => number,
  settings: FigureOptionSettings = {},
): FigureOption[] {
  const k = settings.k ?? 4;
  const max = settings.max ?? Infinity;
  const round = (x: number) => (settings.integer ? Math.round(x) : x);
  const chosen: FigureOption[] = [{ value: actual, text: show(actual), correct: true, peer: null }];
  const fits = (v: number) => {
    if (!(v >= 0 && v <= max)) return false;
    const text = show(v);
    return chosen.every((o) => o.text !== text && Math.abs(o.value - v) >= Math.max(settings.integer ? 1 : 0, MIN_GAP * Math.max(o.value, v)));
  };
  const take = (v: number, peer: FigureOption['peer']) => chosen.push({ value: v, text: show(v), correct: false, peer });
  const drawn = (below: boolean) => {
    if (settings.integer && actual < 8) return actual + (below ? -1 : 1) * (1 + Math.floor(rand() * 6));
    return round(below ? actual * (1 - (0.15 + rand() * 0.55)) : actual * (1 + (0.15 + rand() * 1.05)));
  };
  const shuffled = [...peers].map((p) => ({ p, r: rand() })).sort((a, b) => a.r - b.r).map((x) => x.p);
  const fill = (below: boolean, want: number): number => {
    let got = 0;
    for (const p of shuffled) {
      if (got === want) break;
      if ((below ? p.value < actual : p.value > actual) && fits(p.value)) {
        take(p.value, { fund: p.fund, asOf: p.asOf });
        got++;
      }
    }
    for (let tries = 0; got < want && tries < 60; tries++) {
      const v = drawn(below);
      if (fits(v)) {
        take(v, null);
        got++;
      }
    }
    return got;
  };
  const place = Math.floor(rand() * k);
  const below = fill(true, place);
  const above = fill(false, k - 1 - place);
  // A side that ran out (nothing under 0, nothing over the maximum) hands its slots to the other.
  if (below < place) fill(false, place - below);
  if (above < k - 1 - place) fill(true, k - 1 - place - above);
  return chosen;
}

/** The same figure in every other loaded fund with a dated file. */
function peersOf(ctx: Pick<Context, 'data'>, fund: string, value: (h: Holdings, c: ConcentrationData) => number | null): { fund: string; asOf: string; value: number }[] {
  return ctx.data.list().flatMap((f) => {
    if (f.fund === fund || !f.asOf) return [];
    const h = ctx.data.get(f.fund);
    const v = h ? value(h, concentration(h)) : null;
    return h?.asOf.date && v !== null ? [{ fund: f.fund, asOf: h.asOf.date, value: v }] : [];
  });
}

interface Figure {
  q: string;
  actual: number;
  show: (x: number) => string;
  value: (h: Holdings, c: ConcentrationData) => number | null;
  settings?: FigureOptionSettings;
  /** The explanation of the right option and of drawn ones (a peer's figure names the peer instead). */
  why?: (correct: boolean, text: string) => string;
}

function figureQuestion(lang: Lang, c: ConcentrationData, figure: Figure, ctx: Pick<Context, 'data'>, rand: () => number, sources: ViewSource[]): LiveQuestionText {
  const asOf = t(lang, ml.asOf(c.asOf));
  const right = figure.show(figure.actual);
  const options = figureOptions(figure.actual, peersOf(ctx, c.fund, figure.value), figure.show, rand, figure.settings);
  return {
    q: figure.q,
    options: options.map((o) => ({
      text: o.text,
      correct: o.correct,
      why: o.peer
        ? t(lang, ml.whyPeerFigure(c.fund, right, asOf, o.text, o.peer.fund, o.peer.asOf))
        : (figure.why?.(o.correct, o.text) ?? t(lang, ml.whyLiveFigure(c.fund, right, asOf, o.correct, o.text))),
    })),
    sources,
  };
}

/** English company names by Tokyo code, from the Nikkei 225 file (which prints them), for bare codes on English cards. */
function englishNames(ctx: Pick<Context, 'data'>): Map<string, string> {
  const names = new Map<string, string>();
  for (const f of ctx.data.list()) {
    if (f.issuer !== 'Nikkei') continue;
    for (const p of ctx.data.get(f.fund)?.positions ?? []) if (/^\d{3}[0-9A-Z]$/.test(p.ticker) && !names.has(p.ticker)) names.set(p.ticker, p.name);
  }
  return names;
}

/** A company as an option names it: "NVIDIA CORP (NVDA)"; a Tokyo code becomes the company's name (Japanese on a Japanese card). */
function companyLabel(p: { ticker: string; name: string }, ctx: Pick<Context, 'data' | 'lang'>, en: () => Map<string, string>): string {
  const name = p.name.normalize('NFKC').trim();
  if (!p.ticker || !/^\d{3}[0-9A-Z]$/.test(p.ticker)) return p.ticker && /[A-Za-z]/.test(p.ticker) ? `${name} (${p.ticker.split('+')[0]})` : name;
  const local = ctx.lang === 'ja' ? japaneseNames(ctx)?.get(p.ticker) : en().get(p.ticker);
  return (local ?? name).normalize('NFKC');
}

/**
 * Builds a live question, or null when a fund it needs is not loaded or its file carries no
 * as-of date (a question must say when its figure is from). `seed` (question key and the
 * poster's seed) draws where the right value ranks among the options.
 */
export function liveQuestionText(live: LiveGenerator, funds: readonly string[], ctx: Pick<Context, 'data' | 'lang'>, seed = ''): LiveQuestionText | null {
  const { lang } = ctx;
  const holdings = funds.map((f) => ctx.data.get(normaliseTicker(f)));
  if (holdings.some((h) => !h?.asOf.date)) return null;
  const hs = holdings as Holdings[];
  const cs = hs.map(concentration);
  const c = cs[0]!;
  const h = hs[0]!;
  const rand = seeded(hash(`${live}|${funds.join('+')}|${seed}`));
  const asOf = t(lang, ml.asOf(c.asOf));
  const sources = hs.map((x) => sourceOf(x, ctx));
  const pct = (x: number) => t(lang, ml.aboutShare(percent(x, 0)));
  const about = (x: number) => t(lang, ml.aboutCount(integer(Math.round(x))));
  const ask = (figure: Figure) => figureQuestion(lang, c, figure, ctx, rand, sources);
  switch (live) {
    case 'moreEffective': {
      const [a, b] = cs as [ConcentrationData, ConcentrationData];
      const ratio = Math.max(a.effectiveN, b.effectiveN) / Math.min(a.effectiveN, b.effectiveN);
      const same = ratio <= 1.1;
      const gap = percent(ratio - 1, 0);
      const why = (x: ConcentrationData, isMore: boolean) => t(lang, ml.whyEffective(x.fund, decimal(x.effectiveN), integer(x.count), t(lang, ml.asOf(x.asOf)), isMore));
      return {
        q: t(lang, ml.qMoreEffective(a.fund, t(lang, ml.asOf(a.asOf)), b.fund, t(lang, ml.asOf(b.asOf)))),
        options: [
          { text: a.fund, correct: !same && a.effectiveN > b.effectiveN, why: why(a, a.effectiveN > b.effectiveN) },
          { text: b.fund, correct: !same && b.effectiveN > a.effectiveN, why: why(b, b.effectiveN > a.effectiveN) },
          { text: t(lang, ml.aboutTheSame()), correct: same, why: t(lang, ml.whySame(gap, same)) },
        ],
        sources,
      };
    }
    case 'usShare': {
      // Only funds that are really multi-country are peers: "0% US" beside a world fund tells nothing.
      const us = (_: Holdings, x: ConcentrationData) => {
        const share = x.countries['US'] ?? 0;
        return share > 0.05 && share < 0.95 ? share : null;
      };
      const share = c.countries['US'] ?? 0;
      const why = (correct: boolean, text: string) => t(lang, ml.whyUsShare(c.fund, percent(share, 1), asOf, correct, text));
      return ask({ q: t(lang, ml.qUsShare(c.fund, asOf)), actual: share, show: pct, value: us, settings: { max: 1 }, why });
    }
    case 'top10':
      return ask({ q: t(lang, ml.qTop10(c.fund, asOf)), actual: c.top10, show: pct, value: (_, x) => x.top10, settings: { max: 1 } });
    case 'techPlus':
      if (c.techPlus === null) return null;
      return ask({ q: t(lang, ml.qTechPlus(c.fund, asOf)), actual: c.techPlus, show: pct, value: (_, x) => x.techPlus, settings: { max: 1 } });
    case 'effectiveN':
      return ask({ q: t(lang, ml.qEffectiveN(c.fund, integer(c.count), asOf)), actual: c.effectiveN, show: about, value: (_, x) => x.effectiveN, settings: { max: c.count } });
    case 'tailK': {
      if (c.tailEquivalentCount === null) return null;
      const name = companyLabel(c.largest, ctx, () => englishNames(ctx));
      return ask({
        q: t(lang, ml.qTailK(c.fund, name, percent(c.largest.weight, 1), asOf)),
        actual: c.tailEquivalentCount,
        show: about,
        value: (_, x) => x.tailEquivalentCount,
        settings: { integer: true, max: c.count - 1 },
      });
    }
    case 'over45':
      return ask({ q: t(lang, ml.qOver45(c.fund, asOf)), actual: overCap(h).count, show: (x) => integer(x), value: (x) => overCap(x).count, settings: { integer: true, max: c.count } });
    case 'largest': {
      // Lines as the file lists them: the company merge also joins unrelated names that share a word (SoftBank Group and SoftBank Corp).
      const top = [...h.positions].sort((x, y) => y.weight - x.weight).slice(0, 4);
      if (top.length < 3) return null;
      let en: Map<string, string> | undefined;
      const label = (p: (typeof top)[number]) => companyLabel(p, ctx, () => (en ??= englishNames(ctx)));
      const first = top[0]!;
      return {
        q: t(lang, ml.qLargest(c.fund, asOf)),
        options: top.map((p, i) => ({
          text: label(p),
          correct: i === 0,
          why: t(lang, ml.whyLargest(c.fund, label(p), percent(p.weight, 1), label(first), percent(first.weight, 1), asOf, i === 0)),
        })),
        sources,
      };
    }
  }
}
