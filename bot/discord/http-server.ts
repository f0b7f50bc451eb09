import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import type { Context, Lang, Requester } from '../../commands/context.ts';
import { stderrLogger, type Logger } from '../log.ts';
import { webhookFollowUp } from './follow-up.ts';
import { createHandler, type HandlerDeps, type InteractionResponse } from './interaction.ts';
import { multipartParts } from './multipart.ts';
import { applyTimeouts, ByteBudget, MAX_UNVERIFIED_BYTES, readCappedBody, SERVER_TIMEOUTS, serverOptions, unverifiedHold, type ServerTimeouts } from '../http-guard.ts';
import { SeenInteractions, type SharedInteractionIds } from './replay.ts';
import { checkPublicKey, isFreshTimestamp, publicKeyFromHex, verifySignatureAsync } from './verify.ts';

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
  /** Connection deadlines (tests shorten them). */
  timeouts?: Partial<ServerTimeouts>;
  /** Body bytes read but not yet verified, across connections (MAX_UNVERIFIED_BYTES); past it, 503. */
  unverified?: ByteBudget;
  /**
   * Before listening, answer one /hhi card with its chart, so the first real burst does not pay
   * for loading the chart code and fonts (which would block every answer behind it).
   */
  warmUp?: boolean;
  /** Interaction ids already answered; share one between servers of a process. */
  seen?: SeenInteractions;
  /**
   * Interaction ids claimed in the store every replica shares (StoredInteractionIds), checked
   * after this process's own memory: a replay sent to another replica is refused there too.
   */
  sharedSeen?: SharedInteractionIds;
  clock?: () => number;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** A refusal sent before (or instead of) reading the body: the connection closes, so an unread body is dropped with it. */
