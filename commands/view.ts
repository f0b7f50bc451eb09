/**
 * The platform-neutral card every command returns. Renderers (console, Discord, Slack) turn it
 * into their own format and never compute a number: every figure arrives here already formatted.
 */
export type Tone = 'info' | 'low' | 'moderate' | 'high' | 'extreme' | 'warning' | 'error';

export interface ViewField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface ViewTable {
  columns: { label: string; align: 'left' | 'right' }[];
  rows: string[][];
  caption?: string;
}

/**
 * What a button does; each platform maps these to its own components. Pressing one runs the
 * command with the text args, as if the user had typed `/command args` (paging, quiz answers).
 * `style` 'primary' marks the main choice; 'update' replaces the card the button sits on
 * instead of posting a new one (paging, quiz reveal). `more` marks "the rest of this card"
 * (the console chat runs it on `/more`).
 */
export type ViewAction =
  | { kind: 'lesson'; id: string; label: string }
  | { kind: 'command'; command: string; args: string; label: string; style?: 'primary' | 'secondary'; update?: boolean; more?: boolean };

/** A chart, described as data; the charts module draws it (charts/types.ts keeps the same shape and says what each kind draws). */
export interface ChartSpec {
  kind: 'running-total' | 'bars' | 'overlap' | 'stacked-bars' | 'heatmap' | 'bar-panels' | 'line-panels' | 'lines';
  /** The chart's message, e.g. "VT: top 10 = 22.3%, effective N 137.9". */
  title: string;
  subtitle?: string;
  series: {
    name: string;
    points: { x: string | number; y: number }[];
    format?: 'percent' | 'number';
    /** line-panels: series with the same panel share it (two funds on one axis); default, a panel each. */
    panel?: number;
    /** line-panels: dashed reference lines across the panel, each labelled (the S&P 500 points on /hhi). */
    rules?: { y: number; label: string }[];
    /** line-panels: a word printed by a point (the largest holding where it changes). */
    notes?: { x: string | number; text: string }[];
    /** line-panels: printed before the last value when the panel is shared (the fund); default, the name. */
    short?: string;
  }[];
  /** Axis titles in the card's language; default per kind. */
  axes?: { x?: string; y?: string };
  /** 'percent' (fractions) or 'number' (effective N); default: percent when every |y| ≤ 1. */
  yFormat?: 'percent' | 'number';
  /** running-total: the running total after each point of the first series. */
  line?: { name: string; points: { x: string | number; y: number }[] };
}

/** One source behind the figures: fund, file, as-of date. */
export interface ViewSource {
  fund: string;
  file: string;
  issuer: string;
  asOf: string | null;
  /** When we stored an undated file (YYYY-MM-DD), so "undated file, stored <date>" can replace "as of unknown". */
  stored?: string;
}

export interface View {
  /** The language the card is written in; renderers label sources in it. */
  lang: 'en' | 'ja';
  title: string;
  tone: Tone;
  summary?: string;
  fields?: ViewField[];
  table?: ViewTable;
  markdown?: string;
  chart?: ChartSpec;
  actions?: ViewAction[];
  /** Things the reader must see: stale data, normalisation, exclusions. */
  warnings?: string[];
  sources: ViewSource[];
  /** Shown under the card: method notes, "education, not investment advice". */
  footer?: string;
  /** Only the person who asked sees it (errors, help). */
  ephemeral?: boolean;
  /** Machine-readable result with stable field names, for --json and tests. */
  data?: unknown;
}
