/**
 * npm run bench — per-operation times (p50/p99), throughput and RSS for parsing, reports and
 * commands, each beside a naive baseline measured in the same run. Never part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { dispatch } from '../bot/dispatch.ts';
import { catalogSource } from '../bot/data-source.ts';
import { memoryLogger } from '../bot/log.ts';
import { computeConcentration } from '../commands/concentration.ts';
import { CONSOLE_USER, type Context } from '../commands/context.ts';
import { pairOverlap } from '../commands/overlap-data.ts';
import { loadCatalog } from '../holdings/catalog.ts';
import { readDoc } from '../holdings/doc.ts';
import { compactTicker, matchUncached } from '../holdings/identity.ts';
import { detectParser } from '../holdings/parsers/index.ts';
import type { Holdings } from '../holdings/types.ts';
import { benchFirstAsk } from './first-ask.ts';
import { benchReader } from './reader.ts';
import { measure, report, rss } from './harness.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
/** `npm run bench -- --quick`: start-up, the first-ask report, and the chart process with fewer requests; the rest is skipped. */
const QUICK = process.argv.includes('--quick');

async function main(): Promise<void> {
  console.log(`topheavy bench — node ${process.version}, holdings from ${RAW}\n`);
  const catalog = await loadCatalog(RAW);
  if (catalog.funds.size === 0) {
    console.log('No holdings found: set HOLDINGS_DIR to a folder of issuer files.');
    return;
  }

  console.log('== parse (read + detect + parse + validate), baseline: csv-parse of the same bytes with no validation ==');
  for (const fund of QUICK ? [] : [...catalog.funds.keys()].sort()) {
    const folder = path.join(RAW, fund);
    for (const file of (await readdir(folder)).sort()) {
      const bytes = await readFile(path.join(folder, file));
      const runs = bytes.length > 500_000 ? 30 : 60;
      const ours = await measure(`parse ${fund}/${file}`.slice(0, 44), async () => {
        const doc = await readDoc(file, bytes);
        return detectParser(doc).parse(doc, fund);
      }, { runs, warmup: 5 });
      const text = !file.endsWith('.xlsx');
      const baseline = text
        ? await measure('csv-parse only', () => parseCsv(bytes.toString('utf8'), { relax_column_count: true, relax_quotes: true }), { runs, warmup: 5 })
        : null;
      report(ours, baseline, fund === 'VT' ? { ms: 150 } : undefined);
    }
  }

  console.log('\n== the one table reader (Vanguard profile, column meaning) against the old Vanguard parser in the same run, on the largest real file ==');
  await benchReader(RAW);

  const vt = catalog.funds.get('VT')?.holdings;
  const vti = catalog.funds.get('VTI')?.holdings;
  if (vt && vti) {
    console.log('\n== analytics on VT (10,027 names) and VT × VTI ==');
    report(
      await measure('hhi report + sectors + countries, VT', () => computeConcentration(vt), { runs: 500 }),
      await measure('naive: sort copies, Map per call', () => naiveReport(vt), { runs: 500 }),
      { ms: 1 },
    );
    await benchFirstAsk(catalog);
    report(
      await measure('overlap VT × VTI (match + Σ min, no memo)', () => pairOverlap(vt, vti, 10, matchUncached(vt, vti)), { runs: 300 }),
      await measure('naive: Map of tickers built per call', () => naiveOverlap(vt, vti), { runs: 300 }),
      { ms: 3 },
    );
  }

  console.log('\n== commands through the dispatcher (after warm-up: per-snapshot arrays and pair matches are memoised) ==');
  const ctx: Context = { lang: 'en', requester: CONSOLE_USER, data: catalogSource(catalog), now: new Date(), staleAfterDays: 30 };
  const log = memoryLogger();
  if (QUICK) return;
  const five = ['VT', 'VTI', 'QQQ', 'SOXX', 'IVV'].filter((f) => catalog.funds.has(f));
  for (const [command, text] of [
    ['hhi', 'VT'],
    ['overlap', 'VT VTI'],
    ['compare', 'VT'],
    ['stress', 'VT NVDA -17%'],
    ['loop', ''],
    ['funds', ''],
    ['portfolio', `"${five.map((f) => `${f} ${100 / five.length}`).join(', ')}"`],
  ] as const) {
    report(await measure(`/${command} ${text}`.slice(0, 44), () => dispatch({ command, text }, ctx, log), { runs: 200, warmup: 20 }), null, { ms: 5 });
  }
  console.log(`\nRSS after the run: ${rss()}`);
}

