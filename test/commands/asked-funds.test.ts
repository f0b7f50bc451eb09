import { beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context } from '../../commands/context.ts';
import { setQuizStore } from '../../commands/quiz.ts';
import { MemoryQuizStore } from '../../lessons/quiz-store.ts';
import { HAS_RAW } from '../support/raw.ts';
import { rawContexts } from '../support/context.ts';

describe.skipIf(!HAS_RAW)('quizzes start with the funds the reader has asked about', () => {
  let en: Context;
  beforeAll(async () => {
    ({ en } = await rawContexts());
    setQuizStore(new MemoryQuizStore());
  }, 120_000);

  test('after /hhi ACWI, /quiz live and /quiz ask about ACWI, whenever asked; another reader is not steered', async () => {
    const reader = { ...en, requester: { ...en.requester, userId: 'reader-acwi' } };
    await dispatch({ command: 'hhi', text: 'ACWI' }, reader, memoryLogger());
    for (let s = 0; s < 12; s++) {
      const at = { ...reader, now: new Date(en.now.getTime() + s * 7_919_000) };
      for (const text of ['live', '']) {
        const question = await dispatch({ command: 'quiz', text }, at, memoryLogger());
        expect(question.sources.map((x) => x.fund), `/quiz ${text} at step ${s}`).toContain('ACWI');
      }
    }
    // A reader who asked about nothing gets questions on other funds too.
    const other = { ...en, requester: { ...en.requester, userId: 'reader-new' } };
    const funds = new Set<string>();
    for (let s = 0; s < 12; s++) {
      const question = await dispatch({ command: 'quiz', text: 'live' }, { ...other, now: new Date(en.now.getTime() + s * 7_919_000) }, memoryLogger());
      for (const x of question.sources) funds.add(x.fund);
    }
    expect([...funds].some((f) => f !== 'ACWI')).toBe(true);
  }, 120_000);
});
