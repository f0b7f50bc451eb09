import type { webApi } from '@slack/bolt';
import type { View } from '../../commands/view.ts';
import type { Logger } from '../log.ts';
import { sm } from './messages.ts';

/** View → PNG, or null when the View has no chart. */
export type SlackChartRenderer = (view: View) => Promise<Buffer | null>;

/** Where a card went, so its chart can follow it. */
export interface ChartTarget {
  view: View;
  channelId: string | null;
  /** The thread the card sits in (a button pressed on a threaded card); absent for slash commands. */
  threadTs?: string;
  responseUrl: string;
}

export interface ChartUploadDeps {
  /** Bolt's client for this request; it carries the bot token when there is one. */
  client: webApi.WebClient;
  hasToken: boolean;
  render: SlackChartRenderer;
  /** Posts the fallback line to the response_url. */
  post: (url: string, payload: unknown) => Promise<unknown>;
  log: Logger;
}

export type ChartOutcome = 'uploaded' | 'fallback' | 'none';

/** The code Slack answered with (`not_in_channel`, `missing_scope`…), else the client's error code, else a plain word. */
export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: unknown }; code?: unknown } | null;
  if (typeof e?.data?.error === 'string') return e.data.error;
  if (typeof e?.code === 'string') return e.code;
  return 'upload_failed';
}

/**
 * Shares a card's chart in its channel (or thread) with files.uploadV2, which is Slack's
 * three-step flow: files.getUploadURLExternal, the bytes POSTed to the returned upload URL, then
 * files.completeUploadExternal with channel_id (and thread_ts). The card has already gone through
 * the response_url, so nothing here may take it back: without a bot token, or on any failure
 * (the bot is not in the channel, files:write missing, Slack unreachable, a render error), the
 * reader gets one short ephemeral line saying the chart is unavailable and why. Never throws.
 */
export async function shareChart(target: ChartTarget, deps: ChartUploadDeps): Promise<ChartOutcome> {
  const { view } = target;
  if (!view.chart || view.ephemeral) return 'none';
  const reason = await upload(target, deps);
  if (reason === null) return 'uploaded';
  if (reason === 'no_chart') return 'none';
  try {
    await deps.post(target.responseUrl, { replace_original: false, response_type: 'ephemeral', text: sm.chartUnavailable(view.lang, reason) });
  } catch (error) {
    deps.log.error({ error: message(error) }, 'slack: chart fallback line failed');
  }
  return 'fallback';
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Null when the chart is in the channel; otherwise the code that says why not. */
async function upload(target: ChartTarget, deps: ChartUploadDeps): Promise<string | null> {
  const { view, channelId } = target;
  if (!deps.hasToken) return 'no_bot_token';
  if (!channelId) return 'no_channel';
  let png: Buffer | null;
  try {
    png = await deps.render(view);
  } catch (error) {
    deps.log.error({ channel: channelId, error: message(error) }, 'slack: chart render failed');
    return 'render_failed';
  }
  if (!png) return 'no_chart';
  try {
    const destination = target.threadTs ? { channel_id: channelId, thread_ts: target.threadTs } : { channel_id: channelId };
    await deps.client.filesUploadV2({
      ...destination,
      file: png,
      filename: 'chart.png',
      title: view.chart?.title ?? view.title,
      // Read aloud by screen readers in place of the picture.
      alt_text: `${view.chart?.title ?? ''} — ${view.title}`.slice(0, 1000),
    });
    return null;
  } catch (error) {
    const code = slackErrorCode(error);
    deps.log.error({ channel: channelId, code, error: message(error) }, 'slack: chart upload failed');
    return code;
  }
}
