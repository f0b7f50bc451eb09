import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { postJson } from '../../../bot/slack/post-json.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

/** A response_url stand-in that resets a socket instead of answering whenever `reset` says so. */
async function standIn(reset: (nth: number, requestsOnSocket: number) => boolean) {
  const seen: { body: string; socket: number; reset: boolean }[] = [];
  const sockets = new Map<Socket, number>();
  const perSocket = new Map<Socket, number>();
  server = createServer((req, res) => {
    const socket = req.socket;
    if (!sockets.has(socket)) sockets.set(socket, sockets.size);
    perSocket.set(socket, (perSocket.get(socket) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const cut = reset(seen.length + 1, perSocket.get(socket)!);
      seen.push({ body: Buffer.concat(chunks).toString(), socket: sockets.get(socket)!, reset: cut });
      if (cut) socket.resetAndDestroy();
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/respond`, seen };
}

test('GIVEN a kept-alive socket the server resets before answering THEN the post goes again once, on a fresh socket, and succeeds', async () => {
  // The second request on any socket is cut off, as when Slack closes an idle connection just as a reply goes out.
  const s = await standIn((_, onSocket) => onSocket === 2);
  expect(await postJson(s.url, { n: 1 })).toBe(200);
  expect(await postJson(s.url, { n: 2 })).toBe(200);
  expect(s.seen.map((r) => [r.body, r.socket, r.reset])).toEqual([
    ['{"n":1}', 0, false],
    ['{"n":2}', 0, true],
    ['{"n":2}', 1, false],
  ]);
});

test('GIVEN a fresh socket reset THEN it fails at once; GIVEN a reused one reset and then the fresh one too THEN it fails after one more try', async () => {
  const s = await standIn((nth) => nth !== 1);
  expect(await postJson(s.url, { n: 1 })).toBe(200);
  await expect(postJson(s.url, { n: 2 })).rejects.toThrow(/ECONNRESET|socket hang up/);
  // Reused socket reset → one more try on a fresh socket → reset: no third try.
  expect(s.seen.map((r) => [r.body, r.socket])).toEqual([
    ['{"n":1}', 0],
    ['{"n":2}', 0],
    ['{"n":2}', 1],
  ]);
  await expect(postJson(s.url, { n: 3 })).rejects.toThrow(/ECONNRESET|socket hang up/);
  expect(s.seen.filter((r) => r.body === '{"n":3}')).toHaveLength(1);
});
