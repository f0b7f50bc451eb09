import { z } from 'zod';
import { lessonLibrary, type LessonLibrary } from '../lessons/load.ts';
import { MemoryQuizStore, type QuizAnswer, type QuizStore, type ScoreRow } from '../lessons/quiz-store.ts';
import { sourceOf } from './card-parts.ts';
import { concentration } from './concentration.ts';
import type { Context, Lang, Requester } from './context.ts';
import type { Bilingual } from './define.ts';
import { defineCommand } from './define.ts';
import { decimal, integer, percent } from './format.ts';
import { findLesson } from './lesson.ts';
import { m, t } from './messages.ts';
import { ml } from './messages-lessons.ts';
import { UserError } from './user-error.ts';
import type { View, ViewAction, ViewSource } from './view.ts';

let store: QuizStore = new MemoryQuizStore();

/** Swaps where answers are kept (the database-backed store at start-up; a fresh one per test). */
export function setQuizStore(next: QuizStore): void {
  store = next;
}

/** One question as shown: from a lesson's front matter, or generated from the loaded holdings. */
export interface Question {
  /** Stable across postings and languages: "<lesson id>.<n>" or "live.effn.QQQ.IVV" / "live.us.ACWI". */
  key: string;
  lessonId: string | null;
  /** What the quiz is about (the lesson title, or "live data"). */
  topic: string;
  q: string;
  options: { text: string; correct: boolean; why: string }[];
  sources: ViewSource[];
}

/** FNV-1a: a short, stable hash to rotate questions and tag postings without randomness. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

// ---- questions from lessons ----

function lessonQuestion(library: LessonLibrary, lessonId: string, n: number, lang: Lang): Question | null {
  const lesson = library.find(lessonId, lang);
  const item = lesson?.quiz[n - 1];
  if (!lesson || !item) return null;
  return { key: `${lessonId}.${n}`, lessonId, topic: lesson.title, q: item.q, options: item.options, sources: [] };
}

// ---- questions from live data ----

/** The live questions the loaded funds allow, the two canonical ones first. */
export function liveKeys(ctx: Pick<Context, 'data'>): string[] {
  const funds = ctx.data.list().map((f) => f.fund).sort();
  const keys: string[] = [];
  const has = (f: string) => funds.includes(f);
  if (has('QQQ') && has('IVV')) keys.push('live.effn.QQQ.IVV');
  if (has('ACWI')) keys.push('live.us.ACWI');
  for (let i = 0; i < funds.length; i++) {
    for (let j = i + 1; j < funds.length; j++) {
      const key = `live.effn.${funds[i]}.${funds[j]}`;
      if (!keys.includes(key) && key !== 'live.effn.IVV.QQQ') keys.push(key);
    }
  }
  for (const fund of funds) {
    const h = ctx.data.get(fund);
    const us = h ? (concentration(h).countries['US'] ?? 0) : 0;
    // Only funds that are really multi-country make a sensible "what share is US?" question.
    if (us > 0.05 && us < 0.95 && !keys.includes(`live.us.${fund}`)) keys.push(`live.us.${fund}`);
  }
  return keys;
}

