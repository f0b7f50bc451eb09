/**
 * Slack under a burst: 5,000 signed slash commands, 100 in flight, each timed from sending it to
 * its card arriving at the response_url, with a stand-in Slack Web API (users.info) that takes
 * 300 ms to answer. Target: ≥ 99% answered with a card (not "busy"), p99 time to the card < 5 s.
 *
 * Two processes, as in production where Slack is another machine: this one runs the bot alone;
 * a forked child runs the load (HMAC signing, the HTTP client) and the stand-in Slack (the
 * response_url receiver and the slow users.info), over real HTTP on loopback. Both clocks are the
 * child's, which sends each command and receives its card. Charts off (their cost is
 * bench/charts.ts). Called from bench/run.ts; alone: `npx tsx bench/slack-burst.ts`
 * (BURST_COMMANDS to shorten).
 */
import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Context, Lang, Requester } from '../commands/context.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
const TOTAL = Number(process.env.BURST_COMMANDS ?? 5_000);
const IN_FLIGHT = 100;
const API_DELAY_MS = 300;
const SECRET = 'burst-secret';
/** The busy text's opening, as the child recognises a "try again" reply (sent by the parent, which knows the bot's wording). */
type Go = { port: number; funds: string[]; busyMark: string };
type Result = { cardMs: number[]; firstTenthP50: number; lastTenthP50: number; busy: number; notAcked: number; apiCalls: number; seconds: number; cpuSeconds: number };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

