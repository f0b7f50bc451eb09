import type { Lang } from '../../commands/context.ts';

/** What users.info (with include_locale) tells us about one user. */
export interface SlackUserInfo {
  locale?: string;
  isAdmin: boolean;
}

export interface LocaleOptions {
  /** Language per workspace (team id → lang), the operator's setting for workspaces that want one. */
  teamLangs: Record<string, Lang>;
  /** Language when neither the user's locale nor the workspace setting is known. */
  defaultLang: Lang;
  /** How long a user's answer is reused. */
  ttlMs: number;
  /** How long to stop asking a workspace after the API failed or refused (no users:read, unreachable). */
  backoffMs: number;
  /** Users remembered at most. */
  capacity: number;
}

export const DEFAULT_LOCALE_OPTIONS: LocaleOptions = { teamLangs: {}, defaultLang: 'en', ttlMs: 60 * 60_000, backoffMs: 5 * 60_000, capacity: 10_000 };

/** "ja-JP" → ja; any other known locale → en (the two languages the bot speaks). */
export function langFromLocale(locale: string): Lang {
  return /^ja\b/i.test(locale) ? 'ja' : 'en';
}

/** "T1=ja,T2=en" or just "ja" (every workspace) → team languages; unknown languages are ignored. */
export function parseTeamLangs(text: string | undefined): { teamLangs: Record<string, Lang>; defaultLang?: Lang } {
  const out: { teamLangs: Record<string, Lang>; defaultLang?: Lang } = { teamLangs: {} };
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [team, lang] = part.includes('=') ? part.split('=', 2).map((s) => s.trim()) : [undefined, part];
    if (lang !== 'en' && lang !== 'ja') continue;
    if (team) out.teamLangs[team] = lang;
    else out.defaultLang = lang;
  }
  return out;
}

/**
 * The reader's language: the user's Slack locale where the token may read it (users:read), else
 * the workspace setting, else English. Answers are cached per user, and a workspace whose API
 * call failed is not asked again for a while, so an unreachable or scope-less API costs one
 * failed call, not one per command.
 */
export class LocaleResolver {
  readonly #options: LocaleOptions;
  readonly #users = new Map<string, { info: SlackUserInfo; at: number }>();
  readonly #quietTeams = new Map<string, number>();
  /** Lookups in flight, so a user's commands sent together share one users.info call. */
  readonly #asking = new Map<string, Promise<SlackUserInfo | undefined>>();

  constructor(options: Partial<LocaleOptions> = {}, private readonly clock: () => number = Date.now) {
    this.#options = { ...DEFAULT_LOCALE_OPTIONS, ...options };
  }

  /**
   * `maxAgeMs` asks for an answer no older than that (an admin check before an import wants a
   * fresh one, so a demoted admin is not trusted for the whole locale TTL).
   */
  async resolve(
    teamId: string | null,
    userId: string,
    lookup: ((userId: string) => Promise<SlackUserInfo>) | undefined,
    maxAgeMs?: number,
  ): Promise<{ lang: Lang; isAdmin: boolean }> {
    const fallback = (teamId ? this.#options.teamLangs[teamId] : undefined) ?? this.#options.defaultLang;
    const info = await this.#info(teamId ?? '', userId, lookup, maxAgeMs);
    return { lang: info?.locale ? langFromLocale(info.locale) : fallback, isAdmin: info?.isAdmin ?? false };
  }

  /**
   * The answer without asking Slack, when the user's is cached (or none can be had: no lookup,
   * or the workspace is quiet); undefined when resolve() would call users.info. Lets a known
   * user's command skip the queue where lookups wait on Slack.
   */
  known(teamId: string | null, userId: string, canLookUp: boolean): { lang: Lang; isAdmin: boolean } | undefined {
    const now = this.clock();
    const team = teamId ?? '';
    const cached = this.#users.get(`${team}:${userId}`);
    const fresh = cached && now - cached.at < this.#options.ttlMs;
    if (!fresh && canLookUp && (this.#quietTeams.get(team) ?? 0) <= now) return undefined;
    const fallback = (teamId ? this.#options.teamLangs[teamId] : undefined) ?? this.#options.defaultLang;
    const info = fresh ? cached.info : undefined;
    return { lang: info?.locale ? langFromLocale(info.locale) : fallback, isAdmin: info?.isAdmin ?? false };
  }

  async #info(team: string, userId: string, lookup: ((userId: string) => Promise<SlackUserInfo>) | undefined, maxAgeMs?: number): Promise<SlackUserInfo | undefined> {
    const now = this.clock();
    const key = `${team}:${userId}`;
    const cached = this.#users.get(key);
    if (cached && now - cached.at < Math.min(this.#options.ttlMs, maxAgeMs ?? Infinity)) return cached.info;
    if (!lookup || (this.#quietTeams.get(team) ?? 0) > now) return undefined;
    // An answer still on its way is newer than any maxAgeMs asks for.
    const asking = this.#asking.get(key);
    if (asking) return asking;
    const answer = this.#ask(team, key, userId, lookup, now);
    this.#asking.set(key, answer);
    try {
      return await answer;
    } finally {
      this.#asking.delete(key);
    }
  }

  async #ask(team: string, key: string, userId: string, lookup: (userId: string) => Promise<SlackUserInfo>, now: number): Promise<SlackUserInfo | undefined> {
    try {
      const info = await lookup(userId);
      this.#users.delete(key);
      this.#users.set(key, { info, at: now });
      if (this.#users.size > this.#options.capacity) this.#users.delete(this.#users.keys().next().value!);
      return info;
    } catch (error) {
      if (teamWide(error)) this.#quietTeams.set(team, now + this.#options.backoffMs);
      // A refusal about this one user (user_not_found…) is remembered for that user only.
      else this.#users.set(key, { info: { isAdmin: false }, at: now });
      return undefined;
    }
  }
}

/** Platform errors that say the token or workspace cannot read users at all, not this one user. */
const TEAM_WIDE = new Set(['missing_scope', 'not_allowed_token_type', 'invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'team_access_not_granted', 'ekm_access_denied', 'ratelimited']);

/** Network failures, timeouts and rate limits are about the API, so they quiet the whole workspace too. */
function teamWide(error: unknown): boolean {
  const e = error as { code?: unknown; data?: { error?: unknown } } | null;
  if (e?.code === 'slack_webapi_platform_error') return TEAM_WIDE.has(String(e.data?.error ?? ''));
  return true;
}
