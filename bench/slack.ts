/**
 * Slack adapter throughput: signed slash commands per second through the real Bolt HTTP
 * receiver on loopback, and p50/p99 from sending a request to receiving its ack. The commands
 * really run and their cards are posted to a local stand-in for response_url, so the ack
 * competes with real work, as in production. Called from bench/run.ts; never part of `npm test`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LogLevel } from '@slack/bolt';
import { catalogSource } from '../bot/data-source.ts';
import { memoryLogger } from '../bot/log.ts';
import { createSlackApp, SLACK_EVENTS_PATH } from '../bot/slack/app.ts';
import { DELIVERY_KEEP_MS } from '../bot/slack/guard.ts';
import { StoredInteractionIds } from '../store/seen-interactions.ts';
import { Store } from '../store/store.ts';
import type { Context, Lang, Requester } from '../commands/context.ts';
import { loadCatalog } from '../holdings/catalog.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
const SECRET = 'bench-signing-secret';
const TOTAL = 4_000;
const WARMUP = 300;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export async function benchSlack(): Promise<void> {
  console.log('\n== Slack: signed slash commands → ack over loopback (Bolt HTTPReceiver, a fresh trigger_id each, signed beforehand, delivery ids claimed in the store, commands run, replies to a local response_url) ==');
  const catalog = await loadCatalog(RAW);
  const data = catalogSource(catalog);
  const funds = [...catalog.funds.keys()];
  if (funds.length === 0) {
    console.log('No holdings found: set HOLDINGS_DIR to a folder of issuer files.');
    return;
  }

  let replies = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      replies++;
      res.end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const responseUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/respond`;

  const context = (lang: Lang, requester?: Requester): Context => ({
    lang,
    requester: requester ?? { platform: 'slack', userId: 'U', serverId: 'T', channelId: 'C', isAdmin: false },
    data,
    now: new Date(),
    staleAfterDays: 30,
  });
  // Delivery ids claimed in a store as `npm run slack` does (a fresh SQLite file, or DATABASE_URL).
  const dir = mkdtempSync(path.join(tmpdir(), 'topheavy-bench-slack-'));
  const store = await Store.open(process.env.DATABASE_URL ?? `file:${path.join(dir, 'bench.db')}`);
  const slack = createSlackApp({
    signingSecret: SECRET,
    sharedDeliveries: new StoredInteractionIds(store, DELIVERY_KEEP_MS),
    runtime: { data, context },
    isAllowedResponseUrl: (url) => url.startsWith('http://127.0.0.1:'),
    log: memoryLogger(),
    boltLogLevel: LogLevel.ERROR,
    // No bot token here, so every chart would add a "chart unavailable" line to the response_url
    // and the reply count below would no longer be one per command; chart cost is in bench/charts.ts.
    chart: null,
  });
  const server = await slack.start({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}${SLACK_EVENTS_PATH}`;

  for (const concurrency of [4, 16]) await measureAcks(url, responseUrl, funds, concurrency, () => replies);
  await slack.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => sink.close(() => resolve()));
}

/** One closed-loop run: `concurrency` requests in flight, each timed from send to ack. */
async function measureAcks(url: string, responseUrl: string, funds: readonly string[], concurrency: number, replies: () => number): Promise<void> {
  const before = replies();
  // Signed up front so the client's HMAC does not count against the server; each has its own trigger_id, so none is dropped as a retry.
  const ts = Math.floor(Date.now() / 1000);
  const requests = Array.from({ length: WARMUP + TOTAL }, (_, i) => {
    const body = new URLSearchParams({
      team_id: 'T0BENCH',
      channel_id: 'C0BENCH',
      user_id: `U${i % 50}`,
      command: '/hhi',
      text: funds[i % funds.length]!,
      response_url: responseUrl,
      trigger_id: `${ts}.${i}.${randomBytes(4).toString('hex')}`,
    }).toString();
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } };
  });

  // node:http with kept-alive sockets, as Slack's own senders keep connections open; undici's
  // fetch costs more CPU per request than the server does, and would measure the client instead.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const post = (req: (typeof requests)[number]) =>
    new Promise<number>((resolve, reject) => {
      const r = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      r.on('error', reject);
      r.end(req.body);
    });

  const times: number[] = [];
  let failures = 0;
  const runBatch = async (from: number, to: number, record: boolean) => {
    let next = from;
    const worker = async () => {
      while (next < to) {
        const request = requests[next++]!;
        const start = performance.now();
        const status = await post(request);
        if (record) times.push(performance.now() - start);
        if (status !== 200) failures++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };

  await runBatch(0, WARMUP, false);
  const start = performance.now();
  await runBatch(WARMUP, WARMUP + TOTAL, true);
  const seconds = (performance.now() - start) / 1000;
  const deadline = Date.now() + 30_000;
  while (replies() - before < WARMUP + TOTAL && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const allDone = (performance.now() - start) / 1000;

  times.sort((a, b) => a - b);
  const perSecond = TOTAL / seconds;
  const p50 = pct(times, 0.5);
  const p99 = pct(times, 0.99);
  // Every ack a 200 and every command's reply posted, or the rate measured something other than commands.
  const posted = replies() - before - WARMUP;
  const met = perSecond >= 1_000 && p99 < 30 && failures === 0 && posted === TOTAL;
  console.log(
    `/hhi <fund> × ${TOTAL}, ${concurrency} in flight: ${perSecond.toFixed(0)} acks/s | ack p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms | ` +
      `non-200: ${failures} | replies posted: ${posted}/${TOTAL} (${(posted / allDone).toFixed(0)}/s) | target ≥ 1,000/s, p99 < 30 ms, 0 non-200, every reply posted: ${met ? 'met' : 'MISSED'} | load avg ${loadavg()[0]!.toFixed(1)}`,
  );
  agent.destroy();
}

// `node bin/run.js bench/slack.ts` runs it alone.
if (process.argv[2]?.endsWith('bench/slack.ts')) await benchSlack();
