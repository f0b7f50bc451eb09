/**
 * charts/: a View's chart spec → vega-lite → SVG → PNG. Numbers arrive in the spec; nothing here
 * computes one. Surfaces call `renderViewPng(view, theme)` and attach the PNG.
 */
import { sourceText } from './labels.ts';
import { renderPng } from './render.ts';
import type { ChartInput, ChartOptions, Lang, SourceInput, Theme } from './types.ts';

export { chartToVegaLite } from './vega-lite.ts';
export { renderPng, renderRaster, renderSvg, renderStats, DEFAULT_WIDTH, RENDERS_AT_ONCE } from './render.ts';
export { sourceText } from './labels.ts';
export { textToPaths } from './text-paths.ts';
export { FONT_FAMILY, THEMES } from './theme.ts';
export type { ChartInput, ChartOptions, Lang, SourceInput, Theme } from './types.ts';

/** The parts of a View a chart needs (structural, so charts import nothing from commands). */
export interface ChartedView {
  lang: Lang;
  chart?: ChartInput;
  sources: readonly SourceInput[];
}

export function chartOptionsFor(view: ChartedView, theme: Theme = 'light'): ChartOptions {
  return { lang: view.lang, theme, source: sourceText(view.sources, view.lang) };
}

/** The View's chart as a PNG, or null when the View carries none. */
export async function renderViewPng(view: ChartedView, theme: Theme = 'light'): Promise<Buffer | null> {
  return view.chart ? renderPng(view.chart, chartOptionsFor(view, theme)) : null;
}
