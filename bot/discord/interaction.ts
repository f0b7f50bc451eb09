import type { Context, Lang, Requester } from '../../commands/context.ts';
import { m, t } from '../../commands/messages.ts';
import { csvFileOf } from '../../commands/table-csv.ts';
import { escapeMentions } from './escape.ts';
import { findCommand } from '../../commands/registry.ts';
import type { View } from '../../commands/view.ts';
import { dispatch as realDispatch, type Invocation } from '../dispatch.ts';
import { stderrLogger, type Logger } from '../log.ts';
import { suggestCommands, suggestDirectoryFunds, suggestLessons, type Choice } from './autocomplete.ts';
import { attachmentReader } from './attachment.ts';
import { AnswerCache, answerKey, answerStamp, watchTouch } from './answer-cache.ts';
import { noteAsked } from '../../commands/asked-funds.ts';
import { cachedChartRenderer, type ChartRenderer } from '../chart-cache.ts';
import { CHART_FILE, pngFile, type FileAttachment } from './chart.ts';
import { decodeCustomId } from './custom-id.ts';
import { ADMINISTRATOR, EPHEMERAL, MANAGE_GUILD } from './limits.ts';
import { dm } from './messages.ts';
import { argsToText, discordOptions, optionsToArgs } from './options.ts';
import { CALLBACK, INTERACTION, interactionPayload, OPTION_TYPE, type InteractionPayload, type RawOption } from './payload.ts';
import type { DownloadLimits } from '../../store/download.ts';
import { tokenBucket, type RateLimiter } from './rate-limit.ts';
import { renderDiscord, type DiscordMessage, type RenderOptions } from './render.ts';

/**
 * A message answer. `files` travel beside the JSON, never in it: the HTTP server sends them as
 * multipart `files[n]`, the gateway as AttachmentBuilders.
 */
export interface MessageResponse {
  type: typeof CALLBACK.message | typeof CALLBACK.update;
  data: DiscordMessage;
  files?: FileAttachment[];
}

export type InteractionResponse =
  | { type: typeof CALLBACK.pong }
  | MessageResponse
  | { type: typeof CALLBACK.deferredMessage | typeof CALLBACK.deferredUpdate; data?: { flags: number } }
  | { type: typeof CALLBACK.autocomplete; data: { choices: Choice[] } };

/** What a deferred reply is finished with, once the command is done. */
export interface FollowUp {
  applicationId: string;
  token: string;
  /** The reader's language, for the note sent when the follow-up cannot be delivered. */
  lang?: Lang;
  /**
   * True when the deferral replaced the card (button press), false when it opened a new message;
   * always true for an edit that adds a late chart to the card just sent.
   */
  update: boolean;
  message: DiscordMessage;
  /** Files the edit adds (the chart); the message's `attachments` name them. */
  files?: FileAttachment[];
}

export interface HandlerDeps {
  context(lang: Lang, requester: Requester): Context;
  dispatch?: (invocation: Invocation, ctx: Context) => Promise<View>;
  /** Finishes a deferred reply (HTTP: webhook PATCH; gateway: editReply). */
  followUp?: (f: FollowUp) => Promise<void>;
  /** Answer at once if the command is done by then, else defer; well inside Discord's 3 s. */
  deadlineMs?: number;
  /**
   * With this many commands already running, a new one is deferred at once and run after the
   * deferral is sent: a burst on a fresh process (cold code, 200 at a time) blocks the event loop
   * longer than the deadline timer can see, so waiting on the timer would miss Discord's 3 s.
   */
  deferAbove?: number;
  /** Draws a card's chart; null turns charts off. Default: the charts module, cached, dark theme. */
  chart?: ChartRenderer | null;
  limiter?: RateLimiter;
  clock?: () => number;
  log?: Logger;
  /** Limits for fetching an attachment option's file (tests make the timeout short). */
  attachmentLimits?: Partial<DownloadLimits>;
  /** Which attachment URLs are fetched: Discord's CDN unless a test serves files on loopback. */
  isAllowedAttachmentUrl?: (url: string) => boolean;
  /** Finished answers of `cacheable` slash commands (default: a fresh AnswerCache); null turns caching off. */
  answers?: AnswerCache | null;
}

