/**
 * The chart cache both chat surfaces draw through (Discord attaches the PNG, Slack uploads it).
 * Here, beside the adapters, so that neither imports the other.
 */
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import type { View } from '../commands/view.ts';

/** View → PNG, or null when the View has no chart. */
export type ChartRenderer = (view: View) => Promise<Buffer | null>;

/** A ChartRenderer that can say what its cache holds. */
export interface CachedChartRenderer extends ChartRenderer {
  /** PNGs held and their bytes together (charts still drawing count as entries of 0 bytes). */
  stats(): { entries: number; bytes: number };
}

type Theme = 'light' | 'dark';

export interface ChartCacheOptions {
  /** Discord clients default to the dark theme, so charts are drawn for it. */
  theme?: Theme;
  /** PNGs kept (about 50–60 KB each). */
  capacity?: number;
  /** Bytes of PNG kept, all together: a few unusually large charts cannot hold more than this. */
  maxBytes?: number;
  /** Draws one chart; by default the charts module, imported on the first chart. */
  draw?: (view: View, theme: Theme) => Promise<Buffer | null>;
}

export const DEFAULT_CAPACITY = 64;
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

const drawWithCharts = (view: View, theme: Theme) => import('../charts/index.ts').then(({ renderViewPng }) => renderViewPng(view, theme));

let favouringMemory = false;
/**
 * A process that draws charts caps how far V8 lets its heap outgrow the live data. Each request
 * leaves MB of garbage (the command's tables, vega's dataflow and scenegraph, the SVG string), and
 * on a machine with gigabytes of memory V8 lets the old generation grow to up to four times what
 * survived the last full collection before the next: in the chart benchmark the heap swung
 * between 75 MB live and 235 MB used, RSS to 450 MB. A factor of 2 kept it under 140 MB used and
 * RSS under 385 MB over 10,000 requests. Not --optimize-for-size: as low (RSS ≈ 230 MB), but its
 * 1.3 factor brings a full collection of the whole live heap every few requests, and it took about
 * 1.5× the CPU per request in a side-by-side run. Set at run time because the bots start through
 * bin/run.js and the benches and tests in their own ways, and this is the one place every
 * chart-serving process passes; V8 reads the flag each time it sets the next limit.
 */
function favourMemory(): void {
  if (favouringMemory) return;
  v8.setFlagsFromString('--heap-growing-percent=100');
  favouringMemory = true;
}

/**
 * The charts module's renderer behind a small LRU keyed by what the picture depends on (chart
 * spec, sources, language, theme), bounded both by count and by bytes. Drawing takes 150–250 ms
 * of CPU, whereas the same `/hhi VT` is asked over and over until the next holdings file: repeats
 * then cost a hash. Concurrent asks for the same chart share one render. The charts module (vega,
 * resvg, a font) is imported on the first chart only, so start-up and chart-less commands never load it.
 */
export function cachedChartRenderer(options: ChartCacheOptions = {}): CachedChartRenderer {
  favourMemory();
  const theme = options.theme ?? 'dark';
  const capacity = Math.max(1, options.capacity ?? DEFAULT_CAPACITY);
  const maxBytes = Math.max(0, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const draw = options.draw ?? drawWithCharts;
  /** Map iteration order is insertion order, so the first key is the least recently used. */
  const cache = new Map<string, { png: Promise<Buffer | null>; bytes: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    bytes -= cache.get(key)?.bytes ?? 0;
    cache.delete(key);
  };
  const render = (view: View): Promise<Buffer | null> => {
    if (!view.chart) return Promise.resolve(null);
    const key = createHash('sha1').update(JSON.stringify([view.lang, theme, view.chart, view.sources])).digest('base64');
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit.png;
    }
    const entry = { png: draw(view, theme), bytes: 0 };
    cache.set(key, entry);
    while (cache.size > capacity) drop(cache.keys().next().value!);
    entry.png.then(
      (png) => {
        // Counted once drawn, if still kept; then the oldest go until the bytes fit (this one too, if it alone is too big).
        if (cache.get(key) !== entry || !png) return;
        entry.bytes = png.length;
        bytes += png.length;
        for (const oldest of cache.keys()) {
          if (bytes <= maxBytes) break;
          drop(oldest);
        }
      },
      // A failed render is not remembered: the next ask tries again.
      () => {
        if (cache.get(key) === entry) drop(key);
      },
    );
    return entry.png;
  };
  return Object.assign(render, { stats: () => ({ entries: cache.size, bytes }) });
}
