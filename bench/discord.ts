/**
 * Discord HTTP interactions: signed `/hhi VT` requests per second and p50/p99 latency over
 * loopback against one server process, beside the cost of the Ed25519 check alone.
 * The server runs in a child process (this file, forked with BENCH_DISCORD_SERVER=1) so the load
 * generator does not share its event loop; requests are signed in advance so signing is not
 * counted. Target: ≥ 2,000 interactions/s and p99 < 25 ms. `/hhi VT` answers carry its chart
 * (multipart, ~55 KB), drawn once and then served from the handler's cache; the time to the first
 * response with and without a chart is printed first, on the fresh process.
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startHttpServer } from '../bot/discord/http-server.ts';
import { publicKeyFromHex, publicKeyToHex, verifySignature } from '../bot/discord/verify.ts';
import { memoryLogger } from '../bot/log.ts';
import { readConfig } from '../bot/config.ts';
import { createRuntime } from '../bot/runtime.ts';
import { measure, report } from './harness.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
const CONCURRENCY = 32;
const REQUESTS = 6000;
const WARMUP = 600;

function payload(i: number, name = 'hhi', options: { name: string; type: number; value: string }[] = [{ name: 'fund', type: 3, value: 'VT' }]): string {
  const user = { id: String(100000000000000000n + BigInt(i)) };
  return JSON.stringify({
    id: String(200000000000000000n + BigInt(i)),
    application_id: '333333333333333333',
    type: 2,
    token: `token-${i}`,
    version: 1,
    guild_id: '444444444444444444',
    channel_id: '555555555555555555',
    member: { user, permissions: '0' },
    locale: 'en-US',
    data: { id: '666666666666666666', name, type: 1, options },
  });
}

/** Child: one server process on an ephemeral port, reporting the port over IPC. */
async function serve(): Promise<void> {
  const runtime = await createRuntime(readConfig({ ...process.env, HOLDINGS_DIR: RAW }));
  const running = await startHttpServer({ runtime, publicKey: process.env.BENCH_PUBLIC_KEY!, host: '127.0.0.1', port: 0, log: memoryLogger() });
  process.send?.({ port: running.port });
  process.on('disconnect', () => void running.close().then(() => process.exit(0)));
}

function post(agent: Agent, port: number, body: Buffer, headers: Record<string, string>, seen?: (contentType: string, bytes: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { ...headers, 'content-length': body.length } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        seen?.(res.headers['content-type'] ?? '', bytes);
        resolve(res.statusCode ?? 0);
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
async function firstResponses(agent: Agent, port: number, sign: (body: Buffer) => Record<string, string>): Promise<void> {
  const cases: [string, string, { name: string; type: number; value: string }[]][] = [
    ['/funds (no chart)', 'funds', []],
    ['/hhi VT, first chart in the process', 'hhi', [{ name: 'fund', type: 3, value: 'VT' }]],
    ['/hhi QQQ, chart not drawn before', 'hhi', [{ name: 'fund', type: 3, value: 'QQQ' }]],
    ['/hhi VT again, chart cached', 'hhi', [{ name: 'fund', type: 3, value: 'VT' }]],
    ['/funds again (no chart)', 'funds', []],
  ];
  for (const [i, [label, name, options]] of cases.entries()) {
    const body = Buffer.from(payload(50_000 + i, name, options));
    let kind = '';
    const start = performance.now();
    await post(agent, port, body, sign(body), (type, bytes) => (kind = `${type.split(';')[0]}, ${(bytes / 1024).toFixed(1)} KiB`));
    console.log(`${label.padEnd(44)} first response ${(performance.now() - start).toFixed(1).padStart(7)} ms  (${kind})`);
  }
}

export async function benchDiscord(): Promise<void> {
  console.log('\n## Discord HTTP interactions (loopback, one server process)');
  const keys = generateKeyPairSync('ed25519');
  const publicHex = publicKeyToHex(keys.publicKey);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const pool = Array.from({ length: 1000 }, (_, i) => {
    const body = Buffer.from(payload(i));
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), keys.privateKey).toString('hex');
    return { body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } };
  });

  const key = publicKeyFromHex(publicHex);
  const one = pool[0]!;
  report(await measure('Ed25519 check alone (node:crypto)', () => verifySignature(key, one.headers['x-signature-ed25519'], timestamp, one.body), { runs: 5000, warmup: 500 }), null);

  const runner = path.resolve(import.meta.dirname, '../bin/run.js');
  const child = fork(runner, [fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_DISCORD_SERVER: '1', BENCH_PUBLIC_KEY: publicHex }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    await firstResponses(agent, port, (body) => {
      const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), keys.privateKey).toString('hex');
      return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
    });
    const run = async (count: number, concurrency: number, times: number[] | null) => {
      let next = 0;
      let bad = 0;
      const worker = async () => {
        while (next < count) {
          const r = pool[next++ % pool.length]!;
          const start = performance.now();
          const status = await post(agent, port, r.body, r.headers);
          times?.push(performance.now() - start);
          if (status !== 200) bad++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return bad;
    };
    await run(WARMUP, CONCURRENCY, null);
    // Latency with a few requests in flight (a busy server, not a queue we built), then saturation throughput.
    for (const [label, concurrency] of [['signed /hhi VT, 4 in flight', 4], [`signed /hhi VT, ${CONCURRENCY} in flight`, CONCURRENCY]] as const) {
      const times: number[] = [];
      const start = performance.now();
      const bad = await run(REQUESTS, concurrency, times);
      const seconds = (performance.now() - start) / 1000;
      times.sort((a, b) => a - b);
      const p50 = times[Math.floor(times.length * 0.5)]!;
      const p99 = times[Math.floor(times.length * 0.99)]!;
      const perSecond = REQUESTS / seconds;
      console.log(
        `${label.padEnd(44)} p50 ${p50.toFixed(3).padStart(7)} ms  p99 ${p99.toFixed(3).padStart(7)} ms  ${perSecond.toFixed(0).padStart(8)}/s` +
          ` | non-200: ${bad} | target ≥ 2000/s and p99 < 25 ms: ${perSecond >= 2000 && p99 < 25 ? 'met' : 'MISSED'}`,
      );
    }
    agent.destroy();
  } finally {
    child.disconnect();
    child.kill();
  }
}

if (process.env.BENCH_DISCORD_SERVER === '1') await serve();
else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchDiscord();
