/**
 * The long fuzz run: hostile and odd commands, signed, through the real Discord and Slack servers
 * on loopback, and typed into the real console chat, counting internal errors (a command that
 * crashed and answered "something went wrong") and server errors. Inputs come from each command's
 * own schema (test/support/fuzz.ts, the generator of the CI fuzz test), seeded. Bounded in count
 * (FUZZ_CASES per surface, default 100,000) and time (FUZZ_SECONDS per surface, default 900; 45 in
 * npm run bench): the summary says which bound ended the run. Charts are off (their cost is
 * bench/charts.ts); loopback only. Run on its own, it keeps its summary in data/fuzz-summary.txt,
 * which `npm run bench` prints beside its own shorter run.
 *   npx tsx bench/fuzz.ts            (or, shorter, as part of npm run bench)
 */
import { generateKeyPairSync, createHmac, sign } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { LogLevel } from '@slack/bolt';
import { catalogSource } from '../bot/data-source.ts';
import { startHttpServer } from '../bot/discord/http-server.ts';
import { discordOptions } from '../bot/discord/options.ts';
import { tokenBucket } from '../bot/discord/rate-limit.ts';
import { dispatch, type Invocation } from '../bot/dispatch.ts';
import { memoryLogger } from '../bot/log.ts';
import { createSlackApp, SLACK_EVENTS_PATH } from '../bot/slack/app.ts';
import { startChat } from '../bot/console/chat.ts';
import { CONSOLE_USER, type Context, type Lang, type Requester } from '../commands/context.ts';
import type { Command } from '../commands/define.ts';
import { COMMANDS } from '../commands/registry.ts';
import type { View } from '../commands/view.ts';
import { loadCatalog } from '../holdings/catalog.ts';
import { textFor } from '../test/support/fuzz.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
/** Standalone: the full run, 100,000 per surface, at most 15 minutes each. `npm run bench` passes its own, shorter time bound. */
let CASES = Number(process.env.FUZZ_CASES ?? 100_000);
let SECONDS = Number(process.env.FUZZ_SECONDS ?? 900);
const IN_FLIGHT = 32;
const SEED = 20261127;
/** Where a standalone run keeps its summary for `npm run bench` to print. */
export const SUMMARY_FILE = path.resolve(import.meta.dirname, '../data/fuzz-summary.txt');
/** Lines typed into the console chat per round trip (a marker line after them says when they are done). */
const CONSOLE_BATCH = 50;

interface Tally {
  /** HTTP statuses other than 200, by status: 400 is a payload that is not an interaction at all (a forged shape). */
  statuses: Record<number, number>;
  sent: number;
  answered: number;
  internal: number;
  serverErrors: number;
  examples: string[];
}

const isCrash = (view: View) => (view.data as { error?: { code?: string } } | undefined)?.error?.code === 'unexpected';

/** Values per Discord option type: in range, at and past the bounds, and text where a number belongs. */
const odd = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('a\nb', '"', '@everyone', '<@1>', 'x'.repeat(300), '日本語', '🦄', '', ' ', 'VT', 'QQQ', 'SPY', 'VT 1e308, QQQ 1e308', 'NVDA -17%', '60/40'),
);
const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -1, 60, 61, 1e308, -1e308, 5e-324, 2 ** 53));
const TYPE = { string: 3, integer: 4, boolean: 5, number: 10, attachment: 11 } as const;

function optionValue(type: number): fc.Arbitrary<unknown> {
  if (type === 10 || type === 4) return fc.oneof({ weight: 5, arbitrary: num }, { weight: 1, arbitrary: odd });
  if (type === 5) return fc.oneof(fc.boolean(), odd);
  return odd;
}

