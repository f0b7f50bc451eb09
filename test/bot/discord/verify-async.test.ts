import { describe, expect, test } from 'vitest';
import { verifySignature, verifySignatureAsync } from '../../../bot/discord/verify.ts';
import { signedHeaders, testKeys } from './support.ts';

// The server checks signatures on the thread pool (verifySignatureAsync); the synchronous check is
// the reference. Both must accept exactly the same requests.
describe('the thread-pool signature check decides as the synchronous one', () => {
  const keys = testKeys();
  const other = testKeys();
  const body = Buffer.from('{"id":"1","type":2,"data":{"name":"hhi","options":[{"name":"fund","type":3,"value":"VT"}]}}');
  const now = Date.now();
  const good = signedHeaders(body.toString(), keys.privateKey, String(Math.floor(now / 1000)));
  const sig = good['x-signature-ed25519']!;
  const ts = good['x-signature-timestamp']!;
  const flip = (hex: string, at: number) => hex.slice(0, at) + ((parseInt(hex[at]!, 16) ^ 1).toString(16)) + hex.slice(at + 1);

  const cases: [string, string | undefined, string | undefined, Buffer, number, boolean][] = [
    ['signed as sent', sig, ts, body, now, true],
    ['signed by another key', signedHeaders(body.toString(), other.privateKey, ts)['x-signature-ed25519'], ts, body, now, false],
    ['a bit of R flipped', flip(sig, 3), ts, body, now, false],
    ['a bit of S flipped', flip(sig, 100), ts, body, now, false],
    ['the body changed after signing', sig, ts, Buffer.from(body.toString().replace('VT', 'VU')), now, false],
    ['the timestamp changed after signing', sig, String(Number(ts) + 1), body, now, false],
    ['six minutes late', sig, ts, body, now + 360_000, false],
    ['no signature', undefined, ts, body, now, false],
    ['a short signature', sig.slice(2), ts, body, now, false],
    ['not hex', 'z'.repeat(128), ts, body, now, false],
    ['a timestamp that is not a number', sig, '12e3', body, now, false],
  ];
  test.each(cases)('%s', async (_, signature, timestamp, bytes, at, expected) => {
    expect(verifySignature(keys.publicKey, signature, timestamp, bytes, at)).toBe(expected);
    expect(await verifySignatureAsync(keys.publicKey, signature, timestamp, bytes, at)).toBe(expected);
  });

  test('many checks at once on the pool each get their own answer', async () => {
    const bodies = Array.from({ length: 64 }, (_, i) => Buffer.from(`{"id":"${i}"}`));
    const signed = bodies.map((b, i) => signedHeaders(b.toString(), (i % 3 === 0 ? other : keys).privateKey, ts)['x-signature-ed25519']!);
    const answers = await Promise.all(bodies.map((b, i) => verifySignatureAsync(keys.publicKey, signed[i], ts, b, now)));
    expect(answers).toEqual(bodies.map((_, i) => i % 3 !== 0));
  });
});
