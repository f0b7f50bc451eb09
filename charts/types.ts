/**
 * What the charts module draws. Structurally the same as `ChartSpec` in commands/view.ts (charts
 * import nothing of ours, per DESIGN.md), so a View's chart passes straight in.
 *
 * - `running-total`: one row per holding, largest first; each bar runs from the running total
 *   before it to the running total after it (`line`), so bar length is the holding's weight and
 *   the last bar's end is the top-N total. The head of a 10,000-name fund fills the chart.
 * - `bars`: horizontal bars, one row per category, grouped when there are several series.
 * - `overlap`: the shared names of two funds, grouped horizontal bars.
 * - `stacked-bars`: horizontal bars stacked by the series (the fund a company comes through).
 * - `heatmap`: a matrix; each series is a row, each point a column, y the cell's value.
 * - `bar-panels`: one panel of horizontal bars per series (measures in different units side by
 *   side, e.g. top-10 % and effective N), rows shared.
 * - `line-panels`: one line panel per series, stacked, each with its own y axis; x is ordinal
 *   (one tick per point, e.g. per snapshot date).
 * - `lines`: several series on one axis (the stylised /loop model).
 */
export type ChartKind = 'running-total' | 'bars' | 'overlap' | 'stacked-bars' | 'heatmap' | 'bar-panels' | 'line-panels' | 'lines';

export interface ChartPoint {
  x: string | number;
  y: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
  /** How this series' values read, where series differ (panels); default: the chart's yFormat. */
  format?: 'percent' | 'number';
  /** line-panels: series with the same panel share it (two funds on one axis); default, a panel each. */
  panel?: number;
  /** line-panels: dashed reference lines across the panel, each labelled at its right end. */
  rules?: { y: number; label: string }[];
  /** line-panels: a word printed by a point (e.g. the largest holding where it changes). */
  notes?: { x: string | number; text: string }[];
  /** line-panels: what is printed before the last value when the panel is shared (e.g. the fund); default: the name. */
  short?: string;
}

export interface ChartInput {
  kind: ChartKind;
  /** The chart's message, e.g. "VT: top 10 = 22.3%, effective N 137.9". */
  title: string;
  /** What is drawn, e.g. "Largest 15 of 9,876 holdings". */
  subtitle?: string;
  series: ChartSeries[];
  /** Axis titles already in the card's language; default: per kind and language. */
  axes?: { x?: string; y?: string };
  /** How y values read: fractions shown as percent, or plain numbers (effective N). */
  yFormat?: 'percent' | 'number';
  /** running-total: the running total after each point of the first series. */
  line?: ChartSeries;
}

export type Lang = 'en' | 'ja';
export type Theme = 'light' | 'dark';

export interface ChartOptions {
  lang: Lang;
  theme: Theme;
  /** The source line printed in the bottom-right corner (see `sourceText`). */
  source: string;
  /** Output width of the PNG in pixels; default 900. */
  width?: number;
}

/** One source behind a chart; the same shape as ViewSource. */
export interface SourceInput {
  fund: string;
  file: string;
  issuer: string;
  asOf: string | null;
}
