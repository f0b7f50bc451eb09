import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { StoreQuizStore } from '../../bot/quiz-store.ts';
import { Store } from '../../store/store.ts';

test('quiz answers in a SQLite file: first answer counts, spread per quiz, leaderboard per server, kept across reopening', async () => {
  const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), 'topheavy-quiz-')), 'q.db')}`;
  const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 0, 0, s));
  let store = await Store.open(url);
  const quiz = new StoreQuizStore(store);
  expect((await quiz.recordAnswer({ quizId: 'hhi.1~a', serverId: 'G1', userId: 'u1', choice: 2, correct: true, at: at(1) })).recorded).toBe(true);
  const second = await quiz.recordAnswer({ quizId: 'hhi.1~a', serverId: 'G1', userId: 'u1', choice: 3, correct: false, at: at(2) });
  expect(second).toEqual({ recorded: false, answer: { quizId: 'hhi.1~a', serverId: 'G1', userId: 'u1', choice: 2, correct: true, at: at(1) } });
  await quiz.recordAnswer({ quizId: 'hhi.1~a', serverId: 'G1', userId: 'u2', choice: 1, correct: false, at: at(3) });
  await quiz.recordAnswer({ quizId: 'hhi.2~b', serverId: 'G1', userId: 'u2', choice: 4, correct: true, at: at(4) });
  await quiz.recordAnswer({ quizId: 'hhi.2~c', serverId: 'G2', userId: 'u3', choice: 4, correct: true, at: at(5) });
  await store.close();

  store = await Store.open(url);
  const again = new StoreQuizStore(store);
  expect((await again.answersFor('hhi.1~a')).map((a) => [a.userId, a.choice])).toEqual([['u1', 2], ['u2', 1]]);
  expect(await again.scoreboard('G1')).toEqual([
    { userId: 'u1', answered: 1, correct: 1, streak: 1, bestStreak: 1 },
    { userId: 'u2', answered: 2, correct: 1, streak: 1, bestStreak: 1 },
  ]);
  expect((await again.scoreboard('G2')).map((r) => r.userId)).toEqual(['u3']);
  await store.close();
});
