import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { startHttpServer, type RunningHttpServer } from '../../bot/discord/http-server.ts';
import { publicKeyToHex } from '../../bot/discord/verify.ts';
import { memoryLogger } from '../../bot/log.ts';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../bot/slack/app.ts';
import { MAX_SLACK_BODY_BYTES } from '../../bot/slack/guard.ts';
import type { Context } from '../../commands/context.ts';
import type { View } from '../../commands/view.ts';
import { signedHeaders as discordHeaders, testKeys } from './discord/support.ts';
import { commandBody, SECRET, signedHeaders as slackHeaders } from './slack/support.ts';

/** Short deadlines so the test sees them act; production keeps the defaults in http-guard.ts. */
const TIMEOUTS = { headersMs: 600, requestMs: 900, keepAliveMs: 400, idleMs: 3_000, checkEveryMs: 100 };
const card: View = { lang: 'en', title: 'ok', tone: 'info', summary: 'ok', sources: [] };
const keys = testKeys();
let discord: RunningHttpServer;
let slack: SlackApp;
let slackPort = 0;
let ran = 0;

beforeAll(async () => {
  const context = (lang: 'en' | 'ja') => ({ lang }) as unknown as Context;
  discord = await startHttpServer({
    runtime: { context },
    publicKey: publicKeyToHex(keys.publicKey),
    host: '127.0.0.1',
    log: memoryLogger(),
    timeouts: TIMEOUTS,
    handler: { chart: null, dispatch: async () => (ran++, card) },
  });
  slack = createSlackApp({
    signingSecret: SECRET,
    runtime: { data: {} as never, context },
    // The reply goes nowhere (port 1 refuses); the test only counts that the command ran.
    isAllowedResponseUrl: (url) => url.startsWith('http://127.0.0.1:'),
    run: async () => (ran++, card),
    chart: null,
    log: memoryLogger(),
    boltLogLevel: LogLevel.ERROR,
    timeouts: TIMEOUTS,
  });
  const server = await slack.start({ port: 0, host: '127.0.0.1' });
  slackPort = (server!.address() as { port: number }).port;
});
afterAll(async () => {
  await discord?.close();
  await slack?.stop();
});

interface Exchange {
  /** The status of the first response, or null when the server closed without one. */
  status: number | null;
  /** Milliseconds from connecting until the server closed the socket (null: still open at the end). */
  closedAfterMs: number | null;
}

/** Sends raw bytes over one TCP connection and watches what comes back and when the socket is closed. */
function exchange(port: number, parts: (string | Buffer)[], waitMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    let text = '';
    let closedAfterMs: number | null = null;
    const socket: Socket = connect(port, '127.0.0.1', () => {
      for (const part of parts) socket.write(part);
    });
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closedAfterMs = Date.now() - started;
      finish();
    });
    const timer = setTimeout(() => finish(), waitMs);
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, closedAfterMs });
    }
  });
}