/**
 * Shows the latest of a stream of lines through `send`, at most one every `everyMs` (the first
 * `everyMs` after the first line, so the deferral is on Discord first), in order. `stop` drops what
 * is not sent yet, waits for the edit in flight and says whether any line was shown.
 */
export function latestLine(send: (line: string) => Promise<unknown>, everyMs = 1000): { show(line: string): void; stop(): Promise<boolean> } {
  let latest: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let shown = false;
  const flush = () => {
    timer = undefined;
    if (stopped || latest === undefined) return;
    const line = latest;
    latest = undefined;
    shown = true;
    chain = chain.then(() => send(line));
  };
  return {
    show(line) {
      if (stopped) return;
      latest = line;
      timer ??= setTimeout(flush, everyMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
      return shown;
    },
  };
}

/** A deferred message showing one progress line: text only, no mentions. */
function progressMessage(line: string): DiscordMessage {
  return { content: escapeMentions(line), embeds: [], components: [], flags: 0, allowed_mentions: { parse: [] } };
}

/** Resolved handler settings; build once per process (the limiter lives here). */
export interface Handler {
  /** `followUp` overrides the default for this interaction (the gateway edits through its interaction object). */
  (payload: unknown, followUp?: (f: FollowUp) => Promise<void>): Promise<InteractionResponse | null>;
}

const DEFAULT_DEADLINE_MS = 2500;

/** 'ja', 'ja-JP' → Japanese; the user's client locale first, then the server's. */
export function langOf(p: Pick<InteractionPayload, 'locale' | 'guild_locale'>): Lang {
  return (p.locale ?? p.guild_locale ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function requesterOf(p: InteractionPayload): Requester {
  const permissions = p.member?.permissions;
  let isAdmin = false;
  try {
    // Discord sends the member's resolved permissions; Administrator implies Manage Server, checked both ways.
    isAdmin = permissions !== undefined && (BigInt(permissions) & (MANAGE_GUILD | ADMINISTRATOR)) !== 0n;
  } catch {
    isAdmin = false;
  }
  return {
    platform: 'discord',
    userId: p.member?.user?.id ?? p.user?.id ?? 'unknown',
    serverId: p.guild_id ?? null,
    channelId: p.channel_id ?? p.channel?.id ?? null,
    isAdmin,
  };
}

/** Top-level options, stepping into a subcommand or group if there is one. */
function leafOptions(options: readonly RawOption[] | undefined): RawOption[] {
  const list = options ?? [];
  const nested = list.find((o) => o.type === 1 || o.type === 2);
  return nested ? leafOptions(nested.options) : [...list];
}

/**
 * The file of the command's attachment option, as the context's `attachment`: its name and size
 * from `data.resolved.attachments`, its bytes fetched only when the command reads them.
 */
function attachmentOf(p: InteractionPayload, lang: Lang, limits: Partial<DownloadLimits> | undefined, isAllowed: ((url: string) => boolean) | undefined): Context['attachment'] {
  const option = leafOptions(p.data?.options).find((o) => o.type === OPTION_TYPE.attachment && typeof o.value === 'string');
  const file = option ? p.data?.resolved?.attachments?.[String(option.value)] : undefined;
  return file ? attachmentReader(file, lang, limits, isAllowed) : undefined;
}

function notice(lang: Lang, title: string, summary: string): View {
  return { lang, title, tone: 'warning', summary, sources: [], ephemeral: true };
}

/**
 * The CSV button's answer: the card's table as `<fund>-<command>-<asof>.csv` (the bytes `--csv`
 * prints), attached to a message only the presser sees, so a channel is not filled with files
 * nobody else asked for. A refusal stays the refusal card; a card without a table says so.
 */
function csvReply(view: View, command: string): MessageResponse {
  const file = view.tone === 'error' ? null : csvFileOf(view, command);
  if (!file) {
    const shown = view.tone === 'error' ? view : notice(view.lang, t(view.lang, m.errorTitle()), t(view.lang, m.noCsvTable()));
    return { type: CALLBACK.message, data: renderDiscord(shown) };
  }
  return {
    type: CALLBACK.message,
    data: {
      content: escapeMentions(file.message),
      embeds: [],
      components: [],
      flags: EPHEMERAL,
      allowed_mentions: { parse: [] },
      attachments: [{ id: 0, filename: file.name }],
    },
    files: [{ name: file.name, data: file.bytes, contentType: 'text/csv; charset=utf-8' }],
  };
}

/**
 * Discord interaction payload → response JSON, shared by the HTTP server and the gateway
 * adapter. PING → PONG; slash command → the command's card, with its chart as a PNG file when
 * the View has one; autocomplete → ≤ 25 choices; button → a new card or an update of the pressed
 * one. The deadline covers card and chart together: what is not ready by then arrives by an edit. Returns null for a payload that is not an
 * interaction at all. Keeps no state between requests except the rate-limit buckets.
 */
export function createHandler(deps: HandlerDeps): Handler {
  const run = deps.dispatch ?? ((inv: Invocation, ctx: Context) => realDispatch(inv, ctx, deps.log ?? stderrLogger));
  const limiter = deps.limiter ?? tokenBucket();
  const clock = deps.clock ?? Date.now;
  const deadline = deps.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const log = deps.log ?? stderrLogger;
  const charts = deps.chart === undefined ? cachedChartRenderer() : deps.chart;
  const deferAbove = deps.deferAbove ?? 4;
  const answers = deps.answers === undefined ? new AnswerCache() : deps.answers;
  let running = 0;

  /** The chart PNG of a card, or null: none, an ephemeral card (errors), charts off, or a failed render (logged; the card still goes). */
  const drawChart = (view: View, p: InteractionPayload, csv: boolean): Promise<Buffer | null> => {
    if (csv || !charts || !view.chart || view.ephemeral) return Promise.resolve(null);
    return charts(view).catch((error: unknown) => {
      log.error({ interaction: p.id, error: error instanceof Error ? error.message : String(error) }, 'discord chart render failed');
      return null;
    });
  };

  /** Runs a command and renders it; errors never replace a card (they arrive as ephemeral messages). */
  const respond = async (
    p: InteractionPayload,
    invocation: Invocation,
    ctx: Context,
    update: boolean,
    options: RenderOptions,
    finish: ((f: FollowUp) => Promise<void>) | undefined,
    /** The CSV button: the answer is the card's table as a file (of this command's name), not the card. */
    csvOf?: string,
    /** Offered the finished answer when it came in time, whole (chart drawn) and not a refusal: the answer cache's hook. */
    keep?: (view: View, response: MessageResponse) => void,
  ): Promise<InteractionResponse> => {
    const card = (view: View, png: Buffer | null, replaces: boolean): MessageResponse => ({
      type: update && !view.ephemeral ? CALLBACK.update : CALLBACK.message,
      data: renderDiscord(view, { ...options, ...(png ? { chartFile: CHART_FILE } : {}), ...(replaces ? { replaces } : {}) }),
      ...(png ? { files: [pngFile(png)] } : {}),
    });
    const reply = (view: View, png: Buffer | null, replaces: boolean): MessageResponse => (csvOf === undefined ? card(view, png, replaces) : csvReply(view, csvOf));
    const csv = csvOf !== undefined;
    const ids = finish && p.application_id && p.token ? { applicationId: p.application_id, token: p.token, lang: ctx.lang } : undefined;
    const failed = (error: unknown) => log.error({ interaction: p.id, error: String(error) }, 'discord follow-up failed');
    if (ids && running >= deferAbove) {
      // Busy: acknowledge now, and start the command only after this answer is on its way.
      const followUp = finish!;
      setImmediate(() => {
        running++;
        // Running counts the command and its chart, not the follow-up's wait on Discord (and its
        // retries): a slow webhook must not turn every later command into a deferral.
        void run(invocation, ctx)
          .then(async (view) => reply(view, await drawChart(view, p, csv), true))
          .finally(() => running--)
          .then((edit) => followUp({ ...ids, update, message: edit.data, ...(edit.files ? { files: edit.files } : {}) }))
          .catch(failed);
      });
      return update ? { type: CALLBACK.deferredUpdate } : { type: CALLBACK.deferredMessage, data: { flags: 0 } };
    }
    // The card, as soon as the command is done; its chart starts drawing at that moment.
    let ready: { view: View; png: Promise<Buffer | null> } | undefined;
    running++;
    // A command that starts a download (its first progress line) will not make the deadline: defer at once.
    let fetching: () => void = () => {};
    const downloading = new Promise<'late'>((resolve) => (fetching = () => resolve('late')));
    // Once the reply is deferred, progress lines ("IVV: 12 of 27 quarters") are shown on the deferred message.
    let showLine: (line: string) => void = () => {};
    const watched: Context = { ...ctx, progress: (line) => (fetching(), showLine(line), ctx.progress?.(line)) };
    const work = run(invocation, watched).then((view) => (ready = { view, png: drawChart(view, p, csv) }));
    // Running until its chart is drawn too: drawing is the heavy part of a cold first card.
    const complete = work.then(async ({ view, png }) => ({ view, png: await png })).finally(() => running--);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadline);
    });
    const first = await Promise.race([complete, late, downloading]);
    clearTimeout(timer);
    // Card and chart in time: one answer carrying both.
    if (first !== 'late') {
      const response = reply(first.view, first.png, update);
      const whole = !first.view.chart || !charts || first.png !== null;
      if (keep && whole && first.view.tone !== 'error' && !first.view.ephemeral) keep(first.view, response);
      return response;
    }
    // Nobody to edit through later: all we can do is wait.
    if (!finish || !ids) return complete.then(({ view, png }) => reply(view, png, update));
    const followUp = finish;
    if (ready) {
      // The card is ready but its chart is not: the card goes now, the chart follows by editing it.
      const { view, png } = ready;
      void png
        .then((ready) => {
          if (!ready) return;
          const edit = reply(view, ready, true);
          return followUp({ ...ids, update: true, message: edit.data, ...(edit.files ? { files: edit.files } : {}) });
        })
        .catch(failed);
      return reply(view, null, update);
    }
    // Past the deadline with nothing ready: acknowledge now; until the card is ready the deferred
    // message shows the latest progress line (one edit a second at most); one last edit brings the
    // card and its chart, and clears that line.
    const lines = latestLine((line) => followUp({ ...ids, update, message: progressMessage(line) }).catch(failed));
    showLine = lines.show;
    void complete
      .then(async ({ view, png }) => {
        const shown = await lines.stop();
        const edit = reply(view, png, true);
        const message = shown ? { ...edit.data, content: edit.data.content ?? '' } : edit.data;
        return followUp({ ...ids, update, message, ...(edit.files ? { files: edit.files } : {}) });
      })
      .catch(failed);
    return update ? { type: CALLBACK.deferredUpdate } : { type: CALLBACK.deferredMessage, data: { flags: 0 } };
  };

  return async (raw, followUpOverride) => {
    const finish = followUpOverride ?? deps.followUp;
    const parsed = interactionPayload.safeParse(raw);
    if (!parsed.success) return null;
    const p = parsed.data;
    if (p.type === INTERACTION.ping) return { type: CALLBACK.pong };
    const lang = langOf(p);
    const requester = requesterOf(p);

    if (p.type === INTERACTION.autocomplete) {
      const command = findCommand(p.data?.name ?? '');
      const focused = leafOptions(p.data?.options).find((o) => o.focused);
      const spec = command && focused ? discordOptions(command).find((o) => o.name === focused.name) : undefined;
      const typed = String(focused?.value ?? '');
      const choices =
        spec?.autocomplete === 'fund'
          ? await suggestDirectoryFunds(typed, deps.context(lang, requester), lang)
          : spec?.autocomplete === 'command'
            ? suggestCommands(typed)
            : spec?.autocomplete === 'lesson'
              ? suggestLessons(typed, lang)
              : [];
      return { type: CALLBACK.autocomplete, data: { choices } };
    }

    if (p.type !== INTERACTION.command && p.type !== INTERACTION.component) {
      return { type: CALLBACK.message, data: renderDiscord(notice(lang, t(lang, dm.rateTitle()), t(lang, dm.unsupported()))) };
    }
    const allowed = limiter.take(requester.userId, clock());
    if (!allowed.ok) {
      const seconds = Math.max(1, Math.ceil(allowed.retryAfterMs / 1000));
      return { type: CALLBACK.message, data: renderDiscord(notice(lang, t(lang, dm.rateTitle()), t(lang, dm.rateLimited(seconds)))) };
    }
    const ctx = deps.context(lang, requester);

    if (p.type === INTERACTION.command) {
      const name = p.data?.name ?? '';
      const command = findCommand(name);
      const options = command ? optionsToArgs(command, leafOptions(p.data?.options)) : {};
      const text = argsToText(options);
      const attachment = attachmentOf(p, lang, deps.attachmentLimits, deps.isAllowedAttachmentUrl);
      const render = text === null ? {} : { origin: { command: name, args: text } };
      const stamp = answers && command?.cacheable && !attachment ? answerStamp(ctx) : null;
      if (!answers || stamp === null) return respond(p, { command: name, options }, attachment ? { ...ctx, attachment } : ctx, false, render, finish);
      const key = answerKey(name, lang, options);
      const hit = answers.get(key, stamp);
      if (hit) {
        // What the command itself would have done besides its card: note the funds as asked.
        for (const fund of hit.funds) noteAsked(requester, fund);
        return hit.response;
      }
      // Reading the directory, the fetcher or the archive may bring in what the stamp does not cover.
      let outside = false;
      const touched = () => (outside = true);
      const watched: Context = {
        ...ctx,
        ...(ctx.directory ? { directory: watchTouch(ctx.directory, touched) } : {}),
        ...(ctx.fetcher ? { fetcher: watchTouch(ctx.fetcher, touched) } : {}),
        ...(ctx.archive ? { archive: watchTouch(ctx.archive, touched) } : {}),
      };
      const keep = (view: View, response: MessageResponse) => {
        if (!outside && answerStamp(ctx) === stamp) answers.set(key, stamp, response, view.sources.map((s) => s.fund));
      };
      return respond(p, { command: name, options }, watched, false, render, finish, undefined, keep);
    }

    const target = decodeCustomId(p.data?.custom_id ?? '');
    if (!target) return { type: CALLBACK.message, data: renderDiscord(notice(lang, t(lang, dm.rateTitle()), t(lang, dm.unsupported()))) };
    if (target.kind === 'lesson') return respond(p, { command: 'lesson', text: target.id }, ctx, false, {}, finish);
    const origin = { origin: { command: target.command, args: target.args } };
    if (target.kind === 'page') return respond(p, { command: target.command, text: target.args }, ctx, true, { ...origin, page: target.page }, finish);
    if (target.kind === 'csv') return respond(p, { command: target.command, text: target.args }, ctx, false, {}, finish, target.command);
    return respond(p, { command: target.command, text: target.args }, ctx, target.update, origin, finish);
  };
}
