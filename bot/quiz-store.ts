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

function fromRow(row: Awaited<ReturnType<Store['quizAnswersFor']>>[number]): QuizAnswer {
  return { quizId: row.quizId, serverId: row.serverId ?? null, userId: row.userId, choice: Number(row.answer), correct: row.correct, at: row.at ?? new Date(0) };
}
