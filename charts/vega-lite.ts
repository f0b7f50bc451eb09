import type { TopLevelSpec } from 'vega-lite';
import { axisTitles } from './labels.ts';
import { concentrationCurve, horizontalBars, lines, verticalBars, type Frame, type Layer, type Row } from './layers.ts';
import { FONT_FAMILY, THEMES, type Colours } from './theme.ts';
import type { ChartInput, ChartOptions } from './types.ts';

/** Plot-area width; with axes and padding the SVG comes out near 900 px, the PNG's width. */
const PLOT_WIDTH = 760;
const PLOT_HEIGHT = 380;

const ISO_DATE = /^\d{4}-\d{2}(-\d{2})?$/;

/**
 * A ChartSpec as a vega-lite spec: pure, deterministic, and computing no figure (the command put
 * every number in the spec; this only lays them out). Title from the spec, source line in the
 * bottom-right corner, axis titles in the card's language, Okabe–Ito colours for the theme.
 */
export function chartToVegaLite(spec: ChartInput, options: ChartOptions): TopLevelSpec {
  if (spec.series.length === 0 || spec.series.every((s) => s.points.length === 0)) {
    throw new RangeError(`chart "${spec.title}" (${spec.kind}) has no points to draw`);
  }
  const colours = THEMES[options.theme];
  const rows: Row[] = spec.series.flatMap((s, i) => s.points.map((p, k) => ({ series: s.name, s: i, k, x: p.x, y: p.y })));
  const xs = rows.map((r) => r.x);
  const dates = xs.every((x) => typeof x === 'string' && ISO_DATE.test(x));
  const { x: xTitle, y: yTitle } = axisTitles(spec, options.lang, dates);
  const frame: Frame = {
    spec,
    lang: options.lang,
    colours,
    rows,
    xTitle,
    yTitle,
    yFmt: yFormat(spec),
    categories: [...new Set(xs)],
  };
  const { layers, height } = layout(frame, dates);
  const chart: Record<string, unknown> = { title: { text: spec.title, anchor: 'start', fontSize: 18, fontWeight: 'bold', offset: 12 }, width: PLOT_WIDTH, height, layer: layers };
  // The overlay line has its own scale and right-hand axis: cumulative weight dwarfs any one bar.
  if (spec.line) chart['resolve'] = { scale: { y: 'independent' } };
  const top: Record<string, unknown> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    background: colours.background,
    padding: 16,
    // The chart is the only view of a one-item concat, so the source can sit in the outer title,
    // below everything and right-aligned: the corner, wherever the axes end.
    vconcat: [chart],
    // Keep legends inside the chart's cell, under its title; shared, they would rise above it.
    resolve: { legend: { color: 'independent', strokeDash: 'independent' } },
    title: { text: options.source.split('\n'), orient: 'bottom', anchor: 'end', fontSize: 11, fontWeight: 'normal', color: colours.muted, offset: 10 },
    config: config(colours),
  };
  return top as unknown as TopLevelSpec;
}

/** Fractions read as percent; anything above 1 (effective N, counts) as a plain number. */
function yFormat(spec: ChartInput): string {
  const format = spec.yFormat ?? (spec.series.every((s) => s.points.every((p) => Math.abs(p.y) <= 1)) ? 'percent' : 'number');
  return format === 'percent' ? '.1~%' : ',.4~r';
}

function layout(f: Frame, dates: boolean): { layers: Layer[]; height: number } {
  switch (f.spec.kind) {
    case 'concentration-curve':
      return { layers: concentrationCurve(f), height: PLOT_HEIGHT };
    case 'bars': {
      if (f.spec.line) return { layers: verticalBars(f, 'grouped'), height: PLOT_HEIGHT };
      // One row per category (times series when grouped), kept readable for 1 name or 15.
      const band = f.categories.length * Math.max(1, f.spec.series.length) * 26;
      return { layers: horizontalBars(f), height: Math.min(520, Math.max(140, band)) };
    }
    case 'overlap':
      return { layers: verticalBars(f, 'grouped'), height: PLOT_HEIGHT };
    case 'stacked-bars':
      return { layers: verticalBars(f, 'stacked'), height: PLOT_HEIGHT };
    case 'lines': {
      const numeric = f.rows.every((r) => typeof r.x === 'number');
      return { layers: lines(f, numeric ? 'quantitative' : dates ? 'temporal' : 'ordinal'), height: PLOT_HEIGHT };
    }
  }
}

function config(c: Colours): Record<string, unknown> {
  return {
    font: FONT_FAMILY,
    view: { stroke: null },
    title: { color: c.text, font: FONT_FAMILY, subtitleColor: c.muted },
    axis: {
      labelColor: c.text,
      titleColor: c.text,
      labelFontSize: 12,
      titleFontSize: 13,
      titleFontWeight: 'normal',
      gridColor: c.grid,
      domainColor: c.domain,
      tickColor: c.domain,
      labelFont: FONT_FAMILY,
      titleFont: FONT_FAMILY,
    },
    axisBand: { grid: false },
    legend: { labelColor: c.text, titleColor: c.text, labelFontSize: 12, symbolStrokeWidth: 2.5, labelFont: FONT_FAMILY, labelLimit: 260 },
    text: { font: FONT_FAMILY },
    range: { category: [...c.series] },
  };
}
