/**
 * Discord HTTP interactions: signed `/hhi` requests (twelve funds in two languages, see MIX) per second and p50/p99 latency over
 * loopback against one server process, beside the cost of the Ed25519 check alone. Every request
 * has its own interaction id (a repeat would be refused as a replay, 409, and measure refusals),
 * and all are signed before the timed run starts, in this process, so signing never counts
 * against the server. The server runs in a child process (this file, forked with
 * BENCH_DISCORD_SERVER=1) on a fresh SQLite file (or DATABASE_URL), with four endpoints on one
 * runtime: replay ids in this process's memory only (no cross-replica guard, the baseline), ids
 * claimed in the store one statement per interaction, and ids claimed in the store in batches
 * (what `npm run discord:http` runs), the last also with the answer cache off. Each row is sent in slices taken in turn with the other
 * rows', and the server's CPU per request is printed beside its rate. Target, on the batched store path: ≥ 2,000 interactions/s
 * and p99 < 25 ms at 32 in flight with every answer the card in time (a 200 that is not a deferral);
 * any other answer prints MISSED.
 * `/hhi` answers carry their chart (multipart, ~82 KB for VT). The first of each card is built in full (command,
 * card, chart, multipart body); every later one, until the store changes, is the handler's cached
 * answer (bot/discord/answer-cache.ts) with its bytes encoded once, while signature, timestamp,
 * replay id and rate limit are still checked per request. A fourth endpoint, production's with
 * that answer cache off, shows what every request would cost if each card were built again (a
 * first ask, another fund or options each time). The time to the first response with and without
 * a chart is printed first.
 *
 * The server is the build (dist/bench/discord.js, started through bin/run.js as the bot is, with
 * clean node flags; `npm run bench` builds first); run from stale sources it says so and judges no
 * target. The load generator shares the two cores with it, so it is kept lean: a raw keep-alive
 * client (bench/keep-alive-client.ts, ~0.07 ms of CPU an answer against Node's client's ~0.3 ms),
 * and its own garbage collected before each slice's clock starts; its CPU per request is printed.
 * BENCH_CHILD_FLAGS passes node flags to the server only (`--trace-gc`, `--cpu-prof`).
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { webhookFollowUp } from '../bot/discord/follow-up.ts';
import { startHttpServer, type RunningHttpServer } from '../bot/discord/http-server.ts';
import { tokenBucket } from '../bot/discord/rate-limit.ts';
import { REPLAY_KEEP_MS } from '../bot/discord/replay.ts';
import { publicKeyFromHex, publicKeyToHex, verifySignature } from '../bot/discord/verify.ts';
import { memoryLogger } from '../bot/log.ts';
import { readConfig } from '../bot/config.ts';
import { createRuntime } from '../bot/runtime.ts';
import { StoredInteractionIds } from '../store/seen-interactions.ts';
import { measure, report } from './harness.ts';
import { KeepAliveConnection, rawRequest } from './keep-alive-client.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
const CONCURRENCY = 32;
const REQUESTS = 6000;
const WARMUP = 600;
/** Each row's requests are sent in this many slices, taken in turn with the other rows'. */
const ROUNDS = 6;

/** One line of the table: an endpoint at a concurrency, with what its slices measured. */
interface Row {
  guard: Guard;
  concurrency: number;
  times: number[];
  answers: Map<string, number>;
  seconds: number;
  cpuUs: number;
  followUps: number;
  /** Times in the server itself (see serve()). */
  inServer: number[];
  /** The load generator's CPU (this process), printed so that a client starved of CPU is seen. */
  clientUs: number;
}
const newRow = (guard: Guard, concurrency: number): Row => ({ guard, concurrency, times: [], answers: new Map(), seconds: 0, cpuUs: 0, followUps: 0, inServer: [], clientUs: 0 });

/** The three endpoints the child serves, in the order their ports are reported. */
const GUARDS = ['memory', 'per-row', 'batched', 'uncached'] as const;
type Guard = (typeof GUARDS)[number];
const GUARD_LABEL: Record<Guard, string> = {
  memory: 'ids in memory only (baseline, no replica guard)',
  'per-row': 'ids in the store, one INSERT per interaction',
  batched: 'ids in the store, batched INSERT (production)',
  uncached: 'production, answer cache off (every card built)',
};

/**
 * What a channel asks between two imports: `/hhi` of twelve stored funds, in English and in
 * Japanese, taken in turn (24 different cards, each built once and then answered from the
 * answer cache), not one identical request, so the cache is measured as a busy server would meet it.
 */
