import { z } from 'zod';
import { columnsOf } from '../holdings/columns.ts';
import type { Holdings } from '../holdings/types.ts';
import { byCompany } from '../holdings/identity.ts';
import { countryName, dataWarnings, exclusionLine, japaneseNames, positionLabel, roundedSharesNote, sourceOf } from './card-parts.ts';
import { verdictOf } from './verdict.ts';
import { mv } from './messages-verdict.ts';
import { concentration } from './concentration.ts';
import type { Lang } from './context.ts';
import { defineCommand } from './define.ts';
import { decimal, hhiText, integer, percent } from './format.ts';
import { requireFund } from './lookup.ts';
import { m, t } from './messages.ts';
import { coverageLine, sectorField, sectorsShown, techPlusField } from './sector-coverage.ts';
import type { ViewField } from './view.ts';
import { concentrationPass, effectiveN, exposureFromTotals, topN } from '../analytics/index.ts';
import { TSE33_EN } from './tse33-names.ts';
import { hasHistory } from '../store/types.ts';
import type { Context } from './context.ts';
import type { ConcentrationData } from './concentration.ts';
import { signedPercent } from './format.ts';
import { ms } from './messages-store.ts';
import { hhiChart } from './chart-specs.ts';

export const hhiCommand = defineCommand({
  name: 'hhi',
  description: {
    en: 'How concentrated is a fund? HHI, effective N, top-10, sectors, countries',
    ja: 'ファンドの集中度：HHI・実効銘柄数・上位10銘柄・セクター・国',
  },
  examples: ['/hhi SPY', '/hhi fund=VT', '/hhi QQQ by=company', '/hhi SPY page=2'],
  cacheable: true,
  args: z.object({
    fund: z.string().min(1).max(80).describe('Fund ticker or name, e.g. SPY | ファンドのティッカーまたは名前（例：SPY）'),
    by: z
      .enum(['security', 'company'])
      .default('security')
      .describe('Count share classes (GOOGL, GOOG) apart or as one company | 株式クラス（GOOGL・GOOG）を別々に数えるか、1社として数えるか'),
    page: z.number().int().min(1).max(2).default(1).describe('1: the short card; 2: sectors, countries, change and exclusions | 1：要約、2：セクター・国・変化・除外の詳細'),
  }),
  async run({ fund, by, page }, ctx) {
    const listed = await requireFund(ctx, fund);
    const h = by === 'company' ? byCompany(listed) : listed;
    const c = concentration(h);
    const { lang } = ctx;
    const verdict = verdictOf(ctx, h, c, by !== 'company');
    const tse = tse33Exposure(h);
    const jaNames = japaneseNames(ctx);
    const more = { kind: 'command' as const, command: 'hhi', args: `${c.fund}${by === 'company' ? ' by=company' : ''} page=2`, label: t(lang, m.hhiMore()), more: true };
    // A price- or equal-weighted index (Nikkei 225, Yomiuri 333) says so wherever its figures are read.
    const weighting = h.weighting && h.weighting !== 'cap' ? `${t(lang, m.weightingNote(h.fund, h.weighting))}${lang === 'ja' ? '' : ' '}` : '';
    const back = { kind: 'command' as const, command: 'hhi', args: `${c.fund}${by === 'company' ? ' by=company' : ''}`, label: t(lang, m.hhiBack()) };
    const base = {
      lang,
      title: t(lang, m.hhiTitle(c.fund, c.name)),
      tone: verdict.tone,
      chart: hhiChart(lang, c, h, jaNames),
      sources: [sourceOf(h, ctx)],
      data: { ...c, verdict: { tone: verdict.tone, ...verdict.basis } },
    };
    if (page === 1) {
      const largestText = t(lang, m.largestValue(positionLabel(c.largest, jaNames), percent(c.largest.weight, 1), c.tailEquivalentCount === null ? null : integer(c.tailEquivalentCount)));
      return {
        ...base,
        summary: [
          verdict.sentence,
          verdict.top10Clause
            ? `${t(lang, mv.countOnly(integer(c.count), decimal(c.effectiveN)))}${lang === 'ja' ? '' : ' '}${verdict.top10Clause}`
            : t(lang, m.hhiSummary(decimal(c.effectiveN), integer(c.count), percent(c.top10, 1))),
        ].join(lang === 'ja' ? '' : ' '),
        fields: [
          { name: t(lang, m.fEffN()), value: t(lang, m.effNValue(decimal(c.effectiveN), integer(c.count), hhiText(c.hhi, lang))) },
          { name: t(lang, m.fLargest()), value: largestText },
          tse ? { name: t(lang, m.fTse33()), value: tseLine(lang, tse, 2) } : sectorField(lang, c, 2),
          verdict.references,
        ],
        actions: [more, { kind: 'lesson' as const, id: 'hhi-and-effective-n', label: t(lang, m.lessonHhi()) }],
        // The short card keeps the one warning that changes how to read it (age, no date); the rest is on page 2.
        warnings: [...dataWarnings(ctx, h).slice(0, 1), ...(tse || !sectorsShown(c) ? [] : wholeShareNotes(lang, c.sectors, 2, null))],
        footer: `${weighting}${t(lang, m.educationNote())}`,
      };
    }
    // History compares like with like: only the security view has stored snapshots to compare with.
    const change = by === 'company' ? undefined : changeSincePrevious(ctx, c);
    return {
      ...base,
      title: `${base.title} (2/2)`,
      fields: [
        { name: t(lang, m.fTop10()), value: percent(c.top10, 1), inline: true },
        { name: t(lang, m.fTop5()), value: percent(c.top5, 1), inline: true },
        {
          name: t(lang, m.fBig(percent(c.bigHoldings.threshold, 0))),
          value: t(lang, m.bigValue(percent(c.bigHoldings.share, 1), c.bigHoldings.count)),
          inline: true,
        },
        ...(tse ? [{ name: t(lang, m.fTse33()), value: tseLine(lang, tse, 6) }] : []),
        sectorField(lang, c, 6),
        techPlusField(lang, c),
        { name: t(lang, m.fCountries()), value: Object.entries(c.countries).slice(0, 4).map(([code, w]) => `${countryName(lang, code)} ${percent(w, 1)}`).join(' · '), inline: true },
        ...(change ? [change.field] : []),
      ],
      actions: [back],
      warnings: [
        ...dataWarnings(ctx, h),
        exclusionLine(ctx, h),
        ...[coverageLine(lang, c)].filter((l): l is string => l !== null),
        ...wholeShareNotes(lang, sectorsShown(c) ? c.sectors : {}, 6, c.countries),
        ...(by === 'company' ? h.notes.filter((n) => n.startsWith('By company')) : []),
      ],
      footer: `${weighting}${verdict.source}${lang === 'ja' ? '' : ' '}${t(lang, m.educationNote())}`,
      data: change ? { ...base.data, change: change.data } : base.data,
    };
  },
});

