import { t } from '../../commands/messages.ts';
import { EPHEMERAL } from './limits.ts';
import type { FollowUp } from './interaction.ts';
import { dm } from './messages.ts';
import { multipartMessage } from './multipart.ts';

const API = 'https://discord.com/api/v10';

/** How a webhook request is retried: `attempts` tries in all, waiting `baseMs`, 4×, 16×… between them. */
export interface FollowUpRetry {
  attempts: number;
  baseMs: number;
  /** The longest wait between tries (a 429's Retry-After included); longer asks give up instead. */
  maxWaitMs: number;
  /** Each request's own deadline. */
  timeoutMs: number;
}

/** Three retries over about 10 s: well inside the interaction token's 15 minutes. */
export const FOLLOW_UP_RETRY: FollowUpRetry = { attempts: 4, baseMs: 500, maxWaitMs: 8_000, timeoutMs: 10_000 };

/** A webhook request body: JSON, or multipart when the message brings files (the chart). */
function body(message: unknown, files: FollowUp['files']): { headers: Record<string, string>; body: string | Buffer } {
  if (!files?.length) return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) };
  const form = multipartMessage(message, files);
  return { headers: { 'content-type': form.contentType }, body: form.body };
}

/**
 * Finishes a deferred HTTP interaction, or adds a chart to an answer already sent, through its
 * webhook (the interaction token is the only credential needed, valid 15 minutes). A deferred
 * reply cannot become ephemeral afterwards, so an ephemeral result (an error) deletes the
 * "thinking…" placeholder and arrives as an ephemeral follow-up instead.
 *
 * Each request is retried with backoff when Discord cannot be reached, answers 5xx, or asks to
 * slow down (429, waiting its Retry-After); a 4xx other than 429 is final. When the card cannot
 * be delivered, the reader gets an ephemeral note in their language saying so, and the error is
 * thrown for the caller to log.
 */
export async function webhookFollowUp(f: FollowUp, send: typeof fetch = fetch, api = API, retry: FollowUpRetry = FOLLOW_UP_RETRY): Promise<void> {
  const base = `${api}/webhooks/${encodeURIComponent(f.applicationId)}/${encodeURIComponent(f.token)}`;
  const request = (url: string, init: RequestInit, done?: (status: number) => boolean) => withRetry(send, url, init, retry, done);
  const { flags, ...message } = f.message;
  try {
    if (!f.update && (flags & EPHEMERAL) !== 0) {
      // A retried DELETE whose first try went through finds nothing: that is done too.
      await request(`${base}/messages/@original`, { method: 'DELETE' }, (status) => status === 404);
      await request(base, { method: 'POST', ...body(f.message, f.files) });
      return;
    }
    await request(`${base}/messages/@original`, { method: 'PATCH', ...body(message, f.files) });
  } catch (error) {
    const note = { content: t(f.lang ?? 'en', dm.followUpLost()), flags: EPHEMERAL, allowed_mentions: { parse: [] } };
    await request(base, { method: 'POST', ...body(note, undefined) }).catch(() => undefined);
    throw error;
  }
}

/** One webhook request, tried up to `retry.attempts` times; resolves on 2xx (or a status `done` accepts). */
async function withRetry(send: typeof fetch, url: string, init: RequestInit, retry: FollowUpRetry, done?: (status: number) => boolean): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < retry.attempts; attempt++) {
    let wait = retry.baseMs * 4 ** attempt;
    try {
      const r = await send(url, { ...init, signal: AbortSignal.timeout(retry.timeoutMs) });
      const text = await r.text().catch(() => '');
      if (r.ok || done?.(r.status)) return;
      last = new Error(`Discord webhook answered ${r.status}`);
      if (r.status !== 429 && r.status < 500) throw last;
      if (r.status === 429) wait = Math.max(wait, retryAfterMs(r.headers.get('retry-after'), text));
    } catch (error) {
      if (error === last) throw error;
      last = error;
    }
    if (attempt + 1 >= retry.attempts || wait > retry.maxWaitMs) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  throw last;
}

/** A 429's wait: the Retry-After header (seconds) or the body's `retry_after` (seconds, fractional). */
function retryAfterMs(header: string | null, body: string): number {
  const fromHeader = Number(header);
  if (header !== null && Number.isFinite(fromHeader)) return fromHeader * 1000;
  try {
    const seconds = Number((JSON.parse(body) as { retry_after?: unknown }).retry_after);
    return Number.isFinite(seconds) ? seconds * 1000 : 0;
  } catch {
    return 0;
  }
}
