/**
 * Run by bench/fetch.ts in a fresh process, so earlier runs' heap does not hide what a parse needs:
 * parses the N-PORT file argv[2] streaming, sampling RSS at every chunk, and prints
 * "<rss before> <peak rss> <holdings>" in bytes.
 */
import { createReadStream } from 'node:fs';
import { parseNport } from '../holdings/parsers/nport-xml.ts';

const file = process.argv[2]!;
const before = process.memoryUsage().rss;
let peak = before;
async function* sampled(): AsyncIterable<Uint8Array> {
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    peak = Math.max(peak, process.memoryUsage().rss);
    yield chunk as Uint8Array;
  }
}
const filing = await parseNport(sampled(), { fund: 'BIG', file: 'big.xml' });
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(`${before} ${peak} ${filing.holdings.positions.length}\n`);
