import { randomBytes } from 'node:crypto';
import { scoreRows, type QuizAnswer, type QuizStore, type ScoreRow } from '../lessons/quiz-store.ts';
import type { Store } from '../store/store.ts';

/**
 * Quiz answers in the database, so scores, streaks and leaderboards survive restarts and are
 * shared by every bot process. Posted quiz ids are unique per posting, so one platform label
 * serves all surfaces; the server id keeps each community's leaderboard its own.
 */
export class StoreQuizStore implements QuizStore {
  constructor(private readonly store: Store) {}

  async recordAnswer(answer: QuizAnswer): Promise<{ recorded: boolean; answer: QuizAnswer }> {
    const result = await this.store.recordQuizAnswer({
      quizId: answer.quizId,
      platform: 'chat',
      userId: answer.userId,
      answer: String(answer.choice),
      correct: answer.correct,
      serverId: answer.serverId,
      at: answer.at,
    });
    return { recorded: result.recorded, answer: fromRow(result.answer) };
  }

  async answersFor(quizId: string): Promise<QuizAnswer[]> {
    return (await this.store.quizAnswersFor(quizId)).map(fromRow);
  }

  async scoreboard(serverId: string | null): Promise<ScoreRow[]> {
    return scoreRows((await this.store.quizAnswersIn(serverId)).map(fromRow));
  }
}

/** Where the store keeps the quiz posting key it made for itself. */
export const POSTING_SECRET_NAME = 'quiz-postings';

/**
 * The key quiz posting ids are signed with: QUIZ_SECRET when set (at least 16 characters), else
 * one made once and kept in the store, so restarts and every replica on one database agree.
 * Changing it refuses answers to questions posted before (they say so; nothing is scored).
 */
export async function postingSecret(store: Pick<Store, 'installSecret'>, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.QUIZ_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error('QUIZ_SECRET must be at least 16 characters (or leave it unset and the bot keeps its own in the database).');
    return fromEnv;
  }
  return store.installSecret(POSTING_SECRET_NAME, () => randomBytes(32).toString('base64url'));
}

function fromRow(row: Awaited<ReturnType<Store['quizAnswersFor']>>[number]): QuizAnswer {
  return { quizId: row.quizId, serverId: row.serverId ?? null, userId: row.userId, choice: Number(row.answer), correct: row.correct, at: row.at ?? new Date(0) };
}
