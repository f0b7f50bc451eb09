import type { IncomingMessage, Server, ServerOptions } from 'node:http';

/**
 * How long a connection may take, shared by the Discord and Slack servers. A client that opens a
 * socket and sends nothing, trickles its headers or its body, or leaves a keep-alive connection
 * idle is cut off, so stalled connections cannot pile up memory and sockets.
 */
export interface ServerTimeouts {
  /** Until the request's headers are complete. */
  headersMs: number;
  /** Until the whole request (headers and body) is in. */
  requestMs: number;
  /** An idle keep-alive connection between requests (above a load balancer's usual 60 s). */
  keepAliveMs: number;
  /** Any socket with no traffic at all for this long. */
  idleMs: number;
  /** How often Node checks the header and request deadlines. */
  checkEveryMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 20_000, keepAliveMs: 65_000, idleMs: 70_000, checkEveryMs: 1_000 };

/** createServer options carrying the deadlines Node enforces itself. */
export function serverOptions(t: ServerTimeouts): ServerOptions {
  return { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkEveryMs, keepAliveTimeout: t.keepAliveMs };
}

/** The deadlines that are properties rather than options; an idle socket is destroyed, not left half-open. */
export function applyTimeouts(server: Server, t: ServerTimeouts): void {
  server.headersTimeout = t.headersMs;
  server.requestTimeout = t.requestMs;
  server.keepAliveTimeout = t.keepAliveMs;
  server.setTimeout(t.idleMs, (socket) => socket.destroy());
}

/**
 * Body bytes read but not yet verified, across every connection at once (per server). Real Slack
 * and Discord requests are a few KiB and verified within a millisecond of arriving, so 16 MiB is
 * thousands of them; what fills it is a flood of big bodies under forged signatures (1,500 ×
 * 250 KiB held 365 MB in the Slack process before).
 */
export const MAX_UNVERIFIED_BYTES = 16 * 1024 * 1024;

/**
 * A count of bytes handed out against a total. A request takes its declared length (or the body
 * cap, for a body of unknown length) before a byte is read, and gives it back once its signature
 * has been checked or the request ends: what is taken is never more than `total`.
 */
export class ByteBudget {
  #used = 0;
  constructor(readonly total: number) {
    if (!(total > 0)) throw new RangeError(`total must be positive, got ${total}`);
  }

  take(bytes: number): boolean {
    if (this.#used + bytes > this.total) return false;
    this.#used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
  }

  get used(): number {
    return this.#used;
  }
}

/** How much of the budget a request takes: its declared length, or the whole cap when it declares none (chunked). */
export function unverifiedHold(req: IncomingMessage, cap: number): number {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  return Number.isFinite(declared) && declared >= 0 ? Math.min(declared, cap) : cap;
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 413 | 400 | 408 };

/**
 * Reads a request body, refusing (413) a declared length over the cap before reading a byte and
 * giving up as soon as a streamed body passes it, so memory per request never exceeds `max`.
 * After a refusal the socket is closed rather than drained: the rest is never read.
 */
export function readCappedBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!Number.isFinite(declared) || declared > max) return Promise.resolve({ ok: false, status: 413 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        finish({ ok: false, status: 413 });
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks, size) }));
    req.on('error', () => finish({ ok: false, status: 400 }));
    req.on('close', () => finish({ ok: false, status: 408 }));
  });
}
