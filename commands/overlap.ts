import { z } from 'zod';
import { effectiveN } from '../analytics/index.ts';
import { columnsOf } from '../holdings/columns.ts';
import type { Holdings } from '../holdings/types.ts';
import { dataWarnings, japaneseNames, positionLabel, roundedSharesNote, sourceOf } from './card-parts.ts';
import { defineCommand } from './define.ts';
import { decimal, integer, percent } from './format.ts';
import { requireFund } from './lookup.ts';
import { m, t } from './messages.ts';
import { blendEffectiveN, pairOverlap, type PairOverlap } from './overlap-data.ts';
import { UserError } from './user-error.ts';
import type { Tone } from './view.ts';
import { overlapMatrixChart, overlapPairChart } from './chart-specs.ts';

/** Below this share of identified weight, the card warns that overlap may be understated. */
const LOW_COVERAGE = 0.95;

/** "60/40" or "60,40" → [0.6, 0.4]; must match the number of funds and be positive. */
export function parseMix(text: string | undefined, n: number, lang: 'en' | 'ja' = 'en'): number[] {
  if (text === undefined || text.trim() === '') return Array.from({ length: n }, () => 1 / n);
  const parts = text.normalize('NFKC').split(/[\/,:\s]+/).filter(Boolean).map(Number);
  if (parts.length !== n || parts.some((x) => !Number.isFinite(x) || x <= 0)) {
    throw new UserError('bad-mix', t(lang, m.badMix(n, Array.from({ length: n }, () => Math.round(100 / n)).join('/'), text)));
  }
  const total = parts.reduce((s, x) => s + x, 0);
  return parts.map((x) => x / total);
}

function toneFor(weightOverlap: number): Tone {
  if (weightOverlap >= 0.7) return 'extreme';
  if (weightOverlap >= 0.4) return 'high';
  if (weightOverlap >= 0.15) return 'moderate';
  return 'low';
}

