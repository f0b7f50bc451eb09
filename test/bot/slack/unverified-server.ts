/**
 * A Slack HTTP server in a process of its own, for the unverified-bytes test: its RSS is its own.
 * Prints `port N` when listening; every 10 ms it samples RSS and keeps the peak. On a line
 * `report` from stdin it prints `{"rss":…,"peak":…}` in MB and resets the peak to the current RSS.
 * Argument: the unverified-bytes budget (0: the default).
 */
import { createInterface } from 'node:readline';
import { LogLevel } from '@slack/bolt';
import { memoryLogger } from '../../../bot/log.ts';
import { createSlackApp } from '../../../bot/slack/app.ts';
import type { Context } from '../../../commands/context.ts';
import { SECRET } from './support.ts';

const budget = Number(process.argv[2] ?? 0);
const context = (lang: 'en' | 'ja') => ({ lang }) as unknown as Context;
const slack = createSlackApp({
  signingSecret: SECRET,
  runtime: { data: {} as never, context },
  run: async () => ({ lang: 'en', title: 'ok', tone: 'info', summary: 'ok', sources: [] }),
  chart: null,
  log: memoryLogger(),
  boltLogLevel: LogLevel.ERROR,
  ...(budget > 0 ? { maxUnverifiedBytes: budget } : {}),
});
const server = await slack.start({ port: 0, host: '127.0.0.1' });
const mb = () => process.memoryUsage().rss / 1024 / 1024;
let peak = mb();
setInterval(() => (peak = Math.max(peak, mb())), 10).unref();
process.stdout.write(`port ${(server!.address() as { port: number }).port}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'gc') return void (globalThis as { gc?: () => void }).gc?.();
  if (line.trim() !== 'report') return;
  const rss = mb();
  const m = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ rss: Math.round(rss), peak: Math.round(Math.max(peak, rss)), heap: Math.round(m.heapUsed / 1048576), external: Math.round(m.external / 1048576) })}\n`);
  peak = rss;
});
process.stdin.on('end', () => void slack.stop().then(() => process.exit(0)));
