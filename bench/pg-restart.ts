/**
 * Signed `/hhi DAX` on the Discord HTTP server (its own process, the bot's runtime on PostgreSQL,
 * replay ids shared through the store) while PostgreSQL has its sessions terminated and then
 * restarts: p50/p99 per phase, and MISSED unless every answer is the expected 200 card. Needs
 * PostgreSQL binaries (PG_BIN) and the SEC sample filing; `npx tsx bench/pg-restart.ts` alone.
 * Requests are fresh (own id and user) and signed in advance, so signing is not counted.
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startHttpServer } from '../bot/discord/http-server.ts';
import { REPLAY_KEEP_MS } from '../bot/discord/replay.ts';
import { publicKeyToHex } from '../bot/discord/verify.ts';
import { memoryLogger } from '../bot/log.ts';
import { readConfig } from '../bot/config.ts';
import { createRuntime } from '../bot/runtime.ts';
import { parseNport } from '../holdings/parsers/nport-xml.ts';
import { StoredInteractionIds } from '../store/seen-interactions.ts';
import { Store } from '../store/store.ts';
import { HAS_PG, startPg } from '../test/store/pg.ts';

const FILING = path.resolve(import.meta.dirname, '../../shared/data/sources/sec/nport/DAX_2024-01-31_primary_doc.xml');
const IN_FLIGHT = 8;
type Phase = 'steady' | 'terminated' | 'down' | 'back';

async function serve(): Promise<void> {
  const runtime = await createRuntime(readConfig(process.env));
  const running = await startHttpServer({ runtime, publicKey: process.env.BENCH_PUBLIC_KEY!, host: '127.0.0.1', port: 0, log: memoryLogger(), sharedSeen: new StoredInteractionIds(runtime.store, REPLAY_KEEP_MS) });
  process.send?.({ port: running.port });
  process.on('disconnect', () => process.exit(0));
}

function post(agent: Agent, port: number, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { ...headers, 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function benchPgRestart(): Promise<void> {
  console.log('\n## /hhi on Discord while PostgreSQL restarts (loopback, one server process, 8 in flight)');
  if (!HAS_PG) return void console.log('skipped: no PostgreSQL binaries (set PG_BIN)');
  const cluster = await startPg();
  const holdingsDir = mkdtempSync(path.join(os.tmpdir(), 'topheavy-bench-pgr-'));
  const child = { current: null as ReturnType<typeof fork> | null };
  try {
    const url = await cluster.createDatabase();
    const store = await Store.open(url);
    const { holdings } = await parseNport(Readable.from([readFileSync(FILING, 'utf8')]), { fund: 'DAX', file: path.basename(FILING) });
    await store.importHoldings(holdings, 'dax');
    await store.close();

    const keys = generateKeyPairSync('ed25519');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signed = (i: number) => {
      const body = Buffer.from(JSON.stringify({ id: String(700000000000000000n + BigInt(i)), application_id: '1', type: 2, version: 1, guild_id: '2', channel_id: '3', member: { user: { id: String(800000000000000000n + BigInt(i)) }, permissions: '0' }, locale: 'en-US', data: { id: '4', name: 'hhi', type: 1, options: [{ name: 'fund', type: 3, value: 'DAX' }] } }));
      const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), keys.privateKey).toString('hex');
      return { body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } };
    };
    const requests = Array.from({ length: 20_000 }, (_, i) => signed(i));
    // (the last 40 are the warm-up's)

    const runner = path.resolve(import.meta.dirname, '../bin/run.js');
    // The build with clean flags, as the bot runs (see bench/discord.ts); npm run bench builds first.
    child.current = fork(runner, [fileURLToPath(import.meta.url)], {
      execArgv: [],
      env: { ...process.env, BENCH_PGR_SERVER: '1', BENCH_PUBLIC_KEY: publicKeyToHex(keys.publicKey), DATABASE_URL: url, HOLDINGS_DIR: holdingsDir, SEC_USER_AGENT: '', SYNC_SCHEDULE: 'off' },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.current!.once('message', (m) => resolve((m as { port: number }).port));
      child.current!.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    // Warm-up (first chart drawn, code compiled): not counted.
    for (let i = 0; i < 40; i++) await post(agent, port, requests[19_999 - i]!.body, requests[19_999 - i]!.headers);
    let phase: Phase = 'steady';
    let running = true;
    let next = 0;
    const times: Record<Phase, number[]> = { steady: [], terminated: [], down: [], back: [] };
    let bad = 0;
    let firstBad = '';
    const worker = async () => {
      while (running && next < requests.length - 40) {
        const r = requests[next++]!;
        const at = phase;
        const start = performance.now();
        const { status, text } = await post(agent, port, r.body, r.headers).catch((e: unknown) => ({ status: 0, text: String(e) }));
        times[at].push(performance.now() - start);
        if (status !== 200 || !text.includes('DAX') || /did not work|Error id/.test(text)) {
          bad++;
          firstBad ||= `${status} ${text.slice(0, 160)}`;
        }
      }
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const load = Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await sleep(3_000);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    await admin.end();
    phase = 'terminated';
    await sleep(2_000);
    phase = 'down';
    await cluster.stopServer();
    await sleep(3_000);
    await cluster.startServer();
    phase = 'back';
    await sleep(4_000);
    running = false;
    await load;
    agent.destroy();

    const pct = (xs: number[], q: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]! : Number.NaN);
    const all = Object.values(times).flat();
    for (const p of ['steady', 'terminated', 'down', 'back'] as const) {
      console.log(`  ${p.padEnd(11)} ${String(times[p].length).padStart(6)} answers  p50 ${pct(times[p], 0.5).toFixed(1).padStart(6)} ms  p99 ${pct(times[p], 0.99).toFixed(1).padStart(7)} ms`);
    }
    const verdict = bad === 0 && child.current.exitCode === null ? 'every answer the /hhi card (200)' : `MISSED: ${bad} answers not the /hhi card${child.current.exitCode !== null ? ', the server exited' : ''} (first: ${firstBad})`;
    console.log(`signed /hhi DAX while PostgreSQL restarts: ${all.length} answers, p50 ${pct(all, 0.5).toFixed(1)} ms, p99 ${pct(all, 0.99).toFixed(1)} ms — ${verdict}`);
  } finally {
    child.current?.kill('SIGKILL');
    cluster.stop();
    rmSync(holdingsDir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_PGR_SERVER === '1') await serve();
else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await benchPgRestart();
