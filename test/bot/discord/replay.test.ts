import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../../bot/discord/http-server.ts';
import { SeenInteractions } from '../../../bot/discord/replay.ts';
import { KeyError, publicKeyFromHex, publicKeyToHex } from '../../../bot/discord/verify.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { commandPayload, signedHeaders, testKeys } from './support.ts';

const keys = testKeys();
let server: RunningHttpServer;
let dispatched = 0;
const card: View = { lang: 'en', title: 'ok', tone: 'info', summary: 'ok', sources: [] };

beforeAll(async () => {
  server = await startHttpServer({
    // The handler never reaches a real command here: a counting dispatch stands in.
    runtime: { context: (lang, requester) => ({ lang, requester }) as unknown as Context },
    publicKey: publicKeyToHex(keys.publicKey),
    host: '127.0.0.1',
    log: memoryLogger(),
    handler: { chart: null, dispatch: async () => (dispatched++, card) },
  });
});
afterAll(() => server?.close());

const nowSeconds = () => Math.floor(Date.now() / 1000);
async function send(body: string, timestamp: number): Promise<number> {
  const r = await fetch(server.url, { method: 'POST', body, headers: signedHeaders(body, keys.privateKey, String(timestamp)) });
  await r.arrayBuffer();
  return r.status;
}
const command = () => JSON.stringify(commandPayload('funds', []));

describe('Discord replay window: timestamps within five minutes, each interaction id once', () => {
  test.each([
    ['timestamp 0', () => 0],
    ['a year old', () => nowSeconds() - 365 * 86_400],
    ['6 minutes old', () => nowSeconds() - 360],
    ['6 minutes ahead', () => nowSeconds() + 360],
  ])('a correctly signed request with %s → 401, nothing dispatched', async (_name, ts) => {
    const before = dispatched;
    expect(await send(command(), ts())).toBe(401);
    expect(dispatched).toBe(before);
  });

  test('4 minutes old or ahead is inside the window → 200', async () => {
    const before = dispatched;
    expect(await send(command(), nowSeconds() - 240)).toBe(200);
    expect(await send(command(), nowSeconds() + 240)).toBe(200);
    expect(dispatched).toBe(before + 2);
  });

  test('the same signed request resent verbatim runs once; the copy is refused with 409', async () => {
    const body = command();
    const ts = nowSeconds();
    const before = dispatched;
    expect(await send(body, ts)).toBe(200);
    expect(await send(body, ts)).toBe(409);
    // Re-signed with a new timestamp, the same interaction id is still refused.
    expect(await send(body, ts + 1)).toBe(409);
    expect(dispatched).toBe(before + 1);
  });

  test('remembered ids stay bounded: expired ones go, and past capacity the oldest goes', () => {
    const seen = new SeenInteractions(3, 1_000);
    expect(seen.seen('a', 0)).toBe(false);
    expect(seen.seen('a', 500)).toBe(true);
    expect(seen.seen('b', 600)).toBe(false);
    // 'a' expired at 1000: forgotten (its timestamp would fail the window check anyway).
    expect(seen.seen('c', 1_200)).toBe(false);
    expect(seen.size).toBe(2);
    for (const id of ['d', 'e', 'f']) seen.seen(id, 1_300);
    expect(seen.size).toBe(3);
    expect(seen.seen('c', 1_300)).toBe(false);
  });
});

/** libsodium's small-order list, plus all-zero with the sign bit set; each is a point whose multiples cycle through ≤ 8 values. */
const WEAK = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

describe('weak Discord public keys are refused at start-up', () => {
  test.each(WEAK)('%s: a forged signature (R = identity, S = 0) verifies under it, and the server refuses to start with one line', async (hex) => {
    // Why it matters: node:crypto itself accepts a forged signature for some message under this key.
    const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
    const forged = Buffer.concat([Buffer.from('01'.padEnd(64, '0'), 'hex'), Buffer.alloc(32)]);
    const body = command();
    const verifiedFor = Array.from({ length: 64 }, (_, i) => verify(null, Buffer.from(`${nowSeconds() + i}${body}`), key, forged));
    expect(verifiedFor.some(Boolean)).toBe(true);

    expect(() => publicKeyFromHex(hex)).toThrow(KeyError);
    const refused = await startHttpServer({ runtime: { context: () => ({}) as Context }, publicKey: hex, host: '127.0.0.1' }).then(
      () => null,
      (error: Error) => error,
    );
    expect(refused).toBeInstanceOf(KeyError);
    expect(refused!.message).toMatch(/^DISCORD_PUBLIC_KEY is a weak key .*copy the "Public Key"/);
    expect(refused!.message).not.toContain('\n');
    // The same key as a KeyObject is refused too.
    await expect(startHttpServer({ runtime: { context: () => ({}) as Context }, publicKey: key, host: '127.0.0.1' })).rejects.toBeInstanceOf(KeyError);
  });

  test('a real key (generated here) is accepted', () => {
    expect(() => publicKeyFromHex(publicKeyToHex(testKeys().publicKey))).not.toThrow();
  });
});
