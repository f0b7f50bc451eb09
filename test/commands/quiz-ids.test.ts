import { createHmac } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { postingSecret, POSTING_SECRET_NAME } from '../../bot/quiz-store.ts';
import type { Context, HoldingsSource, Lang } from '../../commands/context.ts';
import { setPostingSecret, setQuizStore } from '../../commands/quiz.ts';
import type { View, ViewAction } from '../../commands/view.ts';
import { MemoryQuizStore } from '../../lessons/quiz-store.ts';
import { Store } from '../../store/store.ts';
import { NOW } from '../support/context.ts';
import { HAS_PG, startPg, type PgCluster } from '../store/pg.ts';
import { tempDir } from '../store/helpers.ts';

const empty: HoldingsSource = { list: () => [], get: () => undefined, problems: () => [], describe: () => './data/holdings' };
const ctx = (lang: Lang, userId = 'U1'): Context => ({
  lang,
  requester: { platform: 'discord', userId, serverId: 'G1', channelId: 'C1', isAdmin: false },
  data: empty,
  now: NOW,
  staleAfterDays: 30,
});
const SECRET = 'test-quiz-secret-0123456789';
let scores: MemoryQuizStore;
beforeEach(() => {
  setQuizStore((scores = new MemoryQuizStore()));
  setPostingSecret(SECRET);
});

const run = (text: string, lang: Lang = 'en', userId = 'U1') => dispatch({ command: 'quiz', text }, ctx(lang, userId), memoryLogger());
const code = (view: View) => (view.data as { error?: { code: string } } | undefined)?.error?.code;
/** The id a posted question's answer buttons carry. */
async function postedId(lang: Lang = 'en'): Promise<string> {
  const question = await run('hhi-and-effective-n 1', lang);
  const button = (question.actions ?? []).find((a): a is Extract<ViewAction, { kind: 'command' }> => a.kind === 'command' && a.args.startsWith('answer '))!;
  return button.args.split(' ')[1]!;
}
/** Replaces one character of part `n` (0 key, 1 tag, 2 seed, 3 MAC) with another of the same alphabet. */
function altered(id: string, n: number): string {
  const parts = id.split('~');
  const part = parts[n]!;
  const last = part.at(-1)!;
  parts[n] = part.slice(0, -1) + (last === '1' ? '2' : '1');
  return parts.join('~');
}

const REFUSED = {
  en: 'That quiz answer does not match a question this bot posted (it was posted before the bot\'s quiz key changed, or the answer was altered), so nothing was scored. Try /quiz for a new question.',
  ja: 'この回答は、このボットが出題した問題と一致しません（クイズの鍵が変わる前の出題か、回答が書き換えられています）。採点していません。/quiz で新しい問題をどうぞ。',
};

