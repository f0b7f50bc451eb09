import * as vega from 'vega';
import * as vl from 'vega-lite';

/**
 * vega-lite → vega compiled and parsed once per chart *shape*, not once per render: compile and
 * parse were 40% of a chart's CPU (~35 ms of a 28-period /history). A shape is the vega-lite spec
 * with what varies from chart to chart taken out: every `data.values` becomes a named dataset, and
 * every text (titles, subtitles, axis titles), `sort` list and `domain` list entry becomes a token.
 * Two charts of the same kind, theme and counts (rows, series, title lines) share a shape, whatever
 * their language. The shape's parsed dataflow (vega's runtime spec, plain JSON) gets the chart's
 * own values back: a token that is a whole string becomes the value, one quoted inside generated
 * code (vega-lite writes custom sort orders, vega title texts as code) becomes the value's JSON, one
 * inside a longer literal (an axis title in a mark's aria description) the value's text, unless that
 * text would need escaping; then, and for a chart whose own text holds the token marks, the chart is
 * compiled and parsed afresh, as without the cache. The rows go in through `view.data`.
 */
export function chartView(spec: vl.TopLevelSpec, options: { logLevel: number }): vega.View {
  const holed = holes(spec);
  const runtime = holed.safe ? fill(shapeRuntime(holed.shape), holed) : UNFILLABLE;
  if (runtime === UNFILLABLE) return new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none', ...options });
  const view = new vega.View(runtime as vega.Runtime, { renderer: 'none', ...options });
  for (const [name, rows] of holed.datasets) view.data(name, rows as object[]);
  return view;
}

function shapeRuntime(shape: unknown): unknown {
  const key = JSON.stringify(shape);
  let runtime = shapes.get(key);
  if (runtime) shapes.delete(key);
  else runtime = vega.parse(vl.compile(shape as vl.TopLevelSpec).spec);
  shapes.set(key, runtime);
  if (shapes.size > SHAPES) shapes.delete(shapes.keys().next().value!);
  return runtime;
}

/**
 * Parsed shapes kept, least recently used dropped first: ~230 KB of heap each, so at most ~7 MB in a
 * process whose memory is budgeted (the Discord chart process, < 400 MB).
 */
export const SHAPES = 32;
const shapes = new Map<string, unknown>();

/** Shapes held now (tests check a second chart of a shape compiles nothing new). */
export function shapeCount(): number {
  return shapes.size;
}

const TOKEN = (i: number) => `\u2983${i}\u2984`;
const TOKEN_RE = /\u2983(\d+)\u2984/g;
const QUOTED_RE = /"\u2983(\d+)\u2984"/g;
const UNFILLABLE = Symbol('unfillable');

interface Holed {
  shape: unknown;
  /** No text of the chart's own holds the token marks (else it is compiled as it is). */
  safe: boolean;
  values: unknown[];
  datasets: Map<string, unknown[]>;
}

/** Keys whose strings are the chart's words: each becomes a token. */
const TEXT_KEYS = new Set(['text', 'subtitle', 'title']);
/** Keys whose lists are the chart's categories or bounds: each entry becomes a token. */
const LIST_KEYS = new Set(['sort', 'domain']);

function holes(spec: unknown): Holed {
  const values: unknown[] = [];
  const names = new Map<unknown[], string>();
  const datasets = new Map<string, unknown[]>();
  // Equal values share a token: vega-lite merges equal domains of layers that share a scale, and
  // would warn of a conflict (and write a union) for two tokens standing for one domain.
  const tokens = new Map<unknown, string>();
  const token = (v: unknown) => {
    let t = tokens.get(v);
    if (t === undefined) tokens.set(v, (t = TOKEN(values.push(v) - 1)));
    return t;
  };
  let safe = true;
  const walk = (node: unknown, key: string): unknown => {
    if (typeof node === 'string' && node.includes('\u2983')) safe = false;
    if (Array.isArray(node)) {
      if (LIST_KEYS.has(key)) return node.map((v) => (typeof v === 'string' || typeof v === 'number' ? token(walk(v, '')) : walk(v, '')));
      if (TEXT_KEYS.has(key) && node.every((v) => typeof v === 'string')) return node.map((v) => token(walk(v, '')));
      return node.map((v) => walk(v, ''));
    }
    if (typeof node === 'string' && TEXT_KEYS.has(key)) return token(node);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && v && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values)) {
        const rows = (v as { values: unknown[] }).values;
        let name = names.get(rows);
        if (!name) names.set(rows, (name = `rows${names.size}`));
        datasets.set(name, rows);
        out[k] = { name };
      } else out[k] = walk(v, k);
    }
    return out;
  };
  const shape = walk(spec, '');
  return { shape, values, datasets, safe };
}

/** The parsed shape with the chart's values put back (a new object; the shape is untouched). */
function fill(runtime: unknown, holed: Holed): unknown {
  let ok = true;
  const put = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('\u2983')) return node;
      const whole = /^\u2983(\d+)\u2984$/.exec(node);
      if (whole) return holed.values[Number(whole[1])];
      return node.replace(QUOTED_RE, (_, i: string) => JSON.stringify(holed.values[Number(i)])).replace(TOKEN_RE, (_, i: string) => {
        const text = String(holed.values[Number(i)]);
        if (JSON.stringify(text) !== `"${text}"`) ok = false;
        return text;
      });
    }
    if (Array.isArray(node)) return node.map(put);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = put(v);
    return out;
  };
  const filled = put(runtime);
  return ok ? filled : UNFILLABLE;
}
