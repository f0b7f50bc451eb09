import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { csvRecords, type CsvRecord } from '../holdings/csv.ts';
import { readDoc } from '../holdings/doc.ts';
import { vanguardCsv } from '../holdings/parsers/vanguard-csv.ts';
import { readByMeaning } from '../holdings/reader.ts';
import type { Holdings } from '../holdings/types.ts';
import { measure } from './harness.ts';

/**
 * The frozen baseline: what the Vanguard parser with its own row loop cost on VT, as a multiple of
 * a bare pass over the same bytes (decode, CSV parse, sum of one column), measured on 2026-12-06
 * just before that parser became a profile of the one reader (88.5 ms vs 29.9 ms on a loaded
 * 2-core machine). The old parser is gone, so each run measures the bare pass and scales.
 */
const OLD_PARSER_OVER_BARE = 2.96;
/** The one table reader may cost at most this much more than the old issuer parser did. */
const TARGET_RATIO = 1.2;

/**
 * The one table reader (holdings/reader.ts) on the largest real file, VT (~10,000 rows): read by
 * column meaning (every column confirmed by its values) and with Vanguard's profile, against a
 * bare pass in the same run: p50 of each (read + decode + parse + validate), the reader's cost
 * over the bare pass, compared with the old parser's frozen OLD_PARSER_OVER_BARE, and whether
 * both readings give the same weights. MISSED when the reader produced no holdings, the two
 * differ, or either costs more than TARGET_RATIO × what the old parser did.
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
  const profile = await measure('reader with the Vanguard profile, VT', async () => {
    const doc = await readDoc('vt.csv', bytes);
    theirs = vanguardCsv.parse(doc, 'VT');
  }, { runs: 30, warmup: 5 });
  const bare = await measure('bare pass (decode, CSV parse, sum MARKET VALUE*), VT', async () => {
    const doc = await readDoc('vt.csv', bytes);
    if (doc.kind === 'text') sumColumn(csvRecords('vt.csv', doc.text), 'MARKET VALUE*');
  }, { runs: 30, warmup: 5 });
  const a = ours as Holdings | null;
  const b = theirs as Holdings | null;
  const count = a?.positions.length ?? 0;
  const same = a !== null && b !== null && a.positions.length === b.positions.length && a.positions.every((p, i) => p.ticker === b.positions[i]!.ticker && p.weight === b.positions[i]!.weight);
  const over = (p50: number): number => p50 / bare.p50 / OLD_PARSER_OVER_BARE;
  const met = count > 0 && same && over(reader.p50) <= TARGET_RATIO && over(profile.p50) <= TARGET_RATIO;
  console.log(
    `${'one table reader vs the old vanguard-csv, VT'.padEnd(44)} p50 by meaning ${reader.p50.toFixed(1)} ms, with the profile ${profile.p50.toFixed(1)} ms, bare pass ${bare.p50.toFixed(1)} ms: ` +
      `${over(reader.p50).toFixed(2)}× and ${over(profile.p50).toFixed(2)}× the old parser (frozen at ${OLD_PARSER_OVER_BARE}× the bare pass) | ${count.toLocaleString('en-US')} holdings, same weights bit for bit: ${same ? 'yes' : 'no'} | target ≤ ${TARGET_RATIO}×: ${met ? 'met' : 'MISSED'}`,
  );
}

/** The bare pass's sum: one column, found by its header, read as numbers. */
function sumColumn(records: readonly CsvRecord[], name: string): number {
  let j = -1;
  let sum = 0;
  for (const r of records) {
    if (j < 0) j = r.cells.indexOf(name);
    else sum += Number.parseFloat((r.cells[j] ?? '').replace(/[$,]/g, '')) || 0;
  }
  return sum;
}