function head(path: string, headers: Record<string, string | number>): string {
  return `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
}

const surfaces = () => [
  { name: 'Discord', port: discord.port, path: '/', signed: (body: string) => discordHeaders(body, keys.privateKey) },
  { name: 'Slack', port: slackPort, path: SLACK_EVENTS_PATH, signed: (body: string) => slackHeaders(body) },
];

describe.each(['Discord', 'Slack'])('%s server: bodies and connections are bounded', (name) => {
  const surface = () => surfaces().find((s) => s.name === name)!;

  test('an unsigned request declaring 200 KiB is refused (401) from its headers alone, before a byte of body is sent', async () => {
    const s = surface();
    const before = ran;
    const r = await exchange(s.port, [head(s.path, { 'content-type': 'application/json', 'content-length': 200 * 1024 })], 3_000);
    expect(r.status).toBe(401);
    // The connection is closed with the refusal, not left waiting for the body.
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(500);
    expect(ran).toBe(before);
  });

  test('a signed request declaring more than the cap is refused (413) before its body is read', async () => {
    const s = surface();
    const cap = name === 'Slack' ? MAX_SLACK_BODY_BYTES : 64 * 1024;
    const r = await exchange(s.port, [head(s.path, { ...s.signed('x'), 'content-length': cap + 1 })], 3_000);
    expect(r.status).toBe(413);
    expect(r.closedAfterMs!).toBeLessThan(500);
  });

  test('a signed body streamed (chunked) past the cap is cut off with 413', async () => {
    const s = surface();
    const cap = name === 'Slack' ? MAX_SLACK_BODY_BYTES : 64 * 1024;
    const big = 'a='.concat('x'.repeat(cap + 10));
    const r = await fetch(`http://127.0.0.1:${s.port}${s.path}`, {
      method: 'POST',
      headers: s.signed(big),
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(big));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit).catch(() => null);
    // Either the 413 arrives or the server closed the connection on the oversized stream; never a 200.
    if (r) expect(r.status).toBe(413);
  });

  test('a signed request whose timestamp is 10 minutes old is refused (401) without reading the body', async () => {
    const s = surface();
    const body = name === 'Slack' ? commandBody('funds', '', 'http://127.0.0.1:1/r') : '{"type":1}';
    const old = Math.floor(Date.now() / 1000) - 600;
    const headers = name === 'Slack' ? slackHeaders(body, { ts: old }) : discordHeaders(body, keys.privateKey, String(old));
    const r = await exchange(s.port, [head(s.path, { ...headers, 'content-length': Buffer.byteLength(body) })], 3_000);
    expect(r.status).toBe(401);
  });

  test('a connection that never sends anything is closed', async () => {
    const r = await exchange(surface().port, [], 5_000);
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(TIMEOUTS.headersMs + 1_000);
  });

  test('headers trickled without ever ending are cut off at the headers deadline (408 or close)', async () => {
    const s = surface();
    const r = await exchange(s.port, [`POST ${s.path} HTTP/1.1\r\nhost: 127.0.0.1\r\n`], 5_000);
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(TIMEOUTS.headersMs + 1_000);
    if (r.status !== null) expect(r.status).toBe(408);
  });

  test('a signed request whose body stalls half-way is closed at the request deadline', async () => {
    const s = surface();
    const body = name === 'Slack' ? commandBody('funds', '', 'http://127.0.0.1:1/r') : '{"type":1,"id":"1","application_id":"2","token":"t","version":1}';
    const r = await exchange(s.port, [head(s.path, { ...s.signed(body), 'content-length': Buffer.byteLength(body) }), body.slice(0, 10)], 5_000);
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(TIMEOUTS.requestMs + 1_000);
  });

  test('an idle keep-alive connection is closed after its answer', async () => {
    const s = surface();
    const body = name === 'Slack' ? 'ssl_check=1&token=x' : '{"type":1,"id":"ka","application_id":"2","token":"t","version":1}';
    const headers = name === 'Slack' ? { 'content-type': 'application/x-www-form-urlencoded' } : s.signed(body);
    const r = await exchange(s.port, [head(s.path, { ...headers, connection: 'keep-alive', 'content-length': Buffer.byteLength(body) }), body], 5_000);
    expect(r.status).toBe(200);
    expect(r.closedAfterMs).not.toBeNull();
    // Node closes an idle keep-alive socket about a second after keepAliveTimeout; well before idleMs.
    expect(r.closedAfterMs!).toBeLessThan(TIMEOUTS.keepAliveMs + 1_300);
  });
});

test('a signed Slack command still gets through the guard (acknowledged with 200 and run)', async () => {
  const before = ran;
  const body = commandBody('funds', '', 'http://127.0.0.1:1/r');
  const r = await fetch(`http://127.0.0.1:${slackPort}${SLACK_EVENTS_PATH}`, { method: 'POST', body, headers: slackHeaders(body) });
  expect(r.status).toBe(200);
  await slack.drained();
  expect(ran).toBe(before + 1);
});
