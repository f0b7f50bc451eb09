import * as vega from 'vega';
import { chartView } from './compile-cache.ts';
import { encodeOpaquePng } from './png.ts';
import { limitConcurrency } from './queue.ts';
import { textToPaths } from './text-paths.ts';
import { installTextWidth } from './text-width.ts';
import type { ChartInput, ChartOptions } from './types.ts';
import { chartToVegaLite } from './vega-lite.ts';

export const DEFAULT_WIDTH = 900;

/**
 * The chart as an SVG string: vega-lite compiled to vega and parsed (once per chart shape,
 * compile-cache.ts), run headless (no renderer, no DOM).
 */
export async function renderSvg(spec: ChartInput, options: ChartOptions): Promise<string> {
  installTextWidth();
  const view = chartView(chartToVegaLite(spec, options), { logLevel: vega.Error });
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

/**
 * Charts drawn at once in this process. Two, not libuv's four: vega lays out one chart on the
 * main thread while resvg rasterises the other on the pool, which is all the overlap two cores
 * give, and a burst of asks waits as specs instead of holding four scenegraphs, SVGs and pixel
 * buffers at once.
 */
export const RENDERS_AT_ONCE = 2;
const renders = limitConcurrency(RENDERS_AT_ONCE);

/** Renders running, waiting, and the most that ran at once in this process. */
export function renderStats(): { running: number; waiting: number; peak: number } {
  return renders.stats();
}

/** SVG → PNG with resvg, scaled to `options.width` (900 px by default) for chat embeds. */
export function renderRaster(spec: ChartInput, options: ChartOptions): Promise<Raster> {
  return renders.run(() => drawRaster(spec, options));
}

const NO_FONTS = Object.freeze({ loadSystemFonts: false, fontFiles: [] });

let resvg: Promise<typeof import('@resvg/resvg-js')> | undefined;

/**
 * resvg-js, loaded on the first raster with its allocator told to give freed memory back at once.
 * resvg-js links mimalloc, which by default keeps a freed image's pages (≈4.5 MB for a 900 ×
 * 1,250 px chart, allocated on any of libuv's pool threads) committed for later reuse: ~40 MB more
 * RSS in the chart-process bench (peak 398 against 364 MB). The price is page faults on each fresh
 * image, about 1–2 ms of kernel time per chart drawn; MIMALLOC_PURGE_DELAY=10 (mimalloc's default)
 * in the environment trades it back. mimalloc reads its options when the library loads, so the
 * option is set just before, and only where the operator set none. A no-op for other allocators.
 */
function loadResvg(): Promise<typeof import('@resvg/resvg-js')> {
  if (!resvg) {
    process.env.MIMALLOC_PURGE_DELAY ??= '0';
    resvg = import('@resvg/resvg-js');
  }
  return resvg;
}

async function drawRaster(spec: ChartInput, options: ChartOptions): Promise<Raster> {
  const { renderAsync } = await loadResvg();
  const svg = await renderSvg(spec, options);
  // renderAsync, not `new Resvg(svg).render()`: resvg-js 2.6's synchronous render never frees its
  // image (≈2 MB of pixels at 900 px), so a process drawing charts grew by that much per chart
  // (1.5 GB in the chart benchmark). The async one frees it when V8 collects the image, and it
  // rasterises on libuv's thread pool instead of blocking the event loop.
  // Labels go to resvg as glyph outlines (text-paths.ts), so it loads no font: resvg-js 2.6 takes
  // font files only and re-read them for every label, most of a chart's render time.
  const image = await renderAsync(textToPaths(svg), { font: NO_FONTS, fitTo: { mode: 'width', value: options.width ?? DEFAULT_WIDTH }, shapeRendering: 2 });
  // V8 cannot see that native memory either (thx/resvg-js#216), so nothing would prompt a
  // collection while images pile up. Copying the pixels out puts their size on V8's books as
  // external memory: collections then come as often as images accumulate. The PNG is encoded from
  // that copy (png.ts: half resvg's CPU), or by resvg where a pixel is not opaque.
  const pixels = image.pixels;
  const png = (await encodeOpaquePng(pixels, image.width, image.height)) ?? image.asPng();
  return { png, svg, width: image.width, height: image.height };
}

export async function renderPng(spec: ChartInput, options: ChartOptions): Promise<Buffer> {
  return (await renderRaster(spec, options)).png;
}
