import { EQUAL_WEIGHT } from './labels.ts';
import type { Colours } from './theme.ts';
import type { ChartInput, ChartPoint, Lang } from './types.ts';

/**
 * One vega-lite layer, loosely typed: the exact vega-lite union types cost more than they catch
 * here, and `vl.compile` checks the spec at run time (the tests compile every kind).
 */
export type Layer = Record<string, unknown>;

/** A plotted row: the spec's point plus which series it belongs to. Nothing is computed. */
export interface Row {
  series: string;
  /** Series index: fixes colour and stacking order to the spec's order. */
  s: number;
  /** Point index within its series: keeps the command's category order. */
  k: number;
  x: string | number;
  y: number;
}

export interface Frame {
  spec: ChartInput;
  lang: Lang;
  colours: Colours;
  rows: Row[];
  xTitle: string;
  yTitle: string;
  /** d3-format for y values. */
  yFmt: string;
  /** Category order (x values in the order the command gave them). */
  categories: (string | number)[];
}

const seriesNames = (f: Frame) => f.spec.series.map((s) => s.name);

function colour(f: Frame, legend: boolean, symbolType = 'square'): Layer {
  return {
    field: 'series',
    type: 'nominal',
    sort: seriesNames(f),
    scale: { domain: seriesNames(f), range: f.colours.series.slice(0, Math.max(1, f.spec.series.length)) },
    legend: legend ? { orient: 'top', title: null, direction: 'horizontal', symbolType } : null,
  };
}

const multi = (f: Frame) => f.spec.series.length > 1;

/** Cumulative weight by rank, the equal-weight diagonal, and any marked points (effective N). */
export function concentrationCurve(f: Frame): Layer[] {
  const xs = f.rows.map((r) => Number(r.x));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const equal = EQUAL_WEIGHT[f.lang];
  // The diagonal is where every holding weighs the same: from nothing at the first rank to the
  // whole fund at the last. It is a reference drawn from the x range, not a figure.
  const diagonal = [
    { series: equal, x: x0, y: 0 },
    { series: equal, x: x1, y: 1 },
  ];
  const domain = [...seriesNames(f), equal];
  const range = [...f.colours.series.slice(0, f.spec.series.length), f.colours.reference];
  const x = { field: 'x', type: 'quantitative', title: f.xTitle, scale: { domain: [x0, x1], nice: false }, axis: { format: ',d', tickCount: 10 } };
  const y = { field: 'y', type: 'quantitative', title: f.yTitle, scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  // Solid fund curve(s), dashed diagonal: told apart by dash as well as colour; the legend shows both.
  const legend = { orient: 'bottom-right', title: null, fillColor: f.colours.background, padding: 6, symbolType: 'stroke' };
  const color = { field: 'series', type: 'nominal', scale: { domain, range }, legend };
  const strokeDash = { field: 'series', type: 'nominal', scale: { domain, range: domain.map((d) => (d === equal ? [6, 4] : [1, 0])) }, legend };
  const layers: Layer[] = [
    { data: { values: diagonal }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color, strokeDash } },
    { data: { values: f.rows }, mark: { type: 'line', strokeWidth: 2.5, interpolate: 'monotone' }, encoding: { x, y, color, strokeDash } },
  ];
  // Shade under a lone curve: the area between it and the diagonal is the concentration.
  if (f.spec.series.length === 1) {
    layers.unshift({ data: { values: f.rows }, mark: { type: 'area', opacity: 0.16, interpolate: 'monotone', color: f.colours.series[0] }, encoding: { x, y } });
  }
  return [...layers, ...markLayers(f, x, y)];
}

/** Called-out points: a dot and label where y is given, else a vertical rule with its label. */
function markLayers(f: Frame, x: Layer, y: Layer): Layer[] {
  const marks = f.spec.marks ?? [];
  if (marks.length === 0) return [];
  const values = marks.map((m) => ({ x: m.x, y: m.y ?? null, label: m.label }));
  const withY = values.filter((v) => v.y !== null);
  const rules = values.filter((v) => v.y === null);
  const out: Layer[] = [];
  if (withY.length > 0) {
    out.push({ data: { values: withY }, mark: { type: 'point', filled: true, size: 70, color: f.colours.text }, encoding: { x, y } });
    out.push({ data: { values: withY }, mark: { type: 'text', align: 'left', dx: 8, dy: 12, fontSize: 12, color: f.colours.text }, encoding: { x, y, text: { field: 'label' } } });
  }
  if (rules.length > 0) {
    out.push({ data: { values: rules }, mark: { type: 'rule', strokeDash: [2, 3], color: f.colours.text }, encoding: { x } });
    out.push({ data: { values: rules }, mark: { type: 'text', align: 'left', dx: 4, y: 8, fontSize: 12, color: f.colours.text }, encoding: { x, text: { field: 'label' } } });
  }
  return out;
}

