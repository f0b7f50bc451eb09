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
