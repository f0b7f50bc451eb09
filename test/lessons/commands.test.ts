import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { catalogSource } from '../../bot/data-source.ts';
import type { Context, HoldingsSource, Lang, Requester } from '../../commands/context.ts';
import { setQuizStore } from '../../commands/quiz.ts';
import type { View, ViewAction } from '../../commands/view.ts';
import { CURRICULUM, lessonLibrary } from '../../lessons/load.ts';
import { MemoryQuizStore } from '../../lessons/quiz-store.ts';
import { isLive } from '../../lessons/schema.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { contextAs, EMPTY_DATA } from './support.ts';

const library = lessonLibrary();
let real: HoldingsSource = EMPTY_DATA;
beforeAll(async () => {
  if (HAS_RAW) real = catalogSource(await rawCatalog());
});
beforeEach(() => setQuizStore(new MemoryQuizStore()));

const run = (ctx: Context, command: string, text = '') => dispatch({ command, text }, ctx, memoryLogger());
const ctxOf = (lang: Lang = 'en', requester: Partial<Requester> = {}, data: HoldingsSource = EMPTY_DATA) => contextAs(data, lang, requester);
const member = (userId: string, lang: Lang = 'en', isAdmin = false) => ctxOf(lang, { platform: 'discord', userId, serverId: 'guild-1', channelId: 'chan-1', isAdmin }, real);
const commandActions = (view: View) => (view.actions ?? []).filter((a): a is Extract<ViewAction, { kind: 'command' }> => a.kind === 'command');
const errorCode = (view: View) => (view.data as { error?: { code: string } }).error?.code;
const first = library.ids[0]!;
const staticQ = (id: string, n: number) => {
  const item = library.get(id, 'en')!.quiz[n - 1]!;
  if (isLive(item)) throw new Error(`${id} question ${n} is a live question`);
  return item;
};

describe('/lesson', () => {
  test('with no topic: a menu listing every lesson on disk with its id, in both languages', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const view = await run(ctxOf(lang), 'lesson');
      expect(view.tone).toBe('info');
      expect(view.table!.rows.map((r) => r[0])).toEqual(library.ids);
      expect(view.footer).toBe(lang === 'en' ? 'Education, not investment advice.' : '教育目的の情報であり、投資助言ではありません。');
    }
  });

  test('with a topic: page 1 with paging, related lessons, the "try it" line, dated sources and the footer', async () => {
    const view = await run(ctxOf('en'), 'lesson', 'cap-weighting-basics');
    const lesson = library.get('cap-weighting-basics', 'en')!;
    expect(view.title).toBe(`${lesson.title} (1/${lesson.sections.length})`);
    expect(view.summary).toBe(lesson.summary);
    expect(view.markdown!.split('\n')[0]).toBe(lesson.sections[0]!.heading);
    expect(commandActions(view)).toContainEqual({ kind: 'command', command: 'lesson', args: 'cap-weighting-basics page=2', label: 'Next ▶', style: 'primary', update: true, more: true });
    expect(view.actions).toContainEqual({ kind: 'lesson', id: 'hhi-and-effective-n', label: library.get('hhi-and-effective-n', 'en')!.title });
    expect(commandActions(view)).toContainEqual({ kind: 'command', command: 'hhi', args: 'IVV', label: '/hhi IVV' });
    expect(view.fields!.find((f) => f.name === 'Try it')!.value).toContain('/hhi IVV');
    const sources = view.fields!.find((f) => f.name === 'Sources')!.value;
    for (const s of lesson.sources) expect(sources).toContain(s);
    expect(view.footer).toBe('Education, not investment advice.');
  });

  test('paging: the button args open the next page, which can go back; the last page offers the quiz', async () => {
    const lesson = library.get(first, 'ja')!;
    let view = await run(ctxOf('ja'), 'lesson', first);
    for (let page = 2; page <= lesson.sections.length; page++) {
      const next = commandActions(view).find((a) => a.args === `${first} page=${page}`)!;
      expect(next.update).toBe(true);
      view = await run(ctxOf('ja'), next.command, next.args);
      expect(view.title).toContain(`（${page}/${lesson.sections.length}）`);
      expect(commandActions(view).find((a) => a.args === `${first} page=${page - 1}`)).toBeDefined();
    }
    expect(commandActions(view)).toContainEqual(expect.objectContaining({ command: 'quiz', args: first }));
    expect(errorCode(await run(ctxOf('ja'), 'lesson', `${first} page=${lesson.sections.length + 1}`))).toBe('no-such-page');
  });

  test('a unique word opens its lesson; an unknown topic is a friendly error with suggestions', async () => {
    expect((await run(ctxOf(), 'lesson', 'hhi')).title).toContain(library.get('hhi-and-effective-n', 'en')!.title);
    const view = await run(ctxOf(), 'lesson', 'cap-weigting-basics');
    expect(errorCode(view)).toBe('unknown-lesson');
    expect(view.ephemeral).toBe(true);
    expect(view.summary).toContain('cap-weighting-basics');
  });

  test('every page of every lesson opens through dispatch in both languages, on the console and on Discord', async () => {
    for (const id of library.ids) {
      for (const lang of ['en', 'ja'] as const) {
        const pages = library.find(id, lang)!.sections.length;
        for (let page = 1; page <= pages; page++) {
          for (const platform of ['console', 'discord'] as const) {
            const view = await run(ctxOf(lang, { platform }, real), 'lesson', `${id} page=${page}`);
            expect(view.tone, `${lang} ${id} page ${page}: ${view.summary}`).toBe('info');
            expect(view.markdown).not.toMatch(/\{\{/);
            if (platform === 'console') expect(view.markdown).not.toContain('**');
          }
        }
      }
    }
  });

  test('every lesson a command card links to is a planned lesson, and exists once written', () => {
    const dir = path.resolve(import.meta.dirname, '../../commands');
    const linked = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/kind: 'lesson'(?: as const)?, id: '([a-z0-9-]+)'/g)].map((m) => m[1]!));
    expect(linked.length).toBeGreaterThan(0);
    for (const id of linked) expect(CURRICULUM).toContain(id);
  });
});

