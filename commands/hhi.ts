import { z } from 'zod';
import { EFFECTIVE_N_REFERENCES, REFERENCE_SOURCE, TOP10_REFERENCES, type ReferencePoint } from '../analytics/reference-points.ts';
import { byCompany } from '../holdings/identity.ts';
import { dataWarnings, exclusionLine, sourceOf } from './card-parts.ts';
import { concentration } from './concentration.ts';
import type { Lang } from './context.ts';
import { defineCommand } from './define.ts';
import { decimal, hhiText, integer, percent } from './format.ts';
import { requireFund } from './lookup.ts';
import { m, t } from './messages.ts';
import type { Tone, ViewField } from './view.ts';
import { effectiveN, topN } from '../analytics/index.ts';
import { hasHistory } from '../store/types.ts';
import type { Context } from './context.ts';
import type { ConcentrationData } from './concentration.ts';
import { signedPercent } from './format.ts';
import { ms } from './messages-store.ts';
import { hhiChart } from './chart-specs.ts';

/** Effective-N bands for the verdict, read against the S&P 500's own history (>100, 79, 46). */
export function verdictFor(effectiveN: number): Extract<Tone, 'low' | 'moderate' | 'high' | 'extreme'> {
  if (effectiveN >= 100) return 'low';
  if (effectiveN >= 50) return 'moderate';
  if (effectiveN >= 20) return 'high';
  return 'extreme';
}

function placeAgainst(lang: Lang, value: number, refs: readonly ReferencePoint[], show: (v: number) => string): string[] {
  return refs.map((ref) => {
    const ratio = value / ref.value;
    const position = ratio > 1.05 ? 'above' : ratio < 0.95 ? 'below' : 'near';
    return t(lang, m.referenceLine(ref.label[lang], show(ref.value), position));
  });
}