function refuse(res: ServerResponse, status: number, error: string): void {
  res.setHeader('connection', 'close');
  send(res, status, { error });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** A response's bytes as sent: one JSON buffer, or the parts of a multipart body. */
interface Encoded {
  parts: Buffer[];
  length: number;
  contentType: string;
}

/**
 * Responses already encoded, by the response object: the handler's answer cache hands out the same
 * object for every hit, whose bytes are then built once (the multipart boundary included, which is
 * as safe repeated as fresh: it is never in the parts). Weak: an answer dropped from the cache goes.
 */
const encodedOnce = new WeakMap<InteractionResponse, Encoded>();

function encode(response: InteractionResponse): Encoded {
  let encoded = encodedOnce.get(response);
  if (encoded) return encoded;
  if (!('files' in response) || !response.files?.length) {
    const json = Buffer.from(JSON.stringify(response), 'utf8');
    encoded = { parts: [json], length: json.length, contentType: 'application/json' };
  } else {
    const { files, ...json } = response;
    encoded = multipartParts(json, files);
  }
  encodedOnce.set(response, encoded);
  return encoded;
}

/**
 * An interaction response: plain JSON, or multipart (`payload_json` + `files[n]`) when it carries
 * files (a chart), which is the only way a type 4/7 response can attach them.
 */
function sendResponse(res: ServerResponse, response: InteractionResponse): void {
  // Written part by part (one writev): the chart goes from its cache to the socket without a copy.
  const { parts, length, contentType } = encode(response);
  res.writeHead(200, { 'content-type': contentType, 'content-length': length });
  res.cork();
  for (const part of parts) res.write(part);
  res.end();
}

/**
 * The HTTP interactions endpoint: POST / with Discord's Ed25519 signature headers. Every request
 * is verified before it is parsed, and refused from its headers alone when unsigned or older than
 * five minutes; an interaction id answered once is refused when it comes again (in this process's
 * memory, and with `sharedSeen` in the store every replica shares, so a replay sent to another
 * replica is refused too). Besides those ids and the per-user rate-limit buckets nothing is
 * remembered between requests, so any number of these can sit behind one load balancer.
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  let key: KeyObject;
  try {
    key = typeof options.publicKey === 'string' ? publicKeyFromHex(options.publicKey) : checkPublicKey(options.publicKey);
  } catch (error) {
    return Promise.reject(error);
  }
  const timeouts = { ...SERVER_TIMEOUTS, ...options.timeouts };
  const seen = options.seen ?? new SeenInteractions();
  const clock = options.clock ?? Date.now;
  const max = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = options.log ?? stderrLogger;
  const budget = options.unverified ?? new ByteBudget(MAX_UNVERIFIED_BYTES);
  /** This process's memory first (no round trip for the common in-process repeat), then the shared store. */
  const firstClaim = async (id: string): Promise<boolean> => {
    const now = clock();
    if (seen.seen(id, now)) return false;
    if (!options.sharedSeen) return true;
    try {
      return await options.sharedSeen.claim(id, now);
    } catch (error) {
      // The store unreachable: answer rather than refuse everyone; this replica's memory and the
      // timestamp window still bound a replay.
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'discord: shared interaction ids unavailable');
      return true;
    }
  };
  const handle = createHandler({ followUp: (f) => webhookFollowUp(f), log, ...options.handler, context: (lang, requester) => options.runtime.context(lang, requester) });

  const server = createServer(serverOptions(timeouts), (req, res) => {
    if (req.method !== 'POST') return refuse(res, 405, 'POST only');
    if ((req.url ?? '/').split('?')[0] !== '/') return refuse(res, 404, 'not found');
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    // Unsigned or stale requests are refused from their headers alone: their bodies are never read.
    if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/i.test(signature) || typeof timestamp !== 'string' || !isFreshTimestamp(timestamp, clock())) {
      return refuse(res, 401, 'invalid request signature');
    }
    // While the budget is spent, refused from the headers: nothing of the body is read.
    const held = unverifiedHold(req, max);
    if (!budget.take(held)) {
      res.setHeader('retry-after', '1');
      return refuse(res, 503, 'busy, try again');
    }
    void (async () => {
      const read = await readCappedBody(req, max);
      budget.give(held);
      if (!read.ok) return refuse(res, read.status, read.status === 413 ? 'body too large' : 'bad request');
      if (!(await verifySignatureAsync(key, signature, timestamp, read.body, clock()))) return send(res, 401, { error: 'invalid request signature' });
      let payload: unknown;
      try {
        payload = JSON.parse(read.body.toString('utf8'));
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      // A signed request resent verbatim (within the timestamp window) runs once, on whichever replica it reaches.
      const id = (payload as { id?: unknown } | null)?.id;
      if ((typeof id === 'string' || typeof id === 'number') && !(await firstClaim(String(id)))) return send(res, 409, { error: 'interaction already received' });
      const response = await handle(payload);
      if (response === null) return send(res, 400, { error: 'not an interaction' });
      sendResponse(res, response);
    })().catch((error: unknown) => {
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'discord http request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
  applyTimeouts(server, timeouts);
  // A client may half-close its side once the body is sent (HTTP/1.1 allows it). Node's default then
  // ends the socket at once, dropping an answer still being made (the signature is checked on the
  // thread pool, commands may wait on the store): answer first, then close.
  (server as typeof server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;

  const warmed = options.warmUp ? warm(handle, options.runtime) : Promise.resolve();
  return warmed.then(() => new Promise((resolve, reject) => {
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
  }));
}

/** One real command through the handler, answered in full (no token: it cannot defer). Failures only cost the warm-up. */
async function warm(handle: ReturnType<typeof createHandler>, runtime: HttpServerOptions['runtime']): Promise<void> {
  const fund = runtime.context('en', { platform: 'discord', userId: 'warm-up', serverId: null, channelId: null, isAdmin: false }).data.list()[0]?.fund;
  if (!fund) return;
  await handle({ id: 'warm-up', type: 2, version: 1, user: { id: 'warm-up' }, data: { id: '0', name: 'hhi', type: 1, options: [{ name: 'fund', type: 3, value: fund }] } }).catch(() => undefined);
}
