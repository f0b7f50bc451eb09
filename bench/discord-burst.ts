/**
 * Discord cold burst: a fresh server process (forked, real runtime over HOLDINGS_DIR, charts on,
 * warmed before it listens as `npm run discord:http` is)
 * hit by 200 signed commands at once; each timed from sending to its HTTP answer (a card, or a
 * deferral whose card follows by webhook). Target: none past Discord's 3 s. Follow-ups go to a
 * local stand-in webhook, never to Discord. Called from bench/run.ts.
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
const BURST = 200;

/** Child: a fresh process, as after a deploy; follow-ups to the parent's stand-in webhook. */
async function serve(): Promise<void> {
  const { startHttpServer } = await import('../bot/discord/http-server.ts');
  const { createRuntime } = await import('../bot/runtime.ts');
  const { readConfig } = await import('../bot/config.ts');
  const { memoryLogger } = await import('../bot/log.ts');
  const { tokenBucket } = await import('../bot/discord/rate-limit.ts');
  const runtime = await createRuntime(readConfig({ ...process.env, HOLDINGS_DIR: RAW, DATABASE_URL: 'file::memory:' }));
  const hook = process.env.BURST_WEBHOOK!;
  const running = await startHttpServer({
    runtime,
    publicKey: process.env.BURST_PUBLIC_KEY!,
    host: '127.0.0.1',
    port: 0,
    log: memoryLogger(),
    warmUp: true,
    handler: { limiter: tokenBucket(10_000, 1_000), followUp: async () => void (await fetch(hook, { method: 'POST', body: '{}' })) },
  });
  process.send?.({ port: running.port });
  process.on('disconnect', () => void running.close().then(() => process.exit(0)));
}

export async function benchDiscordBurst(): Promise<void> {
  console.log(`\n== Discord cold burst: ${BURST} signed commands at once on a fresh process (time to the HTTP answer; Discord allows 3 s) ==`);
  let followUps = 0;
  const hook = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      followUps++;
      res.end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const keys = generateKeyPairSync('ed25519');
  const publicHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  const runner = path.resolve(import.meta.dirname, '../bin/run.js');
  // The build with clean flags, as the bot runs (see bench/discord.ts); npm run bench builds first.
  const child = fork(runner, [fileURLToPath(import.meta.url)], {
    execArgv: [],
    env: { ...process.env, HOLDINGS_DIR: RAW, BURST_SERVER: '1', BURST_PUBLIC_KEY: publicHex, BURST_WEBHOOK: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  const funds = ['VT', 'VOO', 'QQQ', 'SPY', 'IVV', 'VTI', 'SOXX', 'ACWI'];
  const commands = ['hhi', 'overlap', 'compare', 'history', 'funds'];
  const agent = new Agent({ keepAlive: true, maxSockets: BURST });
  const times: number[] = [];
  const types: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: BURST }, (_, i) => {
      const name = commands[i % commands.length]!;
      const options = name === 'overlap' ? [{ name: 'fund1', type: 3, value: funds[i % 8] }, { name: 'fund2', type: 3, value: funds[(i + 1) % 8] }] : name === 'funds' ? [] : [{ name: 'fund', type: 3, value: funds[i % 8] }];
      const body = JSON.stringify({ id: String(9n * 10n ** 17n + BigInt(i)), application_id: '3', type: 2, token: `t${i}`, version: 1, guild_id: '4', channel_id: '5', member: { user: { id: String(i) }, permissions: '0' }, locale: 'en-US', data: { id: '6', name, type: 1, options } });
      const ts = String(Math.floor(Date.now() / 1000));
      const headers = { 'content-type': 'application/json', 'x-signature-ed25519': sign(null, Buffer.from(ts + body), keys.privateKey).toString('hex'), 'x-signature-timestamp': ts, 'content-length': String(Buffer.byteLength(body)) };
      const start = performance.now();
      return new Promise<void>((resolve) => {
        const r = request({ host: '127.0.0.1', port, path: '/', method: 'POST', agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            times.push(performance.now() - start);
            const type =
              res.statusCode !== 200
                ? `HTTP ${res.statusCode}`
                : /^application\/json/.test(res.headers['content-type'] ?? '')
                  ? String((JSON.parse(Buffer.concat(chunks).toString()) as { type?: number }).type)
                  : 'multipart card';
            types[type] = (types[type] ?? 0) + 1;
            resolve();
          });
        });
        r.on('error', () => {
          times.push(Number.POSITIVE_INFINITY);
          resolve();
        });
        r.end(body);
      });
    }),
  );
  const deferred = types['5'] ?? 0;
  const deadline = Date.now() + 60_000;
  while (followUps < deferred && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  times.sort((a, b) => a - b);
  const late = times.filter((t) => t > 3_000).length;
  // Every answer a 200 carrying a card (4, or multipart with its chart) or a deferral (5) whose card
  // came by webhook (a card sent before its chart adds one more webhook call, for the chart).
  const expected = (types['4'] ?? 0) + (types['multipart card'] ?? 0) + deferred;
  const met = late === 0 && expected === BURST && followUps >= deferred;
  console.log(
    `${BURST} at once: p50 ${times[BURST / 2]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms, past 3 s: ${late} | answers ${JSON.stringify(types)} (4 = card, 5 = deferred), follow-ups ${followUps}/${deferred} | target none past 3 s, every answer a card or a deferral: ${met ? 'met' : 'MISSED'} | load avg ${loadavg()[0]!.toFixed(1)}`,
  );
  agent.destroy();
  child.disconnect();
  await new Promise((r) => child.once('exit', r));
  await new Promise<void>((resolve) => hook.close(() => resolve()));
}

if (process.env.BURST_SERVER === '1') await serve();
else if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await benchDiscordBurst();
