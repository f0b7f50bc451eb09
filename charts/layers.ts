import type { Colours } from './theme.ts';
import type { ChartInput, ChartSeries, Lang } from './types.ts';

/**
 * One vega-lite layer or view, loosely typed: the exact vega-lite union types cost more than they
 * catch here, and `vl.compile` checks the spec at run time (the tests compile every kind).
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

/**
 * Text sizes in SVG pixels. The SVG is about 600 px wide and Discord shows a chart about 400 px
 * wide on a phone, so 14 px here reads as about 9 px there: the smallest size a chart may use.
 */
export const TEXT = { title: 20, subtitle: 15, label: 14, value: 14, source: 14 } as const;
/** Longest name label before it is cut with an ellipsis (vega measures with text-width.ts). */
export const NAME_LIMIT = 150;
/** Room on the right of line panels for the labels of reference lines ("end-2025 46"). */
const RULE_LABELS = 120;
/** Plot width of a one-panel chart; with a name column and padding the SVG comes out near 600 px. */
export const PLOT_WIDTH = 380;

/** d3-format for a series' axis ticks; no precision, so vega picks one from the tick step (1.5%, not 2%). */
export function formatOf(format: 'percent' | 'number' | undefined, fallback: string): string {
  return format === 'percent' ? '~%' : format === 'number' ? ',~r' : fallback;
}

/**
 * A vega expression printing a value at its bar as the cards do: percent to one decimal, and below
 * 1% to two significant digits so small moves do not read as zero (−9.8%, 2.0%, 0.05%); plain
 * numbers to one decimal (503.0).
 */
function valueText(percent: boolean): string {
  return percent ? "format(datum.y, abs(datum.y) < 0.01 ? '.2~p' : '.1%')" : "format(datum.y, ',.1f')";
}

/**
 * The value axis of a bar chart, from zero, with a third of the span to spare on each side that has
 * bars, so every value label fits inside the plot (a layout bound, not a figure).
 */
function valueDomain(values: readonly number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const room = (hi - lo || 1) * 0.34;
  return [lo < 0 ? lo - room : 0, hi > 0 ? hi + room : 0];
}

const seriesNames = (f: Frame) => f.spec.series.map((s) => s.name);
const multi = (f: Frame) => f.spec.series.length > 1;

function colour(f: Frame, legend: boolean, symbolType = 'square'): Layer {
  return {
    field: 'series',
    type: 'nominal',
    sort: seriesNames(f),
    scale: { domain: seriesNames(f), range: f.colours.series.slice(0, Math.max(1, f.spec.series.length)) },
    legend: legend ? { orient: 'top', title: null, direction: 'horizontal', symbolType } : null,
  };
}

/** The name axis of a horizontal chart: one row per category, in the command's order. */
function nameAxis(f: Frame, labels = true): Layer {
  return { field: 'x', type: 'nominal', sort: f.categories, title: f.xTitle || null, axis: labels ? { labelLimit: NAME_LIMIT, ticks: false } : null };
}

/** Row height: one line of text per bar, so labels and values never touch. */
export function rowStep(seriesCount: number): number {
  return seriesCount > 1 ? seriesCount * 22 + 10 : 30;
}

/**
 * Value labels at the bar ends: right of a gain, left of a loss, inside the room the scale
 * padding leaves beyond the longest bar.
 */
function valueLabels(rows: readonly Row[], colours: Colours, y: Layer, x: Layer, percent: boolean, extra: Layer = {}): Layer[] {
  const label = (test: string, align: 'left' | 'right', dx: number): Layer => ({
    data: { values: rows },
    transform: [{ filter: test }, { calculate: valueText(percent), as: 'label' }],
    mark: { type: 'text', align, dx, fontSize: TEXT.value, color: colours.muted },
    encoding: { y, x, text: { field: 'label' }, ...extra },
  });
  return [label('datum.y >= 0', 'left', 4), label('datum.y < 0', 'right', -4)];
}

/**
 * Horizontal bars, one row per category: long names and Japanese read without rotation. One series
 * (losses in vermillion) or several grouped (a legend on top), each bar with its value; or stacked
 * by series (portfolio look-through), where the row's parts are the point.
 */
export function horizontalBars(f: Frame, how: 'grouped' | 'stacked'): Layer[] {
  const y = nameAxis(f);
  const stacked = how === 'stacked';
  // Room beyond the longest bar for its value label, so it never runs into the name axis.
  const room = stacked ? { stack: 'zero' } : { scale: { domain: valueDomain(f.rows.map((r) => r.y)), nice: false } };
  const x = { field: 'y', type: 'quantitative', title: f.yTitle || null, axis: { format: f.yFmt === '.1~%' ? '~%' : f.yFmt, tickCount: 5 }, ...room };
  const offset = multi(f) && !stacked ? { yOffset: { field: 'series', sort: seriesNames(f) } } : {};
  const fill = multi(f) ? colour(f, true) : { condition: { test: 'datum.y < 0', value: f.colours.negative }, value: f.colours.series[0] };
  // Stack in the spec's fund order, first fund at the left, so colours line up with the legend.
  const order = stacked ? { order: { field: 's', type: 'quantitative', sort: 'ascending' } } : {};
  const bars: Layer = { data: { values: f.rows }, mark: { type: 'bar' }, encoding: { y, x, color: fill, ...offset, ...order } };
  return stacked ? [bars] : [bars, ...valueLabels(f.rows, f.colours, y, x, f.yFmt.endsWith('%'), offset)];
}