function liveQuestion(key: string, ctx: Pick<Context, 'data' | 'lang'>): Question | null {
  const { lang } = ctx;
  const topic = t(lang, ml.liveData());
  const effn = /^live\.effn\.([A-Z0-9.-]+)\.([A-Z0-9.-]+)$/.exec(key);
  if (effn) {
    const [ha, hb] = [ctx.data.get(effn[1]!), ctx.data.get(effn[2]!)];
    if (!ha || !hb) return null;
    const [a, b] = [concentration(ha), concentration(hb)];
    const ratio = Math.max(a.effectiveN, b.effectiveN) / Math.min(a.effectiveN, b.effectiveN);
    const same = ratio <= 1.1;
    const gap = percent(ratio - 1, 0);
    const why = (c: typeof a, isMore: boolean) => t(lang, ml.whyEffective(c.fund, decimal(c.effectiveN), integer(c.count), t(lang, ml.asOf(c.asOf)), isMore));
    return {
      key,
      lessonId: 'hhi-and-effective-n',
      topic,
      q: t(lang, ml.qMoreEffective(a.fund, b.fund)),
      options: [
        { text: a.fund, correct: !same && a.effectiveN > b.effectiveN, why: why(a, a.effectiveN > b.effectiveN) },
        { text: b.fund, correct: !same && b.effectiveN > a.effectiveN, why: why(b, b.effectiveN > a.effectiveN) },
        { text: t(lang, ml.aboutTheSame()), correct: same, why: t(lang, ml.whySame(gap, same)) },
      ],
      sources: [sourceOf(ha), sourceOf(hb)],
    };
  }
  const us = /^live\.us\.([A-Z0-9.-]+)$/.exec(key);
  if (us) {
    const h = ctx.data.get(us[1]!);
    if (!h) return null;
    const c = concentration(h);
    const actual = Math.round((c.countries['US'] ?? 0) * 100);
    // Distractors 15 and 30 points away, kept inside 1–99 and apart from the answer; shown in ascending order.
    const guesses = new Set<number>([actual]);
    for (const delta of [-30, -15, 15, 30, -45, 45]) {
      const g = actual + delta;
      if (guesses.size < 4 && g >= 1 && g <= 99) guesses.add(g);
    }
    const asOf = t(lang, ml.asOf(c.asOf));
    const shown = percent(c.countries['US'] ?? 0, 1);
    return {
      key,
      lessonId: 'diversification-illusion',
      topic,
      q: t(lang, ml.qUsShare(c.fund)),
      options: [...guesses]
        .sort((x, y) => x - y)
        .map((g) => {
          const text = t(lang, ml.aboutShare(`${g}%`));
          return { text, correct: g === actual, why: t(lang, ml.whyUsShare(c.fund, shown, asOf, g === actual, text)) };
        }),
      sources: [sourceOf(h, ctx)],
    };
  }
  return null;
}

/** Rebuilds a question from its key, in the reader's language; null when its lesson or fund is gone. */
export function questionFor(key: string, ctx: Pick<Context, 'data' | 'lang'>, library: LessonLibrary = lessonLibrary()): Question | null {
  if (key.startsWith('live.')) return liveQuestion(key, ctx);
  const match = /^([a-z0-9-]+)\.(\d{1,2})$/.exec(key);
  return match ? lessonQuestion(library, match[1]!, Number(match[2]), ctx.lang) : null;
}

// ---- views ----

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A posting is tagged with the time and channel, so the same question asked again starts a fresh round. */
function postingId(key: string, ctx: Context): string {
  const tag = (ctx.now.getTime().toString(36) + (hash(ctx.requester.channelId ?? '') % 1296).toString(36)).slice(-10);
  return `${key}~${tag}`;
}

function questionView(question: Question, ctx: Context): View {
  const { lang } = ctx;
  const quizId = postingId(question.key, ctx);
  const actions: ViewAction[] = question.options.map((o, i) => ({
    kind: 'command',
    command: 'quiz',
    args: `answer ${quizId} ${i + 1}`,
    label: clip(`${i + 1}. ${o.text}`, 80),
    style: 'secondary',
  }));
  return {
    lang,
    title: t(lang, ml.quizTitle(question.topic)),
    tone: 'info',
    summary: question.q,
    markdown: question.options.map((o, i) => `${i + 1}. ${o.text}`).join('\n'),
    actions,
    sources: question.sources,
    footer: `${t(lang, ml.quizPrompt(ctx.requester.platform === 'console'))} ${t(lang, m.educationNote())}`,
    // No correct flags here: data may be shown with --json, and would give the answer away.
    data: { quiz: { quizId, key: question.key, lessonId: question.lessonId, question: question.q, options: question.options.map((o) => o.text) } },
  };
}

function spreadLines(question: Question, answers: readonly QuizAnswer[]): string {
  const total = answers.length;
  return question.options
    .map((o, i) => {
      const count = answers.filter((a) => a.choice === i + 1).length;
      const share = total ? count / total : 0;
      const bar = '█'.repeat(Math.round(share * 10)) || '·';
      return `${i + 1}. ${clip(o.text, 40)} ${bar} ${count} (${percent(share, 0)})`;
    })
    .join('\n');
}

function explanation(question: Question): string {
  return question.options.map((o, i) => `${o.correct ? '✅' : '❌'} ${i + 1}. ${o.text}\n   ${o.why}`).join('\n');
}

function userLabel(platform: Requester['platform'], userId: string): string {
  // A Discord mention shows the member's name; replies never ping (allowed_mentions parse []).
  return platform === 'discord' ? `<@${userId}>` : userId;
}