/** Child: the stand-in Slack (response_url and a slow users.info) and the load generator. */
async function loadAndStandIn(): Promise<void> {
  const cpuStart = process.cpuUsage();
  const sentAt = new Float64Array(TOTAL);
  const cardMs: number[] = [];
  let busy = 0;
  let apiCalls = 0;
  let lastCard = 0;
  const byOrder = new Float64Array(TOTAL).fill(Number.NaN);
  let busyMark = '\u0000';
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
      if (text.includes(busyMark)) busy++;
      else if (i >= 0 && i < TOTAL) {
        lastCard = performance.now();
        cardMs.push(lastCard - sentAt[i]!);
        byOrder[i] = lastCard - sentAt[i]!;
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => stand.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(stand.address() as AddressInfo).port}`;
  process.send!({ base });
  const go = await new Promise<Go>((resolve) => process.once('message', (m) => resolve(m as Go)));
  busyMark = go.busyMark;

  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const post = (body: string, headers: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const r = request({ host: '127.0.0.1', port: go.port, path: '/slack/events', method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
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
        const body = new URLSearchParams({ team_id: `T${i % 20}`, channel_id: 'C', user_id: `U${i % 1000}`, command: '/hhi', text: go.funds[i % go.funds.length]!, response_url: `${base}/respond/${i}`, trigger_id: `b.${i}` }).toString();
        const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
        sentAt[i] = performance.now();
        const status = await post(body, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature });
        if (status !== 200) notAcked++;
      }
    }),
  );
  // Every command was acknowledged (or refused); the parent says when the bot has posted (or given
  // up on) every card, and each post is counted here before the bot sees its answer.
  process.send!({ acked: true });
  await new Promise((resolve) => process.once('message', resolve));
  const seconds = (lastCard - start) / 1000;
  agent.destroy();
  const cpu = process.cpuUsage(cpuStart);
  // The first tenth are all new users (users.info asked for each); the last tenth wait on the backlog.
  const tenth = (from: number) => pct([...byOrder.subarray(from, from + Math.floor(TOTAL / 10))].filter((x) => !Number.isNaN(x)).sort((a, b) => a - b), 0.5);
  const result: Result = { cardMs, firstTenthP50: tenth(0), lastTenthP50: tenth(TOTAL - Math.floor(TOTAL / 10)), busy, notAcked, apiCalls, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  process.send!(result);
  stand.closeAllConnections();
  stand.close();
  process.disconnect();
}

/** Parent: the bot alone, as `npm run slack` runs it (Bolt's HTTP receiver behind the guard). */
export async function benchSlackBurst(): Promise<void> {
  console.log(`\n== Slack burst: ${TOTAL.toLocaleString('en')} signed commands, ${IN_FLIGHT} in flight, stand-in Web API answering in ${API_DELAY_MS} ms (time to the card at response_url) ==`);
  const { LogLevel } = await import('@slack/bolt');
  const { catalogSource } = await import('../bot/data-source.ts');
  const { memoryLogger } = await import('../bot/log.ts');
  const { createSlackApp } = await import('../bot/slack/app.ts');
  const { sm } = await import('../bot/slack/messages.ts');
  const { loadCatalog } = await import('../holdings/catalog.ts');
  const catalog = await loadCatalog(RAW);
  const data = catalogSource(catalog);
  const funds = [...catalog.funds.keys()];
  if (funds.length === 0) return void console.log('No holdings found: set HOLDINGS_DIR to a folder of issuer files.');

  const runner = path.resolve(import.meta.dirname, '../bin/run.js');
  const child = fork(runner, [fileURLToPath(import.meta.url)], { env: { ...process.env, BURST_CLIENT: '1', BURST_COMMANDS: String(TOTAL) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: unknown[] = [];
  let wake: () => void = () => {};
  child.on('message', (m) => {
    messages.push(m);
    wake();
  });
  const nextMessage = async <T>(): Promise<T> => {
    while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return messages.shift() as T;
  };
  const { base } = await nextMessage<{ base: string }>();

  const log = memoryLogger();
  const context = (lang: Lang, requester?: Requester): Context => ({ lang, requester: requester ?? { platform: 'slack', userId: 'U', serverId: 'T', channelId: 'C', isAdmin: false }, data, now: new Date(), staleAfterDays: 30 });
  const slack = createSlackApp({
    signingSecret: SECRET,
    botToken: 'xoxb-burst-not-real',
    runtime: { data, context },
    clientOptions: { slackApiUrl: `${base}/api/` },
    isAllowedResponseUrl: (url) => url.startsWith(base),
    log,
    boltLogLevel: LogLevel.ERROR,
    chart: null,
    warmUp: true,
  });
  const server = await slack.start({ port: 0, host: '127.0.0.1' });
  const port = (server!.address() as AddressInfo).port;
  const cpuStart = process.cpuUsage();
  child.send({ port, funds, busyMark: JSON.stringify(sm.busy()).slice(1, 30) } satisfies Go);
  await nextMessage<{ acked: true }>();
  await slack.drained();
  const cpu = process.cpuUsage(cpuStart);
  child.send({ report: true });
  const r = await nextMessage<Result>();
  await slack.stop();
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));

  const cardMs = r.cardMs.sort((a, b) => a - b);
  const answered = cardMs.length / TOTAL;
  const p99 = pct(cardMs, 0.99);
  // Every command must be acknowledged with a 200: a refused ack is a miss whatever else the cards did.
  const met = answered >= 0.99 && p99 < 5_000 && r.notAcked === 0;
  console.log(
    `cards ${cardMs.length}/${TOTAL} (${(answered * 100).toFixed(1)}%), busy ${r.busy}, not acknowledged ${r.notAcked} | time to card p50 ${pct(cardMs, 0.5).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${(cardMs.at(-1) ?? 0).toFixed(0)} ms (p50 of the first tenth sent ${r.firstTenthP50.toFixed(0)} ms, of the last ${r.lastTenthP50.toFixed(0)} ms) | ` +
      `${(cardMs.length / r.seconds).toFixed(0)} cards/s, ${r.seconds.toFixed(1)} s from the first command to the last card, bot CPU ${(((cpu.user + cpu.system) / 1e3) / TOTAL).toFixed(2)} ms a command | users.info calls ${r.apiCalls} | target ≥ 99%, p99 < 5 s, every ack a 200: ${met ? 'met' : 'MISSED'} | load avg ${loadavg()[0]!.toFixed(1)}`,
  );
  // A card that never came: the bot's own account of why (a response_url post that failed or timed out, …).
  const errors = new Map<string, number>();
  for (const line of log.lines) {
    if (line.level !== 'error') continue;
    const what = line.fields.error ? `${line.message} (${String(line.fields.error).split('\n')[0]})` : line.message;
    errors.set(what, (errors.get(what) ?? 0) + 1);
  }
  if (errors.size > 0) console.log(`bot errors: ${[...errors].map(([what, n]) => `${n}× ${what}`).join('; ')}`);
  console.log(
    `processes: the bot alone in this one (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s); the load generator and the stand-in Slack in a forked child over loopback HTTP (CPU ${r.cpuSeconds.toFixed(1)} s)`,
  );
}

if (process.env.BURST_CLIENT === '1') await loadAndStandIn();
else if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await benchSlackBurst();
