/**
 * What the charts module draws. Structurally the same as `ChartSpec` in commands/view.ts (charts
 * import nothing of ours, per DESIGN.md), so a View's chart passes straight in. The optional
 * fields are the additions proposed for ChartSpec; until commands set them the charts fall back
 * to defaults derived from the kind and the language.
 */
export type ChartKind = 'concentration-curve' | 'bars' | 'overlap' | 'lines' | 'stacked-bars';

export interface ChartPoint {
  x: string | number;
  y: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

export interface ChartInput {
  kind: ChartKind;
  title: string;
  series: ChartSeries[];
  /** Axis titles already in the card's language; default: per kind and language. */
  axes?: { x?: string; y?: string };
  /** How y values read: fractions shown as percent, or plain numbers (effective N). */
  yFormat?: 'percent' | 'number';
  /** Points to call out, e.g. effective N on the concentration curve. No y: a vertical rule. */
  marks?: { x: string | number; y?: number; label: string }[];
  /** A line drawn over bars on its own right-hand axis, e.g. cumulative weight over the top 15. */
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
