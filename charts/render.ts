import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { fontOptions } from './fonts.ts';
import { installTextWidth } from './text-width.ts';
import type { ChartInput, ChartOptions } from './types.ts';
import { chartToVegaLite } from './vega-lite.ts';

export const DEFAULT_WIDTH = 900;

/** The chart as an SVG string: vega-lite compiled to vega, run headless (no renderer, no DOM). */
export async function renderSvg(spec: ChartInput, options: ChartOptions): Promise<string> {
  installTextWidth();
  const compiled = vl.compile(chartToVegaLite(spec, options)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Raster {
  png: Buffer;
  /** The SVG the PNG was drawn from (tests locate marks in it). */
  svg: string;
  width: number;
  height: number;
}

/** SVG → PNG with resvg, scaled to `options.width` (900 px by default) for chat embeds. */
export async function renderRaster(spec: ChartInput, options: ChartOptions): Promise<Raster> {
  const svg = await renderSvg(spec, options);
  const image = new Resvg(svg, { font: fontOptions(svgText(svg)), fitTo: { mode: 'width', value: options.width ?? DEFAULT_WIDTH }, shapeRendering: 2, textRendering: 1 }).render();
  return { png: image.asPng(), svg, width: image.width, height: image.height };
}

/** Every character the SVG draws as text (vega writes labels as <text> elements, entity-escaped). */
export function svgText(svg: string): string {
  let text = '';
  for (const m of svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) text += m[1]!.replace(/&(amp|lt|gt|quot|#39|apos);/g, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" })[e] ?? e);
  return text.replace(/&#(x?[0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(n.startsWith('x') || n.startsWith('X') ? parseInt(n.slice(1), 16) : Number(n)));
}

export async function renderPng(spec: ChartInput, options: ChartOptions): Promise<Buffer> {
  return (await renderRaster(spec, options)).png;
}
