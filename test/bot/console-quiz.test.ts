import { beforeEach, describe, expect, test } from 'vitest';
import { renderConsole } from '../../bot/console/render.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { CONSOLE_USER, type Context, type HoldingsSource, type Lang } from '../../commands/context.ts';
import { setQuizStore } from '../../commands/quiz.ts';
import { MemoryQuizStore } from '../../lessons/quiz-store.ts';
import { NOW } from '../support/context.ts';
import { chatSession } from '../support/chat.ts';

const empty: HoldingsSource = { list: () => [], get: () => undefined, problems: () => [], describe: () => './data/holdings' };
const ctx = (lang: Lang): Context => ({ lang, requester: CONSOLE_USER, data: empty, now: NOW, staleAfterDays: 30 });
let store: MemoryQuizStore;
beforeEach(() => setQuizStore((store = new MemoryQuizStore())));

const chat = (lines: string[], lang: Lang = 'en') => chatSession(ctx, lines, lang);

describe('quiz on the console', () => {
  test('the question says to type a number; typing "2" (or "b") answers option 2 and is scored once', async () => {
    const question = await dispatch({ command: 'quiz', text: 'hhi-and-effective-n' }, ctx('en'), memoryLogger());
    expect(question.footer).toMatch(/^One answer per person\. Type the number of your answer/);
    expect(await chat(['/quiz hhi-and-effective-n', '2'])).toMatch(/You chose 2: /);
    // The same posting (same clock, same place) again: "c" is read as an answer, and the first one stands.
    expect(await chat(['/quiz hhi-and-effective-n', 'c'])).toContain('You already answered this one (you chose 2)');
    const [me] = await store.scoreboard(null);
    expect(me).toMatchObject({ userId: 'console', answered: 1 });
  });

  test('an unknown or forged quiz id is refused and nothing is scored', async () => {
    for (const forged of ['answer nope.1~abc 1', 'answer hhi-and-effective-n.1~<script> 1', 'answer hhi-and-effective-n.1 1', 'answer ../x~1 1']) {
      const view = await dispatch({ command: 'quiz', text: forged }, ctx('en'), memoryLogger());
      expect(view.tone, forged).toBe('error');
      // Unsigned or malformed: not a posting the bot made (test/commands/quiz-ids.test.ts checks the signature itself).
      expect((view.data as { error: { code: string } }).error.code).toBe('quiz-unverified');
    }
    expect(await store.scoreboard(null)).toEqual([]);
  });
});

describe('the console chat reads what a newcomer types', () => {
  test('a number past the last option is told as such, in the reader’s language, and nothing is scored', async () => {
    expect(await chat(['/quiz hhi-and-effective-n', '9'])).toMatch(/"9" is not one of the choices: type a number from 1 to [2-6] \(or a letter a–[b-f]\)\./);
    expect(await chat(['/quiz hhi-and-effective-n', '9'], 'ja')).toMatch(/「9」は選択肢にありません。1〜[2-6]の番号/);
    expect(await store.scoreboard(null)).toEqual([]);
  });

  test('the chat prints no answer command whose number could differ from the option shown; elsewhere the label loses the shown number', async () => {
    const text = await chat(['/quiz hhi-and-effective-n']);
    expect(text).toMatch(/^1\. /m);
    expect(text).not.toContain('/quiz answer');
    const question = await dispatch({ command: 'quiz', text: 'hhi-and-effective-n' }, ctx('en'), memoryLogger());
    const lines = renderConsole(question).split('\n').filter((l) => l.startsWith('→ /quiz answer'));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).not.toMatch(/\(\d+\./);
  });

  test('/more continues a lesson from page 1 to the last page, then says there is no more', async () => {
    const lesson = await dispatch({ command: 'lesson', text: 'hhi-and-effective-n' }, ctx('en'), memoryLogger());
    const pages = (lesson.data as { lesson: { pages: number } }).lesson.pages;
    expect(pages).toBeGreaterThan(1);
    const text = await chat(['/lesson hhi-and-effective-n', ...Array.from({ length: pages }, () => '/more')]);
    for (let page = 2; page <= pages; page++) expect(text).toContain(`(${page}/${pages})`);
    expect(text.match(/Nothing more to show/g)).toHaveLength(1);
  });

  test('a full-width command (／ｈｅｌｐ, typed with the Japanese input on) is the command', async () => {
    const text = await chat(['／ｈｅｌｐ', '／help hhi'], 'ja');
    expect(text).not.toMatch(/というコマンドはありません/);
    expect(text).toContain('/hhi <fund>');
  });
});