function followUps(question: Question, lang: Lang): ViewAction[] {
  return [
    { kind: 'command', command: 'quiz', args: question.lessonId && !question.key.startsWith('live.') ? question.lessonId : 'live', label: t(lang, ml.nextQuestion()), style: 'primary' },
    { kind: 'command', command: 'quiz', args: 'scores', label: t(lang, ml.showScores()) },
    ...(question.lessonId ? [{ kind: 'lesson' as const, id: question.lessonId, label: t(lang, ml.readLesson()) }] : []),
  ];
}

/** A quiz id as postingId makes it: a question key, "~", a 1–10 character base-36 tag. Anything else was not posted by us. */
const QUIZ_ID = /^([A-Za-z0-9._-]{1,80})~([0-9a-z]{1,10})$/;

async function answer(quizId: string, choice: number, ctx: Context): Promise<View> {
  const { lang } = ctx;
  const id = QUIZ_ID.exec(quizId);
  const question = id ? questionFor(id[1]!, ctx) : null;
  if (!question) throw new UserError('quiz-gone', t(lang, ml.quizGone()));
  if (!Number.isInteger(choice) || choice < 1 || choice > question.options.length) throw new UserError('bad-choice', t(lang, ml.badChoice(question.options.length)));
  const { serverId, userId } = ctx.requester;
  const { recorded, answer: counted } = await store.recordAnswer({
    quizId,
    serverId,
    userId,
    choice,
    correct: question.options[choice - 1]!.correct,
    at: ctx.now,
  });
  const answers = await store.answersFor(quizId);
  const mine: ScoreRow = (await store.scoreboard(serverId)).find((r) => r.userId === userId) ?? { userId, answered: 0, correct: 0, streak: 0, bestStreak: 0 };
  const rightIndex = question.options.findIndex((o) => o.correct);
  const verdict = recorded ? ml.youAnswered(counted.choice, counted.correct) : ml.alreadyAnswered(counted.choice);
  return {
    lang,
    title: t(lang, ml.revealTitle(question.topic)),
    tone: counted.correct ? 'low' : 'warning',
    summary: `${t(lang, verdict)}\n${question.q}`,
    markdown: explanation(question),
    fields: [
      { name: t(lang, ml.fCorrect()), value: `${rightIndex + 1}. ${question.options[rightIndex]!.text}` },
      { name: t(lang, ml.fSpread(answers.length)), value: spreadLines(question, answers) },
      { name: t(lang, ml.fYourScore()), value: t(lang, ml.scoreValue(mine.correct, mine.answered, mine.streak, mine.bestStreak)) },
    ],
    actions: [{ kind: 'command', command: 'quiz', args: `reveal ${quizId}`, label: t(lang, ml.revealAll()), update: true }, ...followUps(question, lang)],
    sources: question.sources,
    footer: t(lang, m.educationNote()),
    // Only the person who answered sees this, so the others can still answer unspoiled.
    ephemeral: true,
    data: { quiz: { quizId, key: question.key, recorded, choice: counted.choice, correct: counted.correct, correctChoice: rightIndex + 1, spread: spreadCounts(question, answers), score: mine } },
  };
}

function spreadCounts(question: Question, answers: readonly QuizAnswer[]): number[] {
  return question.options.map((_, i) => answers.filter((a) => a.choice === i + 1).length);
}

async function reveal(quizId: string, ctx: Context): Promise<View> {
  const { lang } = ctx;
  const question = questionFor(quizId.split('~')[0]!, ctx);
  if (!question) throw new UserError('quiz-gone', t(lang, ml.quizGone()));
  const answers = await store.answersFor(quizId);
  const answered = answers.some((a) => a.userId === ctx.requester.userId && a.serverId === ctx.requester.serverId);
  if (!answered && !ctx.requester.isAdmin) throw new UserError('reveal-too-early', t(lang, ml.revealNotYet()));
  const rightIndex = question.options.findIndex((o) => o.correct);
  return {
    lang,
    title: t(lang, ml.revealTitle(question.topic)),
    tone: 'info',
    summary: question.q,
    markdown: explanation(question),
    fields: [
      { name: t(lang, ml.fCorrect()), value: `${rightIndex + 1}. ${question.options[rightIndex]!.text}` },
      { name: t(lang, ml.fSpread(answers.length)), value: spreadLines(question, answers) },
    ],
    actions: followUps(question, lang),
    sources: question.sources,
    footer: t(lang, m.educationNote()),
    data: { quiz: { quizId, key: question.key, correctChoice: rightIndex + 1, spread: spreadCounts(question, answers) } },
  };
}

