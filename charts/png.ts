import { promisify } from 'node:util';
import zlib from 'node:zlib';

const deflate = promisify(zlib.deflate);

/**
 * An opaque RGBA image as a PNG: scanlines unfiltered, deflated at level 3 on libuv's thread pool.
 * resvg-js's `asPng` (2.6) filters every row adaptively and deflates harder on the main thread:
 * ~18 ms of a 900 px chart's render, against ~6 ms here, for a file of about the same size (charts
 * are mostly flat colour, which deflate's run-lengths take without a filter). `null` when a pixel
 * is not opaque: resvg's pixels are premultiplied, so only opaque ones are the colours to store.
 */
export async function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Promise<Buffer | null> {
  const row = width * 4;
  if (rgba.length !== row * height) throw new RangeError(`encodeOpaquePng: ${rgba.length} bytes for ${width}×${height}`);
  if (!opaque(rgba)) return null;
  const raw = Buffer.alloc((row + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * row, (y + 1) * row), y * (row + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method variants, no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', await deflate(raw, { level: 3 })), chunk('IEND', Buffer.alloc(0))]);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Every pixel's alpha 255: read as 32-bit words where it can (a quarter of the loads, ~1 ms at 900 px). */
function opaque(rgba: Uint8Array): boolean {
  if (LITTLE_ENDIAN && rgba.byteOffset % 4 === 0) {
    // Little-endian: alpha is each word's top byte.
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >>> 2);
    for (let i = 0; i < words.length; i++) if (words[i]! < 0xff000000) return false;
    return true;
  }
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
