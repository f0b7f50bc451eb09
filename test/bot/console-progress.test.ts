import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { progressWriter } from '../../bot/console/progress.ts';

function stream(tty: boolean): { s: PassThrough; text: () => string } {
  const s = new PassThrough();
  Object.assign(s, { isTTY: tty });
  const chunks: string[] = [];
  s.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { s, text: () => chunks.join('') };
}

describe('console progress lines', () => {
  const lines = ['Reading IVV’s SEC Form N-PORT archive since 2019…', 'IVV: 1 of 3 quarters', 'IVV: 2 of 3 quarters', 'IVV: 3 of 3 quarters'];

  test('on a terminal a moving count rewrites its own line: one line for the whole backfill', async () => {
    const { s, text } = stream(true);
    const write = progressWriter(s);
    for (const l of lines) write(l);
    await new Promise((r) => setImmediate(r));
    expect(text()).toBe(`${lines[0]}\n${lines[1]}\n\u001b[1A\u001b[2K${lines[2]}\n\u001b[1A\u001b[2K${lines[3]}\n`);
  });

  test('in a pipe every line stays, plain', async () => {
    const { s, text } = stream(false);
    const write = progressWriter(s);
    for (const l of lines) write(l);
    await new Promise((r) => setImmediate(r));
    expect(text()).toBe(lines.map((l) => `${l}\n`).join(''));
  });
});