const MIX = ['VT', 'VOO', 'QQQ', 'SPY', 'IVV', 'VTI', 'ACWI', 'SOXX', 'ARKK', 'SCHD', 'DIA', 'URTH'];
const LOCALES = ['en-US', 'ja'];
const mixed = (i: number) => ({ options: [{ name: 'fund', type: 3, value: MIX[i % MIX.length]! }], locale: LOCALES[Math.floor(i / MIX.length) % LOCALES.length]! });

function payload(i: number, name: string, options: { name: string; type: number; value: string }[], locale = 'en-US'): string {
  const user = { id: String(100000000000000000n + BigInt(i % 1000)) };
  return JSON.stringify({
    id: String(200000000000000000n + BigInt(i)),
    application_id: '333333333333333333',
    type: 2,
    token: `token-${i}`,
    version: 1,
    guild_id: '444444444444444444',
    channel_id: '555555555555555555',
    member: { user, permissions: '0' },
    locale,
    data: { id: '666666666666666666', name, type: 1, options },
  });
}

/** Child: one runtime, three endpoints (see GUARDS), ports reported over IPC. */
async function serve(): Promise<void> {
  const runtime = await createRuntime(readConfig({ ...process.env, HOLDINGS_DIR: RAW }));
  const servers: RunningHttpServer[] = [];
  for (const guard of GUARDS) {
    const sharedSeen = guard === 'memory' ? undefined : new StoredInteractionIds(runtime.store, REPLAY_KEEP_MS, guard === 'per-row' ? { maxBatch: 1 } : {});
    servers.push(
      await startHttpServer({
        runtime,
        publicKey: process.env.BENCH_PUBLIC_KEY!,
        host: '127.0.0.1',
        port: 0,
        log: memoryLogger(),
        // Deferred cards go to the parent's stand-in for Discord's webhook API; a thousand users
        // asking six times a second each are not what the per-user limit is for.
        handler: { limiter: tokenBucket(10_000, 1_000), followUp: (f) => webhookFollowUp(f, fetch, process.env.BENCH_WEBHOOK_API), ...(guard === 'uncached' ? { answers: null } : {}) },
        ...(sharedSeen ? { sharedSeen } : {}),
      }),
    );
  }
  // Time in the server, from the request's headers parsed to its last byte handed to the socket:
  // what the client sees besides this is waiting (for the event loop, the CPU, the client itself).
  const inServer: number[][] = servers.map(() => []);
  servers.forEach((running, k) =>
    running.server.prependListener('request', (_req, res) => {
      const start = performance.now();
      res.on('finish', () => inServer[k]!.push(performance.now() - start));
    }),
  );
  process.send?.({ ports: servers.map((s) => s.port), built: import.meta.url.includes('/dist/') });
  // The parent asks for this process's CPU time around each run (CPU per request holds still on a
  // shared machine where wall-clock rates follow everyone else's load) and the times in the server.
  process.on('message', (m) => {
    if (!(m as { cpu?: boolean }).cpu) return;
    process.send?.({ cpuUs: process.cpuUsage().user + process.cpuUsage().system, inServer: inServer.map((times) => times.splice(0)) });
  });
  process.on('disconnect', () => void Promise.all(servers.map((s) => s.close())).then(() => runtime.close()).then(() => process.exit(0)));
}

interface Answer {
  status: number;
  /** A card (JSON type 4, or multipart: a card with its chart), a deferral (type 5), or something else. */
  kind: 'card' | 'deferred' | 'other';
}

/** The callback type is the first field of the JSON (or of payload_json in a multipart answer): a card (4) or a deferral (5). */
const kindOf = (first: string): Answer['kind'] => (/"type":\s*4\b/.test(first) ? 'card' : /"type":\s*5\b/.test(first) ? 'deferred' : 'other');

