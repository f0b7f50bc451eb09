import { dispatch } from '../../bot/dispatch.ts';
import type { ChartInput } from '../../charts/index.ts';
import type { Lang } from '../../commands/context.ts';
import type { View } from '../../commands/view.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { contextFor } from '../support/context.ts';

/** One command per chart it draws, with the arguments a user would type. */
export const CASES = [
  { id: 'hhi-vt', command: 'hhi', text: 'VT' },
  { id: 'hhi-topix', command: 'hhi', text: 'TOPIX' },
  { id: 'overlap-voo-qqq', command: 'overlap', text: 'VOO QQQ' },
  { id: 'portfolio-vt-qqq-soxx', command: 'portfolio', text: '"VT 60, QQQ 30, SOXX 10"' },
  { id: 'compare-spy', command: 'compare', text: 'SPY' },
  { id: 'stress-ivv-top10', command: 'stress', text: 'IVV top10 -25%' },
  { id: 'stress-qqq-deepseek', command: 'stress', text: 'QQQ deepseek-2025' },
  { id: 'loop', command: 'loop', text: 'reverse=12' },
] as const;

export type CaseId = (typeof CASES)[number]['id'];

/** The real Views, from the dispatcher and the real issuer files. */
export async function realViews(catalog: Catalog, lang: Lang): Promise<Map<CaseId, View>> {
  const out = new Map<CaseId, View>();
  const ctx = contextFor(catalog, lang);
  for (const c of CASES) {
    const view = await dispatch({ command: c.command, text: c.text }, ctx);
    if (!view.chart) throw new Error(`/${c.command} ${c.text} returned no chart: ${view.summary ?? view.title}`);
    out.set(c.id, view);
  }
  return out;
}

/**
 * Charts no command emits yet: /history (lines over dates, being added) and the proposed
 * ChartSpec fields (marked effective N, the top-15 bars with a cumulative line). Hand-written
 * numbers, so these need no issuer files.
 */
export function proposedSpecs(lang: Lang): Record<'history' | 'hhi-marked' | 'top15', ChartInput> {
  const ja = lang === 'ja';
  const dates = ['2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30'];
  const top = ['NVDA', 'AAPL', 'MSFT', 'AMZN', 'META', 'AVGO', 'GOOGL', 'TSLA', 'GOOG', 'BRKB', 'JPM', 'LLY', 'V', 'XOM', 'UNH'];
  const w = [0.078, 0.065, 0.054, 0.039, 0.028, 0.027, 0.025, 0.021, 0.02, 0.016, 0.015, 0.012, 0.011, 0.01, 0.009];
  let sum = 0;
  return {
    history: {
      kind: 'lines',
      title: 'SPY 2025-06-30 → 2026-09-30',
      series: [
        { name: ja ? '上位10銘柄の比率' : 'Top-10 weight', points: dates.map((x, i) => ({ x, y: 0.36 + i * 0.008 })) },
        { name: ja ? '最大銘柄' : 'Largest name', points: dates.map((x, i) => ({ x, y: 0.07 + i * 0.002 })) },
      ],
    },
    'hhi-marked': {
      kind: 'concentration-curve',
      title: 'SPY 2026-02-12',
      series: [{ name: 'SPY', points: [0, 10, 25, 50, 100, 200, 300, 400, 503].map((x, i) => ({ x, y: [0, 0.39, 0.5, 0.6, 0.72, 0.85, 0.92, 0.97, 1][i]! })) }],
      marks: [{ x: 44, y: 0.58, label: ja ? '実効銘柄数 44' : 'effective N = 44' }],
    },
    top15: {
      kind: 'bars',
      title: 'SPY 2026-02-12',
      axes: { x: '', y: ja ? 'ウエイト' : 'Weight' },
      series: [{ name: 'SPY', points: top.map((x, i) => ({ x, y: w[i]! })) }],
      line: { name: ja ? '累積ウエイト' : 'Cumulative weight', points: top.map((x, i) => ({ x, y: (sum += w[i]!) })) },
    },
  };
}