/**
 * The head of a fund: one row per holding, largest first, each bar running from the running total
 * before it to the running total after it. Bar length is the holding's weight, the bar's end the
 * running total; both come from the spec (points and `line`), nothing is added up here.
 */
export function runningTotal(f: Frame): Layer[] {
  const totals = f.spec.line?.points ?? [];
  const first = f.spec.series[0]!;
  if (totals.length !== first.points.length) throw new RangeError(`chart "${f.spec.title}": running-total needs one total per point (${first.points.length} points, ${totals.length} totals)`);
  const values = first.points.map((p, k) => ({ x: p.x, y: p.y, k, start: k === 0 ? 0 : totals[k - 1]!.y, end: totals[k]!.y }));
  const y = nameAxis(f);
  // From zero, rounded up: the room past the last bar's end holds its label.
  const x = { field: 'start', type: 'quantitative', title: f.yTitle || null, scale: { zero: true, nice: true }, axis: { format: '~%', tickCount: 5 } };
  return [
    { data: { values }, mark: { type: 'bar', color: f.colours.series[0] }, encoding: { y, x, x2: { field: 'end' } } },
    {
      data: { values },
      transform: [{ calculate: valueText(true), as: 'label' }],
      mark: { type: 'text', align: 'left', dx: 4, fontSize: TEXT.value, color: f.colours.muted },
      encoding: { y, x: { field: 'end', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
}

/**
 * A matrix of fund pairs: each series a row, each point a column, the value as a shaded cell with
 * its figure printed in it. Cells the spec leaves out (a fund against itself) stay blank.
 */
export function heatmap(f: Frame): Layer[] {
  const rowsOrder = seriesNames(f);
  const x = { field: 'x', type: 'nominal', sort: rowsOrder, title: null, axis: { orient: 'top', labelAngle: 0, ticks: false, domain: false, labelLimit: 76 } };
  const y = { field: 'series', type: 'nominal', sort: rowsOrder, title: null, axis: { ticks: false, domain: false, labelLimit: 76 } };
  const { heatLow, heatMid, heatHigh, text, background } = f.colours;
  // Dark text on pale cells, light text on strong ones: the figure stays readable in every cell.
  const ink = { condition: { test: 'datum.y > 0.6', value: f.colours.heatInk }, value: text };
  return [
    {
      data: { values: f.rows },
      mark: { type: 'rect', stroke: background, strokeWidth: 2 },
      encoding: { x, y, color: { field: 'y', type: 'quantitative', scale: { domain: [0, 0.5, 1], range: [heatLow, heatMid, heatHigh], interpolate: 'rgb' }, legend: null } },
    },
    {
      data: { values: f.rows },
      mark: { type: 'text', fontSize: TEXT.value + 1, fontWeight: 'bold' },
      encoding: { x, y, text: { field: 'y', type: 'quantitative', format: '.1%' }, color: ink },
    },
  ];
}

function seriesRows(f: Frame, s: ChartSeries, i: number): Row[] {
  return s.points.map((p, k) => ({ series: s.name, s: i, k, x: p.x, y: p.y }));
}

/** Measures in different units side by side: one panel of bars per series, rows shared, names once. */
export function barPanels(f: Frame, panelWidth: number): Layer[] {
  return f.spec.series.map((s, i) => {
    const rows = seriesRows(f, s, i);
    const percent = s.format ? s.format === 'percent' : f.yFmt.endsWith('%');
    const y = nameAxis(f, i === 0);
    const x = { field: 'y', type: 'quantitative', title: null, scale: { domain: valueDomain(rows.map((r) => r.y)), nice: false }, axis: { format: formatOf(s.format, f.yFmt), tickCount: 3 } };
    return {
      title: { text: s.name, fontSize: TEXT.label, fontWeight: 'bold', anchor: 'start', color: f.colours.text },
      width: panelWidth,
      height: { step: rowStep(1) },
      layer: [{ data: { values: rows }, mark: { type: 'bar', color: f.colours.series[i % f.colours.series.length] }, encoding: { y, x } }, ...valueLabels(rows, f.colours, y, x, percent)],
    };
  });
}

/**
 * One measure per panel, stacked, each on its own y axis: effective N and percent never share an
 * axis. Series with the same `panel` share one (two funds), told apart by colour and by their
 * names at the last point. x is ordinal (one tick per point); the first and last values are
 * printed; `rules` draw dashed reference lines, `notes` a word by a point.
 */
export function linePanels(f: Frame, fullWidth: number, height: number): Layer[] {
  // Reference lines are labelled in a margin on the right, never over the data: the plot gives up that room.
  const width = f.spec.series.some((s) => s.rules?.length) ? fullWidth - RULE_LABELS : fullWidth;
  const crowded = f.categories.length * 84 > width;
  const panels = [...new Set(f.spec.series.map((s, i) => s.panel ?? i))];
  return panels.map((panel, p) => {
    const members = f.spec.series.map((s, i) => ({ s, i })).filter(({ s, i }) => (s.panel ?? i) === panel);
    const first = members[0]!.s;
    const fmt = formatOf(first.format, f.yFmt);
    const percent = first.format ? first.format === 'percent' : f.yFmt.endsWith('%');
    const last = p === panels.length - 1;
    const x = { field: 'x', type: 'ordinal', sort: f.categories, title: last ? f.xTitle || null : null, axis: { labelAngle: crowded ? -90 : 0, labels: last, ticks: last } };
    const rules = members.flatMap(({ s }) => s.rules ?? []);
    const values = [...members.flatMap(({ s, i }) => seriesRows(f, s, i).map((r) => r.y)), ...rules.map((r) => r.y)];
    const y = { field: 'y', type: 'quantitative', title: null, scale: { zero: false, padding: 24, ...(rules.length > 0 ? { domain: [Math.min(...values), Math.max(...values)] } : {}) }, axis: { format: fmt, tickCount: 3 } };
    const layer: Layer[] = [];
    if (rules.length > 0) {
      layer.push(
        { data: { values: rules }, mark: { type: 'rule', strokeDash: [4, 4], strokeWidth: 1.5, color: f.colours.muted }, encoding: { y } },
        { data: { values: rules }, mark: { type: 'text', align: 'left', baseline: 'middle', x: { expr: 'width + 6' }, fontSize: TEXT.value, color: f.colours.muted }, encoding: { y, text: { field: 'label' } } },
      );
    }
    const named = members.length > 1;
    // Sharing a panel, the member whose last value is higher is labelled above its point, the
    // other below, so two names ending close together never print over each other.
    const lastOf = ({ s, i }: (typeof members)[number]) => seriesRows(f, s, i).at(-1)?.y ?? 0;
    const highest = Math.max(...members.map(lastOf));
    for (const [k, member] of members.entries()) {
      const { s, i } = member;
      const rows = seriesRows(f, s, i);
      // Shared panels colour by member, so one fund keeps its colour from panel to panel.
      const tint = f.colours.series[(named ? k : i) % f.colours.series.length];
      const lastRow = s.points.length - 1;
      const above = !named || lastOf(member) === highest;
      // Alone: first and last values; sharing a panel: the last only, with the series' name. The
      // first starts at its point and the last ends at its point, so neither runs into the axis
      // labels on the left or the reference labels on the right.
      const ends = rows.filter((r) => (!named && r.k === 0) || r.k === lastRow);
      layer.push({ data: { values: rows }, mark: { type: 'line', strokeWidth: 2.5, color: tint, point: { filled: true, size: 50, color: tint } }, encoding: { x, y } });
      for (const [side, at] of [['left', (r: { k: number }) => r.k !== lastRow], ['right', (r: { k: number }) => r.k === lastRow]] as const) {
        const values = ends.filter(at).map((r) => ({ ...r, name: named ? `${s.short ?? s.name} ` : '' }));
        if (values.length === 0) continue;
        layer.push({
          data: { values },
          transform: [{ calculate: `datum.name + ${valueText(percent)}`, as: 'label' }],
          mark: { type: 'text', align: side, dx: side === 'left' ? -6 : 6, dy: above ? -14 : 18, fontSize: TEXT.value, color: named ? tint : f.colours.text },
          encoding: { x, y, text: { field: 'label' } },
        });
      }
      // Notes start at their point in the left half of the plot and end at it in the right half;
      // under the line, or above it when another member's line runs below this one.
      const notes = (s.notes ?? []).flatMap((n) => rows.filter((r) => r.x === n.x).map((r) => ({ ...r, text: n.text })));
      for (const side of ['left', 'right'] as const) {
        const values = notes.filter((r) => (side === 'left') === (r.k < s.points.length / 2));
        if (values.length > 0) layer.push({ data: { values }, mark: { type: 'text', align: side, dx: side === 'left' ? -6 : 6, dy: named && above ? -14 : 20, fontSize: TEXT.label, color: f.colours.muted }, encoding: { x, y, text: { field: 'text' } } });
      }
    }
    return { title: { text: members.length > 1 ? members.map(({ s }) => s.name).join(' · ') : first.name, fontSize: TEXT.label, fontWeight: 'bold', anchor: 'start', color: f.colours.text }, width, height, layer };
  });
}

/** Several series on one axis (the stylised loop); dashes as well as colours tell them apart. */
export function lines(f: Frame): Layer[] {
  const x = { field: 'x', type: 'quantitative', title: f.xTitle, axis: { format: ',d', tickMinStep: 1, tickCount: 6 } };
  const y = { field: 'y', type: 'quantitative', title: f.yTitle, scale: { zero: false }, axis: { format: f.yFmt, tickCount: 5 } };
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
