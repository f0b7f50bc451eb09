import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { MAX_UNZIPPED_BYTES, readDoc } from '../../holdings/doc.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';

interface Part {
  name: string;
  /** Deflated bytes as they go in the zip. */
  data: Buffer;
  /** What the central directory claims; a bomb lies here. */
  declared: number;
  crc: number;
}

/** A zip written by hand (local headers, central directory, end record), sizes as the caller declares them. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(p.crc, 16);
    entry.writeUInt32LE(p.data.length, 20);
    entry.writeUInt32LE(p.declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(entry, name);
    offset += 30 + name.length + p.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The parts of a real zip (here: one exceljs wrote), inflated, in order. */
function unzip(bytes: Buffer): { name: string; content: Buffer }[] {
  const out: { name: string; content: Buffer }[] = [];
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < bytes.readUInt16LE(end + 10); i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    out.push({ name, content: method === 8 ? inflateRawSync(data) : Buffer.from(data) });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return out;
}

const honest = (name: string, content: Buffer): Part => ({ name, data: deflateRawSync(content), declared: content.length, crc: crc32(content) });

/** A small real workbook (exceljs writes it), as parts. */
async function workbookParts(): Promise<{ name: string; content: Buffer }[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Holdings');
  ws.addRow(['Ticker', 'Name', 'Weight']);
  ws.addRow(['AAPL', 'Apple Inc.', 7.1]);
  return unzip(Buffer.from(await wb.xlsx.writeBuffer()));
}

/**
 * A deflate stream of `blocks` × 4 MB of '<' characters from ~4 KB of input: one full-flushed block repeated
 * (a full flush ends byte-aligned and resets the window, so copies chain), then an empty final block.
 */
function bombStream(blocks: number): { data: Buffer; produces: number } {
  const chunk = Buffer.alloc(4 * 1024 * 1024, 0x3c);
  const block = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH });
  const last = Buffer.from([0x03, 0x00]);
  return { data: Buffer.concat([...Array.from({ length: blocks }, () => block), last]), produces: blocks * chunk.length };
}

describe('xlsx decompression is bounded by the bytes really produced', () => {
  test('the hand-made zip writer is sound: a real workbook repacked by it reads back the same rows', async () => {
    const parts = (await workbookParts()).map((p) => honest(p.name, p.content));
    const doc = await readDoc('repacked.xlsx', zip(parts));
    expect(doc.kind).toBe('sheet');
    if (doc.kind === 'sheet') expect(doc.rows.slice(0, 2)).toEqual([['Ticker', 'Name', 'Weight'], ['AAPL', 'Apple Inc.', 7.1]]);
  });

  test('an xlsx bomb (a sheet part that inflates to 1 GB, declared as 2 KB) is refused with a readable message and little memory', async () => {
    const bomb = bombStream(256);
    // Generated here: about a megabyte that really inflates to 1 GiB.
    expect(bomb.data.length).toBeLessThan(2 * 1024 * 1024);
    // Each of the 256 copies really is 4 MiB of output (checked on the first; the copies are identical bytes).
    const block = (bomb.data.length - 2) / 256;
    expect(inflateRawSync(bomb.data.subarray(0, block), { finishFlush: constants.Z_SYNC_FLUSH }).length).toBe(4 * 1024 * 1024);
    const parts = (await workbookParts()).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { name: p.name, data: bomb.data, declared: 2048, crc: 0 } : honest(p.name, p.content)));
    const bytes = zip(parts);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const error = await readDoc('bomb.xlsx', bytes).then(
      () => null,
      (e: unknown) => e,
    );
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(error).toBeInstanceOf(HoldingsFileError);
    const message = (error as Error).message;
    const mb = MAX_UNZIPPED_BYTES / 1024 / 1024;
    expect(message).toBe(`bomb.xlsx: expected an xlsx under ${mb} MB once unzipped (unzipping stopped at part xl/worksheets/sheet1.xml); found "more than ${mb} MB"`);
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  });

  test('a part whose real size differs from its declared size is refused in plain words (not "Bug : uncompressed data size mismatch")', async () => {
    const parts = (await workbookParts()).map((p) => {
      const part = honest(p.name, p.content);
      return p.name === 'xl/worksheets/sheet1.xml' ? { ...part, declared: part.declared + 100 } : part;
    });
    const error = (await readDoc('liar.xlsx', zip(parts)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(HoldingsFileError);
    const real = (await workbookParts()).find((p) => p.name === 'xl/worksheets/sheet1.xml')!.content.length;
    expect(error.message).toBe(`liar.xlsx: expected part xl/worksheets/sheet1.xml to unzip to the ${real + 100} bytes it declares; found "${real} bytes"`);
    expect(error.message).not.toMatch(/Bug|mismatch/);
  });

  test('sheet XML with an undefined entity is refused with the line and column, not "2:1395: undefined entity."', async () => {
    const parts = (await workbookParts()).map((p) =>
      p.name === 'xl/worksheets/sheet1.xml' ? honest(p.name, Buffer.from(p.content.toString('utf8').replace('<sheetData>', '<sheetData>&nbsp;'))) : honest(p.name, p.content),
    );
    const error = (await readDoc('entity.xlsx', zip(parts)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(HoldingsFileError);
    expect(error.message).toMatch(/^entity\.xlsx: expected a readable xlsx workbook \(save it again from Excel as \.xlsx\); found "malformed XML at line \d+, column \d+"$/);
    expect(error.message).not.toContain('undefined entity');
  });

  test('a truncated xlsx is refused as such', async () => {
    const parts = (await workbookParts()).map((p) => honest(p.name, p.content));
    const whole = zip(parts);
    const error = (await readDoc('cut.xlsx', whole.subarray(0, whole.length - 30)).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/cut\.xlsx: expected .*found "a truncated or damaged zip"/);
  });
});
