/**
 * The chart cache both chat surfaces draw through (Discord attaches the PNG, Slack uploads it).
 * Here, beside the adapters, so that neither imports the other.
 */
import { createHash } from 'node:crypto';
import type { View } from '../commands/view.ts';

/** View → PNG, or null when the View has no chart. */
export type ChartRenderer = (view: View) => Promise<Buffer | null>;

export interface ChartCacheOptions {
  /** Discord clients default to the dark theme, so charts are drawn for it. */
  theme?: 'light' | 'dark';
  /** PNGs kept (about 50–60 KB each). */
  capacity?: number;
}

/**
 * The charts module's renderer behind a small LRU keyed by what the picture depends on (chart
 * spec, sources, language, theme). Drawing takes 150–250 ms of CPU and blocks the event loop
 * while resvg rasterises, whereas the same `/hhi VT` is asked over and over until the next
 * holdings file: repeats then cost a hash. Concurrent asks for the same chart share one render.
 * The charts module (vega, resvg, a 5 MB font) is imported on the first chart only, so start-up
 * and chart-less commands never load it.
 */
export function cachedChartRenderer(options: ChartCacheOptions = {}): ChartRenderer {
  const theme = options.theme ?? 'dark';
  const capacity = Math.max(1, options.capacity ?? 64);
  const cache = new Map<string, Promise<Buffer | null>>();
  return (view) => {
    if (!view.chart) return Promise.resolve(null);
    const key = createHash('sha1').update(JSON.stringify([view.lang, theme, view.chart, view.sources])).digest('base64');
    const hit = cache.get(key);
    if (hit) {
      // Refresh its place: Map iteration order is insertion order, so the first key is the oldest.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const drawing = import('../charts/index.ts').then(({ renderViewPng }) => renderViewPng(view, theme));
    cache.set(key, drawing);
    // A failed render is not remembered: the next ask tries again.
    drawing.catch(() => {
      if (cache.get(key) === drawing) cache.delete(key);
    });
    while (cache.size > capacity) cache.delete(cache.keys().next().value!);
    return drawing;
  };
}
