/**
 * Slack under a burst: 5,000 signed slash commands, 100 in flight, each timed from sending it to
 * its card arriving at the response_url, with a stand-in Slack Web API (users.info) that takes
 * 300 ms to answer. Target: ≥ 99% answered with a card (not "busy"), p99 time to the card < 5 s.
 * Loopback only; charts off (their cost is bench/charts.ts). Called from bench/run.ts.
 */
import { createHmac } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LogLevel } from '@slack/bolt';
import { catalogSource } from '../bot/data-source.ts';
import { memoryLogger } from '../bot/log.ts';
import { createSlackApp, SLACK_EVENTS_PATH } from '../bot/slack/app.ts';
import { sm } from '../bot/slack/messages.ts';
import type { Context, Lang, Requester } from '../commands/context.ts';
import { loadCatalog } from '../holdings/catalog.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
const TOTAL = Number(process.env.BURST_COMMANDS ?? 5_000);
const IN_FLIGHT = 100;
const API_DELAY_MS = 300;
const SECRET = 'burst-secret';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

export async function benchSlackBurst(): Promise<void> {
  console.log(`\n== Slack burst: ${TOTAL.toLocaleString('en')} signed commands, ${IN_FLIGHT} in flight, stand-in Web API answering in ${API_DELAY_MS} ms (time to the card at response_url) ==`);
  const catalog = await loadCatalog(RAW);
  const data = catalogSource(catalog);
  const funds = [...catalog.funds.keys()];
  if (funds.length === 0) return void console.log('No holdings found: set HOLDINGS_DIR to a folder of issuer files.');

  const sentAt = new Map<number, number>();
  const cardMs: number[] = [];
  let busy = 0;
  let apiCalls = 0;
  // One stand-in for both: response_url posts (/respond/<i>) and the Web API (/api/users.info, slow).
  const stand = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (url.startsWith('/api/')) {
        apiCalls++;
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user: { id: 'U', locale: 'en-US', is_admin: false } })), API_DELAY_MS);
        return;
      }
      const i = Number(url.split('/').pop());
      const text = Buffer.concat(chunks).toString();
      if (text.includes(JSON.stringify(sm.busy()).slice(1, 30))) busy++;
      else if (sentAt.has(i)) cardMs.push(performance.now() - sentAt.get(i)!);
      res.end();
    });
  });
  await new Promise<void>((resolve) => stand.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(stand.address() as AddressInfo).port}`;

  const context = (lang: Lang, requester?: Requester): Context => ({ lang, requester: requester ?? { platform: 'slack', userId: 'U', serverId: 'T', channelId: 'C', isAdmin: false }, data, now: new Date(), staleAfterDays: 30 });
  const slack = createSlackApp({
    signingSecret: SECRET,
    botToken: 'xoxb-burst-not-real',
    runtime: { data, context },
    clientOptions: { slackApiUrl: `${base}/api/` },
    isAllowedResponseUrl: (url) => url.startsWith(base),
    log: memoryLogger(),
    boltLogLevel: LogLevel.ERROR,
    chart: null,
  });
  const server = await slack.start({ port: 0, host: '127.0.0.1' });
  const port = (server!.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const post = (body: string, headers: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const r = request({ host: '127.0.0.1', port, path: SLACK_EVENTS_PATH, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      r.on('error', () => resolve(0));
      r.end(body);
    });

  let next = 0;
  let notAcked = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < TOTAL) {
        const i = next++;
        const ts = Math.floor(Date.now() / 1000);
        // 1,000 users in 20 workspaces, so users.info is asked often (its answers are cached per user).
        const body = new URLSearchParams({ team_id: `T${i % 20}`, channel_id: 'C', user_id: `U${i % 1000}`, command: '/hhi', text: funds[i % funds.length]!, response_url: `${base}/respond/${i}`, trigger_id: `b.${i}` }).toString();
        const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
        sentAt.set(i, performance.now());
        const status = await post(body, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature });
        if (status !== 200) notAcked++;
      }
    }),
  );
  await slack.drained();
  const seconds = (performance.now() - start) / 1000;
  await slack.stop();
  agent.destroy();
  await new Promise<void>((resolve) => stand.close(() => resolve()));

  cardMs.sort((a, b) => a - b);
  const answered = cardMs.length / TOTAL;
  const p99 = pct(cardMs, 0.99);
  const met = answered >= 0.99 && p99 < 5_000;
  console.log(
    `cards ${cardMs.length}/${TOTAL} (${(answered * 100).toFixed(1)}%), busy ${busy}, not acknowledged ${notAcked} | time to card p50 ${pct(cardMs, 0.5).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${(cardMs.at(-1) ?? 0).toFixed(0)} ms | ` +
      `users.info calls ${apiCalls} | ${seconds.toFixed(1)} s in all | target ≥ 99% and p99 < 5 s: ${met ? 'met' : 'MISSED'} | load avg ${loadavg()[0]!.toFixed(1)}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await benchSlackBurst();
