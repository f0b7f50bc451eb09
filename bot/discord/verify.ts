import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER prefix that turns a raw 32-byte Ed25519 public key into SPKI, which node:crypto imports. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** How far a request's timestamp may be from our clock, either way (Discord's and Slack's window). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * Encodings of the Ed25519 points of small order (1, 2, 4, 8) and their non-canonical twins,
 * compared without the sign bit: libsodium's `has_small_order` list. With such a public key
 * `[S]B = R + [k]A` holds for forged signatures (e.g. R = identity, S = 0 whenever 8 | k), so a
 * server configured with one would accept anything.
 */
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map((hex) => Buffer.from(hex, 'hex'));

/** True when the raw key is a small-order point (all zeros included), whatever its sign bit. */
export function isWeakPublicKey(raw: Buffer): boolean {
  if (raw.length !== 32) return true;
  return SMALL_ORDER.some((bad) => raw.every((byte, i) => (i === 31 ? byte & 0x7f : byte) === bad[i]));
}

/** A configuration mistake found at start-up; its message is the one line to print. */
export class KeyError extends Error {
  override name = 'KeyError';
}

/** The application's public key, from the portal's 64-character hex. Throws a KeyError (one line) on anything else. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new KeyError('DISCORD_PUBLIC_KEY must be 64 hex characters (the "Public Key" on the application page).');
  const raw = Buffer.from(hex, 'hex');
  if (isWeakPublicKey(raw)) throw new KeyError('DISCORD_PUBLIC_KEY is a weak key (a small-order point such as all zeros) that would accept forged requests: copy the "Public Key" from the application page again.');
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    throw new KeyError('DISCORD_PUBLIC_KEY is not a valid Ed25519 public key: copy the "Public Key" from the application page again.');
  }
}

/** A KeyObject given directly (tests, benches) gets the same weak-key check as the hex form. */
export function checkPublicKey(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new KeyError('the Discord public key must be an Ed25519 key.');
  publicKeyFromHex(publicKeyToHex(key));
  return key;
}

/** The raw 32-byte public key as hex, e.g. for a key pair made in tests. */
export function publicKeyToHex(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length).toString('hex');
}

/** What an Ed25519 check needs (timestamp ‖ body, and the signature's bytes), or null when the headers are malformed or the timestamp is stale. */
function signedInput(signatureHex: string | undefined, timestamp: string | undefined, body: Buffer, nowMs: number): { data: Buffer; signature: Buffer } | null {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex) || !/^\d{1,20}$/.test(timestamp)) return null;
  if (!isFreshTimestamp(timestamp, nowMs)) return null;
  return { data: Buffer.concat([Buffer.from(timestamp), body]), signature: Buffer.from(signatureHex, 'hex') };
}

/**
 * Discord's request signature: Ed25519 over timestamp ‖ raw body, and a timestamp within five
 * minutes of `nowMs` (a signed request captured once cannot be replayed later). Malformed headers
 * are just a failed check (false), never an exception.
 */
export function verifySignature(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, body: Buffer, nowMs: number = Date.now()): boolean {
  const input = signedInput(signatureHex, timestamp, body, nowMs);
  if (!input) return false;
  try {
    return verify(null, input.data, key, input.signature);
  } catch {
    return false;
  }
}

/**
 * verifySignature off the event loop: the same checks, with the Ed25519 step run on libuv's
 * thread pool (node:crypto's callback form), so a server with more than one core checks several
 * requests at once while its one JavaScript thread parses, answers and writes others.
 */
export function verifySignatureAsync(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, body: Buffer, nowMs: number = Date.now()): Promise<boolean> {
  const input = signedInput(signatureHex, timestamp, body, nowMs);
  if (!input) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      verify(null, input.data, key, input.signature, (error, ok) => resolve(!error && ok));
    } catch {
      resolve(false);
    }
  });
}

/** A Unix-seconds timestamp header within the window around now. */
export function isFreshTimestamp(timestamp: string, nowMs: number): boolean {
  if (!/^\d{1,20}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - nowMs / 1000) <= MAX_CLOCK_SKEW_SECONDS;
}