function post(agent: Agent, port: number, body: Buffer, headers: Record<string, string>, seen?: (contentType: string, bytes: number) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { ...headers, 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (chunks.length < 1) chunks.push(chunk);
      });
      res.on('end', () => {
        const type = res.headers['content-type'] ?? '';
        seen?.(type, bytes);
        resolve({ status: res.statusCode ?? 0, kind: kindOf(Buffer.concat(chunks).toString('utf8', 0, 400)) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Time to the first response, one request at a time on a fresh server process: a card without a
 * chart, the first chart (charts module, fonts and render), a chart not drawn before (render
 * only), and one drawn before (cached).
 */
async function firstResponses(agent: Agent, port: number, signed: (body: Buffer) => Record<string, string>): Promise<void> {
  const cases: [string, string, { name: string; type: number; value: string }[]][] = [
    ['/funds (no chart)', 'funds', []],
    ['/hhi VT, first chart in the process', 'hhi', [{ name: 'fund', type: 3, value: 'VT' }]],
    ['/hhi QQQ, chart not drawn before', 'hhi', [{ name: 'fund', type: 3, value: 'QQQ' }]],
    ['/hhi VT again, chart cached', 'hhi', [{ name: 'fund', type: 3, value: 'VT' }]],
    ['/funds again (no chart)', 'funds', []],
  ];
  for (const [i, [label, name, options]] of cases.entries()) {
    const body = Buffer.from(payload(9_000_000 + i, name, options));
    let kind = '';
    const start = performance.now();
    await post(agent, port, body, signed(body), (type, bytes) => (kind = `${type.split(';')[0]}, ${(bytes / 1024).toFixed(1)} KiB`));
    console.log(`${label.padEnd(44)} first response ${(performance.now() - start).toFixed(1).padStart(7)} ms  (${kind})`);
  }
}

/** Signed requests with interaction ids `from`…`from + count - 1`, each id used once in the whole bench. */
function signedRequests(privateKey: KeyObject, from: number, count: number): { body: Buffer; headers: Record<string, string> }[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const { options, locale } = mixed(from + i);
    const body = Buffer.from(payload(from + i, 'hhi', options, locale));
    return { body, headers: signedHeaders(privateKey, timestamp, body) };
  });
}

function signedHeaders(privateKey: KeyObject, timestamp: string, body: Buffer): Record<string, string> {
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

/** This process's full garbage collection (V8's `gc`, reached without starting node with --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function benchDiscord(): Promise<void> {
  const collectGarbage = collector();
  console.log('\n## Discord HTTP interactions (loopback, one server process, a fresh interaction id per request, signed beforehand)');
  const keys = generateKeyPairSync('ed25519');
  const publicHex = publicKeyToHex(keys.publicKey);
  const key = publicKeyFromHex(publicHex);
  const [one] = signedRequests(keys.privateKey, 0, 1);
  report(await measure('Ed25519 check alone (node:crypto)', () => verifySignature(key, one!.headers['x-signature-ed25519']!, one!.headers['x-signature-timestamp']!, one!.body), { runs: 5000, warmup: 500 }), null);

  let followUps = 0;
  const hook = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      followUps++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const runner = path.resolve(import.meta.dirname, '../bin/run.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'topheavy-bench-discord-'));
  const databaseUrl = process.env.DATABASE_URL ?? `file:${path.join(dir, 'bench.db')}`;
  // Started as `npm run discord:http` starts the bot: bin/run.js running the build (npm run bench
  // builds first), with clean flags: fork's default would load this process's tsx hooks too.
  const child = fork(runner, [fileURLToPath(import.meta.url)], { execArgv: (process.env.BENCH_CHILD_FLAGS ?? '').split(' ').filter(Boolean), env: { ...process.env, HOLDINGS_DIR: RAW, DATABASE_URL: databaseUrl, BENCH_DISCORD_SERVER: '1', BENCH_PUBLIC_KEY: publicHex, BENCH_WEBHOOK_API: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api` }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const { ports, built } = await new Promise<{ ports: number[]; built: boolean }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { ports: number[]; built: boolean }));
      child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    });
    // The bot runs the build; the sources through tsx hold every module's text and source map too,
    // a larger heap whose collections lengthen the tail. Said, so a row is never read as the bot's when it is not.
    console.log(built ? 'server: the build in dist/, as `npm run discord:http` runs it' : 'server: the TypeScript sources through tsx (dist/ is missing or stale: `npm run build`), NOT what the bot runs; the target is not judged');
    const portOf = (guard: Guard) => ports[GUARDS.indexOf(guard)]!;
    const serverCpuUs = () =>
      new Promise<{ cpuUs: number; inServer: number[][] }>((resolve) => {
        const on = (m: unknown) => {
          if (typeof (m as { cpuUs?: unknown }).cpuUs !== 'number') return;
          child.off('message', on);
          resolve(m as { cpuUs: number; inServer: number[][] });
        };
        child.on('message', on);
        child.send({ cpu: true });
      });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const timestamp = () => String(Math.floor(Date.now() / 1000));
    await firstResponses(agent, portOf('batched'), (body) => signedHeaders(keys.privateKey, timestamp(), body));
    let nextId = 1;
    // The timed requests go through a lean keep-alive client (bench/keep-alive-client.ts): Node's own
    // took ~0.3 ms of CPU per 82 KB answer, most of the core the server shares the machine with.
    const connections = new Map<number, KeepAliveConnection[]>();
    const connectionsTo = (port: number) => connections.get(port) ?? connections.set(port, Array.from({ length: CONCURRENCY }, () => new KeepAliveConnection('127.0.0.1', port))).get(port)!;
    /** One slice of a row: `count` requests, `concurrency` in flight, each with an id never sent before, signed before the clock starts. */
    const slice = async (row: Row, port: number, count: number, concurrency: number) => {
      const requests = signedRequests(keys.privateKey, nextId, count).map((r) => rawRequest('127.0.0.1', port, '/', r.headers, r.body));
      nextId += count;
      let next = 0;
      const pool = connectionsTo(port);
      const worker = async (k: number) => {
        while (next < count) {
          const r = requests[next++]!;
          const start = performance.now();
          const answer = await pool[k]!.send(r);
          row.times.push(performance.now() - start);
          const label = answer.status === 200 ? kindOf(answer.start) : String(answer.status);
          row.answers.set(label, (row.answers.get(label) ?? 0) + 1);
        }
      };
      // The client's own garbage (the slice's signed requests, the last slice's answers) is
      // collected before the clock starts: a pause of the load generator would count against the server.
      collectGarbage();
      const cpuBefore = (await serverCpuUs()).cpuUs;
      const mine = process.cpuUsage();
      const followUpsBefore = followUps;
      const start = performance.now();
      await Promise.all(Array.from({ length: concurrency }, (_, k) => worker(k)));
      row.seconds += (performance.now() - start) / 1000;
      const used = process.cpuUsage(mine);
      row.clientUs += used.user + used.system;
      const after = await serverCpuUs();
      row.cpuUs += after.cpuUs - cpuBefore;
      row.inServer.push(...after.inServer[GUARDS.indexOf(row.guard)]!);
      row.followUps += followUps - followUpsBefore;
    };
    for (const guard of GUARDS) await slice(newRow(guard, CONCURRENCY), portOf(guard), WARMUP, CONCURRENCY);
    // Warm-up's first asks draw their charts late and send them as edits: let those arrive before
    // the clock starts, or the first timed slice pays for them.
    for (let before = -1; before !== followUps; ) {
      before = followUps;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // Each row is measured in ROUNDS slices taken in turn with the others, so all rows meet the same
    // load on a shared machine: the store guard's cost is the gap to the baseline row.
    const rows: Row[] = [newRow('memory', CONCURRENCY), newRow('per-row', CONCURRENCY), newRow('batched', 4), newRow('batched', CONCURRENCY), newRow('uncached', CONCURRENCY)];
    for (let round = 0; round < ROUNDS; round++) for (const row of rows) await slice(row, portOf(row.guard), REQUESTS / ROUNDS, row.concurrency);
    for (const row of rows) {
      const count = row.times.length;
      const times = row.times.sort((a, b) => a - b);
      const p50 = times[Math.floor(count * 0.5)]!;
      const p99 = times[Math.floor(count * 0.99)]!;
      const perSecond = count / row.seconds;
      const cpuMs = row.cpuUs / 1000 / count;
      const inServer = row.inServer.sort((a, b) => a - b);
      const at = (xs: number[], q: number) => xs[Math.floor(xs.length * q)] ?? NaN;
      const non200 = count - (row.answers.get('card') ?? 0) - (row.answers.get('deferred') ?? 0) - (row.answers.get('other') ?? 0);
      // A deferral is a 200 whose card came later by follow-up: not an answer in time.
      const met = built && perSecond >= 2000 && p99 < 25 && non200 === 0 && !row.answers.has('deferred');
      const label = `${GUARD_LABEL[row.guard]}, ${row.concurrency} in flight`;
      console.log(
        `signed /hhi, 12 funds × en/ja: ${label.padEnd(62)} p50 ${p50.toFixed(3).padStart(7)} ms  p99 ${p99.toFixed(3).padStart(7)} ms  ${perSecond.toFixed(0).padStart(6)}/s` +
          ` | server CPU ${cpuMs.toFixed(3)} ms a request (${(1000 / cpuMs).toFixed(0)}/s a free core)` +
          ` | client CPU ${(row.clientUs / 1000 / count).toFixed(3)} ms a request` +
          ` | in the server p50 ${at(inServer, 0.5).toFixed(1)} ms, p99 ${at(inServer, 0.99).toFixed(1)} ms` +
          ` | answers ${JSON.stringify(Object.fromEntries(row.answers))}, follow-ups ${row.followUps}, non-200: ${non200}` +
          (row.guard === 'batched' && row.concurrency === CONCURRENCY ? ` | target ≥ 2000/s, p99 < 25 ms, every answer the card: ${met ? 'met' : 'MISSED'}` : non200 > 0 ? ' | MISSED: answers other than 200' : '') +
          ` | load avg ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    agent.destroy();
    for (const pool of connections.values()) for (const connection of pool) connection.close();
  } finally {
    child.disconnect();
    child.kill();
    hook.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_DISCORD_SERVER === '1') await serve();
else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchDiscord();
