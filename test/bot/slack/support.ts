import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel } from '@slack/bolt';
import type { Context, HoldingsSource, Lang, Requester } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { catalogSource } from '../../../bot/data-source.ts';
import { dispatch, type Invocation } from '../../../bot/dispatch.ts';
import { memoryLogger, type Logger } from '../../../bot/log.ts';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp, type SlackAppOptions } from '../../../bot/slack/app.ts';
import { SLACK_LIMITS as L } from '../../../bot/slack/limits.ts';
import type { SlackBlock, SlackMessage } from '../../../bot/slack/render.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { NOW } from '../../support/context.ts';

export const SECRET = 'test-signing-secret-not-a-real-one';

/** Slack's v0 signature: HMAC-SHA256(secret, `v0:${ts}:${body}`), hex, prefixed "v0=". */
export function sign(body: string, ts: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export function signedHeaders(body: string, options: { ts?: number; secret?: string; retryNum?: number } = {}): Record<string, string> {
  const ts = options.ts ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': sign(body, ts, options.secret),
    ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
  };
}

export const triggerId = (): string => `${Date.now()}.${randomBytes(6).toString('hex')}`;

/** A slash command exactly as Slack posts it (form-encoded). */
export function commandBody(command: string, text: string, responseUrl: string, who: { user?: string; team?: string; trigger?: string; channel?: string } = {}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token-unused',
    team_id: who.team ?? 'T0TEST',
    team_domain: 'test',
    channel_id: who.channel ?? 'C0TEST',
    channel_name: 'finance',
    user_id: who.user ?? 'U0TEST',
    user_name: 'tester',
    command: `/${command}`,
    text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: who.trigger ?? triggerId(),
  }).toString();
}