function discordCase(command: Command): fc.Arbitrary<unknown> {
  const specs = discordOptions(command)
    .filter((o) => o.kind !== 'attachment')
    .map((o) => ({ name: o.name, type: TYPE[o.kind] }));
  const options = fc.tuple(...specs.map((o) => fc.option(optionValue(o.type), { nil: undefined, freq: 3 }))).map((values) =>
    specs.flatMap((o, i) => (values[i] === undefined ? [] : [{ name: o.name, type: o.type, value: values[i] }])),
  );
  const button = fc.oneof(fc.string({ maxLength: 100 }), fc.tuple(fc.constantFrom('cmd', 'upd', 'page:0', 'page:99', 'lesson'), fc.constantFrom(...COMMANDS.map((c) => c.name)), fc.string({ maxLength: 60 })).map((p) => p.join(':')));
  return fc.oneof(
    { weight: 8, arbitrary: options.map((o) => ({ type: 2, data: { id: '6', name: command.name, type: 1, options: o } })) },
    { weight: 1, arbitrary: button.map((custom_id) => ({ type: 3, data: { custom_id, component_type: 2 } })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...(specs.length ? specs.map((s) => s.name) : ['fund'])), odd).map(([name, value]) => ({ type: 4, data: { id: '6', name: command.name, type: 1, options: [{ name, type: 3, value, focused: true }] } })) },
  );
}

/** Cases for one surface, generated lazily in seeded batches, commands in turn. */
function* cases<T>(make: (c: Command) => fc.Arbitrary<T>): Generator<T> {
  for (let batch = 0; ; batch++) {
    for (const command of COMMANDS) for (const value of fc.sample(make(command), { numRuns: 50, seed: SEED + batch * 1_000 + command.name.length })) yield value;
  }
}

function post(agent: Agent, port: number, path: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** Sends up to CASES requests with IN_FLIGHT at a time, stopping at the time bound. */
async function drive(next: () => Promise<void>): Promise<{ seconds: number; byTime: boolean }> {
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  let byTime = false;
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent < CASES) {
        if (performance.now() > deadline) {
          byTime = true;
          return;
        }
        sent++;
        await next();
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, byTime };
}

function line(surface: string, t: Tally, run: { seconds: number; byTime: boolean }, what = 'signed requests'): string {
  const bound = run.byTime ? `stopped by the ${SECONDS} s bound` : `all ${CASES.toLocaleString('en')} sent`;
  return `${surface.padEnd(8)} ${t.sent.toLocaleString('en').padStart(8)} ${what} in ${run.seconds.toFixed(1)} s (${Math.round(t.sent / run.seconds)}/s, ${bound}): ${t.answered.toLocaleString('en')} answered, ${t.internal} internal errors, ${t.serverErrors} ${what === 'signed requests' ? 'HTTP 5xx' : 'early session ends'}${Object.keys(t.statuses).length ? ` (other statuses: ${JSON.stringify(t.statuses)})` : ''}`;
}

/** What the console chat answers when a command crashed: the apology with its error id, in either language. */
const CRASH_TEXT = /Error id: [0-9a-f]{8}|エラーID：[0-9a-f]{8}/g;

/** Console lines: a command's chat text, or the chat's own words (/more, /lang, list picks); never /quit. */
function consoleCase(command: Command): fc.Arbitrary<string> {
  const typed = textFor(command).map((text) => `/${command.name} ${text}`);
  const own = fc.constantFrom('/more', 'more', '/lang ja', '/lang en', '/lang xx', 'lang', '1', '2', '25', 'a', 'b', 'z', '', '/', '//hhi VT', 'hhi VT');
  return fc.oneof({ weight: 9, arbitrary: typed }, { weight: 1, arbitrary: own }).map((text) =>
    // Each line break is a line typed; a line that is /quit or /exit would end the session, not test it.
    text
      .split(/\r\n|\r|\n/)
      .map((line) => (/^\/?(quit|exit)$/i.test(line.trim()) ? 'help' : line))
      .join('\n'),
  );
}

/**
 * The console surface: the real chat loop (readline, dispatch, the terminal renderer) fed batches
 * of lines, each batch followed by `/lang <marker>`, whose refusal names the marker once every line
 * before it has been answered. Crashes are counted from the answers themselves.
 */
