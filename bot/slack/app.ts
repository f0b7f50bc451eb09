import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { ListenOptions } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { AnyMiddlewareArgs, BlockAction, Middleware, SlackCommandMiddlewareArgs, types } from '@slack/bolt';
import type { Context, HoldingsSource, Lang, Requester } from '../../commands/context.ts';
import { m, t } from '../../commands/messages.ts';
import { COMMANDS, findCommand } from '../../commands/registry.ts';
import type { View } from '../../commands/view.ts';
import type { DownloadLimits } from '../../store/download.ts';
import { dispatch, type Invocation } from '../dispatch.ts';
import { stderrLogger, type Logger } from '../log.ts';
import { cachedChartRenderer } from '../chart-cache.ts';
import { ACTION_ID_PATTERN, decodeAction } from './actions.ts';
import { BoundedSet, deliveryKey } from './bounded-set.ts';
import { isSlackFileUrl, parseImportText, sharedFileName, slackFileReader, type SharedFile } from './file-share.ts';
import { shareChart, slackErrorCode, type SlackChartRenderer } from './chart-upload.ts';
import { shareCsv } from './csv-upload.ts';
import { renderHome } from './home.ts';
import { LocaleResolver, type LocaleOptions, type SlackUserInfo } from './locale.ts';
import { postJson } from './post-json.ts';
import { usersInfo } from './users-info.ts';
import { renderSlack, type SlackBlock, type SlackMessage } from './render.ts';
import { sm } from './messages.ts';
import { slashCommandOf, type SlashCommand } from './slash-command.ts';
import { WorkQueue } from './work-queue.ts';
import { FairQueue } from './fair-queue.ts';
import { availableParallelism } from 'node:os';
import { malformedPayload } from './payload-shape.ts';
import { guardedServer, MAX_SLACK_BODY_BYTES } from './guard.ts';
import { ByteBudget, type ServerTimeouts } from '../http-guard.ts';

/** The path Slack posts slash commands, button clicks and events to (HTTP mode). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  /** Verifies every HTTP request (v0 HMAC-SHA256 over `v0:ts:body`, 5-minute window). Required in HTTP mode. */
  signingSecret?: string;
  /**
   * Bot token (xoxb-…): for users.info (locale, admin flag), views.publish (App Home), chart
   * uploads (files:write) and file imports (downloading the shared file, replying in its thread);
   * slash-command replies go to response_url.
   */
  botToken?: string;
  /** App-level token (xapp-…): when set, the app connects by Socket Mode instead of serving HTTP. */
  appToken?: string;
  /** Where holdings and per-request contexts come from (createRuntime() in production). */
  runtime: { data: HoldingsSource; context(lang: Lang, requester?: Requester): Context };
  /** Web API client settings; tests point `slackApiUrl` at a local server so nothing leaves the machine. */
  clientOptions?: webApi.WebClientOptions;
  locale?: Partial<LocaleOptions>;
  /** Which response_url hosts replies may be posted to; by default only Slack's own. */
  isAllowedResponseUrl?: (url: string) => boolean;
  /**
   * Draws a card's chart for upload; null turns charts off (no upload, no fallback line).
   * Default: the charts module in the light theme (Slack's default), loaded on the first chart.
   */
  chart?: SlackChartRenderer | null;
  /** Runs one command; the dispatcher unless a test or bench wraps it. */
  run?: (invocation: Invocation, ctx: Context, log: Logger) => Promise<View>;
  log?: Logger;
  /** Bolt's own log level (its warnings for rejected signatures and the like). */
  boltLogLevel?: LogLevel;
  /** How many delivery ids are remembered to drop retries. */
  dedupeCapacity?: number;
  /**
   * Deliveries claimed in the store every replica shares (StoredInteractionIds), checked after
   * this process's own memory: a retry (or a replay) that reaches another replica runs nothing
   * there either. Keys are `slack:<delivery key>`.
   */
  sharedDeliveries?: { claim(id: string, nowMs: number): Promise<boolean> };
  /**
   * Commands run at once after their ack (default: two per CPU), how many may wait before users
   * are asked to retry, and how many one user may have waiting.
   */
  work?: { concurrency?: number; capacity?: number; perUser?: number };
  /**
   * Web API steps outside the command queue: response_url posts and chart uploads in flight at
   * once, how many may wait, and users.info lookups in flight at once (their own lane, as each
   * waits on Slack for a while and would otherwise hold up the cards behind it).
   */
  api?: { concurrency?: number; capacity?: number; lookups?: number };
  /** Which hosts a shared file may be downloaded from with the bot token; by default only Slack's file hosts. */
  isAllowedFileUrl?: (url: string) => boolean;
  /** Limits for downloading a shared file (one try, 20 s, 20 MB unless a test says otherwise). */
  fileLimits?: Partial<DownloadLimits>;
  /** HTTP mode: the largest request body accepted (256 KiB). */
  maxBodyBytes?: number;
  /** HTTP mode: body bytes read but not yet verified, across all connections (16 MiB); past it, 503. */
  maxUnverifiedBytes?: number;
  /** HTTP mode: connection deadlines (tests shorten them). */
  timeouts?: Partial<ServerTimeouts>;
  /** Before listening, run and render /hhi for the loaded funds (nothing is sent): see warm(). `npm run slack` sets it. */
  warmUp?: boolean;
}

