import type { Lang } from '../commands/context.ts';
import type { AlertCrossing } from '../store/alerts.ts';
import { stderrLogger, type Logger } from './log.ts';
import { createRuntime, type Runtime } from './runtime.ts';

/** Where each platform's API lives; tests point these at a local server. */
export interface AlertApis {
  discord: string;
  slack: string;
}

export const DEFAULT_APIS: AlertApis = { discord: 'https://discord.com/api/v10', slack: 'https://slack.com/api' };

export interface AlertPosterOptions {
  /** DISCORD_TOKEN: a bot token may post in the channels the bot can see. */
  discordToken?: string;
  /** SLACK_BOT_TOKEN with chat:write. */
  slackToken?: string;
  /** The server's chosen language, when it chose one. */
  languageOf?: (platform: string, serverId: string) => Promise<Lang | null>;
  apis?: AlertApis;
  log: Logger;
}

/**
 * Posts crossed alerts to the channel each rule names, on the rule's own platform, in the
 * server's language (English unless it chose Japanese). Never pings anyone. A platform without a
 * token is skipped and logged; a failed post is logged and never thrown, so one bad channel does
 * not stop the others.
 */
export function alertPoster(options: AlertPosterOptions): (alert: AlertCrossing) => Promise<void> {
  const apis = options.apis ?? DEFAULT_APIS;
  return async (alert) => {
    const { platform, serverId, channelId } = alert.rule;
    const lang = (await options.languageOf?.(platform, serverId).catch(() => null)) ?? 'en';
    const text = alert.message[lang];
    let response: Response | undefined;
    if (platform === 'discord' && options.discordToken) {
      response = await fetch(`${apis.discord}/channels/${encodeURIComponent(channelId)}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${options.discordToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: text, allowed_mentions: { parse: [] } }),
      }).catch(() => undefined);
    } else if (platform === 'slack' && options.slackToken) {
      response = await fetch(`${apis.slack}/chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.slackToken}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ channel: channelId, text, unfurl_links: false, parse: 'none' }),
      }).catch(() => undefined);
    } else {
      options.log.info({ platform, serverId, channelId, fund: alert.fund }, 'alert not posted: no token for this platform');
      return;
    }
    const ok = response !== undefined && response.ok && (platform !== 'slack' || ((await response.json().catch(() => ({}))) as { ok?: boolean }).ok === true);
    if (!ok) options.log.error({ platform, serverId, channelId, fund: alert.fund, status: response?.status ?? 'unreachable' }, 'alert post failed');
  };
}

/**
 * The runtime a chat surface runs on: the shared runtime, with crossed alerts posted to their
 * channels and background problems logged. The language lookup reads the server's settings from
 * the same store once the runtime exists (alerts from the start-up import fall back to English).
 */
export async function createBotRuntime(tokens: { discordToken?: string; slackToken?: string }, log: Logger = stderrLogger): Promise<Runtime> {
  let runtime: Runtime | undefined;
  const onAlert = alertPoster({
    ...tokens,
    languageOf: async (platform, serverId) => (await runtime?.store.getSettings(platform, serverId))?.language ?? null,
    log,
  });
  runtime = await createRuntime(undefined, {
    onAlert,
    onError: (error, where) => log.error({ where, error: error instanceof Error ? error.message : String(error) }, 'background work failed'),
  });
  // A bot stays up: the SEC's fund lists come into the directory in the background (SEC_USER_AGENT set).
  runtime.warm();
  return runtime;
}