async function fuzzConsole(context: (lang: Lang) => Context): Promise<{ tally: Tally; run: { seconds: number; byTime: boolean } }> {
  const tally: Tally = { statuses: {}, sent: 0, answered: 0, internal: 0, serverErrors: 0, examples: [] };
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  let waiting: { marker: string; resolve: (ended: boolean) => void } | undefined;
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (waiting && text.includes(waiting.marker)) waiting.resolve(false);
  });
  let ended = false;
  const chat = startChat({ context, lang: 'en', input, output, charts: false }).finally(() => {
    ended = true;
    waiting?.resolve(true);
  });
  const next = cases(consoleCase);
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  let byTime = false;
  for (let batch = 1; tally.sent < CASES && !ended; batch++) {
    if (performance.now() > deadline) {
      byTime = true;
      break;
    }
    const lines = Array.from({ length: Math.min(CONSOLE_BATCH, CASES - tally.sent) }, () => next.next().value as string);
    const marker = `fuzzbatch${batch}x`;
    const closed = await new Promise<boolean>((resolve) => {
      waiting = { marker, resolve };
      input.write(`${lines.join('\n')}\n/lang ${marker}\n`);
    });
    waiting = undefined;
    tally.sent += lines.length;
    if (closed) {
      tally.serverErrors++;
      tally.examples.push(`console chat ended during batch ${batch}: ${JSON.stringify(lines).slice(0, 200)}`);
      break;
    }
    tally.answered += lines.length;
    const crashes = text.match(CRASH_TEXT)?.length ?? 0;
    tally.internal += crashes;
    if (crashes > 0 && tally.examples.length < 5) tally.examples.push(`console batch ${batch}: ${JSON.stringify(lines).slice(0, 200)}`);
    text = '';
  }
  const seconds = (performance.now() - start) / 1000;
  input.end();
  await chat;
  return { tally, run: { seconds, byTime } };
}