describe('/quiz', () => {
  const ask = async (ctx: Context, topic: string) => {
    const view = await run(ctx, 'quiz', topic);
    expect(view.tone, view.summary).toBe('info');
    return view;
  };
  const answerButtons = (view: View) => commandActions(view).filter((a) => a.args.startsWith('answer '));
  const press = (ctx: Context, button: { command: string; args: string }) => run(ctx, button.command, button.args);

  test('a lesson question: one button per option, no answer given away in the card', async () => {
    const q = staticQ('hhi-and-effective-n', 1);
    const view = await ask(member('alice'), 'hhi-and-effective-n 1');
    expect(view.summary).toBe(q.q);
    const buttons = answerButtons(view);
    expect(buttons).toHaveLength(q.options.length);
    // Each option appears once, its button naming the option's number in the file.
    expect(buttons.map((b) => Number(b.args.split(' ')[2])).sort()).toEqual(q.options.map((_, i) => i + 1));
    for (const b of buttons) expect(b.label.slice(3)).toBe(q.options[Number(b.args.split(' ')[2]) - 1]!.text.slice(0, 77));
    expect(JSON.stringify(view)).not.toContain('"correct"');
  });

  test('answering: the reveal (correct option, every why, the spread), one answer per user, score and streak', async () => {
    const q = staticQ('hhi-and-effective-n', 1);
    const right = q.options.findIndex((o) => o.correct) + 1;
    const wrong = right === 1 ? 2 : 1;
    const buttons = answerButtons(await ask(member('alice'), 'hhi-and-effective-n 1'));
    const button = (option: number) => buttons.find((b) => b.args.endsWith(` ${option}`))!;
    const place = (option: number) => buttons.indexOf(button(option)) + 1;

    const alice = await press(member('alice'), button(right));
    expect(alice.ephemeral).toBe(true);
    expect(alice.summary).toContain(`You chose ${place(right)}: correct!`);
    for (const o of q.options) expect(alice.markdown).toContain(o.why);
    expect(alice.fields!.find((f) => f.name === 'Correct answer')!.value).toBe(`${place(right)}. ${q.options[right - 1]!.text}`);
    expect((alice.data as { quiz: { spread: number[] } }).quiz.spread.reduce((a, b) => a + b)).toBe(1);

    const bob = await press(member('bob', 'ja'), button(wrong));
    expect(bob.summary).toContain(`あなたの回答は${place(wrong)}：残念`);
    expect(bob.fields!.find((f) => f.name.startsWith('これまでの回答'))!.name).toBe('これまでの回答（2件）');

    // Alice changes her mind: the first answer stands and the spread does not move.
    const again = await press(member('alice'), button(wrong));
    expect(again.summary).toContain(`You already answered this one (you chose ${place(right)})`);
    const data = (again.data as { quiz: { recorded: boolean; spread: number[]; score: { answered: number; correct: number; streak: number } } }).quiz;
    expect(data.recorded).toBe(false);
    expect(data.spread.reduce((a, b) => a + b)).toBe(2);
    expect(data.score).toMatchObject({ answered: 1, correct: 1, streak: 1 });
  });

  test('streaks and the per-server leaderboard', async () => {
    const answerAs = async (user: string, topic: string, correct: boolean, serverId = 'guild-1') => {
      const [id, n] = topic.split(' ');
      const q = staticQ(id!, Number(n));
      const choice = q.options.findIndex((o) => o.correct === correct) + 1;
      const ctx = { ...member(user), requester: { ...member(user).requester, serverId } };
      const button = answerButtons(await ask(ctx, topic)).find((b) => b.args.endsWith(` ${choice}`))!;
      return press(ctx, button);
    };
    await answerAs('carol', 'top-10-history 1', true);
    await answerAs('carol', 'top-10-history 2', true);
    await answerAs('dave', 'top-10-history 1', true);
    await answerAs('dave', 'top-10-history 2', false);
    await answerAs('erin', 'top-10-history 1', true, 'guild-2');
    const board = await run(member('carol'), 'quiz', 'scores');
    const rows = (board.data as { scoreboard: { userId: string; correct: number; streak: number; bestStreak: number }[] }).scoreboard;
    expect(rows.map((r) => [r.userId, r.correct, r.streak, r.bestStreak])).toEqual([
      ['carol', 2, 2, 2],
      ['dave', 1, 0, 1],
    ]);
    expect(board.markdown).toContain('1. <@carol>');
    expect((await run(ctxOf('en'), 'quiz', 'scores')).summary).toBe('Nobody has answered a quiz here yet. Try /quiz.');
  });

  test('reveal to everyone: only after answering (or as an admin), replacing the question card', async () => {
    const view = await ask(member('frank'), 'self-reinforcing-loop 2');
    const buttons = answerButtons(view);
    const quizId = buttons[0]!.args.split(' ')[1]!;
    expect(errorCode(await run(member('gina'), 'quiz', `reveal ${quizId}`))).toBe('reveal-too-early');
    const answered = await press(member('frank'), buttons[0]!);
    const revealButton = commandActions(answered).find((a) => a.args === `reveal ${quizId}`)!;
    expect(revealButton.update).toBe(true);
    const revealed = await press(member('frank'), revealButton);
    expect(revealed.ephemeral).toBeUndefined();
    expect(answerButtons(revealed)).toEqual([]);
    expect((await run(member('admin', 'en', true), 'quiz', `reveal ${quizId}`)).tone).toBe('info');
  });

  test('bad answers are friendly errors: an id the bot did not post, option out of range, unknown topic', async () => {
    expect(errorCode(await run(member('h'), 'quiz', 'answer nope.1~x 1'))).toBe('quiz-unverified');
    const quizId = answerButtons(await ask(member('h'), 'cap-weighting-basics 1'))[0]!.args.split(' ')[1]!;
    expect(errorCode(await run(member('h'), 'quiz', `answer ${quizId} 9`))).toBe('bad-choice');
    expect(errorCode(await run(member('h'), 'quiz', 'no-such-lesson-at-all'))).toBe('unknown-quiz');
  });

  test('every lesson question can be posted and answered in both languages', async () => {
    for (const id of library.ids) {
      for (const lang of ['en', 'ja'] as const) {
        const lesson = library.find(id, lang)!;
        for (let n = 1; n <= lesson.quiz.length; n++) {
          const item = lesson.quiz[n - 1]!;
          const data = isLive(item) ? real : EMPTY_DATA;
          if (isLive(item) && !item.funds.every((f) => data.get(f))) continue;
          const view = await ask(ctxOf(lang, {}, data), `${id} ${n}`);
          const reveal = await press(ctxOf(lang, {}, data), answerButtons(view)[0]!);
          expect(reveal.tone, `${lang} ${id} ${n}: ${reveal.summary}`).not.toBe('error');
        }
      }
    }
  });

  test('a plain /quiz posts a question', async () => {
    expect(answerButtons(await ask(ctxOf(), '')).length).toBeGreaterThanOrEqual(2);
  });

  describe.skipIf(!HAS_RAW)('generated from live data', () => {
    test('"Which has more effective names: QQQ or IVV?" with the real numbers and as-of dates', async () => {
      const view = await ask(member('ivan'), 'live');
      const key = (view.data as { quiz: { key: string } }).quiz.key;
      // The first live question is QQQ vs IVV whenever both are loaded; rotate until we meet it.
      const question = key === 'live.effn.QQQ.IVV' ? view : null;
      const buttons = answerButtons(question ?? (await findLive(member('ivan'), 'live.effn.QQQ.IVV')));
      const reveal = await press(member('ivan'), buttons.find((b) => b.label.endsWith('. IVV'))!);
      expect(reveal.summary).toContain('correct!');
      expect(reveal.markdown).toContain('IVV holds 503 names but counts as 44.6 equal-weighted ones (as of 2025-11-18)');
      expect(reveal.markdown).toContain('QQQ holds 101 names but counts as 26.3 equal-weighted ones (as of 2025-09-26)');
      expect(reveal.sources.map((s) => s.fund)).toEqual(['QQQ', 'IVV']);
    });

    test('"What share of ACWI is in the US?" answers from the file, with its date', async () => {
      const buttons = answerButtons(await findLive(member('judy', 'ja'), 'live.us.ACWI'));
      const reveal = await press(member('judy', 'ja'), buttons.find((b) => b.label.includes('67%'))!);
      expect(reveal.summary).toContain('正解です');
      expect(reveal.markdown).toContain('米国企業が67.3%です（基準日 2024-12-24）');
    });

    async function findLive(ctx: Context, key: string): Promise<View> {
      // The pick rotates with the clock; step the clock until the wanted question comes up.
      for (let s = 0; s < 500; s++) {
        const view = await run({ ...ctx, now: new Date(ctx.now.getTime() + s * 1000) }, 'quiz', 'live');
        if ((view.data as { quiz?: { key: string } }).quiz?.key === key) return view;
      }
      throw new Error(`${key} never came up`);
    }
  });
});