/**
 * Horizontal bars, one row per category: long sector names and Japanese read without rotation.
 * One series (stress): losses in vermillion, value labels at the bar ends. Several (sectors cap vs
 * equal): grouped bars with a legend.
 */
export function horizontalBars(f: Frame): Layer[] {
  const y = { field: 'x', type: 'nominal', sort: f.categories, title: f.xTitle || null, axis: { labelLimit: 220 } };
  const x = { field: 'y', type: 'quantitative', title: f.yTitle, axis: { format: f.yFmt, tickCount: 8 } };
  if (multi(f)) {
    return [{ data: { values: f.rows }, mark: { type: 'bar' }, encoding: { y, x, yOffset: { field: 'series', sort: seriesNames(f) }, color: colour(f, true) } }];
  }
  const fill = { condition: { test: 'datum.y < 0', value: f.colours.negative }, value: f.colours.series[0] };
  const label = (test: string, align: 'left' | 'right', dx: number): Layer => ({
    data: { values: f.rows },
    transform: [{ filter: test }],
    mark: { type: 'text', align, dx, fontSize: 11, color: f.colours.muted },
    encoding: { y, x, text: { field: 'y', type: 'quantitative', format: '.2~%' } },
  });
  // Room beyond the longest bar for its value label, so it never runs into the name axis.
  const padded = { ...x, scale: { padding: 48 } };
  return [
    { data: { values: f.rows }, mark: { type: 'bar' }, encoding: { y, x: padded, color: fill } },
    label('datum.y >= 0', 'left', 4),
    label('datum.y < 0', 'right', -4),
  ];
}

/** Vertical bars per name: grouped side by side (overlap) or stacked by source fund (portfolio). */
export function verticalBars(f: Frame, how: 'grouped' | 'stacked'): Layer[] {
  const x = { field: 'x', type: 'nominal', sort: f.categories, title: f.xTitle || null, axis: { labelAngle: 0, labelLimit: 90 } };
  const y = { field: 'y', type: 'quantitative', title: f.yTitle, axis: { format: f.yFmt }, ...(how === 'stacked' ? { stack: 'zero' } : {}) };
  const encoding: Layer = { x, y, color: colour(f, multi(f)) };
  if (how === 'grouped' && multi(f)) encoding['xOffset'] = { field: 'series', sort: seriesNames(f) };
  // Stack in the spec's fund order, first fund at the bottom, so colours line up with the legend.
  if (how === 'stacked') encoding['order'] = { field: 's', type: 'quantitative', sort: 'ascending' };
  const layers: Layer[] = [{ data: { values: f.rows }, mark: { type: 'bar' }, encoding }];
  if (f.spec.line) layers.push(...overlayLine(f, x));
  return layers;
}

/** The cumulative line over the top-N bars, on a right-hand axis of its own. */
function overlayLine(f: Frame, x: Layer): Layer[] {
  const line = f.spec.line!;
  const values = line.points.map((p: ChartPoint, k) => ({ series: line.name, k, x: p.x, y: p.y }));
  const y = { field: 'y', type: 'quantitative', title: line.name, axis: { format: '.0%', orient: 'right', grid: false } };
  return [
    { data: { values }, mark: { type: 'line', color: f.colours.text, strokeWidth: 2, point: { filled: true, size: 30, color: f.colours.text } }, encoding: { x, y } },
  ];
}

/** One line per series; dashes as well as colours tell the series apart. */
export function lines(f: Frame, xType: 'quantitative' | 'temporal' | 'ordinal'): Layer[] {
  const x = { field: 'x', type: xType, title: f.xTitle, ...(xType === 'ordinal' ? { sort: f.categories, axis: { labelAngle: 0 } } : xType === 'quantitative' ? { axis: { format: ',d', tickMinStep: 1 } } : { axis: { format: '%Y-%m', labelAngle: 0 } }) };
  // Dates as 2026-03, not month names: vega's time locale is English, and this reads in both languages.
  const y = { field: 'y', type: 'quantitative', title: f.yTitle, scale: { zero: false }, axis: { format: f.yFmt } };
  const dash = { field: 'series', type: 'nominal', sort: seriesNames(f), scale: { domain: seriesNames(f), range: seriesNames(f).map((_, i) => (i === 0 ? [1, 0] : [6, 4])) } };
  const few = f.rows.length / Math.max(1, f.spec.series.length) <= 40;
  return [
    {
      data: { values: f.rows },
      mark: { type: 'line', strokeWidth: 2.5, ...(few ? { point: { filled: true, size: 28 } } : {}) },
      encoding: { x, y, color: colour(f, true, 'stroke'), strokeDash: dash },
    },
  ];
}
