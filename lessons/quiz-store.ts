/**
 * Where quiz answers live. Kept to three calls so the database-backed version (store engineer)
 * is a small adapter; everything else (spread, score, streak, leaderboard order) is derived.
 */
export interface QuizAnswer {
  /** The posted question: "<question key>~<posting>", e.g. "hhi-and-effective-n.2~m3k9x1". */
  quizId: string;
  /** Discord guild / Slack team; null in DMs and on the console (one shared board for those). */
  serverId: string | null;
  userId: string;
  /** The chosen option's 1-based number in the question as written (not the place it was shown at: places are shuffled per reader). */
  choice: number;
  correct: boolean;
  at: Date;
}

export interface ScoreRow {
  userId: string;
  answered: number;
  correct: number;
  /** Correct answers in a row, counting back from the latest. */
  streak: number;
  bestStreak: number;
}

export interface QuizStore {
  /**
   * Stores the answer unless this user already answered this quiz (one answer per user). Returns
   * the answer that counts: the new one, or the earlier one when `recorded` is false.
   */
  recordAnswer(answer: QuizAnswer): Promise<{ recorded: boolean; answer: QuizAnswer }>;
  /** Every answer to one posted question, oldest first. */
  answersFor(quizId: string): Promise<QuizAnswer[]>;
  /** Every user who answered on this server, best first (correct, then accuracy, then streak, then user id). */
  scoreboard(serverId: string | null): Promise<ScoreRow[]>;
}

/** Score rows from answers in time order; shared by any store that can list a server's answers. */
export function scoreRows(answers: readonly QuizAnswer[]): ScoreRow[] {
  const rows = new Map<string, ScoreRow>();
  for (const a of [...answers].sort((x, y) => x.at.getTime() - y.at.getTime())) {
    const row = rows.get(a.userId) ?? { userId: a.userId, answered: 0, correct: 0, streak: 0, bestStreak: 0 };
    row.answered += 1;
    if (a.correct) {
      row.correct += 1;
      row.streak += 1;
      row.bestStreak = Math.max(row.bestStreak, row.streak);
    } else row.streak = 0;
    rows.set(a.userId, row);
  }
  return [...rows.values()].sort(
    (a, b) => b.correct - a.correct || b.correct / b.answered - a.correct / a.answered || b.streak - a.streak || a.userId.localeCompare(b.userId),
  );
}

/** In-process store: enough for the console and a single bot process; lost on restart. */
export class MemoryQuizStore implements QuizStore {
  private readonly answers: QuizAnswer[] = [];

  async recordAnswer(answer: QuizAnswer): Promise<{ recorded: boolean; answer: QuizAnswer }> {
    const earlier = this.answers.find((a) => a.quizId === answer.quizId && a.userId === answer.userId && a.serverId === answer.serverId);
    if (earlier) return { recorded: false, answer: earlier };
    this.answers.push({ ...answer });
    return { recorded: true, answer };
  }

  async answersFor(quizId: string): Promise<QuizAnswer[]> {
    return this.answers.filter((a) => a.quizId === quizId);
  }

  async scoreboard(serverId: string | null): Promise<ScoreRow[]> {
    return scoreRows(this.answers.filter((a) => a.serverId === serverId));
  }
}
