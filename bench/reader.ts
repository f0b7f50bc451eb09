import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDoc } from '../holdings/doc.ts';
import { vanguardCsv } from '../holdings/parsers/vanguard-csv.ts';
import { readByMeaning } from '../holdings/reader.ts';
import type { Holdings } from '../holdings/types.ts';
import { parseVanguardBaseline } from './baseline-vanguard-csv.ts';

/** The one table reader may cost at most this much more than the issuer parser it replaced (issue 21). */
const TARGET_RATIO = 1.2;
const WARMUP = 5;
const ROUNDS = 40;

/** One way of reading VT's bytes into holdings (decode, CSV parse, read, validate). */
interface Path {
  name: string;
  read(bytes: Buffer): Promise<Holdings>;
  times: number[];
  /** CPU time of the process per read (less swayed than wall time by other load on a shared machine). */
  cpu: number[];
  last: Holdings | null;
}

/**
 * The one table reader (holdings/reader.ts) on the largest real file, VT (~10,000 rows), against
 * the Vanguard parser it replaced (bench/baseline-vanguard-csv.ts, the code of commit 2b60c48) in
 * the same run: each round times the old parser, the reader with the Vanguard profile and the
 * reader by column meaning (every column confirmed by its values), in an order that rotates
 * every round, so that load on a shared machine falls on all three alike. Prints each one's p50
 * (wall time, which the target judges, and CPU time beside it) and its ratio to the old parser's,
 * and whether all three give the same weights bit for bit.
 * MISSED when either reader reads no holdings, gives other weights, or costs more than
 * TARGET_RATIO × the old parser.
 */
export async function benchReader(raw: string): Promise<void> {
  const file = path.join(raw, 'VT', 'Holdings_details_Total_World_Stock_ETF.csv');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    console.log(`one table reader on VT: MISSED (no file at ${file})`);
    return;
  }
  const paths: Path[] = [
    { name: 'old vanguard-csv (own row loop, 2b60c48)', read: async (b) => parseVanguardBaseline(await readDoc('vt.csv', b), 'VT'), times: [], cpu: [], last: null },
    { name: 'reader with the Vanguard profile', read: async (b) => vanguardCsv.parse(await readDoc('vt.csv', b), 'VT'), times: [], cpu: [], last: null },
    { name: 'reader by column meaning', read: async (b) => readByMeaning(await readDoc('vt.csv', b), 'VT'), times: [], cpu: [], last: null },
  ];
  const load = loadavg()[0]!;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (let k = 0; k < paths.length; k++) {
      const p = paths[(round + k) % paths.length]!;
      const cpu = process.cpuUsage();
      const start = performance.now();
      p.last = await p.read(bytes);
      const wall = performance.now() - start;
      const { user, system } = process.cpuUsage(cpu);
      if (round >= WARMUP) {
        p.times.push(wall);
        p.cpu.push((user + system) / 1000);
      }
    }
  }
  const [old, ...readers] = paths as [Path, ...Path[]];
  const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const p50 = (p: Path): number => median(p.times);
  const cpu50 = (p: Path): number => median(p.cpu);
  const same = (a: Holdings | null, b: Holdings | null): boolean =>
    a !== null && b !== null && a.positions.length === b.positions.length && a.positions.every((p, i) => p.ticker === b.positions[i]!.ticker && Object.is(p.weight, b.positions[i]!.weight));
  let met = true;
  for (const p of [old, ...readers]) {
    const ratio = p50(p) / p50(old);
    const count = p.last?.positions.length ?? 0;
    const agrees = p === old || same(p.last, old.last);
    const verdict = p === old ? 'the baseline' : `target ≤ ${TARGET_RATIO}×: ${count > 0 && agrees && ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`;
    if (p !== old) met &&= count > 0 && agrees && ratio <= TARGET_RATIO;
    console.log(`${`VT: ${p.name}`.padEnd(44)} p50 ${p50(p).toFixed(1).padStart(6)} ms  ${ratio.toFixed(2)}× the old parser (CPU ${cpu50(p).toFixed(1)} ms, ${(cpu50(p) / cpu50(old)).toFixed(2)}×) | ${count.toLocaleString('en-US')} holdings, same weights bit for bit: ${agrees ? 'yes' : 'no'} | ${verdict}`);
  }
  console.log(`one table reader vs the old vanguard-csv on VT, ${ROUNDS} interleaved rounds, load average ${load.toFixed(2)}: ${met ? 'met' : 'MISSED'}`);
}
