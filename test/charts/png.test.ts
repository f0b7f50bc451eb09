import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { encodeOpaquePng } from '../../charts/png.ts';
import { decodePng } from './pixels.ts';

const svg = (background: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><rect width="300" height="120" fill="${background}"/><circle cx="60" cy="60" r="40" fill="#0072B2"/><path d="M120 100 L280 10" stroke="#E69F00" stroke-width="3"/></svg>`;

describe('PNG encoding of chart pixels', () => {
  it('decodes (by resvg) to exactly the pixels it was given, and to what resvg’s own PNG holds', () => {
    const image = new Resvg(svg('#1f2124')).render();
    return encodeOpaquePng(image.pixels, image.width, image.height).then((png) => {
      expect(png).not.toBeNull();
      const ours = decodePng(png!);
      expect([ours.width, ours.height]).toEqual([300, 120]);
      expect(ours.rgba.equals(image.pixels)).toBe(true);
      expect(ours.rgba.equals(decodePng(image.asPng()).rgba)).toBe(true);
    });
  });

  it('declines an image with a transparent pixel (premultiplied: resvg encodes those), and a wrong size', async () => {
    const image = new Resvg(svg('none')).render();
    expect(await encodeOpaquePng(image.pixels, image.width, image.height)).toBeNull();
    await expect(encodeOpaquePng(new Uint8Array(10), 3, 3)).rejects.toThrow(/10 bytes for 3×3/);
  });

  it('finds one pixel short of opaque wherever it is (the words read four at a time, the tail, an unaligned buffer)', async () => {
    // 3 × 3 = 9 pixels: eight read in the unrolled loop, the ninth in the tail.
    const image = () => Uint8Array.from({ length: 36 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    const opaque = image();
    const png = await encodeOpaquePng(opaque, 3, 3);
    expect(decodePng(png!).rgba.equals(Buffer.from(opaque))).toBe(true);
    for (const pixel of [0, 5, 8]) {
      const rgba = image();
      rgba[pixel * 4 + 3] = 254;
      expect(await encodeOpaquePng(rgba, 3, 3), `pixel ${pixel}`).toBeNull();
      // The same pixels one byte into their buffer: not on a word boundary, read byte by byte.
      const shifted = new Uint8Array(37);
      shifted.set(rgba, 1);
      expect(await encodeOpaquePng(shifted.subarray(1), 3, 3), `pixel ${pixel}, unaligned`).toBeNull();
    }
    const shifted = new Uint8Array(37);
    shifted.set(opaque, 1);
    expect(decodePng((await encodeOpaquePng(shifted.subarray(1), 3, 3))!).rgba.equals(Buffer.from(opaque))).toBe(true);
  });
});