/** The obvious way: copy, sort, sum, and group sectors in a fresh object. */
function naiveReport(h: Holdings): unknown {
  const sorted = [...h.positions].sort((a, b) => b.weight - a.weight);
  const hhi = sorted.reduce((s, p) => s + p.weight ** 2, 0);
  const sectors: Record<string, number> = {};
  const countries: Record<string, number> = {};
  for (const p of sorted) {
    sectors[p.sector ?? 'Unknown'] = (sectors[p.sector ?? 'Unknown'] ?? 0) + p.weight;
    countries[p.country ?? 'Unknown'] = (countries[p.country ?? 'Unknown'] ?? 0) + p.weight;
  }
  return { hhi, top10: sorted.slice(0, 10).reduce((s, p) => s + p.weight, 0), sectors, countries };
}

/** The obvious way: a Map of compact tickers, rebuilt on every call, no cross-issuer identity. */
function naiveOverlap(a: Holdings, b: Holdings): number {
  const wb = new Map(b.positions.map((p) => [compactTicker(p.ticker), p.weight]));
  let sum = 0;
  for (const p of a.positions) {
    const w = wb.get(compactTicker(p.ticker));
    if (w !== undefined) sum += Math.min(w, p.weight);
  }
  return sum;
}

/**
 * A section run in a fresh process (this one's flags, so tsx still loads it): by then this process
 * holds every earlier section's data, and its collections would pause a load generator or a
 * renderer measured here (the Discord p99 went from 17-24 ms alone to 30 ms after the earlier sections).
 */
function inFreshProcess(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, path.join(import.meta.dirname, file)], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`))));
  });
}

await (await import('./startup.ts')).benchStartup(RAW, QUICK ? 3 : 7);
await main();
// Each surface's own section: the store backends, Discord and Slack over loopback, charts.
for (const [title, run] of [
  ['fund directory search', async () => (await import('./directory.ts')).benchDirectory()],
  ['store (SQLite and PostgreSQL)', async () => (await import('./store.ts')).benchStore()],
  ['Discord interactions', () => inFreshProcess('discord.ts')],
  ['Discord /hhi while PostgreSQL restarts', async () => (await import('./pg-restart.ts')).benchPgRestart()],
  ['Slack slash commands', async () => (await import('./slack.ts')).benchSlack()],
  ['charts', () => inFreshProcess('charts.ts')],
  ['on-demand fetch and SEC N-PORT', async () => (await import('./fetch.ts')).benchFetch()],
  ['N-PORT archive backfill', async () => (await import('./backfill.ts')).benchBackfill()],
  ['Slack burst (hardening)', async () => (await import('./slack-burst.ts')).benchSlackBurst()],
  ['Discord cold burst (hardening)', async () => (await import('./discord-burst.ts')).benchDiscordBurst()],
  // Bounded to 45 s per surface here; `npx tsx bench/fuzz.ts` is the full 100,000-per-surface run, whose summary is printed after.
  ['fuzz (hardening)', async () => void (await import('./fuzz.ts')).benchFuzz({ seconds: Number(process.env.FUZZ_SECONDS ?? 45) })],
] as const) {
  if (QUICK) continue;
  console.log(`\n== ${title} ==`);
  await run();
}
{
  const fuzz = await import('./fuzz.ts');
  // --quick still fuzzes every surface, with a small count, and says so.
  if (QUICK) {
    console.log('\n== fuzz (hardening), --quick: 1,000 cases per surface; `npx tsx bench/fuzz.ts` runs 100,000 ==');
    await fuzz.benchFuzz({ cases: 1_000 });
  }
  const last = await fuzz.lastFullRun();
  console.log(`\n== fuzz: the last full run (npx tsx bench/fuzz.ts) on this machine ==\n${last?.trimEnd() ?? 'none yet: run npx tsx bench/fuzz.ts (about 15 minutes on 2 busy cores)'}`);
}
await (await import('./chart-process.ts')).benchChartProcess(RAW, QUICK ? 2_000 : 10_000);
console.log(`\nRSS of this process at the end: ${rss()}`);
