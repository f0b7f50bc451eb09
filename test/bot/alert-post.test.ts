import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { alertPoster } from '../../bot/alert-post.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { AlertCrossing } from '../../store/alerts.ts';

const seen: { url: string; auth: string; body: unknown }[] = [];
let base = '';
const server = createServer((req: IncomingMessage, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({ url: req.url ?? '', auth: String(req.headers.authorization), body: JSON.parse(body) });
    if (req.url?.includes('broken')) return void res.writeHead(403).end('{}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/slack') ? '{"ok":true}' : '{"id":"1"}');
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function crossing(platform: string, channelId: string): AlertCrossing {
  return {
    rule: { id: 1, platform, serverId: 'S1', metric: 'largest-above', threshold: 0.1, channelId, createdAt: '2026-11-22T00:00:00Z' } as AlertCrossing['rule'],
    fund: 'ARKK', metric: 'largest-above', value: 0.1175, previousValue: null, threshold: 0.1, asOf: '2024-06-04', previousAsOf: null,
    message: { en: 'ARKK: largest holding 11.75% is now above 10% @everyone', ja: 'ARKK：最大保有銘柄11.75%が10%を超えました' },
  };
}

test('posts to the rule’s Discord channel with the bot token and no mentions, in the server’s language', async () => {
  const log = memoryLogger();
  const post = alertPoster({ discordToken: 'dtok', apis: { discord: `${base}/discord`, slack: `${base}/slack` }, languageOf: async () => 'ja', log });
  await post(crossing('discord', 'C42'));
  expect(seen.at(-1)).toEqual({ url: '/discord/channels/C42/messages', auth: 'Bot dtok', body: { content: 'ARKK：最大保有銘柄11.75%が10%を超えました', allowed_mentions: { parse: [] } } });
  expect(log.lines).toEqual([]);
});

test('posts to Slack with chat.postMessage in English by default; failures and missing tokens are logged, not thrown', async () => {
  const log = memoryLogger();
  const post = alertPoster({ slackToken: 'xoxb-1', apis: { discord: `${base}/discord`, slack: `${base}/slack` }, log });
  await post(crossing('slack', 'C7'));
  expect(seen.at(-1)).toMatchObject({ url: '/slack/chat.postMessage', auth: 'Bearer xoxb-1', body: { channel: 'C7', text: crossing('slack', 'C7').message.en, parse: 'none' } });
  await post(crossing('discord', 'C1'));
  expect(log.lines.at(-1)).toMatchObject({ level: 'info', message: 'alert not posted: no token for this platform' });
  const broken = alertPoster({ discordToken: 'd', apis: { discord: `${base}/broken`, slack: base }, log });
  await broken(crossing('discord', 'C9'));
  expect(log.lines.at(-1)).toMatchObject({ level: 'error', message: 'alert post failed', fields: { status: 403 } });
});
