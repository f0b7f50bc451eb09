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
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
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
    req.on('error', reject);
    req.end(body);
  });
}
