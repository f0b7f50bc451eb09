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
});
