import * as vega from 'vega';
import * as vl from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { chartToVegaLite, renderRaster, THEMES, type ChartInput, type ChartOptions } from '../../charts/index.ts';
import { chartView, shapeCount, SHAPES } from '../../charts/compile-cache.ts';
import { installTextWidth } from '../../charts/text-width.ts';
import { decodePng } from './pixels.ts';
import { bars, texts } from './svg.ts';

const EN: ChartOptions = { lang: 'en', theme: 'light', source: 'Source: test' };
const JA: ChartOptions = { lang: 'ja', theme: 'light', source: '出典：テスト' };

const barsChart = (title: string, names: string[], ys: number[]): ChartInput => ({ kind: 'bars', title, series: [{ name: 'S', points: names.map((x, i) => ({ x, y: ys[i]! })) }] });

/** The SVG a vega View draws (headless). */
async function svgOf(view: vega.View): Promise<string> {
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
/** Through the shape cache, and compiled and parsed afresh as without it: the two must draw the same. */
function cached(spec: ChartInput, options: ChartOptions): Promise<string> {
  installTextWidth();
  return svgOf(chartView(chartToVegaLite(spec, options), { logLevel: vega.Error }));
}
function fresh(spec: ChartInput, options: ChartOptions): Promise<string> {
  installTextWidth();
  return svgOf(new vega.View(vega.parse(vl.compile(chartToVegaLite(spec, options)).spec), { renderer: 'none', logLevel: vega.Error }));
}

/** Bar widths in SVG units, read from the path each bar is drawn with (`M x,y h w v h h -w Z`). */
const widths = (svg: string) => bars(svg).map((b) => Number(/d="M[-\d.]+,[-\d.]+h([-\d.]+)/.exec(b)?.[1]));

describe('vega-lite compiled and parsed once per chart shape', () => {
  it('draws two different data sets through one compiled shape, each as vega-lite compiled alone would', async () => {
    const a = barsChart('A: first', ['Apple', 'NVIDIA', 'Microsoft'], [0.07, 0.065, 0.06]);
    const b = barsChart('B: second', ['Toyota', 'Sony', 'Kioxia'], [0.02, -0.05, 0.01]);
    const svgA = await cached(a, EN);
    const held = shapeCount();
    const svgB = await cached(b, EN);
    // Same kind, counts and theme: the second chart compiled nothing new.
    expect(shapeCount()).toBe(held);
    expect(svgB).toBe(await fresh(b, EN));
    expect(svgA).toBe(await fresh(a, EN));
    // Its own names, title and bars, not the first chart's: a loss is drawn leftwards, in vermillion.
    expect(texts(svgB)).toEqual(expect.arrayContaining(['B: second', 'Toyota', 'Sony', 'Kioxia', '−5.0%']));
    expect(texts(svgB)).not.toContain('Apple');
    expect(widths(svgB)).not.toEqual(widths(svgA));
    expect(bars(svgB).map((b) => b.includes(`fill="${THEMES.light.negative}"`))).toEqual([false, true, false]);
    expect(bars(svgA).some((b) => b.includes(`fill="${THEMES.light.negative}"`))).toBe(false);
    // The value axis is each chart's own (sized from its values): B's runs below zero, A's does not.
    expect(texts(svgB).some((t) => /^[-−]\d/.test(t))).toBe(true);
    expect(texts(svgA).some((t) => /^[-−]\d/.test(t))).toBe(false);
  });

  it('keeps each language: a Japanese chart through an English chart’s shape has its Japanese words, drawn', async () => {
    const en = barsChart('QQQ: top 10 = 52.1%', ['Apple', 'NVIDIA'], [0.09, 0.08]);
    const ja = barsChart('QQQ：上位10銘柄 52.1%', ['アップル', 'エヌビディア'], [0.09, 0.08]);
    await cached(en, EN);
    const held = shapeCount();
    const svg = await cached(ja, JA);
    expect(shapeCount()).toBe(held);
    expect(svg).toBe(await fresh(ja, JA));
    expect(texts(svg)).toEqual(expect.arrayContaining(['QQQ：上位10銘柄 52.1%', 'アップル', 'エヌビディア', '出典：テスト']));
    // The axis title vega-lite also writes into each bar's description is the Japanese one.
    expect(svg).toContain('aria-label="ファンドに占める比率: 9%; x: アップル"');
    // And the PNG has the glyphs: the same chart with other Japanese names draws other pixels.
    const one = decodePng((await renderRaster(ja, JA)).png);
    const other = decodePng((await renderRaster(barsChart('QQQ：上位10銘柄 52.1%', ['ソニー株', 'トヨタ自動車'], [0.09, 0.08]), JA)).png);
    expect([one.width, one.height]).toEqual([other.width, other.height]);
    expect(one.rgba.equals(other.rgba)).toBe(false);
  });

  it('puts back titles that need escaping and order lists with quotes, and compiles text holding its marks as it is', async () => {
    const quoted = barsChart('He said "top 10" \\ 9%', ['A "B" Corp', 'C\\D'], [0.1, 0.2]);
    const quotedAxes = { ...quoted, axes: { y: 'a "quoted" axis' } };
    expect(await cached(quotedAxes, EN)).toBe(await fresh(quotedAxes, EN));
    const marked = barsChart('\u29831\u2984 title', ['\u29830\u2984', 'x'], [0.1, 0.2]);
    const held = shapeCount();
    expect(await cached(marked, EN)).toBe(await fresh(marked, EN));
    expect(shapeCount()).toBe(held);
  });

  it('holds at most SHAPES compiled shapes', async () => {
    for (let n = 1; n <= SHAPES + 3; n++) {
      const names = Array.from({ length: n }, (_, i) => `N${i}`);
      chartView(chartToVegaLite(barsChart('T', names, names.map((_, i) => i / 100)), EN), { logLevel: vega.Error }).finalize();
    }
    expect(shapeCount()).toBe(SHAPES);
  });
});