async function scoreboardView(ctx: Context): Promise<View> {
  const { lang } = ctx;
  const rows = (await store.scoreboard(ctx.requester.serverId)).slice(0, 10);
  return {
    lang,
    title: t(lang, ml.scoreboardTitle()),
    tone: 'info',
    summary: rows.length ? '' : t(lang, ml.scoreboardEmpty()),
    ...(rows.length
      ? {
          markdown: rows
            .map((r, i) => `${i + 1}. ${userLabel(ctx.requester.platform, r.userId)} — ${t(lang, ml.scoreValue(r.correct, r.answered, r.streak, r.bestStreak))}`)
            .join('\n'),
        }
      : {}),
    actions: [{ kind: 'command', command: 'quiz', args: '', label: t(lang, ml.nextQuestion()), style: 'primary' }],
    sources: [],
    footer: t(lang, m.educationNote()),
    data: { scoreboard: rows },
  };
}

/** Every question key a plain `/quiz` may draw from: all lesson questions, then the live ones. */
function allKeys(library: LessonLibrary, ctx: Context): string[] {
  const lessonKeys = library.ids.flatMap((id) => (library.find(id, ctx.lang)?.quiz ?? []).map((_, i) => `${id}.${i + 1}`));
  return [...lessonKeys, ...liveKeys(ctx)];
}

/** Rotates through a list by time and asker, so repeated asks show different questions without randomness. */
function pick<T>(items: readonly T[], ctx: Context): T | undefined {
  if (items.length === 0) return undefined;
  return items[hash(`${Math.floor(ctx.now.getTime() / 1000)}:${ctx.requester.userId}`) % items.length];
}

export const quizCommand = defineCommand({
  name: 'quiz',
  description: ml.quizDescription() satisfies Bilingual,
  examples: ['/quiz', '/quiz hhi-and-effective-n', '/quiz live', '/quiz scores'],
  args: z.object({
    topic: z
      .string()
      .max(120)
      .optional()
      .describe('Lesson id, "live" for a question on loaded funds, or "scores" | レッスンID、最新データなら live、ランキングなら scores'),
  }),
  async run({ topic }, ctx) {
    const { lang } = ctx;
    const library = lessonLibrary();
    const text = (topic ?? '').normalize('NFKC').trim();
    const answerMatch = /^answer\s+(\S+)\s+(\S+)$/i.exec(text);
    if (answerMatch) return answer(answerMatch[1]!, Number(answerMatch[2]), ctx);
    const revealMatch = /^reveal\s+(\S+)$/i.exec(text);
    if (revealMatch) return reveal(revealMatch[1]!, ctx);
    if (/^(scores?|leaderboard|ranking|ランキング)$/i.test(text)) return scoreboardView(ctx);

    if (text === '') {
      const key = pick(allKeys(library, ctx), ctx);
      const question = key ? questionFor(key, ctx, library) : null;
      if (!question) throw new UserError('no-quiz', t(lang, ml.noLiveData()));
      return questionView(question, ctx);
    }
    if (/^(live|データ|最新)$/i.test(text)) {
      const key = pick(liveKeys(ctx), ctx);
      const question = key ? questionFor(key, ctx, library) : null;
      if (!question) throw new UserError('no-live-data', t(lang, ml.noLiveData()));
      return questionView(question, ctx);
    }
    // "<lesson> [n]": a lesson's question n, or one picked in rotation.
    const numbered = /^(.*?)(?:\s+(\d{1,2}))?$/.exec(text)!;
    let id: string;
    try {
      id = findLesson(library, numbered[1]!, lang);
    } catch (error) {
      if (error instanceof UserError) throw new UserError('unknown-quiz', t(lang, ml.unknownQuiz(text, library.ids.filter((i) => i.includes(numbered[1]!.toLowerCase())).slice(0, 5))));
      throw error;
    }
    const lesson = library.find(id, lang)!;
    const n = numbered[2] ? Number(numbered[2]) : (hash(`${Math.floor(ctx.now.getTime() / 1000)}:${ctx.requester.userId}`) % lesson.quiz.length) + 1;
    const question = lessonQuestion(library, id, n, lang);
    if (!question) throw new UserError('bad-choice', t(lang, ml.badChoice(lesson.quiz.length)));
    return questionView(question, ctx);
  },
});
