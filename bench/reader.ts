import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readDoc } from '../holdings/doc.ts';
import { vanguardCsv } from '../holdings/parsers/vanguard-csv.ts';
import { readByMeaning } from '../holdings/reader.ts';
import type { Holdings } from '../holdings/types.ts';
import { measure } from './harness.ts';

/** The one table reader may cost at most this much more than today's issuer parser on the largest real file. */
const TARGET_RATIO = 1.2;

/**
 * The one table reader (holdings/reader.ts, reading VT by column meaning: every column confirmed
 * by its values) against today's Vanguard parser on the same bytes, in the same run: p50 of each
 * (read + decode + parse + validate), their ratio, and whether both give the same weights.
 * MISSED when the reader produced no holdings, differs, or is more than 1.2× slower.
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
  let ours: Holdings | null = null;
  let theirs: Holdings | null = null;
  const reader = await measure('reader by column meaning, VT', async () => {
    const doc = await readDoc('vt.csv', bytes);
    ours = readByMeaning(doc, 'VT');
  }, { runs: 30, warmup: 5 });
  const today = await measure("today's vanguard-csv parser, VT", async () => {
    const doc = await readDoc('vt.csv', bytes);
    theirs = vanguardCsv.parse(doc, 'VT');
  }, { runs: 30, warmup: 5 });
  const a = ours as Holdings | null;
  const b = theirs as Holdings | null;
  const count = a?.positions.length ?? 0;
  const same = a !== null && b !== null && a.positions.length === b.positions.length && a.positions.every((p, i) => p.ticker === b.positions[i]!.ticker && p.weight === b.positions[i]!.weight);
  const ratio = reader.p50 / today.p50;
  const met = count > 0 && same && ratio <= TARGET_RATIO;
  console.log(
    `${'one table reader vs vanguard-csv, VT'.padEnd(44)} p50 ${reader.p50.toFixed(1)} ms vs ${today.p50.toFixed(1)} ms = ${ratio.toFixed(2)}× | ${count.toLocaleString('en-US')} holdings, same weights bit for bit: ${same ? 'yes' : 'no'} | target ≤ ${TARGET_RATIO}×: ${met ? 'met' : 'MISSED'}`,
  );
}
