import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, test } from 'vitest';
import { readHoldings } from '../../holdings/read-holdings.ts';

// A full collection on demand, for this file only: contexts made after the flag get `gc`.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const ROWS = 2_000;
const PAD = 3_000;

/** A table whose text is mostly a column nobody reads: 2,000 holdings, each row ~3 KB. */
function csv(): Buffer {
  const lines = ['Ticker,Name,Weight (%),Remarks'];
  for (let i = 0; i < ROWS; i++) lines.push(`T${i},Company number ${i} Holdings Incorporated,${(100 / ROWS).toFixed(2)},${String(i % 10).repeat(PAD)}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test('GIVEN a 6 MB CSV of 2,000 holdings read and its bytes dropped THEN the snapshot keeps its own strings, not the file text (heap kept < a quarter of the text)', async () => {
  let bytes: Buffer | null = csv();
  const textLength = bytes.length;
  const before = heapAfterGc();
  const { holdings } = await readHoldings('remarks.csv', bytes, 'TEST');
  bytes = null;
  const kept = heapAfterGc() - before;
  // The figures came out: every row, names as printed.
  expect(holdings.positions).toHaveLength(ROWS);
  expect(holdings.positions.find((p) => p.ticker === 'T1234')?.name).toBe('Company number 1234 Holdings Incorporated');
  // A name is a slice of the decoded text unless copied out, and one slice keeps the whole text
  // (6 MB here) alive; 2,000 positions of their own take well under 1.5 MB.
  expect(kept).toBeLessThan(textLength / 4);
});