/**
 * Exposure by TSE 33-sector label (Japanese funds: the file's own classification, not the GICS
 * approximation), or null when less than half the weight carries one.
 */
function tse33Exposure(h: Holdings): { key: string; weight: number }[] | null {
  const columns = columnsOf(h);
  // Most funds print no TSE-33 label at all: the columns say so without a pass (nor coding industries).
  if (!columns.hasTse33) return null;
  const { weightArray, industryCodes } = columns;
  const totals = concentrationPass(weightArray, [industryCodes]).totals[0]!;
  let labelled = 0;
  const rows: { key: string; weight: number }[] = [];
  industryCodes.names.forEach((name, k) => {
    if (name === null || !(name in TSE33_EN)) return;
    labelled += totals[k]!;
    rows.push({ key: name, weight: totals[k]! });
  });
  return labelled > 0.5 ? exposureFromTotals(rows.map((r) => r.weight), rows.map((r) => r.key)) : null;
}

function tseLine(lang: Lang, tse: readonly { key: string; weight: number }[], count: number): string {
  return tse
    .slice(0, count)
    .map((e) => `${lang === 'ja' ? e.key : TSE33_EN[e.key]} ${percent(e.weight, 1)}`)
    .join(' · ');
}

/**
 * Sectors (the first `sectorCount`) and countries (the first 4), when the card lists them whole,
 * shown to 1 decimal: a note for each list whose shown figures do not add to 100%.
 */
function wholeShareNotes(lang: Lang, sectors: Record<string, number>, sectorCount: number, countries: Record<string, number> | null): string[] {
  const notes: (string | null)[] = [];
  const s = Object.values(sectors);
  if (s.length <= sectorCount) notes.push(roundedSharesNote(lang, 'sectors', s, 1));
  const c = countries ? Object.values(countries) : [];
  if (countries && c.length <= 4) notes.push(roundedSharesNote(lang, 'countries', c, 1));
  return notes.filter((n): n is string => n !== null);
}

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
