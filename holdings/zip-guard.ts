import { createInflateRaw } from 'node:zlib';

/** What one part of a zip really unzips to, or why it cannot be read. */
export type ZipCheck = { ok: true; total: number } | { ok: false; expected: string; found: string };

interface Entry {
  name: string;
  method: number;
  compressed: number;
  declared: number;
  localOffset: number;
}

/** The central directory's entries, or null when the end record or an entry is missing (a truncated file). */
function entries(bytes: Uint8Array): Entry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  for (let eocd = bytes.length - 22; eocd >= floor; eocd--) {
    if (view.getUint32(eocd, true) !== 0x06054b50) continue;
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    const list: Entry[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
      const nameLength = view.getUint16(at + 28, true);
      list.push({
        method: view.getUint16(at + 10, true),
        compressed: view.getUint32(at + 20, true),
        declared: view.getUint32(at + 24, true),
        name: Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, Math.min(nameLength, bytes.length - at - 46)).toString('utf8'),
        localOffset: view.getUint32(at + 42, true),
      });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return list;
  }
  return null;
}

/** Inflates `data`, counting what comes out and discarding it; stops as soon as the count passes `budget`. */
function inflatedSize(data: Uint8Array, budget: number): Promise<number | 'over' | 'damaged'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let settled = false;
    const settle = (value: number | 'over' | 'damaged') => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        settle('over');
        inflate.destroy();
      }
    });
    inflate.on('end', () => settle(size));
    inflate.on('error', () => settle('damaged'));
    inflate.end(data);
  });
}

/**
 * Unzips every part of an xlsx, counting the bytes actually produced and throwing them away, and
 * stops at `maxBytes` in all: a zip that lies about its sizes (a "zip bomb") is caught by what it
 * really inflates to, within a bounded time and memory (64 KiB chunks), before any xlsx reader
 * builds it in memory. A part whose real size differs from its declared one is refused too (the
 * reader would fail on it with its own, unreadable wording).
 */
export async function checkZip(bytes: Uint8Array, maxBytes: number): Promise<ZipCheck> {
  const list = entries(bytes);
  if (list === null) return { ok: false, expected: 'a complete xlsx (zip) file', found: 'a truncated or damaged zip' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const e of list) {
    const at = e.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return { ok: false, expected: `a complete xlsx (zip) file with its part ${e.name}`, found: 'a damaged zip' };
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + e.compressed > bytes.length) return { ok: false, expected: `a complete xlsx (zip) file with all of its part ${e.name}`, found: 'a truncated zip' };
    const data = bytes.subarray(start, start + e.compressed);
    let size: number | 'over' | 'damaged';
    if (e.method === 0) size = data.length > maxBytes - total ? 'over' : data.length;
    else if (e.method === 8) size = await inflatedSize(data, maxBytes - total);
    else return { ok: false, expected: `parts packed as in every xlsx (deflate or stored), part ${e.name} too`, found: `packing method ${e.method}` };
    if (size === 'over') return { ok: false, expected: `an xlsx under ${Math.round(maxBytes / 1024 / 1024)} MB once unzipped (unzipping stopped at part ${e.name})`, found: `more than ${Math.round(maxBytes / 1024 / 1024)} MB` };
    if (size === 'damaged') return { ok: false, expected: `part ${e.name} to unzip`, found: 'damaged data' };
    if (size !== e.declared) return { ok: false, expected: `part ${e.name} to unzip to the ${e.declared} bytes it declares`, found: `${size} bytes` };
    total += size;
  }
  return { ok: true, total };
}