/** A button click (block_actions) as Slack posts it: form-encoded `payload` JSON. */
export function actionBody(action: { action_id: string; value?: string }, responseUrl: string, who: { user?: string; trigger?: string; threadTs?: string } = {}): string {
  const payload = {
    type: 'block_actions',
    user: { id: who.user ?? 'U0TEST', username: 'tester', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token-unused',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0TEST', is_ephemeral: false },
    trigger_id: who.trigger ?? triggerId(),
    team: { id: 'T0TEST', domain: 'test' },
    channel: { id: 'C0TEST', name: 'finance' },
    response_url: responseUrl,
    // The card the button sits on; a threaded card carries its thread's ts.
    ...(who.threadTs ? { message: { type: 'message', ts: '1700000000.000100', thread_ts: who.threadTs, text: 'card' } } : {}),
    actions: [{ type: 'button', block_id: 'b1', action_ts: String(Date.now() / 1000), text: { type: 'plain_text', text: 'x' }, ...action }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface Captured {
  path: string;
  body: Record<string, unknown>;
  /** The bytes as sent, for uploads (multipart, not form-encoded fields). */
  raw?: Buffer;
  contentType?: string;
  /** The Authorization header, for file downloads (`/files-pri/…`). */
  authorization?: string;
}

/**
 * A local HTTP server standing in for Slack: `/respond/*` for response_url posts, `/api/*` for
 * the Web API (users.info answers with the locale the test set per user; views.publish is kept).
 */
export interface FakeSlack {
  url: string;
  received: Captured[];
  /** Locale users.info reports per user id (default en-US; "missing_scope" makes it refuse). */
  locales: Map<string, string>;
  /** Web API methods that answer `{ ok: false, error }` instead, e.g. files.completeUploadExternal → not_in_channel. */
  failures: Map<string, string>;
  /** Users users.info reports as workspace admins (`is_admin: true`). */
  admins: Set<string>;
  /**
   * Files served under `/files-pri/…` (as Slack's url_private_download), only to
   * `Authorization: Bearer <BOT_TOKEN>`; anything else gets a 403.
   */
  files: Map<string, Buffer>;
  /** Resolves with the first `n` posts to `path` once they have arrived. */
  waitFor(path: string, n?: number, timeoutMs?: number): Promise<Captured[]>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<{ body: Record<string, unknown>; raw: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const text = raw.toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.includes('json')) return { body: JSON.parse(text) as Record<string, unknown>, raw };
  if (type.startsWith('multipart/')) return { body: {}, raw };
  return { body: Object.fromEntries(new URLSearchParams(text)), raw };
}

/** The file id the fake hands out for every upload. */
export const UPLOAD_FILE_ID = 'F0CHART';

/** The bot token the loopback app is given (and the fake file host expects). */
export const BOT_TOKEN = 'xoxb-test-token-not-real';

export async function startFakeSlack(): Promise<FakeSlack> {
  const received: Captured[] = [];
  const locales = new Map<string, string>();
  const failures = new Map<string, string>();
  const admins = new Set<string>();
  const files = new Map<string, Buffer>();
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    void readBody(req).then(({ body, raw }) => {
      const [path = '', query = ''] = (req.url ?? '').split('?');
      // The Web API client may send arguments in the query string, the body, or both.
      Object.assign(body, Object.fromEntries(new URLSearchParams(query)));
      const contentType = req.headers['content-type'] ?? '';
      const isFile = path.startsWith('/files-pri/');
      received.push({ path, body, ...(path.startsWith('/upload/') ? { raw, contentType } : {}), ...(isFile ? { authorization: req.headers.authorization ?? '' } : {}) });
      for (const wake of waiters) wake();
      if (isFile) {
        const bytes = files.get(path);
        if (req.headers.authorization !== `Bearer ${BOT_TOKEN}`) res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
        else if (!bytes) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        else res.writeHead(200, { 'content-type': 'text/csv', 'content-length': bytes.length }).end(bytes);
        return;
      }
      res.setHeader('content-type', 'application/json');
      const failure = failures.get(path.replace(/^\/api\//, ''));
      if (failure) res.end(JSON.stringify({ ok: false, error: failure }));
      else if (path === '/api/files.getUploadURLExternal') {
        // The upload URL Slack hands out is on another host (files.slack.com); here, this server.
        res.end(JSON.stringify({ ok: true, upload_url: `${url}/upload/${UPLOAD_FILE_ID}`, file_id: UPLOAD_FILE_ID }));
      } else if (path.startsWith('/upload/')) {
        res.setHeader('content-type', 'text/plain');
        res.end(`OK - ${raw.length}`);
      } else if (path === '/api/files.completeUploadExternal') {
        res.end(JSON.stringify({ ok: true, files: [{ id: UPLOAD_FILE_ID, title: 'chart' }] }));
      } else if (path === '/api/users.info') {
        const locale = locales.get(String(body.user)) ?? 'en-US';
        res.end(JSON.stringify(locale === 'missing_scope' ? { ok: false, error: 'missing_scope' } : { ok: true, user: { id: body.user, locale, is_admin: admins.has(String(body.user)) } }));
      } else if (path.startsWith('/api/')) res.end(JSON.stringify({ ok: true }));
      else res.end('');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    locales,
    failures,
    admins,
    files,
    waitFor(path, n = 1, timeoutMs = 5_000) {
      const matching = () => received.filter((r) => r.path === path);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (matching().length < n) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching().slice(0, n));
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited ${timeoutMs} ms for ${n} post(s) to ${path}; got ${matching().length}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface LoopbackSlack {
  /** The /slack/events URL on 127.0.0.1. */
  url: string;
  slack: SlackApp;
  /** Every command the app ran, in order. */
  runs: Invocation[];
  log: ReturnType<typeof memoryLogger>;
  /** The context a command ran with, for computing the expected View directly. */
  context(lang: Lang): Context;
  stop(): Promise<void>;
}

/**
 * The bot on 127.0.0.1 with a test signing secret, the real catalog (or any holdings source, such
 * as a store) and a Web API that is `apiUrl` (never Slack).
 */
export async function startLoopbackSlack(catalog: Catalog | HoldingsSource, apiUrl: string, extra: Partial<SlackAppOptions> = {}): Promise<LoopbackSlack> {
  const data = 'funds' in catalog ? catalogSource(catalog) : catalog;
  const context = (lang: Lang, requester?: Requester): Context => ({
    lang,
    requester: requester ?? { platform: 'slack', userId: 'U0TEST', serverId: 'T0TEST', channelId: 'C0TEST', isAdmin: false },
    data,
    now: NOW,
    staleAfterDays: 30,
  });
  const runs: Invocation[] = [];
  const log = memoryLogger();
  const slack = createSlackApp({
    signingSecret: SECRET,
    botToken: BOT_TOKEN,
    runtime: { data, context },
    clientOptions: { slackApiUrl: `${apiUrl}/api/` },
    isAllowedResponseUrl: (url) => url.startsWith('http://127.0.0.1:'),
    run: (invocation: Invocation, ctx: Context, logger: Logger): Promise<View> => {
      runs.push(invocation);
      return dispatch(invocation, ctx, logger);
    },
    log,
    boltLogLevel: LogLevel.ERROR,
    ...extra,
  });
  const server = await slack.start({ port: 0, host: '127.0.0.1' });
  const port = (server!.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, slack, runs, log, context: (lang) => context(lang), stop: () => slack.stop() };
}

/** Every Block Kit limit a message can break, as a list of problems (empty when it is valid). */
export function limitProblems(message: Pick<SlackMessage, 'blocks' | 'text'>, maxBlocks: number = L.messageBlocks): string[] {
  const problems: string[] = [];
  const text = (where: string, value: string | undefined, max: number) => {
    if (value === undefined || value.length < 1) problems.push(`${where}: empty text`);
    else if (value.length > max) problems.push(`${where}: ${value.length} > ${max} characters`);
  };
  const mrkdwnSafe = (where: string, value: string) => {
    // Our only angle-bracket sequences are http(s) links; anything else would be a Slack control sequence.
    const stripped = value.replace(/<https?:\/\/[^|>\s]+\|[^>]*>/g, '');
    if (/[<>]/.test(stripped)) problems.push(`${where}: unescaped < or >`);
    if (/&(?!amp;|lt;|gt;)/.test(value)) problems.push(`${where}: unescaped &`);
  };
  text('text (fallback)', message.text, L.fallbackText);
  mrkdwnSafe('text (fallback)', message.text);
  if (message.blocks.length > maxBlocks) problems.push(`${message.blocks.length} blocks > ${maxBlocks}`);
  const actionIds = new Set<string>();
  message.blocks.forEach((block: SlackBlock, i) => {
    const at = `block ${i} (${block.type})`;
    switch (block.type) {
      case 'header':
        text(at, block.text.text, L.headerText);
        break;
      case 'section':
        if ('text' in block) {
          text(at, block.text.text, L.sectionText);
          mrkdwnSafe(at, block.text.text);
          if (!block.text.verbatim) problems.push(`${at}: not verbatim`);
        } else {
          if (block.fields.length < 1 || block.fields.length > L.sectionFields) problems.push(`${at}: ${block.fields.length} fields`);
          block.fields.forEach((f, j) => {
            text(`${at} field ${j}`, f.text, L.fieldText);
            mrkdwnSafe(`${at} field ${j}`, f.text);
            if (!f.verbatim) problems.push(`${at} field ${j}: not verbatim`);
          });
        }
        break;
      case 'context':
        if (block.elements.length < 1 || block.elements.length > L.contextElements) problems.push(`${at}: ${block.elements.length} elements`);
        block.elements.forEach((e, j) => {
          text(`${at} element ${j}`, e.text, L.contextText);
          mrkdwnSafe(`${at} element ${j}`, e.text);
        });
        break;
      case 'actions':
        if (block.elements.length < 1 || block.elements.length > L.actionsElements) problems.push(`${at}: ${block.elements.length} elements`);
        for (const button of block.elements) {
          text(`${at} button`, button.text.text, L.buttonText);
          if (button.action_id.length > L.actionId) problems.push(`${at}: action_id too long`);
          if (actionIds.has(button.action_id)) problems.push(`${at}: duplicate action_id ${button.action_id}`);
          actionIds.add(button.action_id);
          if (button.value !== undefined && (button.value.length < 1 || button.value.length > L.buttonValue)) problems.push(`${at}: value length ${button.value.length}`);
        }
        break;
      case 'divider':
        break;
    }
  });
  return problems;
}
