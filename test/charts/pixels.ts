import { Resvg } from '@resvg/resvg-js';

export interface Pixels {
  width: number;
  height: number;
  rgba: Buffer;
}

/**
 * Decodes a PNG with resvg itself: an SVG holding only the PNG as an image, drawn at its own
 * size, gives back the PNG's pixels (no extra decoder dependency). Reads the PNG header for size.
 */
export function decodePng(png: Buffer): Pixels {
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  return { width: image.width, height: image.height, rgba: image.pixels };
}

export function pixelAt(p: Pixels, x: number, y: number): string {
  const i = (Math.round(y) * p.width + Math.round(x)) * 4;
  return `#${[p.rgba[i]!, p.rgba[i + 1]!, p.rgba[i + 2]!].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** How many pixels have each colour (#rrggbb, alpha ignored: charts are opaque). */
export function histogram(p: Pixels): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < p.rgba.length; i += 4) {
    const key = `#${((p.rgba[i]! << 16) | (p.rgba[i + 1]! << 8) | p.rgba[i + 2]!).toString(16).padStart(6, '0')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Pixels "drawn" (differing from the background colour) in a rectangle. */
export function inkCount(p: Pixels, background: string): number {
  let n = 0;
  for (const [colour, count] of histogram(p)) if (colour !== background) n += count;
  return n;
}

/** Pixels differing from the background in the columns x0 ≤ x < x1 (all rows). */
export function inkInColumns(p: Pixels, x0: number, x1: number, background: string): number {
  let n = 0;
  for (let y = 0; y < p.height; y++) for (let x = x0; x < x1; x++) if (pixelAt(p, x, y) !== background) n++;
  return n;
}
