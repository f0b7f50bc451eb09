import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { webhookFollowUp, type FollowUpRetry } from '../../../bot/discord/follow-up.ts';
import { startHttpServer } from '../../../bot/discord/http-server.ts';
import { EPHEMERAL } from '../../../bot/discord/limits.ts';
import { dm } from '../../../bot/discord/messages.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import type { DiscordMessage } from '../../../bot/discord/render.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Context } from '../../../commands/context.ts';
import { t } from '../../../commands/messages.ts';
import type { View } from '../../../commands/view.ts';
import { commandPayload, signedHeaders, testKeys } from './support.ts';

/** Short waits so the whole file runs in well under a second of sleeping. */
const FAST: FollowUpRetry = { attempts: 3, baseMs: 20, maxWaitMs: 1_000, timeoutMs: 2_000 };

interface Hit {
  method: string;
  path: string;
  body: string;
  at: number;
}

/**
 * A local stand-in for Discord's webhook API: each request is recorded and answered by the next
 * scripted step (a status, a 429 with its retry_after, or a dropped connection); after the
 * script, 200.
 */
async function standIn(script: (number | 'drop' | { status: 429; retryAfter: number })[]): Promise<{ api: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const step = script.shift() ?? 200;
      if (step === 'drop') return req.socket.destroy();
      if (typeof step === 'object') return res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'You are being rate limited.', retry_after: step.retryAfter, global: false }));
      res.writeHead(step, { 'content-type': 'application/json' }).end(step < 300 ? '{"id":"1"}' : '{"message":"nope"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v10`,
    hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const card: DiscordMessage = { content: '', embeds: [{ title: 'VT: HHI 0.0061' }], components: [], flags: 0, allowed_mentions: { parse: [] } };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function stand(script: Parameters<typeof standIn>[0]) {
  const s = await standIn(script);
  closers.push(s.close);
  return s;
}

describe('webhook follow-up against a local stand-in for Discord', () => {
  test('a 500 then a dropped connection: retried with growing waits, the same card arrives on the third try, no note', async () => {
    const s = await stand([500, 'drop']);
    await webhookFollowUp({ applicationId: 'app', token: 'tok', update: true, message: card }, fetch, s.api, FAST);
    expect(s.hits.map((h) => `${h.method} ${h.path}`)).toEqual(Array(3).fill('PATCH /api/v10/webhooks/app/tok/messages/@original'));
    expect(new Set(s.hits.map((h) => h.body)).size).toBe(1);
    expect(JSON.parse(s.hits[2]!.body).embeds[0].title).toBe('VT: HHI 0.0061');
    // Backoff: 20 ms, then 4 × 20 ms.
    expect(s.hits[1]!.at - s.hits[0]!.at).toBeGreaterThanOrEqual(18);
    expect(s.hits[2]!.at - s.hits[1]!.at).toBeGreaterThanOrEqual(75);
  });

  test("a 429 waits Discord's retry_after (longer than the backoff) before the next try", async () => {
    const s = await stand([{ status: 429, retryAfter: 0.2 }]);
    await webhookFollowUp({ applicationId: 'app', token: 'tok', update: true, message: card }, fetch, s.api, FAST);
    expect(s.hits).toHaveLength(2);
    expect(s.hits[1]!.at - s.hits[0]!.at).toBeGreaterThanOrEqual(190);
  });

  test('Discord down for every try: given up after 3, the reader told in Japanese by an ephemeral follow-up, the error thrown', async () => {
    const s = await stand([503, 503, 503]);
    await expect(webhookFollowUp({ applicationId: 'app', token: 'tok', update: false, lang: 'ja', message: card }, fetch, s.api, FAST)).rejects.toThrow('Discord webhook answered 503');
    expect(s.hits.map((h) => h.method)).toEqual(['PATCH', 'PATCH', 'PATCH', 'POST']);
    const note = JSON.parse(s.hits[3]!.body);
    expect(s.hits[3]!.path).toBe('/api/v10/webhooks/app/tok');
    expect(note.content).toBe(t('ja', dm.followUpLost()));
    expect(note.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  test('a 4xx other than 429 (an expired token: 404) is not retried; the note is tried once', async () => {
    const s = await stand([404, 404]);
    await expect(webhookFollowUp({ applicationId: 'app', token: 'tok', update: true, message: card }, fetch, s.api, FAST)).rejects.toThrow('404');
    expect(s.hits.map((h) => h.method)).toEqual(['PATCH', 'POST']);
  });

  test('an ephemeral result: a DELETE whose answer was lost is retried, a 404 on the retry counts as done, then the POST', async () => {
    const s = await stand(['drop', 404]);
    await webhookFollowUp({ applicationId: 'app', token: 'tok', update: false, message: { ...card, flags: EPHEMERAL } }, fetch, s.api, FAST);
    expect(s.hits.map((h) => h.method)).toEqual(['DELETE', 'DELETE', 'POST']);
  });
});

describe('a deferred interaction through the HTTP server', () => {
  test('the follow-up that fails once is retried and the card arrives; the handler logs nothing', async () => {
    const s = await stand([502]);
    const keys = testKeys();
    const log = memoryLogger();
    const view: View = { lang: 'en', title: 'VT', tone: 'info', summary: 'HHI 0.0061', sources: [] };
    // The command takes longer than the deadline, so the answer is a deferral and the card follows by webhook.
    const running = await startHttpServer({
      runtime: { context: (lang, requester) => ({ lang, requester }) as unknown as Context },
      publicKey: keys.publicKey,
      host: '127.0.0.1',
      log,
      handler: {
        chart: null,
        deadlineMs: 10,
        limiter: tokenBucket(100, 100),
        dispatch: () => new Promise((resolve) => setTimeout(() => resolve(view), 50)),
        followUp: (f) => webhookFollowUp(f, fetch, s.api, FAST),
      },
    });
    closers.push(running.close);
    const body = JSON.stringify(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]));
    const r = await fetch(running.url, { method: 'POST', body, headers: signedHeaders(body, keys.privateKey) });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { type: number }).type).toBe(5);
    const until = Date.now() + 5_000;
    while (s.hits.length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(s.hits.map((h) => `${h.method} ${h.path}`)).toEqual(Array(2).fill('PATCH /api/v10/webhooks/333333333333333333/interaction-token/messages/@original'));
    expect(JSON.parse(s.hits[1]!.body).embeds[0].title).toContain('VT');
    expect(log.lines.filter((l) => l.message === 'discord follow-up failed')).toEqual([]);
  });
});
