import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseNport } from '../../holdings/parsers/nport-xml.ts';
import { download, DownloadError, downloadStream } from '../../store/download.ts';

/**
 * Issue 22 item 4: gzip-encoded answers count against the size caps as they inflate (fetch
 * decodes Content-Encoding; the caps count decoded bytes), and a small compressed filing of
 * mostly blank text is read in linear time, not to the timeout.
 */
const MB = 1024 * 1024;
let server: Server;
let base = '';
// 16 gzip members of 64 MB of spaces each: about 1 MB on the wire, 1 GB inflated.
const member = gzipSync(Buffer.alloc(64 * MB, 32), { level: 9 });
const bomb = Buffer.concat(Array.from({ length: 16 }, () => member));
const filing = gzipSync(
  Buffer.concat([
    Buffer.from('<edgarSubmission><formData><genInfo><repPdDate>2026-03-31</repPdDate></genInfo><invstOrSecs><invstOrSec><name>'),
    Buffer.alloc(64 * MB, 32),
    Buffer.from('</name></invstOrSec></invstOrSecs></formData></edgarSubmission>'),
  ]),
);

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = req.url === '/bomb.xml' ? bomb : filing;
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/xml', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('compressed bodies and the size caps', () => {
  test(`a ${(bomb.length / MB).toFixed(1)} MB gzip answer inflating to 1 GB is refused as too large at the 20 MB cap, quickly and without holding it`, async () => {
    const rss0 = process.memoryUsage().rss;
    for (const get of [
      () => download(`${base}/bomb.xml`, { maxBytes: 20 * MB, tries: 1 }),
      () => downloadStream(`${base}/bomb.xml`, { maxBytes: 20 * MB, tries: 1 }, async (body) => {
        let n = 0;
        for await (const c of body) n += c.byteLength;
        return n;
      }),
    ]) {
      const t0 = Date.now();
      const error = await get().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DownloadError);
      expect((error as DownloadError).reason).toBe('too-large');
      expect((error as DownloadError).message).toMatch(/passed the 20 MB limit while downloading/);
      expect(Date.now() - t0).toBeLessThan(5_000);
    }
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * MB);
  });

  test('a 64 KB gzip N-PORT answer with 64 MB of blank text is read to its end (and refused for what it lacks) in seconds, not to the timeout', async () => {
    const t0 = Date.now();
    const error = await downloadStream(`${base}/filing.xml`, { maxBytes: 256 * MB, tries: 1, timeoutMs: 20_000 }, (body) => parseNport(body, { fund: 'X', file: 'filing.xml' })).catch((e: unknown) => e);
    expect(String(error)).toMatch(/filing\.xml, line 1: expected a number in <valUSD>/);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(filing.length).toBeLessThan(256 * 1024);
  });
});
