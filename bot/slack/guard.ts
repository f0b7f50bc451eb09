import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { applyTimeouts, ByteBudget, MAX_UNVERIFIED_BYTES, readCappedBody, unverifiedHold, SERVER_TIMEOUTS, serverOptions, type ServerTimeouts } from '../http-guard.ts';

/**
 * The largest request accepted. Slack's biggest payloads (a block_actions click on a 50-block
 * card, a file-share event) are a few tens of KiB; Bolt's own default of 4 MB let 100 stalled,
 * unsigned requests hold hundreds of MB.
 */
export const MAX_SLACK_BODY_BYTES = 256 * 1024;

/**
 * Connections open at once. Slack keeps a few connections alive per workspace, far below this;
 * each extra connection can cost a 64 KiB read before its request is even looked at.
 */
export const MAX_CONNECTIONS = 512;

/** Slack's `ssl_check=1&token=…` probe is the one unsigned request; it is tiny. */
const MAX_UNSIGNED_BYTES = 1024;

/** Slack's signing window. */
const MAX_SKEW_SECONDS = 300;

/** How long a delivery id is kept to drop retries and replays: twice the signing window, so its signature is stale long before. */
export const DELIVERY_KEEP_MS = 2 * MAX_SKEW_SECONDS * 1000;

export interface GuardOptions {
  signingSecret: string;
  path: string;
  maxBodyBytes?: number;
  /** Connections open at once (MAX_CONNECTIONS). */
  maxConnections?: number;
  /** Unverified bytes in flight across connections (MAX_UNVERIFIED_BYTES); past it requests are refused with 503. */
  unverified?: ByteBudget;
  timeouts?: Partial<ServerTimeouts>;
  clock?: () => number;
}

/** v0 signature: HMAC-SHA256(secret, `v0:ts:body`), compared in constant time. */
function signatureMatches(secret: string, timestamp: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function refuse(res: ServerResponse, status: number): void {
  // The socket is closed as soon as the answer is written: whatever body was not read is never
  // read (not even into the socket's buffers). A 503 says when to come back (Slack retries it).
  const socket = res.socket;
  res.writeHead(status, { connection: 'close', 'content-length': 0, ...(status === 503 ? { 'retry-after': '1' } : {}) }).end(() => socket?.destroy());
}

/**
 * Bolt's HTTP receiver reads the whole body before it checks anything. This stands in front of it
 * and is the one place requests are verified: an oversized, unsigned or stale request is refused
 * from its headers alone, a signed one is read with a cap and its HMAC checked, and only then does
 * Bolt see it, with the body already buffered (`rawBody`, which Bolt reuses instead of reading
 * again). The receiver must be built with `signatureVerification: false` (a second HMAC per
 * request, in constant time by double hashing, cost more than the ack itself under a burst).
 */
export function guardedListener(inner: RequestListener, options: GuardOptions): RequestListener {
  const max = options.maxBodyBytes ?? MAX_SLACK_BODY_BYTES;
  const clock = options.clock ?? Date.now;
  const budget = options.unverified ?? new ByteBudget(MAX_UNVERIFIED_BYTES);
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== options.path) return refuse(res, req.method === 'POST' ? 404 : 405);
    const length = Number(req.headers['content-length'] ?? 0);
    if (!Number.isFinite(length) || length > max) return refuse(res, 413);
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    const signed = typeof signature === 'string' && /^v0=[0-9a-f]{64}$/.test(signature) && typeof timestamp === 'string' && /^\d{1,12}$/.test(timestamp);
    const sslCheck = !signed && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && req.headers['content-length'] !== undefined && length <= MAX_UNSIGNED_BYTES;
    if (!signed && !sslCheck) return refuse(res, 401);
    if (signed && Math.abs(Number(timestamp) - clock() / 1000) > MAX_SKEW_SECONDS) return refuse(res, 401);
    const cap = signed ? max : MAX_UNSIGNED_BYTES;
    // Refused from its headers while the budget is spent: nothing of this body is read.
    const held = unverifiedHold(req, cap);
    if (!budget.take(held)) return refuse(res, 503);
    void readCappedBody(req, cap).then((read) => {
      budget.give(held);
      if (!read.ok) return refuse(res, read.status);
      // The probe is answered here, whatever else its body says: Bolt (told not to verify again)
      // only ever sees requests whose signature matched.
      if (!signed) return new URLSearchParams(read.body.toString('latin1')).get('ssl_check') === '1' ? void res.writeHead(200, { 'content-length': 0 }).end() : refuse(res, 401);
      if (!signatureMatches(options.signingSecret, timestamp, read.body, signature)) return refuse(res, 401);
      // Bolt reads `rawBody` when it is there instead of reading the request again.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = read.body;
      try {
        inner(req, res);
      } catch {
        if (!res.headersSent) refuse(res, 500);
      }
    });
  };
}

/** An HTTP server for Bolt's request listener, behind the guard and with connection deadlines. */
export function guardedServer(inner: RequestListener, options: GuardOptions): Server {
  const timeouts = { ...SERVER_TIMEOUTS, ...options.timeouts };
  const server = createServer(serverOptions(timeouts), guardedListener(inner, options));
  // Each connection's first read (up to 64 KiB of headers and body) happens before the guard can
  // look at its headers; past this many connections at once, Node closes new ones unread.
  server.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  applyTimeouts(server, timeouts);
  return server;
}
