import type { TopLevelSpec } from 'vega-lite';
import { axisTitles } from './labels.ts';
import { barPanels, heatmap, horizontalBars, linePanels, lines, PLOT_WIDTH, rowStep, runningTotal, TEXT, type Frame, type Layer, type Row } from './layers.ts';
import { BOLD_WIDTH, wrapText } from './text-width.ts';
import { FONT_FAMILY, THEMES, type Colours } from './theme.ts';
import type { ChartInput, ChartOptions } from './types.ts';

const PLOT_HEIGHT = 260;
/** Widest line of title, subtitle or source: the chart's own width, so text never widens the image. */
const TEXT_WIDTH = 560;

/**
 * A ChartSpec as a vega-lite spec: pure, deterministic, and computing no figure (the command put
 * every number in the spec; this only lays them out). The message as the title, what is drawn as
 * the subtitle, the source line in the bottom-right corner, axis titles in the card's language,
 * Okabe–Ito colours for the theme. Sized for a phone: about 600 px wide, text 14 px and up.
 */
export function chartToVegaLite(spec: ChartInput, options: ChartOptions): TopLevelSpec {
  if (spec.series.length === 0 || spec.series.every((s) => s.points.length === 0)) {
    throw new RangeError(`chart "${spec.title}" (${spec.kind}) has no points to draw`);
  }
  const colours = THEMES[options.theme];
  const rows: Row[] = spec.series.flatMap((s, i) => s.points.map((p, k) => ({ series: s.name, s: i, k, x: p.x, y: p.y })));
  const { x: xTitle, y: yTitle } = axisTitles(spec, options.lang);
  const frame: Frame = { spec, lang: options.lang, colours, rows, xTitle, yTitle, yFmt: yFormat(spec), categories: categoriesOf(spec, rows) };
  const title = {
    text: wrapText(spec.title, TEXT.title * BOLD_WIDTH, TEXT_WIDTH),
    ...(spec.subtitle ? { subtitle: wrapText(spec.subtitle, TEXT.subtitle, TEXT_WIDTH) } : {}),
    anchor: 'start',
    fontSize: TEXT.title,
    subtitleFontSize: TEXT.subtitle,
    fontWeight: 'bold',
    offset: 14,
    subtitlePadding: 6,
  };
  const chart = { title, ...body(frame) };
  const top: Record<string, unknown> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    background: colours.background,
    padding: 16,
    // The chart is the only view of a one-item concat, so the source can sit in the outer title,
    // below everything and right-aligned: the corner, wherever the axes end.
    vconcat: [chart],
    // Keep legends inside the chart's cell, under its title; shared, they would rise above it.
    resolve: { legend: { color: 'independent', strokeDash: 'independent' } },
    title: { text: options.source.split('\n').flatMap((line) => wrapText(line, TEXT.source, TEXT_WIDTH)), orient: 'bottom', anchor: 'end', fontSize: TEXT.source, fontWeight: 'normal', color: colours.muted, offset: 14 },
    config: config(colours),
  };
  return top as unknown as TopLevelSpec;
}

/**
 * x values in the order the command gave them; on line panels whose x are all dates, in date order,
 * so a second fund's extra dates fall in place rather than after the first fund's.
 */
function categoriesOf(spec: ChartInput, rows: readonly Row[]): (string | number)[] {
  const xs = [...new Set(rows.map((r) => r.x))];
  return spec.kind === 'line-panels' && xs.every((x) => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x)) ? xs.sort() : xs;
}

/** Fractions read as percent; anything above 1 (effective N, counts) as a plain number. */
function yFormat(spec: ChartInput): string {
  const format = spec.yFormat ?? (spec.series.every((s) => s.points.every((p) => Math.abs(p.y) <= 1)) ? 'percent' : 'number');
  return format === 'percent' ? '.1~%' : ',.4~r';
}

/** The view (size plus layers or panels) for each kind. */
function body(f: Frame): Layer {
  const n = f.spec.series.length;
  switch (f.spec.kind) {
    case 'running-total':
      return { width: PLOT_WIDTH, height: { step: rowStep(1) }, layer: runningTotal(f) };
    case 'bars':
    case 'overlap':
      // Grouped rows: the step is per bar within a row (vega-lite's offset step).
      return { width: PLOT_WIDTH, height: n > 1 ? { step: 22, for: 'offset' } : { step: rowStep(1) }, layer: horizontalBars(f, 'grouped') };
    case 'stacked-bars':
      return { width: PLOT_WIDTH, height: { step: rowStep(1) }, layer: horizontalBars(f, 'stacked') };
    case 'heatmap':
      return { width: { step: 84 }, height: { step: 48 }, layer: heatmap(f) };
    case 'bar-panels':
      // Panels share the name rows; the name column is drawn once, on the first.
      return { hconcat: barPanels(f, Math.floor((PLOT_WIDTH + 40) / n) - 20), spacing: 24, resolve: { scale: { x: 'independent' } } };
    case 'line-panels':
      return { vconcat: linePanels(f, PLOT_WIDTH + 80, new Set(f.spec.series.map((s, i) => s.panel ?? i)).size > 2 ? 110 : 130), spacing: 20, resolve: { scale: { y: 'independent' } } };
    case 'lines':
      return { width: PLOT_WIDTH + 80, height: PLOT_HEIGHT, layer: lines(f) };
  }
}

function config(c: Colours): Record<string, unknown> {
  return {
    font: FONT_FAMILY,
    view: { stroke: null },
    title: { color: c.text, font: FONT_FAMILY, subtitleColor: c.muted, subtitleFont: FONT_FAMILY },
    axis: {
      labelColor: c.text,
      titleColor: c.text,
      labelFontSize: TEXT.label,
      titleFontSize: TEXT.label,
      titleFontWeight: 'normal',
      gridColor: c.grid,
      domainColor: c.domain,
      tickColor: c.domain,
      labelFont: FONT_FAMILY,
      titleFont: FONT_FAMILY,
      // Tick labels that would touch are dropped (vega hides them); names are never dropped.
      labelOverlap: true,
      labelSeparation: 8,
    },
    axisBand: { grid: false },
    legend: { labelColor: c.text, titleColor: c.text, labelFontSize: TEXT.label, symbolStrokeWidth: 2.5, labelFont: FONT_FAMILY, labelLimit: 220 },
    text: { font: FONT_FAMILY },
    bar: { cornerRadiusEnd: 0 },
    range: { category: [...c.series] },
  };
}
