import type { SlackUserInfo } from './locale.ts';
import { keptAlive, post } from './post-json.ts';

// Lookups go to one host (slack.com) and many may wait on it at once in a burst of new users.
const apiAgents = keptAlive(256);

/** users.info answers are a few KiB; anything past this is not one. */
const MAX_ANSWER_BYTES = 256 * 1024;

/** A Web API refusal, shaped as the Slack SDK's platform errors are (`code`, `data.error`), so callers tell them apart the same way. */
export class SlackPlatformError extends Error {
  readonly code = 'slack_webapi_platform_error';
  constructor(readonly data: { error: string }) {
    super(`Slack Web API refused: ${data.error}`);
  }
}

/**
 * users.info with include_locale, in one try: the user's locale and whether they are a
 * workspace admin (or owner). Called directly over a kept-alive socket rather than through the
 * SDK's WebClient, whose fetch, request queue and retry layers cost more CPU per lookup than the
 * card it is for, when a burst of new users asks at once. 429 counts as a refusal (`ratelimited`).
 */
export async function usersInfo(apiUrl: string, token: string, user: string, timeoutMs: number): Promise<SlackUserInfo> {
  const body = new URLSearchParams({ user, include_locale: 'true' }).toString();
  const { status, answer } = await post(
    new URL('users.info', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`),
    body,
    { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
    { timeoutMs, agents: apiAgents, what: 'users.info', maxAnswerBytes: MAX_ANSWER_BYTES },
  );
  if (status === 429) throw new SlackPlatformError({ error: 'ratelimited' });
  if (status !== 200) throw new Error(`users.info answered ${status}`);
  const res = JSON.parse(answer.toString('utf8')) as { ok?: boolean; error?: string; user?: { locale?: string; is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } };
  if (!res.ok) throw new SlackPlatformError({ error: String(res.error ?? 'unknown_error') });
  const u = res.user;
  return { ...(u?.locale ? { locale: u.locale } : {}), isAdmin: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner) };
}