describe('quiz posting ids are signed: only postings the bot made can be answered', () => {
  test('a posted id is key~tag~seed~MAC, the MAC being HMAC-SHA256(secret, "key~tag~seed") cut to 8 bytes, base64url', async () => {
    const id = await postedId();
    const [key, tag, seed, mac] = id.split('~');
    expect(key).toBe('hhi-and-effective-n.1');
    const expected = createHmac('sha256', SECRET).update(`${key}~${tag}~${seed}`).digest().subarray(0, 8).toString('base64url');
    expect(mac).toBe(expected);
  });

  test('a real posting answers and is scored once', async () => {
    const id = await postedId();
    const view = await run(`answer ${id} 1`);
    expect(view.tone).not.toBe('error');
    expect((view.data as { quiz: { recorded: boolean } }).quiz.recorded).toBe(true);
    expect(await scores.scoreboard('G1')).toEqual([expect.objectContaining({ userId: 'U1', answered: 1 })]);
  });

  test.each([
    [0, 'key'],
    [1, 'tag'],
    [2, 'seed'],
    [3, 'MAC'],
  ])('one character changed in the %s part (%s) → refused in the reader\'s language, nothing scored, also for reveal', async (part) => {
    for (const lang of ['en', 'ja'] as const) {
      const forged = altered(await postedId(lang), part);
      const view = await run(`answer ${forged} 1`, lang);
      expect(view.tone).toBe('error');
      expect(code(view)).toBe('quiz-unverified');
      expect(view.summary).toBe(REFUSED[lang]);
      expect(code(await run(`reveal ${forged}`, lang))).toBe('quiz-unverified');
    }
    expect(await scores.scoreboard('G1')).toEqual([]);
  });

  test('a forged tag on a real question (the old hole: a fresh round to answer again) is refused; ids without a MAC too', async () => {
    const id = await postedId();
    const [key, , seed, mac] = id.split('~');
    for (const forged of [`${key}~zzzzzz~${seed}~${mac}`, `${key}~abc123~${seed}`, `${key}~abc123`, 'nope.1~abc', '../x~1~1~AAAAAAAAAAA']) {
      expect(code(await run(`answer ${forged} 1`)), forged).toBe('quiz-unverified');
    }
    expect(await scores.scoreboard('G1')).toEqual([]);
  });

  test('a posting from before the secret changed is refused with the plain message; a new posting answers', async () => {
    const before = await postedId('ja');
    setPostingSecret('another-secret-after-rotation');
    const view = await run(`answer ${before} 1`, 'ja');
    expect(code(view)).toBe('quiz-unverified');
    expect(view.summary).toBe(REFUSED.ja);
    expect((await run(`answer ${await postedId()} 1`)).tone).not.toBe('error');
  });

  test('with the MAC, the longest lesson\'s question still fits a Discord button id (100 characters)', async () => {
    const { lessonLibrary } = await import('../../lessons/load.ts');
    const library = lessonLibrary();
    const longest = [...library.ids].sort((a, b) => b.length - a.length)[0]!;
    // Its last question that needs no loaded fund (live ones are refused on this empty catalog).
    const quiz = library.get(longest, 'en')!.quiz;
    const n = quiz.map((q, i) => ('live' in q ? 0 : i + 1)).filter((i) => i > 0).at(-1)!;
    const question = await run(`${longest} ${n}`);
    const answer = (question.actions ?? []).find((a): a is Extract<ViewAction, { kind: 'command' }> => a.kind === 'command')!;
    expect(answer.args).toMatch(new RegExp(`^answer ${longest.replace(/[-.]/g, '\\$&')}\\.${n}~`));
    expect(`cmd:quiz:${answer.args}`.length).toBeLessThanOrEqual(100);
    expect(`upd:quiz:reveal ${answer.args.split(' ')[1]}`.length).toBeLessThanOrEqual(100);
  });

  test('a signed id whose question has gone (lesson removed) is "no longer available", not "forged"', async () => {
    const [tag, seed] = ['abc', '1'];
    const mac = createHmac('sha256', SECRET).update(`nope.1~${tag}~${seed}`).digest().subarray(0, 8).toString('base64url');
    expect(code(await run(`answer nope.1~${tag}~${seed}~${mac} 1`))).toBe('quiz-gone');
  });
});

describe('the posting secret: QUIZ_SECRET, else one the store makes once and every process shares', () => {
  test('QUIZ_SECRET wins when set; shorter than 16 characters is a start-up error that says so', async () => {
    const never = { installSecret: async () => 'from-store' };
    expect(await postingSecret(never, { QUIZ_SECRET: '  a-long-enough-secret  ' })).toBe('a-long-enough-secret');
    await expect(postingSecret(never, { QUIZ_SECRET: 'short' })).rejects.toThrow(/QUIZ_SECRET must be at least 16 characters/);
    expect(await postingSecret(never, {})).toBe('from-store');
  });

  describe.each([
    ['sqlite', true],
    ['postgres', HAS_PG],
  ] as const)('on %s', (backend, available) => {
    let cluster: PgCluster | undefined;
    let tmp: ReturnType<typeof tempDir> | undefined;
    beforeAll(async () => {
      if (!available) return;
      if (backend === 'postgres') cluster = await startPg();
      else tmp = tempDir();
    }, 60_000);
    afterAll(() => {
      cluster?.stop();
      tmp?.remove();
    });

    test.skipIf(!available)('two processes on one new database get one secret, kept across restarts (migration 0007-install-secrets)', async () => {
      const url = backend === 'postgres' ? await cluster!.createDatabase() : `file:${path.join(tmp!.dir, 'secret.db')}`;
      const [a, b] = [await Store.open(url), await Store.open(url)];
      const [sa, sb] = await Promise.all([postingSecret(a, {}), postingSecret(b, {})]);
      expect(sa).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(sb).toBe(sa);
      await Promise.all([a.close(), b.close()]);
      const c = await Store.open(url);
      expect(await c.installSecret(POSTING_SECRET_NAME, () => 'would-replace')).toBe(sa);
      await c.close();
    });
  });
});
