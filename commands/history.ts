import { z } from 'zod';
import { effectiveN, topN } from '../analytics/index.ts';
import { hasHistory, type SnapshotWeights } from '../store/types.ts';
import { sourceOf } from './card-parts.ts';
import type { Lang } from './context.ts';
import { defineCommand } from './define.ts';
import { decimal, integer, percent } from './format.ts';
import { requireFund } from './lookup.ts';
import { m, t } from './messages.ts';
import { ms } from './messages-store.ts';
import { UserError } from './user-error.ts';
import { historyChart } from './chart-specs.ts';

/** The figures history shows per snapshot. Field names are stable (--json). */
export interface SnapshotFigures {
  asOf: string | null;
  file: string;
  importedAt: string;
  count: number;
  effectiveN: number;
  top10: number;
  largest: number;
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
  };
}

/** A snapshot's label on a table row or chart axis: its as-of date, or that it has none. */
export function snapshotLabel(lang: Lang, s: SnapshotWeights): string {
  return s.meta.asOf ?? t(lang, ms.undatedSnapshot(s.meta.id));
}

export const historyCommand = defineCommand({
  name: 'history',
  description: {
    en: 'How a fund’s concentration changed: top-10 and effective N over every stored snapshot',
    ja: 'ファンドの集中度の推移：保存済みスナップショットごとの上位10銘柄と実効銘柄数',
  },
  examples: ['/history VT', '/history fund=SPY'],
  args: z.object({
    fund: z.string().min(1).max(80).describe('Fund ticker, e.g. SPY | ファンドのティッカー（例：SPY）'),
  }),
  async run({ fund }, ctx) {
    const { lang } = ctx;
    const h = await requireFund(ctx, fund);
    if (!hasHistory(ctx.data)) throw new UserError('no-history', t(lang, ms.noHistory()));
    const snapshots = await ctx.data.history(h.fund);
    const figures = snapshots.map(figuresOf);
    const labels = snapshots.map((s) => snapshotLabel(lang, s));
    const first = figures[0];
    const last = figures[figures.length - 1];
    const summary =
      first && last && figures.length > 1
        ? t(lang, ms.historySummary(labels[0]!, labels[labels.length - 1]!, decimal(first.effectiveN), decimal(last.effectiveN), percent(first.top10, 1), percent(last.top10, 1)))
        : t(lang, ms.historyOne());
    return {
      lang,
      title: t(lang, ms.historyTitle(h.fund, figures.length)),
      tone: 'info',
      summary,
      table: {
        columns: [
          { label: t(lang, m.colAsOf()), align: 'left' },
          { label: t(lang, ms.colHoldings()), align: 'right' },
          { label: t(lang, ms.colEffN()), align: 'right' },
          { label: t(lang, ms.colTop10()), align: 'right' },
          { label: t(lang, ms.colLargest()), align: 'right' },
          { label: t(lang, m.colFile()), align: 'left' },
        ],
        rows: figures.map((f, i) => [labels[i]!, integer(f.count), decimal(f.effectiveN), percent(f.top10, 1), percent(f.largest, 1), f.file]),
      },
      chart: historyChart(lang, h.fund, figures, labels),
      sources: [sourceOf(h, ctx)],
      footer: t(lang, m.educationNote()),
      data: { fund: h.fund, snapshots: figures },
    };
  },
});
