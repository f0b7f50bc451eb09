import { z } from 'zod';
import { capWeights, effectiveN, equalWeights, exposureOf, techPlus, thresholdCapWeights, topN } from '../analytics/index.ts';
import { columnsOf } from '../holdings/columns.ts';
import { byCompany } from '../holdings/identity.ts';
import { dataWarnings, sourceOf } from './card-parts.ts';
import { defineCommand } from './define.ts';
import { decimal, percent } from './format.ts';
import { requireFund } from './lookup.ts';
import { m, sectorName, t } from './messages.ts';
import { compareChart } from './chart-specs.ts';
import { concentration } from './concentration.ts';
import { msec } from './messages-sectors.ts';
import { coverageLine, sectorsShown } from './sector-coverage.ts';

/** A key no GICS sector has: where the positions without a sector are summed, then left out. */
const UNKNOWN = '\u0000unknown';

/** Caps shown when none is asked for: a 10% single-name cap, and 4.5% as a what-if (in real capped US indices 4.5% is a threshold, not a cap: see cmpWhatIf). */
const DEFAULT_CAPS = [0.1, 0.045];

/** A cap as its label says it: 10%, 4.5%, 7.25% (no trailing zero, so the table fits 60 columns). */
const capLabel = (c: number): string => `${Number((c * 100).toFixed(2))}%`;

interface Variant {
  label: string;
  weights: number[];
  /** Sector of each weight, when the variant is not per line of the file (the rule column is per company). */
  sectors?: ReturnType<typeof columnsOf>['sectors'];
}

export const compareCommand = defineCommand({
  name: 'compare',
  description: {
    en: 'Cap-weighted vs equal-weighted vs capped versions of the same fund',
    ja: '同じ構成銘柄での時価総額加重・均等加重・上限付き加重の比較',
  },
  examples: ['/compare SPY', '/compare QQQ cap=8'],
  args: z.object({
    fund: z.string().min(1).max(80).describe('Fund ticker or name, e.g. QQQ | ファンドのティッカーまたは名前（例：QQQ）'),
    cap: z.number().gt(0).lte(50).optional().describe('Per-name cap in percent, e.g. 10 (default: 10 and 4.5) | 1銘柄の上限（%、省略時は10と4.5）'),
  }),
  async run({ fund, cap }, ctx) {
    const { lang } = ctx;
    const h = await requireFund(ctx, fund);
    const { weights: cw, sectors: sectorKeys } = columnsOf(h);
    const n = cw.length;
    const caps = cap === undefined ? DEFAULT_CAPS : [cap / 100];
    const variants: Variant[] = [
      { label: t(lang, m.cmpCap()), weights: cw },
      { label: t(lang, m.cmpEqual()), weights: equalWeights(n) },
    ];
    const warnings = dataWarnings(ctx, h);
    for (const c of caps) {
      if (c * n < 1) warnings.push(t(lang, m.cmpCapImpossible(percent(c, 1), String(n))));
      else {
        if (Math.max(...cw) <= c) warnings.push(t(lang, m.cmpCapIdle(percent(c, 1), percent(Math.max(...cw), 2))));
        variants.push({ label: t(lang, m.cmpCapped(capLabel(c))), weights: capWeights(cw, c) });
      }
    }
    // Beside the flat caps, the rule RIC-driven indexes apply: per company, 4.5% a threshold (analytics/threshold-cap.ts).
    if (cap === undefined) {
      const companies = columnsOf(byCompany(h));
      try {
        variants.push({ label: t(lang, m.cmpRule()), weights: thresholdCapWeights(companies.weights), sectors: companies.sectors });
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        warnings.push(t(lang, m.cmpRuleImpossible(String(companies.weights.length))));
      }
    }
    // Sector shares over the weight whose sector is known, as on /hhi: an unknown part is no sector of its own.
    const c = concentration(h);
    const shown = sectorsShown(c);
    const coverage = coverageLine(lang, c);
    if (coverage) warnings.push(coverage);
    const stats = variants.map((v) => {
      const rows = exposureOf(v.sectors ?? sectorKeys, v.weights, UNKNOWN);
      const known = rows.filter((r) => r.key !== UNKNOWN);
      const total = known.reduce((sum, r) => sum + r.weight, 0);
      const sectors = shown && total > 0 ? known.map((r) => ({ key: r.key, weight: r.weight / total })) : [];
      return {
        label: v.label,
        top10: topN(v.weights, 10),
        effectiveN: effectiveN(v.weights),
        largest: Math.max(...v.weights),
        techPlus: sectors.length > 0 ? techPlus(sectors) : null,
        sectors: Object.fromEntries(sectors.map((s) => [s.key, s.weight])),
      };
    });
    const base = stats[0]!;
    const sectorNames = Object.keys(base.sectors).slice(0, 6);
    return {
      lang,
      title: t(lang, m.cmpTitle(h.fund)),
      tone: 'info',
      summary: t(lang, m.cmpSummary(h.fund, percent(base.top10, 1), percent(stats[1]!.top10, 1), decimal(base.effectiveN), decimal(stats[1]!.effectiveN))),
      table: {
        columns: [{ label: '', align: 'left' }, ...stats.map((s) => ({ label: s.label, align: 'right' as const }))],
        rows: [
          [t(lang, m.fTop10()), ...stats.map((s) => percent(s.top10, 1))],
          [t(lang, m.fEffN()), ...stats.map((s) => decimal(s.effectiveN))],
          [t(lang, m.fLargest()), ...stats.map((s) => percent(s.largest, 2))],
          ['Tech+', ...stats.map((s) => (s.techPlus === null ? t(lang, msec.notShown()) : percent(s.techPlus, 1)))],
          ...sectorNames.map((name) => [sectorName(lang, name), ...stats.map((s) => percent(s.sectors[name] ?? 0, 1))]),
        ],
      },
      chart: compareChart(lang, h.fund, h.asOf.date, stats),
      actions: [{ kind: 'lesson', id: 'equal-weight-and-rebalancing', label: t(lang, m.lessonEqual()) }],
      warnings,
      sources: [sourceOf(h, ctx)],
      footer: `${t(lang, m.cmpMethod())}${caps.some((c) => c <= 0.05) ? ` ${t(lang, m.cmpWhatIf())}` : ''} ${t(lang, m.educationNote())}`,
      data: { fund: h.fund, asOf: h.asOf.date, count: n, variants: stats },
    };
  },
});
