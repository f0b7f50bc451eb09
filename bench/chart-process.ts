/**
 * RSS of a Discord process serving chart requests: a child process (this file, forked with
 * BENCH_CHART_CHILD=1) runs the real interaction handler with its real chart cache (bounded
 * LRU) over the real holdings, and answers REQUESTS `/hhi`, `/compare` and `/overlap` interactions
 * in English and Japanese: a few popular charts and a long tail, so the cache both hits and evicts.
 * The parent reads the child's RSS from /proc at each tenth, and the child its JS heap and external
 * memory, so native memory (RSS less those) can be told from V8's. Target: steady, < 400 MB.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogSource } from '../bot/data-source.ts';
import { createHandler } from '../bot/discord/interaction.ts';
import { tokenBucket } from '../bot/discord/rate-limit.ts';
import { memoryLogger } from '../bot/log.ts';
import type { Context, Lang, Requester } from '../commands/context.ts';
import { loadCatalog } from '../holdings/catalog.ts';

const TARGET_MB = 400;

function payload(i: number, name: string, options: { name: string; type: number; value: string }[], locale: string) {
  const user = { id: String(100000000000000000n + BigInt(i % 50)) };
  return { id: String(200000000000000000n + BigInt(i)), application_id: '333333333333333333', type: 2, token: `t${i}`, version: 1, guild_id: '444444444444444444', channel_id: '555555555555555555', member: { user, permissions: '0' }, locale, data: { id: '666666666666666666', name, type: 1, options } };
}

async function child(raw: string, requests: number): Promise<void> {
  const catalog = await loadCatalog(raw);
  const data = catalogSource(catalog);
  const funds = [...catalog.funds.keys()].sort();
  const handler = createHandler({
    context: (lang: Lang, requester: Requester): Context => ({ lang, requester, data, now: new Date(), staleAfterDays: 30 }),
    limiter: tokenBucket(1_000_000, 1_000_000),
    followUp: async () => {},
    log: memoryLogger(),
  });
  // Distinct charts: 2 languages × (hhi + compare per fund, overlap per pair) ≈ 400, against a cache of 64.
  const asks: [string, { name: string; type: number; value: string }[]][] = [];
  for (const f of funds) asks.push(['hhi', [{ name: 'fund', type: 3, value: f }]], ['compare', [{ name: 'fund', type: 3, value: f }]]);
  for (const a of funds) for (const b of funds) if (a < b) asks.push(['overlap', [{ name: 'fund1', type: 3, value: a }, { name: 'fund2', type: 3, value: b }]]);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < requests; i++) {
    // Four in five asks go to the ten most popular charts; the rest spread over the long tail.
    const popular = random() < 0.8;
    const [name, options] = asks[Math.floor(random() * (popular ? 10 : asks.length))]!;
    await handler(payload(i, name, options, random() < 0.5 ? 'en-US' : 'ja'));
    if ((i + 1) % (requests / 10) === 0) {
      // JS heap and V8-tracked external memory, to tell them from native memory (RSS minus both).
      const { heapUsed, external } = process.memoryUsage();
      process.send?.({ done: i + 1, heapUsed, external });
    }
  }
  // Alive until the parent has read this process's RSS after the last message (it kills it then):
  // exiting at once left the last reading to a process that was gone (NaN, and a MISSED line).
  await new Promise((resolve) => process.once('disconnect', resolve));
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export async function benchChartProcess(raw: string, requests: number): Promise<void> {
  console.log(`\n== a Discord process serving ${requests.toLocaleString('en')} chart requests (handler + bounded chart cache, real charts): RSS ==`);
  const runner = path.resolve(import.meta.dirname, '../bin/run.js');
  const started = performance.now();
  // Started as `npm run discord` starts a bot: node running bin/run.js, which runs the build
  // (npm run bench builds first). Not with this process's flags (fork's default): under `tsx` those
  // load tsx's hooks into the child too, which then held ~100 MB more than the bot it stands for.
  const sub = fork(runner, [fileURLToPath(import.meta.url)], { execArgv: [], env: { ...process.env, BENCH_CHART_CHILD: '1', BENCH_RAW: raw, BENCH_REQUESTS: String(requests) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const samples: string[] = [];
  const split: string[] = [];
  let last = { rss: 0, peak: 0 };
  let half = 0;
  await new Promise<void>((resolve, reject) => {
    sub.on('message', (m: { done: number; heapUsed: number; external: number }) => {
      last = rssMb(sub.pid!);
      if (m.done === requests / 2) half = last.rss;
      samples.push(`${m.done}: ${last.rss.toFixed(0)}`);
      split.push(`${(m.heapUsed / 2 ** 20).toFixed(0)}/${(m.external / 2 ** 20).toFixed(0)}`);
      if (m.done === requests) resolve();
    });
    sub.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chart child exited (${code})`))));
  });
  sub.kill();
  const steady = last.rss - half < 0.15 * half;
  console.log(`RSS MB after requests ${samples.join(', ')} (${((performance.now() - started) / 1000).toFixed(0)} s, load average ${os.loadavg()[0]!.toFixed(1)})`);
  console.log(`JS heap used / external MB at the same points ${split.join(', ')}`);
  console.log(
    `chart process RSS at the end ${last.rss.toFixed(0)} MB, peak ${last.peak.toFixed(0)} MB, second half ${last.rss >= half ? '+' : ''}${(last.rss - half).toFixed(0)} MB | target steady and < ${TARGET_MB} MB: ${steady && last.peak < TARGET_MB ? 'met' : 'MISSED'}`,
  );
}

if (process.env.BENCH_CHART_CHILD === '1') await child(process.env.BENCH_RAW!, Number(process.env.BENCH_REQUESTS));