export const overlapCommand = defineCommand({
  name: 'overlap',
  description: {
    en: 'How much do 2–6 funds repeat each other? Weight overlap, shared names, blend',
    ja: '2〜6本のファンドの重複度：ウエイト重複・共通銘柄・組み合わせ',
  },
  examples: ['/overlap VOO QQQ', '/overlap VT VTI ACWI', '/overlap IVV QQQ mix=70/30'],
  args: z.object({
    funds: z
      .array(z.string().min(1).max(80))
      .min(2)
      .max(6)
      .describe('2 to 6 funds, tickers or names (commas between names with spaces) | 2〜6本のファンド（ティッカーまたは名前。空白を含む名前はカンマで区切る）'),
    mix: z.string().max(60).optional().describe('Blend proportions, e.g. 60/40 (default: equal) | 配分（例：60/40、省略時は均等）'),
  }),
  async run({ funds, mix }, ctx) {
    const { lang } = ctx;
    const holdings: Holdings[] = [];
    for (const raw of funds) {
      const h = await requireFund(ctx, raw);
      if (!holdings.includes(h)) holdings.push(h);
    }
    if (holdings.length < 2) throw new UserError('same-fund', t(lang, m.sameFund()));
    const allocations = parseMix(mix, holdings.length, lang);
    const pairs: PairOverlap[] = [];
    for (let i = 0; i < holdings.length; i++) {
      for (let j = i + 1; j < holdings.length; j++) pairs.push(pairOverlap(holdings[i]!, holdings[j]!));
    }
    const blend = blendEffectiveN(holdings, allocations);
    const alone = holdings.map((h) => effectiveN(columnsOf(h).weights));
    const mixText = allocations.map((a) => percent(a, 0)).join('/');
    const highest = pairs.reduce((best, p) => (p.weightOverlap > best.weightOverlap ? p : best));
    const warnings = holdings.flatMap((h) => dataWarnings(ctx, h));
    // A mix that does not add up to 100 is rescaled: said, never silent.
    const given = mix?.trim() ? mix.normalize('NFKC').split(/[\/,:\s]+/).filter(Boolean).map(Number) : [];
    const givenTotal = given.reduce((s, x) => s + x, 0);
    if (given.length > 0 && Math.abs(givenTotal - 100) > 1e-9) warnings.push(t(lang, m.mixRescaled(given.join('/'), decimal(givenTotal, 2).replace(/\.?0+$/, ''), mixText)));
    const mixRounding = roundedSharesNote(lang, 'mix', allocations, 0);
    if (mixRounding) warnings.push(mixRounding);
    for (const p of pairs) {
      if (p.coverage.a < LOW_COVERAGE) warnings.push(t(lang, m.lowCoverage(p.a, percent(p.coverage.a, 1))));
      if (p.coverage.b < LOW_COVERAGE) warnings.push(t(lang, m.lowCoverage(p.b, percent(p.coverage.b, 1))));
    }
    const blendField = {
      name: t(lang, m.fBlend(`${holdings.map((h) => h.fund).join('/')} ${mixText}`)),
      value: t(lang, m.blendValue(decimal(blend), holdings.map((h, i) => `${h.fund} ${decimal(alone[i]!)}`).join(', '))),
    };
    const base = {
      lang,
      title: t(lang, m.overlapTitle(holdings.map((h) => h.fund))),
      tone: toneFor(highest.weightOverlap),
      actions: [{ kind: 'lesson' as const, id: 'three-failure-patterns', label: t(lang, m.lessonOverlap()) }],
      warnings: [...new Set(warnings)],
      sources: holdings.map((h) => sourceOf(h, ctx)),
      footer: `${t(lang, m.overlapMethod())} ${t(lang, m.educationNote())}`,
    };
    const blendData = { funds: holdings.map((h) => h.fund), allocations, effectiveN: blend, alone };

    if (pairs.length === 1) {
      const p = pairs[0]!;
      const ja = japaneseNames(ctx);
      return {
        ...base,
        summary: t(lang, m.overlapSummary(p.a, p.b, percent(p.weightOverlap, 1), integer(p.commonCount))),
        fields: [
          { name: t(lang, m.fWeightOverlap()), value: percent(p.weightOverlap), inline: true },
          {
            name: t(lang, m.fCommon()),
            value: t(lang, m.commonValue(integer(p.commonCount), p.a, percent(p.shareOfA, 1), p.b, percent(p.shareOfB, 1))),
            inline: true,
          },
          {
            name: t(lang, m.fInCommonWeight()),
            value: t(lang, m.inCommonValue(p.a, percent(p.weightInCommon.a, 1), p.b, percent(p.weightInCommon.b, 1))),
          },
          { name: t(lang, m.fCoverage()), value: `${p.a} ${percent(p.coverage.a, 1)} · ${p.b} ${percent(p.coverage.b, 1)}` },
          blendField,
        ],
        table: {
          caption: t(lang, m.sharedCaption(p.topShared.length)),
          columns: [
            { label: t(lang, m.colName()), align: 'left' },
            { label: p.a, align: 'right' },
            { label: p.b, align: 'right' },
            { label: t(lang, m.colMin()), align: 'right' },
          ],
          rows: p.topShared.map((s) => [positionLabel(s, ja), percent(s.a), percent(s.b), percent(s.min)]),
        },
        chart: overlapPairChart(lang, p, ja),
        data: { ...p, funds: [p.a, p.b], pairs, blend: blendData },
      };
    }

    const names = holdings.map((h) => h.fund);
    const lookup = (x: string, y: string) => pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x));
    return {
      ...base,
      summary: t(lang, m.overlapSummaryMany(integer(pairs.length), `${highest.a} × ${highest.b}`, percent(highest.weightOverlap, 1))),
      fields: [blendField],
      table: {
        caption: t(lang, m.matrixCaption()),
        columns: [{ label: '', align: 'left' }, ...names.map((n) => ({ label: n, align: 'right' as const }))],
        rows: names.map((row) => [row, ...names.map((col) => (row === col ? '—' : percent(lookup(row, col)!.weightOverlap, 1)))]),
      },
      chart: overlapMatrixChart(lang, names, pairs),
      data: { funds: names, pairs, blend: blendData },
    };
  },
});
