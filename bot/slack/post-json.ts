import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// Kept-alive sockets: replies go to the same few hosts (hooks.slack.com), and a fresh TLS
// handshake per reply would cost more than the command itself.
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

/**
 * POSTs JSON to a response_url and resolves with the status; rejects on a network error, a
 * timeout or a non-2xx answer. node:http rather than fetch: under load the undici fetch client
 * costs several times more CPU per request, CPU the next acknowledgement is waiting for.
 */
export function postJson(url: string, payload: unknown, timeoutMs = 10_000): Promise<number> {
  const target = new URL(url);
  const body = JSON.stringify(payload);
  return send(target, body, timeoutMs).catch((error: unknown) => {
    // A kept-alive socket the server closed just as the post went out: nothing was read there, so
    // the post is sent once more on a fresh socket (the race Node's documentation describes).
    if (error instanceof StaleSocketError) return send(target, body, timeoutMs);
    throw error;
  });
}

/** The server reset a reused keep-alive socket before answering. */
class StaleSocketError extends Error {}

function send(target: URL, body: string, timeoutMs: number): Promise<number> {
  const secure = target.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent: secure ? httpsAgent : httpAgent,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(status);
          else reject(new Error(`response_url answered ${status}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`response_url timed out after ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocketError(error.message) : error));
    req.end(body);
  });
}
