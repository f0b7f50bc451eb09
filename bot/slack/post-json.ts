import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Kept-alive sockets for one kind of traffic; a fresh TLS handshake per request would cost more than the command itself. */
export function keptAlive(maxSockets: number): { http: HttpAgent; https: HttpsAgent } {
  return { http: new HttpAgent({ keepAlive: true, maxSockets }), https: new HttpsAgent({ keepAlive: true, maxSockets }) };
}

// Replies go to the same few hosts (hooks.slack.com).
const replyAgents = keptAlive(64);

/**
 * POSTs JSON to a response_url and resolves with the status; rejects on a network error, a
 * timeout or a non-2xx answer. node:http rather than fetch: under load the undici fetch client
 * costs several times more CPU per request, CPU the next acknowledgement is waiting for.
 */
export async function postJson(url: string, payload: unknown, timeoutMs = 10_000): Promise<number> {
  const { status } = await post(new URL(url), JSON.stringify(payload), { 'content-type': 'application/json; charset=utf-8' }, { timeoutMs, agents: replyAgents, what: 'response_url' });
  if (status < 200 || status >= 300) throw new Error(`response_url answered ${status}`);
  return status;
}

export interface PostOptions {
  timeoutMs: number;
  agents: ReturnType<typeof keptAlive>;
  /** Names the far end in errors ("response_url", "users.info"). */
  what: string;
  /** Read the answer up to this many bytes (more is an error); 0 discards it. */
  maxAnswerBytes?: number;
}

/**
 * One POST on a kept-alive socket: the status and (when asked) the answer. A kept-alive socket
 * the server closed just as the request went out was not read there, so the request is sent once
 * more on a fresh socket (the race Node's documentation describes); any other failure rejects.
 */
export function post(target: URL, body: string, headers: OutgoingHttpHeaders, options: PostOptions): Promise<{ status: number; answer: Buffer }> {
  return send(target, body, headers, options).catch((error: unknown) => {
    if (error instanceof StaleSocketError) return send(target, body, headers, options);
    throw error;
  });
}

/** The server reset a reused keep-alive socket before answering. */
class StaleSocketError extends Error {}

function send(target: URL, body: string, headers: OutgoingHttpHeaders, options: PostOptions): Promise<{ status: number; answer: Buffer }> {
  const secure = target.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  const max = options.maxAnswerBytes ?? 0;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent: secure ? options.agents.https : options.agents.http,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        if (max === 0) res.resume();
        else
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > max) req.destroy(new Error(`${options.what} answered more than ${max} bytes`));
            else chunks.push(chunk);
          });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, answer: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${options.what} timed out after ${options.timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocketError(error.message) : error));
    req.end(body);
  });
}
