import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import type { Context, Lang, Requester } from '../../commands/context.ts';
import { stderrLogger, type Logger } from '../log.ts';
import { webhookFollowUp } from './follow-up.ts';
import { createHandler, type HandlerDeps, type InteractionResponse } from './interaction.ts';
import { multipartMessage } from './multipart.ts';
import { publicKeyFromHex, verifySignature } from './verify.ts';

/** Interactions are small JSON; anything bigger is refused before it is verified or parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface HttpServerOptions {
  /** Anything that hands out a per-request context: the Runtime, or a test double. */
  runtime: { context(lang: Lang, requester: Requester): Context };
  /** The application's public key: the portal's hex, or a KeyObject. */
  publicKey: string | KeyObject;
  port?: number;
  host?: string;
  maxBodyBytes?: number;
  log?: Logger;
  /** Overrides for tests and benchmarks (a counting dispatch, a recorded follow-up). */
  handler?: Omit<HandlerDeps, 'context'>;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 413 | 400 };

/** Reads the body, giving up (413) as soon as it passes the cap instead of buffering it all. */
function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) return Promise.resolve({ ok: false, status: 413 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        resolve({ ok: false, status: 413 });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, body: Buffer.concat(chunks, size) });
      done = true;
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, status: 400 });
      done = true;
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/**
 * An interaction response: plain JSON, or multipart (`payload_json` + `files[n]`) when it carries
 * files (a chart), which is the only way a type 4/7 response can attach them.
 */
function sendResponse(res: ServerResponse, response: InteractionResponse): void {
  if (!('files' in response) || !response.files?.length) return send(res, 200, response);
  const { files, ...json } = response;
  const { body, contentType } = multipartMessage(json, files);
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  res.end(body);
}

/**
 * The HTTP interactions endpoint: POST / with Discord's Ed25519 signature headers. Every request
 * is verified before it is parsed; nothing about one request is remembered for the next (except
 * per-user rate-limit buckets), so any number of these can sit behind one load balancer.
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const key = typeof options.publicKey === 'string' ? publicKeyFromHex(options.publicKey) : options.publicKey;
  const max = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = options.log ?? stderrLogger;
  const handle = createHandler({ followUp: (f) => webhookFollowUp(f), log, ...options.handler, context: (lang, requester) => options.runtime.context(lang, requester) });

  const server = createServer((req, res) => {
    if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
    if ((req.url ?? '/').split('?')[0] !== '/') return send(res, 404, { error: 'not found' });
    void (async () => {
      const read = await readBody(req, max);
      if (!read.ok) {
        res.setHeader('connection', 'close');
        return send(res, read.status, { error: read.status === 413 ? 'body too large' : 'bad request' });
      }
      const signature = req.headers['x-signature-ed25519'];
      const timestamp = req.headers['x-signature-timestamp'];
      if (!verifySignature(key, typeof signature === 'string' ? signature : undefined, typeof timestamp === 'string' ? timestamp : undefined, read.body)) {
        return send(res, 401, { error: 'invalid request signature' });
      }
      let payload: unknown;
      try {
        payload = JSON.parse(read.body.toString('utf8'));
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      const response = await handle(payload);
      if (response === null) return send(res, 400, { error: 'not an interaction' });
      sendResponse(res, response);
    })().catch((error: unknown) => {
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'discord http request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
  // Keep-alive connections from Discord's (or a load balancer's) pool are reused across requests.
  server.keepAliveTimeout = 65_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
      resolve({
        server,
        port,
        url: `http://${host}:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
