import { describe, expect, test } from 'vitest';
import { BoundedSet, deliveryKey } from '../../../bot/slack/bounded-set.ts';
import { LocaleResolver, langFromLocale, parseTeamLangs } from '../../../bot/slack/locale.ts';
import { commandPattern, isSlackResponseUrl } from '../../../bot/slack/app.ts';
import { WorkQueue } from '../../../bot/slack/work-queue.ts';
import { slashCommandOf } from '../../../bot/slack/slash-command.ts';
import { COMMANDS } from '../../../commands/registry.ts';

describe('BoundedSet (retry de-duplication)', () => {
  test('a key is new once, then seen; the oldest is forgotten past capacity', () => {
    const set = new BoundedSet(3);
    expect(['a', 'b', 'a', 'c', 'd'].map((k) => set.seen(k))).toEqual([false, false, true, false, false]);
    expect(set.size).toBe(3);
    expect(set.seen('a')).toBe(false); // pushed out by d
    expect(set.seen('d')).toBe(true);
  });

  test('delivery keys: event id, else team + trigger id', () => {
    expect(deliveryKey({ event_id: 'Ev1', team_id: 'T' })).toBe('event:Ev1');
    expect(deliveryKey({ team_id: 'T1', trigger_id: '123.456' })).toBe('trigger:T1:123.456');
    expect(deliveryKey({ team: { id: 'T2' }, trigger_id: '9' })).toBe('trigger:T2:9');
    expect(deliveryKey({})).toBeUndefined();
  });
});

describe('locale', () => {
  test.each([
    ['ja-JP', 'ja'],
    ['en-US', 'en'],
    ['fr-FR', 'en'],
    ['jav-ID', 'en'],
  ] as const)('%s → %s', (locale, lang) => expect(langFromLocale(locale)).toBe(lang));

  test('SLACK_LANG parses a default and per-workspace languages, ignoring unknown ones', () => {
    expect(parseTeamLangs('ja, T1=en, T2=fr, T3 = ja')).toEqual({ defaultLang: 'ja', teamLangs: { T1: 'en', T3: 'ja' } });
    expect(parseTeamLangs(undefined)).toEqual({ teamLangs: {} });
  });

  test('user locale first, then the workspace setting, then English; failures back off instead of costing every command', async () => {
    let now = 0;
    let calls = 0;
    const resolver = new LocaleResolver({ teamLangs: { TJ: 'ja' }, backoffMs: 1_000, ttlMs: 10_000 }, () => now);
    const ok = async () => {
      calls++;
      return { locale: 'ja-JP', isAdmin: true };
    };
    const down = async (): Promise<never> => {
      calls++;
      throw new Error('ECONNREFUSED');
    };
    expect(await resolver.resolve('TE', 'U1', ok)).toEqual({ lang: 'ja', isAdmin: true });
    expect(await resolver.resolve('TE', 'U1', down)).toEqual({ lang: 'ja', isAdmin: true }); // cached
    expect(calls).toBe(1);
    expect(await resolver.resolve('TJ', 'U2', down)).toEqual({ lang: 'ja', isAdmin: false }); // workspace setting
    expect(await resolver.resolve('TJ', 'U3', down)).toEqual({ lang: 'ja', isAdmin: false });
    expect(calls).toBe(2); // the second failure was not even tried
    expect(await resolver.resolve('TX', 'U4', undefined)).toEqual({ lang: 'en', isAdmin: false }); // no token
    const userGone = async (): Promise<never> => {
      calls++;
      throw Object.assign(new Error('user_not_found'), { code: 'slack_webapi_platform_error', data: { error: 'user_not_found' } });
    };
    expect(await resolver.resolve('TE', 'U9', userGone)).toEqual({ lang: 'en', isAdmin: false });
    expect(await resolver.resolve('TE', 'U1', down)).toEqual({ lang: 'ja', isAdmin: true }); // the workspace is not quieted by one user
    calls -= 1;
    now = 2_000;
    expect(await resolver.resolve('TJ', 'U3', ok)).toEqual({ lang: 'ja', isAdmin: true });
    expect(calls).toBe(3);
  });

  test('an admin check asks for a fresh answer (maxAgeMs), so a demoted admin is not trusted for the locale TTL', async () => {
    let now = 0;
    let admin = true;
    let calls = 0;
    const resolver = new LocaleResolver({ ttlMs: 60 * 60_000 }, () => now);
    const lookup = async () => (calls++, { locale: 'en-US', isAdmin: admin });
    expect(await resolver.resolve('T1', 'U1', lookup, 60_000)).toEqual({ lang: 'en', isAdmin: true });
    admin = false;
    now = 30_000;
    expect(await resolver.resolve('T1', 'U1', lookup, 60_000)).toEqual({ lang: 'en', isAdmin: true }); // within a minute: cached
    expect(calls).toBe(1);
    now = 90_000;
    expect(await resolver.resolve('T1', 'U1', lookup)).toEqual({ lang: 'en', isAdmin: true }); // a locale lookup keeps the hour
    expect(await resolver.resolve('T1', 'U1', lookup, 60_000)).toEqual({ lang: 'en', isAdmin: false }); // asked again
    expect(calls).toBe(2);
  });
});