export const hhiCommand = defineCommand({
  name: 'hhi',
  description: {
    en: 'How concentrated is a fund? HHI, effective N, top-10, sectors, countries',
    ja: 'ファンドの集中度：HHI・実効銘柄数・上位10銘柄・セクター・国',
  },
  examples: ['/hhi SPY', '/hhi fund=VT', '/hhi QQQ by=company'],
  args: z.object({
    fund: z.string().min(1).max(80).describe('Fund ticker, e.g. SPY | ファンドのティッカー（例：SPY）'),
    by: z
      .enum(['security', 'company'])
      .default('security')
      .describe('Count share classes (GOOGL, GOOG) apart or as one company | 株式クラス（GOOGL・GOOG）を別々に数えるか、1社として数えるか'),
  }),
  async run({ fund, by }, ctx) {
    const listed = await requireFund(ctx, fund);
    const h = by === 'company' ? byCompany(listed) : listed;
    const c = concentration(h);
    // History compares like with like: only the security view has stored snapshots to compare with.
    const change = by === 'company' ? undefined : changeSincePrevious(ctx, c);
    const { lang } = ctx;
    const unknown = t(lang, m.unknownSector());
    const label = (key: string) => (key === 'Unknown' ? unknown : key);
    const sectorLines = Object.entries(c.sectors)
      .slice(0, 5)
      .map(([name, w]) => `${label(name)} ${percent(w, 1)}`);
    const countryLines = Object.entries(c.countries)
      .slice(0, 5)
      .map(([code, w]) => `${label(code)} ${percent(w, 1)}`);
    const tone = verdictFor(c.effectiveN);
    return {
      lang,
      title: t(lang, m.hhiTitle(c.fund, c.name)),
      tone,
      summary: `${t(lang, m.verdict(tone))}${lang === 'ja' ? '' : ' '}${t(lang, m.hhiSummary(decimal(c.effectiveN), integer(c.count), percent(c.top10, 1)))}`,
      fields: [
        { name: t(lang, m.fEffN()), value: decimal(c.effectiveN), inline: true },
        { name: t(lang, m.fHoldings()), value: integer(c.count), inline: true },
        { name: t(lang, m.fHhi()), value: hhiText(c.hhi), inline: true },
        { name: t(lang, m.fTop10()), value: percent(c.top10), inline: true },
        { name: t(lang, m.fTop5()), value: percent(c.top5), inline: true },
        {
          name: t(lang, m.fBig(percent(c.bigHoldings.threshold, 0))),
          value: t(lang, m.bigValue(percent(c.bigHoldings.share), integer(c.bigHoldings.count))),
          inline: true,
        },
        {
          name: t(lang, m.fLargest()),
          value: t(lang, m.largestValue(c.largest.ticker || c.largest.name, percent(c.largest.weight), c.tailEquivalentCount === null ? null : integer(c.tailEquivalentCount))),
        },
        { name: t(lang, m.fSectors()), value: sectorLines.join('\n') },
        { name: t(lang, m.fTechPlus()), value: percent(c.techPlus, 1), inline: true },
        { name: t(lang, m.fCountries()), value: countryLines.join('\n'), inline: true },
        ...(change ? [change.field] : []),
        {
          name: t(lang, m.fReference()),
          value: [
            `${t(lang, m.fTop10())} ${percent(c.top10, 1)}:`,
            ...placeAgainst(lang, c.top10, TOP10_REFERENCES, (v) => percent(v, 0)),
            `${t(lang, m.fEffN())} ${decimal(c.effectiveN)}:`,
            ...placeAgainst(lang, c.effectiveN, EFFECTIVE_N_REFERENCES, (v) => integer(v)),
          ].join('\n'),
        },
      ],
      chart: hhiChart(lang, c, h),
      actions: [{ kind: 'lesson', id: 'hhi-and-effective-n', label: t(lang, m.lessonHhi()) }],
      warnings: [...dataWarnings(ctx, h), exclusionLine(ctx, h), ...(by === 'company' ? h.notes.filter((n) => n.startsWith('By company')) : [])],
      sources: [sourceOf(h)],
      footer: `${h.weighting && h.weighting !== 'cap' ? `${t(lang, m.weightingNote(h.fund, h.weighting))} ` : ''}${REFERENCE_SOURCE[lang]} ${t(lang, m.educationNote())}`,
      // The change is added only when the store has a previous snapshot, so the figures' shape is unchanged otherwise.
      data: change ? { ...c, change: change.data } : c,
    };
  },
});

/** What `/hhi --json` adds under `change` when the store holds an earlier snapshot. */
export interface ConcentrationChange {
  previousAsOf: string | null;
  asOf: string | null;
  effectiveN: { previous: number; current: number; delta: number };
  top10: { previous: number; current: number; delta: number };
}

/** Effective N and top-10 now against the snapshot before, when the data source keeps history. */
function changeSincePrevious(ctx: Context, c: ConcentrationData): { field: ViewField; data: ConcentrationChange } | undefined {
  if (!hasHistory(ctx.data)) return undefined;
  const prev = ctx.data.previous(c.fund);
  if (!prev || prev.weights.length === 0) return undefined;
  const data: ConcentrationChange = {
    previousAsOf: prev.meta.asOf,
    asOf: c.asOf,
    effectiveN: { previous: effectiveN(prev.weights), current: c.effectiveN, delta: c.effectiveN - effectiveN(prev.weights) },
    top10: { previous: topN(prev.weights, 10), current: c.top10, delta: c.top10 - topN(prev.weights, 10) },
  };
  const { lang } = ctx;
  const signed = (v: number) => (v < 0 ? `−${decimal(-v)}` : `+${decimal(v)}`);
  return {
    data,
    field: {
      name: t(lang, ms.fChange(prev.meta.asOf ?? t(lang, ms.undatedSnapshot(prev.meta.id)), c.asOf ?? t(lang, ms.undated()))),
      value: t(
        lang,
        ms.changeValue(
          decimal(data.effectiveN.previous),
          decimal(data.effectiveN.current),
          signed(data.effectiveN.delta),
          percent(data.top10.previous, 1),
          percent(data.top10.current, 1),
          signedPercent(data.top10.delta, 1),
        ),
      ),
    },
  };
}
