import type { LiveGenerator } from '../lessons/schema.ts';
import { sourceOf } from './card-parts.ts';
import { concentration, type ConcentrationData } from './concentration.ts';
import type { Context, Lang } from './context.ts';
import { decimal, integer, percent } from './format.ts';
import { overCap } from './lesson.ts';
import { normaliseTicker } from './lookup.ts';
import { t } from './messages.ts';
import { ml } from './messages-lessons.ts';
import type { ViewSource } from './view.ts';

/** A question computed from the loaded holdings: its text names the fund and the file's as-of date. */
export interface LiveQuestionText {
  q: string;
  options: { text: string; correct: boolean; why: string }[];
  sources: ViewSource[];
}

/**
 * Wrong answers for a figure: the real value scaled up and down, far enough apart that the file
 * decides the answer (never a coin toss between 40% and 42%). Returned with the answer first;
 * the quiz shuffles the order per reader.
 */
export function numericOptions(actual: number, show: (x: number) => string, opts: { max?: number; integer?: boolean } = {}): { value: number; text: string; correct: boolean }[] {
  const out = [{ value: actual, text: show(actual), correct: true }];
  const seen = new Set([out[0]!.text]);
  const factors = opts.integer && actual < 8 ? [] : [0.5, 1.6, 0.7, 2.2, 0.35, 3];
  const offsets = opts.integer && actual < 8 ? [3, 6, -3, 9, 12] : [];
  const candidates = [...factors.map((f) => actual * f), ...offsets.map((d) => actual + d)].map((x) => (opts.integer ? Math.round(x) : x));
  for (const x of candidates) {
    if (out.length === 4) break;
    if (x < 0 || (opts.max !== undefined && x > opts.max)) continue;
    const text = show(x);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ value: x, text, correct: false });
  }
  return out;
}

function figureQuestion(lang: Lang, c: ConcentrationData, q: string, actual: number, show: (x: number) => string, sources: ViewSource[], opts: { max?: number; integer?: boolean } = {}): LiveQuestionText {
  const asOf = t(lang, ml.asOf(c.asOf));
  const right = show(actual);
  return {
    q,
    options: numericOptions(actual, show, opts).map((o) => ({
      text: o.text,
      correct: o.correct,
      why: t(lang, ml.whyLiveFigure(c.fund, right, asOf, o.correct, o.text)),
    })),
    sources,
  };
}

/** Builds a live question, or null when a fund it needs is not loaded (the caller then skips it). */
export function liveQuestionText(live: LiveGenerator, funds: readonly string[], ctx: Pick<Context, 'data' | 'lang'>): LiveQuestionText | null {
  const { lang } = ctx;
  const holdings = funds.map((f) => ctx.data.get(normaliseTicker(f)));
  if (holdings.some((h) => !h)) return null;
  const hs = holdings as NonNullable<(typeof holdings)[number]>[];
  const cs = hs.map(concentration);
  const c = cs[0]!;
  const h = hs[0]!;
  const asOf = t(lang, ml.asOf(c.asOf));
  const sources = hs.map((x) => sourceOf(x, ctx));
  const pct = (x: number) => t(lang, ml.aboutShare(percent(x, 0)));
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
      const share = c.countries['US'] ?? 0;
      // Points, not ratios: "about 67%" against 37%, 52%, 82%, 97%.
      const actual = Math.round(share * 100);
      const guesses = [actual];
      for (const delta of [-30, -15, 15, 30, -45, 45]) {
        const g = actual + delta;
        if (guesses.length < 4 && g >= 1 && g <= 99) guesses.push(g);
      }
      const shown = percent(share, 1);
      return {
        q: t(lang, ml.qUsShare(c.fund, asOf)),
        options: guesses.map((g) => {
          const text = t(lang, ml.aboutShare(`${g}%`));
          return { text, correct: g === actual, why: t(lang, ml.whyUsShare(c.fund, shown, asOf, g === actual, text)) };
        }),
        sources,
      };
    }
    case 'top10':
      return figureQuestion(lang, c, t(lang, ml.qTop10(c.fund, asOf)), c.top10, pct, sources, { max: 1 });
    case 'techPlus':
      if (c.techPlus === null) return null;
      return figureQuestion(lang, c, t(lang, ml.qTechPlus(c.fund, asOf)), c.techPlus, pct, sources, { max: 1 });
    case 'effectiveN':
      return figureQuestion(lang, c, t(lang, ml.qEffectiveN(c.fund, integer(c.count), asOf)), c.effectiveN, (x) => t(lang, ml.aboutCount(integer(Math.round(x)))), sources, { integer: true });
    case 'tailK': {
      if (c.tailEquivalentCount === null) return null;
      const name = c.largest.ticker || c.largest.name;
      return figureQuestion(lang, c, t(lang, ml.qTailK(c.fund, name, percent(c.largest.weight, 1), asOf)), c.tailEquivalentCount, (x) => t(lang, ml.aboutCount(integer(x))), sources, { integer: true, max: c.count - 1 });
    }
    case 'over45': {
      const over = overCap(h);
      return figureQuestion(lang, c, t(lang, ml.qOver45(c.fund, asOf)), over.count, (x) => integer(x), sources, { integer: true, max: c.count });
    }
    case 'largest': {
      const top = [...h.positions].sort((x, y) => y.weight - x.weight).slice(0, 4);
      if (top.length < 3) return null;
      const label = (p: (typeof top)[number]) => p.ticker || p.name;
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