export async function benchFuzz(bounds: { cases?: number; seconds?: number } = {}): Promise<{ discord: Tally; slack: Tally; console: Tally; summary: string[] }> {
  CASES = bounds.cases ?? CASES;
  SECONDS = bounds.seconds ?? SECONDS;
  console.log(`\n== fuzz: schema-driven hostile commands, signed, through the real servers on loopback (seed ${SEED}, ≤ ${CASES.toLocaleString('en')} per surface, ≤ ${SECONDS} s each) ==`);
  const catalog = await loadCatalog(RAW);
  const data = catalogSource(catalog);
  const log = memoryLogger();
  const context = (lang: Lang, requester?: Requester): Context => ({
    lang,
    requester: requester ?? { platform: 'slack', userId: 'U', serverId: 'T', channelId: 'C', isAdmin: false },
    data,
    now: new Date(),
    staleAfterDays: 30,
  });

  // ---- Discord
  const discord: Tally = { statuses: {}, sent: 0, answered: 0, internal: 0, serverErrors: 0, examples: [] };
  const counted = async (inv: Invocation, ctx: Context) => {
    const view = await dispatch(inv, ctx, log);
    if (isCrash(view)) {
      discord.internal++;
      if (discord.examples.length < 5) discord.examples.push(JSON.stringify(inv).slice(0, 200));
    }
    return view;
  };
  const keys = generateKeyPairSync('ed25519');
  const server = await startHttpServer({
    runtime: { context: (lang, requester) => context(lang, requester) },
    publicKey: keys.publicKey,
    host: '127.0.0.1',
    log,
    handler: { chart: null, limiter: tokenBucket(1e9, 1e9), followUp: async () => {}, dispatch: counted, log },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const discordCases = cases(discordCase);
  let id = 10n ** 17n;
  const discordRun = await drive(async () => {
    const base = discordCases.next().value as Record<string, unknown>;
    const body = JSON.stringify({ ...base, id: String(id++), application_id: '3', token: 't', version: 1, guild_id: '4', channel_id: '5', member: { user: { id: '1' }, permissions: '0' }, locale: id % 2n ? 'ja' : 'en-US' });
    const ts = String(Math.floor(Date.now() / 1000));
    const status = await post(agent, server.port, '/', body, { 'content-type': 'application/json', 'x-signature-ed25519': sign(null, Buffer.from(ts + body), keys.privateKey).toString('hex'), 'x-signature-timestamp': ts });
    discord.sent++;
    if (status === 200) discord.answered++;
    else discord.statuses[status] = (discord.statuses[status] ?? 0) + 1;
    if (status >= 500 || status === 0) discord.serverErrors++;
  });
  await server.close();

  // ---- Slack
  const slack: Tally = { statuses: {}, sent: 0, answered: 0, internal: 0, serverErrors: 0, examples: [] };
  let done = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const responseUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/respond`;
  const app = createSlackApp({
    signingSecret: 'fuzz-secret',
    runtime: { data, context },
    isAllowedResponseUrl: (url) => url.startsWith('http://127.0.0.1:'),
    log,
    boltLogLevel: LogLevel.ERROR,
    chart: null,
    run: async (inv, ctx, logger) => {
      const view = await dispatch(inv, ctx, logger);
      done++;
      if (isCrash(view)) {
        slack.internal++;
        if (slack.examples.length < 5) slack.examples.push(JSON.stringify(inv).slice(0, 200));
      }
      return view;
    },
  });
  const listening = await app.start({ port: 0, host: '127.0.0.1' });
  const port = (listening!.address() as AddressInfo).port;
  const slackCases = cases((c) => textFor(c).map((text) => ({ command: c.name, text })));
  let trigger = 0;
  const slackRun = await drive(async () => {
    // Acks come at once; the commands run after them. Keep what waits bounded, as Slack's own pacing would.
    while (slack.sent - done > 4 * IN_FLIGHT) await new Promise((r) => setTimeout(r, 1));
    const { command, text } = slackCases.next().value as { command: string; text: string };
    const body = new URLSearchParams({ team_id: 'T', channel_id: 'C', user_id: `U${trigger % 50}`, command: `/${command}`, text, response_url: responseUrl, trigger_id: `t.${trigger++}` }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', 'fuzz-secret').update(`v0:${ts}:${body}`).digest('hex')}`;
    const status = await post(agent, port, SLACK_EVENTS_PATH, body, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature });
    slack.sent++;
    if (status === 200) slack.answered++;
    else slack.statuses[status] = (slack.statuses[status] ?? 0) + 1;
    if (status >= 500 || status === 0) slack.serverErrors++;
  });
  await app.drained();
  await app.stop();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  agent.destroy();

  // ---- Console: the local user is an admin there, as on a real console.
  const terminal = await fuzzConsole((lang) => context(lang, CONSOLE_USER));

  const all = [discord, slack, terminal.tally];
  const summary = [
    line('Discord', discord, discordRun),
    line('Slack', slack, slackRun),
    line('Console', terminal.tally, terminal.run, 'typed commands'),
    ...all.flatMap((t) => t.examples.map((e) => `  crashed: ${e}`)),
    `fuzz summary: ${all.reduce((n, t) => n + t.internal, 0)} internal errors, ${all.reduce((n, t) => n + t.serverErrors, 0)} server errors in ${all.reduce((n, t) => n + t.sent, 0).toLocaleString('en')} cases (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z)`,
  ];
  for (const l of summary) console.log(l);
  return { discord, slack, console: terminal.tally, summary };
}

/** The summary of the last standalone run, for `npm run bench`; null when there has been none on this machine. */
export async function lastFullRun(): Promise<string | null> {
  return readFile(SUMMARY_FILE, 'utf8').catch(() => null);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { summary } = await benchFuzz();
  await mkdir(path.dirname(SUMMARY_FILE), { recursive: true });
  await writeFile(SUMMARY_FILE, `${summary.join('\n')}\n`);
  console.log(`(kept in ${path.relative(process.cwd(), SUMMARY_FILE)} for npm run bench)`);
}