/** How old a users.info answer may be when it decides whether someone may import (the locale cache keeps it an hour). */
export const ADMIN_MAX_AGE_MS = 60_000;

/** A message event as far as the import listener reads it. */
interface MessageEventLike {
  type: 'message';
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
  files?: SharedFile[];
}

/** A `file_share` message from a person whose text is `import FUND`; anything else (bots, edits, plain chat) is not. */
export function importShareOf(event: MessageEventLike): { fund: string; user: string; channel: string; ts: string; threadTs: string | undefined; files: SharedFile[] } | null {
  if (event.subtype !== 'file_share' || event.bot_id || !event.user || !event.channel || !event.ts) return null;
  const parsed = parseImportText(event.text);
  if (!parsed) return null;
  return { fund: parsed.fund, user: event.user, channel: event.channel, ts: event.ts, threadTs: event.thread_ts, files: event.files ?? [] };
}

/** Who asked, where, and where the reply goes. */
interface Who {
  teamId: string | null;
  userId: string;
  channelId: string | null;
  /** The thread of the message a button sits on, so a chart lands beside the card. */
  threadTs?: string;
  responseUrl: string | undefined;
}

export interface SlackApp {
  app: App;
  /** HTTP mode: listens and returns the server. Socket Mode: connects and returns undefined. */
  start(listen?: ListenOptions): Promise<Server | undefined>;
  stop(): Promise<void>;
  mode: 'http' | 'socket';
  /** Resolves when every acknowledged command has been answered. */
  drained(): Promise<void>;
}