describe('locale lookups in flight', () => {
  test('GIVEN three commands from one user while users.info is still answering THEN one call serves all three; another user gets their own', async () => {
    const resolver = new LocaleResolver();
    const asked: string[] = [];
    let answer: () => void = () => {};
    const slow = (user: string) => {
      asked.push(user);
      return new Promise<{ locale: string; isAdmin: boolean }>((resolve) => (answer = () => resolve({ locale: 'ja-JP', isAdmin: false })));
    };
    const three = [resolver.resolve('T1', 'U1', slow), resolver.resolve('T1', 'U1', slow), resolver.resolve('T1', 'U1', slow)];
    expect(asked).toEqual(['U1']);
    answer();
    expect(await Promise.all(three)).toEqual(Array(3).fill({ lang: 'ja', isAdmin: false }));
    // Answered and cached: no new call; a second user is asked separately.
    expect(await resolver.resolve('T1', 'U1', slow)).toEqual({ lang: 'ja', isAdmin: false });
    const other = resolver.resolve('T1', 'U2', slow);
    answer();
    await other;
    expect(asked).toEqual(['U1', 'U2']);
  });
});

describe('a known reader skips the lookup queue', () => {
  test('known() answers like resolve() without asking: nothing for a new user, the cached locale once asked, the workspace language when no lookup can be made or it is quiet', async () => {
    let now = 0;
    const resolver = new LocaleResolver({ teamLangs: { TJ: 'ja' }, ttlMs: 1_000, backoffMs: 5_000 }, () => now);
    expect(resolver.known('T1', 'U1', true)).toBeUndefined();
    expect(resolver.known('TJ', 'U1', false)).toEqual({ lang: 'ja', isAdmin: false });
    await resolver.resolve('T1', 'U1', async () => ({ locale: 'ja-JP', isAdmin: true }));
    expect(resolver.known('T1', 'U1', true)).toEqual({ lang: 'ja', isAdmin: true });
    now = 1_000; // the answer has aged out: ask again
    expect(resolver.known('T1', 'U1', true)).toBeUndefined();
    await resolver.resolve('TJ', 'U2', async () => {
      throw new Error('unreachable');
    });
    expect(resolver.known('TJ', 'U3', true)).toEqual({ lang: 'ja', isAdmin: false }); // quiet workspace
  });
});

describe('slash command bodies the HTTP fast path takes', () => {
  const form = 'application/x-www-form-urlencoded';
  test('a command as Slack posts it gives its fields, text decoded', () => {
    const body = Buffer.from(new URLSearchParams({ team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/hhi', text: 'VT by=company 日本', response_url: 'https://hooks.slack.com/commands/x', trigger_id: '1.2' }).toString());
    expect(slashCommandOf(form, body)).toEqual({ command: '/hhi', text: 'VT by=company 日本', team_id: 'T1', user_id: 'U1', channel_id: 'C1', response_url: 'https://hooks.slack.com/commands/x', trigger_id: '1.2' });
  });
  test.each([
    ['a button click (payload)', form, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions' }))}&command=/hhi&user_id=U1`],
    ['the ssl_check probe', form, 'ssl_check=1&command=/hhi&user_id=U1'],
    ['an event (JSON)', 'application/json', JSON.stringify({ command: '/hhi', user_id: 'U1' })],
    ['a form without a user', form, 'command=/hhi&text=VT'],
  ])('%s is left to Bolt', (_, type, body) => expect(slashCommandOf(type, Buffer.from(body))).toBeNull());
});

describe('response_url allow-list', () => {
  test.each([
    ['https://hooks.slack.com/commands/T1/1/abc', true],
    ['https://hooks.slack-gov.com/commands/T1/1/abc', true],
    ['http://hooks.slack.com/commands/x', false],
    ['https://hooks.slack.com.evil.example/x', false],
    ['https://169.254.169.254/latest/meta-data', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => expect(isSlackResponseUrl(url)).toBe(ok));
});

describe('WorkQueue (answers after the acks)', () => {
  test('runs at most `concurrency` jobs at once, refuses past `capacity`, and drains', async () => {
    const queue = new WorkQueue(2, 3);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const job = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      done.push(i);
    };
    const accepted = [0, 1, 2, 3, 4, 5, 6].map((i) => queue.push(job(i)));
    // Two take a running slot at once, three may wait; the sixth and seventh are refused.
    expect(accepted).toEqual([true, true, true, true, true, false, false]);
    await queue.drained();
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  test('a failing job is reported and does not stop the queue', async () => {
    const errors: unknown[] = [];
    const queue = new WorkQueue(1, 10, (e) => errors.push(e));
    let ran = false;
    queue.push(async () => {
      throw new Error('boom');
    });
    queue.push(async () => {
      ran = true;
    });
    await queue.drained();
    expect(ran).toBe(true);
    expect(String(errors[0])).toContain('boom');
  });
});

describe('command listener pattern', () => {
  test("matches exactly the registry's names", () => {
    const pattern = commandPattern(COMMANDS.map((c) => c.name));
    for (const c of COMMANDS) expect(pattern.test(`/${c.name}`)).toBe(true);
    expect(pattern.test('/hhix')).toBe(false);
    expect(pattern.test('/xhhi')).toBe(false);
    expect(pattern.test('hhi')).toBe(false);
  });
});