/** Matches "/hhi", "/overlap", … exactly: the registry's names and nothing else. */
export function commandPattern(names: readonly string[]): RegExp {
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^/(?:${escaped.join('|')})$`);
}

/** Slack's response_url hosts (commercial and GovSlack); anything else is refused. */
export function isSlackResponseUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && (u.hostname === 'hooks.slack.com' || u.hostname === 'hooks.slack-gov.com');
  } catch {
    return false;
  }
}

/**
 * One Bolt app for every command in COMMANDS. Each request is acknowledged at once (well inside
 * Slack's 3 s), then the command runs and its card is posted to the response_url. Nothing calls
 * Slack's Web API at start-up (no auth.test), so the app starts and verifies requests even when
 * the API is unreachable; the Web API is used only for the reader's locale, the Home tab, chart
 * uploads and `import FUND` file shares, and each falls back when it fails (a chart by a
 * one-line note instead; an import whose admin check fails is refused).
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const log = options.log ?? stderrLogger;
  const run = options.run ?? dispatch;
  const allowed = options.isAllowedResponseUrl ?? isSlackResponseUrl;
  const locales = new LocaleResolver(options.locale);
  const charts = options.chart === undefined ? cachedChartRenderer({ theme: 'light' }) : options.chart;
  const deliveries = new BoundedSet(options.dedupeCapacity ?? 10_000);
  const socket = Boolean(options.appToken);
  const logLevel = options.boltLogLevel ?? LogLevel.WARN;
  const failed = (error: unknown) => log.error({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'slack: reply failed');
  // Commands use the CPU; Web API steps mostly wait on Slack. Each has its own queue, so a slow
  // Slack API (users.info, uploads) never holds a command slot and never turns into "busy".
  const work = new FairQueue(options.work?.concurrency ?? 2 * availableParallelism(), options.work?.capacity ?? 5_000, options.work?.perUser ?? 50, failed);
  const api = new WorkQueue(options.api?.concurrency ?? 64, options.api?.capacity ?? 20_000, failed);
  // Lookups mostly wait on Slack; a burst from many new users needs many in flight.
  const lookups = new WorkQueue(options.api?.lookups ?? 200, options.api?.capacity ?? 20_000, failed);
  /** Acknowledged slash commands whose delivery id is still being claimed in the store. */
  const claiming = new Set<Promise<unknown>>();
  /** Every step of every acknowledged command, in every queue, is done (a job may hand on to another queue). */
  const drained = async () => {
    while (claiming.size + work.pending + api.pending + lookups.pending > 0) await Promise.all([...claiming, work.drained(), api.drained(), lookups.drained()]);
  };

  if (!socket && !options.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).');
  const receiver = socket
    ? new SocketModeReceiver({ appToken: options.appToken!, logLevel })
    : // The guard in front (start()) verifies every request before Bolt sees it, so Bolt does not again.
      new HTTPReceiver({ signingSecret: options.signingSecret!, signatureVerification: false, endpoints: SLACK_EVENTS_PATH, logLevel, bodyLimit: options.maxBodyBytes ?? MAX_SLACK_BODY_BYTES });
  let server: Server | undefined;

  // One quick try: a reply must not wait on Bolt's default of ten retries over half an hour.
  const clientOptions: webApi.WebClientOptions = { retryConfig: { retries: 0 }, timeout: 2_500, rejectRateLimitedCalls: true, ...options.clientOptions };
  const app = new App({
    receiver,
    logLevel,
    // An authorize function instead of `token`: Bolt then never calls auth.test, at start or per request.
    authorize: async () => (options.botToken ? { botToken: options.botToken } : {}),
    clientOptions,
    ignoreSelf: false,
    // No conversation state is kept, so Bolt's per-request store lookup is skipped.
    convoStore: false,
  });

  /**
   * False when this delivery was seen before: in this process's memory, then in the store every
   * replica shares. A store that cannot be reached lets it through (logged): this replica's
   * memory and the signature's 5-minute window still bound a repeat.
   */
  const firstDelivery = async (key: string | undefined): Promise<boolean> => {
    if (!key) return true;
    if (deliveries.seen(key)) return false;
    if (!options.sharedDeliveries) return true;
    try {
      return await options.sharedDeliveries.claim(`slack:${key}`, Date.now());
    } catch (error) {
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'slack: shared delivery ids unavailable');
      return true;
    }
  };

  // Retried deliveries (X-Slack-Retry-Num) carry the same ids: acknowledge them again, run nothing.
  const dropRetries: Middleware<AnyMiddlewareArgs> = async (args) => {
    if (!(await firstDelivery(deliveryKey(args.body)))) {
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  };
  app.use(dropRetries);

  // users.info (locale, admin flag) against the same API URL and deadline as the Web client.
  const apiUrl = clientOptions.slackApiUrl ?? 'https://slack.com/api/';
  const botToken = options.botToken;
  const lookup = botToken ? (user: string): Promise<SlackUserInfo> => usersInfo(apiUrl, botToken, user, clientOptions.timeout ?? 2_500) : undefined;

  /** Posts the card, then its chart (Web API steps, in the API queue); `origin` gives a card with a table its CSV button. */
  async function deliver(view: View, who: Who & { responseUrl: string }, client: webApi.WebClient, replace: boolean, origin: { command: string; args: string }): Promise<void> {
    await postJson(who.responseUrl, toRespond(renderSlack(view, { origin }), replace));
    // A replaced card (paging, a quiz reveal) keeps the chart posted with the original, rather than
    // uploading the same picture again on every click.
    if (charts && !replace) {
      const target = { view, channelId: who.channelId, responseUrl: who.responseUrl, ...(who.threadTs ? { threadTs: who.threadTs } : {}) };
      await shareChart(target, { client, hasToken: Boolean(options.botToken), render: charts, post: postJson, log });
    }
  }

  /**
   * After the ack: the reader's locale (users.info, lookup queue) → the command (command queue,
   * fair by workspace and user) → the card and its chart (API queue). When a queue is full, the
   * user alone is told to retry.
   */
  function later(invocation: Invocation & { text: string }, who: Who, client: webApi.WebClient, replace: boolean, csv = false): void {
    const responseUrl = who.responseUrl;
    if (!responseUrl || !allowed(responseUrl)) {
      log.error({ command: invocation.command, team: who.teamId }, 'slack: no usable response_url, reply dropped');
      return;
    }
    const busy = (where: string) => {
      log.error({ command: invocation.command, team: who.teamId, queue: where }, 'slack: queue full, asked the user to retry');
      void postJson(responseUrl, { replace_original: false, response_type: 'ephemeral', text: sm.busy() }).catch(() => undefined);
    };
    const command = ({ lang, isAdmin }: { lang: Lang; isAdmin: boolean }) => {
      const requester: Requester = { platform: 'slack', userId: who.userId, serverId: who.teamId, channelId: who.channelId, isAdmin };
      const ran = work.push(who.teamId ?? '', who.userId, async () => {
        const view = await run(invocation, options.runtime.context(lang, requester), log);
        const origin = { command: invocation.command, args: invocation.text };
        // The CSV button: the table as a file in the channel; a refusal is still the refusal card.
        const step =
          csv && view.tone !== 'error'
            ? async () => void (await shareCsv({ view, command: invocation.command, channelId: who.channelId, responseUrl, ...(who.threadTs ? { threadTs: who.threadTs } : {}) }, { client, hasToken: Boolean(options.botToken), post: postJson, log }))
            : () => deliver(view, { ...who, responseUrl }, client, replace, origin);
        if (!api.push(step)) busy('api');
      });
      if (!ran) busy('commands');
    };
    // A known reader goes straight to the command queue, not behind lookups still waiting on Slack.
    // An admin-only command (removing a snapshot) trusts only a fresh admin flag, as a file import does.
    const fresh = findCommand(invocation.command)?.adminOnly ? ADMIN_MAX_AGE_MS : undefined;
    const known = fresh === undefined ? locales.known(who.teamId, who.userId, Boolean(lookup)) : undefined;
    if (known) return command(known);
    if (!lookups.push(async () => command(await locales.resolve(who.teamId, who.userId, lookup, fresh)))) busy('lookups');
  }

  const runCommand = (command: SlashCommand, client: webApi.WebClient) => {
    const who = { teamId: command.team_id || null, userId: command.user_id, channelId: command.channel_id || null, responseUrl: command.response_url };
    later({ command: command.command.replace(/^\//, ''), text: command.text ?? '' }, who, client, false);
  };
  const commands = commandPattern(COMMANDS.map((c) => c.name));
  // Socket Mode's commands. One listener whose pattern is exactly the registry's names: Bolt runs
  // every listener's matcher on every request, so one pattern is cheaper than a listener per command.
  app.command(commands, async ({ command, ack, client }: SlackCommandMiddlewareArgs & { client: webApi.WebClient }) => {
    await ack();
    runCommand(command, client);
  });

  /**
   * HTTP mode's commands skip Bolt: a verified slash command (the guard checked it) is acknowledged
   * with an empty 200, retries dropped, and queued, as the listener above would, without Bolt's
   * per-request context, middleware chain and ack timer, which under a burst cost as much CPU as
   * the card. Everything else (buttons, events, unknown commands) goes to Bolt.
   */
  const commandClient = new webApi.WebClient(options.botToken, { ...clientOptions, logLevel });
  const httpListener = (bolt: RequestListener): RequestListener => (req, res) => {
    const body = (req as IncomingMessage & { rawBody?: Buffer }).rawBody;
    const command = body ? slashCommandOf(req.headers['content-type'], body) : null;
    if (!command || !commands.test(command.command)) {
      // A payload Bolt would trip over (block_actions with no actions, a user without an id, …) is
      // refused here with 400, before Bolt turns it into a 500.
      if (body && malformedPayload(req.headers['content-type'], body)) return void res.writeHead(400, { 'content-length': 0 }).end();
      return bolt(req, res);
    }
    res.writeHead(200, { 'content-length': 0 }).end();
    const claim = firstDelivery(deliveryKey(command)).then((first) => first && runCommand(command, commandClient));
    claiming.add(claim);
    void claim.finally(() => claiming.delete(claim));
  };

  app.action<BlockAction>(ACTION_ID_PATTERN, async ({ ack, action, body, client }) => {
    await ack();
    if (action.type !== 'button') return;
    const wanted = decodeAction(action.action_id, action.value);
    if (!wanted) return;
    const threadTs = body.message?.thread_ts;
    const who = { teamId: body.team?.id ?? null, userId: body.user.id, channelId: body.channel?.id ?? null, responseUrl: body.response_url, ...(threadTs ? { threadTs } : {}) };
    later({ command: wanted.command, text: wanted.text }, who, client, wanted.update, wanted.csv === true);
  });

  type Share = NonNullable<ReturnType<typeof importShareOf>>;

  /**
   * An admin's `import FUND` with one shared file: users.info (fresh) says whether they may, the
   * file becomes /import's attachment (downloaded only if /import gets that far), and the card
   * goes into the message's thread. Refusals and errors go to the sender alone (postEphemeral).
   */
  async function importShared(share: Share, teamId: string | null, client: webApi.WebClient): Promise<void> {
    const { lang, isAdmin } = await locales.resolve(teamId, share.user, lookup, ADMIN_MAX_AGE_MS);
    const requester: Requester = { platform: 'slack', userId: share.user, serverId: teamId, channelId: share.channel, isAdmin };
    const base = options.runtime.context(lang, requester);
    const invocation: Invocation = { command: 'import', options: { fund: share.fund, file: share.files[0] ? sharedFileName(share.files[0]).slice(0, 400) : '-' } };
    let view: View;
    if (share.files.length === 1 || !isAdmin) {
      // A non-admin is refused by /import itself, before any file is read, however many were shared.
      const attachment =
        share.files.length === 1
          ? slackFileReader(share.files[0]!, lang, {
              botToken: options.botToken!,
              isAllowedUrl: options.isAllowedFileUrl ?? isSlackFileUrl,
              ...(options.fileLimits ? { limits: options.fileLimits } : {}),
              fileInfo: async (id) => (await client.files.info({ file: id })).file as SharedFile | undefined,
            })
          : undefined;
      view = await run(invocation, { ...base, ...(attachment ? { attachment } : {}) }, log);
    } else {
      view = { lang, title: t(lang, m.errorTitle()), tone: 'error', summary: sm.oneFile(lang, share.files.length), sources: [], ephemeral: true, data: { error: { code: 'one-file' } } };
    }
    const message = renderSlack(view);
    const blocks = message.blocks as unknown as types.KnownBlock[];
    const thread_ts = share.threadTs ?? share.ts;
    try {
      if (view.tone === 'error') await client.chat.postEphemeral({ channel: share.channel, user: share.user, thread_ts, text: message.text, blocks });
      else await client.chat.postMessage({ channel: share.channel, thread_ts, text: message.text, blocks });
    } catch (error) {
      log.error({ team: teamId, channel: share.channel, code: slackErrorCode(error) }, 'slack: import reply failed');
    }
  }

  // `message` events (message.im, message.channels): only an `import FUND` file share is acted on.
  app.event('message', async ({ event, body, client }) => {
    const share = importShareOf(event as MessageEventLike);
    if (!share) return;
    const teamId = (body as { team_id?: string }).team_id ?? null;
    if (!options.botToken) {
      // Without a token the bot can neither check who is an admin nor fetch the file nor reply.
      log.info({ team: teamId }, 'slack: file import ignored, SLACK_BOT_TOKEN is not set');
      return;
    }
    // Events are acknowledged by Bolt before listeners run; the import itself waits in the queue.
    if (work.push(teamId ?? '', share.user, () => importShared(share, teamId, client))) return;
    log.error({ command: 'import', team: teamId }, 'slack: work queue full, asked the user to retry');
    void client.chat.postEphemeral({ channel: share.channel, user: share.user, text: sm.busy() }).catch(() => undefined);
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home' || !options.botToken) return;
    const teamId = (body as { team_id?: string }).team_id ?? null;
    try {
      const { lang } = await locales.resolve(teamId, event.user, lookup);
      await client.views.publish({ user_id: event.user, view: renderHome(lang, options.runtime.data, COMMANDS) as unknown as types.HomeView });
    } catch (error) {
      log.error({ team: teamId, error: String(error) }, 'slack: App Home publish failed');
    }
  });

  /**
   * /hhi for each loaded fund (up to a second and a half), each rendered as a reply would be:
   * compiles the code every card runs and fills the per-snapshot figures, so the first burst after
   * a deploy is answered like any other. Failures only cost the warm-up.
   */
  async function warm(): Promise<void> {
    const requester: Requester = { platform: 'slack', userId: 'warm-up', serverId: null, channelId: null, isAdmin: false };
    const until = Date.now() + 1_500;
    for (const { fund } of options.runtime.data.list()) {
      if (Date.now() > until) return;
      try {
        const view = await run({ command: 'hhi', text: fund }, options.runtime.context('en', requester), log);
        JSON.stringify(toRespond(renderSlack(view), false));
      } catch {
        // The first real command for this fund does the work instead.
      }
    }
  }

  app.error(async (error) => log.error({ error: String(error) }, 'slack: unhandled error'));

  return {
    app,
    mode: socket ? 'socket' : 'http',
    async start(listen) {
      if (options.warmUp) await warm();
      if (socket) {
        await app.start();
        return undefined;
      }
      // Our own server in front of Bolt's listener: it refuses unsigned and oversized requests
      // before reading them, and closes idle and slow connections.
      const guarded = guardedServer(httpListener((receiver as HTTPReceiver).requestListener), {
        signingSecret: options.signingSecret!,
        path: SLACK_EVENTS_PATH,
        ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
        ...(options.maxUnverifiedBytes ? { unverified: new ByteBudget(options.maxUnverifiedBytes) } : {}),
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      });
      await new Promise<void>((resolve, reject) => {
        guarded.once('error', reject);
        guarded.listen(listen ?? { port: 3000 }, () => resolve());
      });
      server = guarded;
      return guarded;
    },
    stop: async () => {
      if (socket) await app.stop();
      else if (server) {
        const closing = server;
        server = undefined;
        await new Promise<void>((resolve) => {
          closing.close(() => resolve());
          closing.closeIdleConnections();
        });
      }
      await drained();
    },
    drained,
  };
}

/** A response_url payload (the fields Slack reads there). */
export type ResponsePayload =
  | { replace_original: true; text: string; blocks: SlackBlock[] }
  | { replace_original: false; response_type: SlackMessage['response_type']; text: string; blocks: SlackBlock[] };

/** A rendered card as a response_url payload: a new message, or the replacement of the one clicked. */
export function toRespond(message: SlackMessage, replace: boolean): ResponsePayload {
  const blocks = message.blocks;
  return replace
    ? { replace_original: true, text: message.text, blocks }
    : { replace_original: false, response_type: message.response_type, text: message.text, blocks };
}
