import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { lessonLibrary, type LessonLibrary } from '../lessons/load.ts';
import { isLive } from '../lessons/schema.ts';
import { liveQuestionText } from './quiz-live.ts';
import { hash, seeded } from './seeded-random.ts';
import { askedFunds } from './asked-funds.ts';
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

/** Signs posting ids; a process-local key until the runtime sets the install's (QUIZ_SECRET or the store's). */
let postingKey: Buffer = randomBytes(32);

/** Sets the key posting ids are signed with: every process that answers must share it. */
export function setPostingSecret(secret: string): void {
  postingKey = Buffer.from(secret, 'utf8');
}

/** 64 bits of HMAC-SHA256 over key, tag and seed, base64url (11 characters): enough that a guess never lands. */
function postingMac(key: string, tag: string, seed: string): string {
  return createHmac('sha256', postingKey).update(`${key}~${tag}~${seed}`).digest().subarray(0, 8).toString('base64url');
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


// ---- questions from lessons ----

function lessonQuestion(library: LessonLibrary, lessonId: string, n: number, ctx: Pick<Context, 'data' | 'lang'>, reader = ''): Question | null {
  const lesson = library.find(lessonId, ctx.lang);
  const item = lesson?.quiz[n - 1];
  if (!lesson || !item) return null;
  if (isLive(item)) {
    // Computed from the loaded files; skipped (null) when a fund is not loaded.
    const live = liveQuestionText(item.live, item.funds, ctx, `${lessonId}.${n}|${reader}`);
    return live ? { key: `${lessonId}.${n}`, lessonId, topic: lesson.title, ...live } : null;
  }
  return { key: `${lessonId}.${n}`, lessonId, topic: lesson.title, q: item.q, options: item.options, sources: [] };
}

// ---- questions from live data (/quiz live) ----

/** The live questions the loaded funds with a dated file allow, the two canonical ones first. */
export function liveKeys(ctx: Pick<Context, 'data'>): string[] {
  // An undated file cannot say when its figure is from, so it is never asked about.
  const funds = ctx.data.list().filter((f) => f.asOf).map((f) => f.fund).sort();
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

function liveQuestion(key: string, ctx: Pick<Context, 'data' | 'lang'>, reader: string): Question | null {
  const topic = t(ctx.lang, ml.liveData());
  const effn = /^live\.effn\.([A-Z0-9.-]+)\.([A-Z0-9.-]+)$/.exec(key);
  if (effn) {
    const live = liveQuestionText('moreEffective', [effn[1]!, effn[2]!], ctx, `${key}|${reader}`);
    return live ? { key, lessonId: 'hhi-and-effective-n', topic, ...live } : null;
  }
  const us = /^live\.us\.([A-Z0-9.-]+)$/.exec(key);
  if (us) {
    const live = liveQuestionText('usShare', [us[1]!], ctx, `${key}|${reader}`);
    return live ? { key, lessonId: 'diversification-illusion', topic, ...live } : null;
  }
  return null;
}

// ---- the order options are shown in ----

/**
 * The order a reader sees the options in: a Fisher–Yates shuffle seeded by a hash of the
 * question key and the reader, so the right answer lands anywhere, yet one reader always sees
 * one order. Entry i is the 0-based index (in the lesson file) of the option shown at place i.
 */
export function optionOrder(key: string, reader: string, count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const next = seeded(hash(`${key}|${reader}`));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The order one user sees a question's options in, the way a posting by that user shows them. */
export function orderFor(key: string, userId: string, count: number): number[] {
  return optionOrder(key, hash(userId).toString(36), count);
}

/** The asker's seed (base 36): the posting id carries it, so answers rebuild the poster's options and order. */
function readerOf(ctx: Pick<Context, 'requester'>): string {
  return hash(ctx.requester.userId).toString(36);
}

/** The reader seed travels in the posting id ("<key>~<tag>~<seed>") so answers and reveals show the poster's order. */
function readerSeed(quizId: string): string {
  return quizId.split('~')[2] ?? '';
}

/**
 * Rebuilds a question from its key, in the reader's language; null when its lesson or fund is gone.
 * `reader` is the poster's seed (base 36, as in the posting id): a live question draws where its
 * right value ranks among the options from it, so every answer to one posting sees the same options.
 */
export function questionFor(key: string, ctx: Pick<Context, 'data' | 'lang'>, library: LessonLibrary = lessonLibrary(), reader = ''): Question | null {
  if (key.startsWith('live.')) return liveQuestion(key, ctx, reader);
  const match = /^([a-z0-9-]+)\.(\d{1,2})$/.exec(key);
  return match ? lessonQuestion(library, match[1]!, Number(match[2]), ctx, reader) : null;
}

// ---- views ----

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * A posting is tagged with the time and channel, so the same question asked again starts a fresh
 * round, and signed (the MAC after the seed), so an answer can only name a posting we made: a
 * made-up tag would otherwise open a fresh round to answer again and again.
 */
function postingId(key: string, ctx: Context): string {
  const tag = (ctx.now.getTime().toString(36) + (hash(ctx.requester.channelId ?? '') % 1296).toString(36)).slice(-10);
  const seed = readerOf(ctx);
  return `${key}~${tag}~${seed}~${postingMac(key, tag, seed)}`;
}

function questionView(question: Question, ctx: Context): View {
  const { lang } = ctx;
  const quizId = postingId(question.key, ctx);
  const order = optionOrder(question.key, readerSeed(quizId), question.options.length);
  // The button carries the option's number in the file, not its place: a shuffled order never changes what is scored.
  const actions: ViewAction[] = order.map((o, place) => ({
    kind: 'command',
    command: 'quiz',
    args: `answer ${quizId} ${o + 1}`,
    label: clip(`${place + 1}. ${question.options[o]!.text}`, 80),
    style: 'secondary',
  }));
  return {
    lang,
    title: t(lang, ml.quizTitle(question.topic)),
    tone: 'info',
    summary: question.q,
    markdown: order.map((o, place) => `${place + 1}. ${question.options[o]!.text}`).join('\n'),
    actions,
    sources: question.sources,
    footer: `${t(lang, ml.quizPrompt(ctx.requester.platform === 'console'))} ${t(lang, m.educationNote())}`,
    // No correct flags here: data may be shown with --json, and would give the answer away.
    data: { quiz: { quizId, key: question.key, lessonId: question.lessonId, question: question.q, options: order.map((o) => question.options[o]!.text) } },
  };
}

function spreadLines(question: Question, order: readonly number[], answers: readonly QuizAnswer[]): string {
  const total = answers.length;
  return order
    .map((o, place) => {
      const count = answers.filter((a) => a.choice === o + 1).length;
      const share = total ? count / total : 0;
      const bar = '█'.repeat(Math.round(share * 10)) || '·';
      return `${place + 1}. ${clip(question.options[o]!.text, 40)} ${bar} ${count} (${percent(share, 0)})`;
    })
    .join('\n');
}

function explanation(question: Question, order: readonly number[]): string {
  return order.map((o, place) => `${question.options[o]!.correct ? '✅' : '❌'} ${place + 1}. ${question.options[o]!.text}\n   ${question.options[o]!.why}`).join('\n');
}

/** The places (1-based, in the poster's order) of the right option and of a chosen option number. */
function placeOf(order: readonly number[], option: number): number {
  return order.indexOf(option - 1) + 1;
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

/** A quiz id as postingId makes it: question key, posting tag (base 36), the poster's seed (base 36), the MAC (base64url). */
const QUIZ_ID = /^([A-Za-z0-9._-]{1,80})~([0-9a-z]{1,10})~([0-9a-z]{1,13})~([A-Za-z0-9_-]{11})$/;

/**
 * The question key of a posting id we signed with the current key; anything else (made up, one
 * character changed, signed before the key changed, or from before ids were signed) is refused
 * before it can be scored.
 */
function verifiedKey(quizId: string, lang: Lang): string {
  const id = QUIZ_ID.exec(quizId);
  const ok = id && timingSafeEqual(Buffer.from(postingMac(id[1]!, id[2]!, id[3]!)), Buffer.from(id[4]!));
  if (!ok) throw new UserError('quiz-unverified', t(lang, ml.quizUnverified()));
  return id[1]!;
}

async function answer(quizId: string, choice: number, ctx: Context): Promise<View> {
  const { lang } = ctx;
  const question = questionFor(verifiedKey(quizId, lang), ctx, lessonLibrary(), readerSeed(quizId));
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
  const order = optionOrder(question.key, readerSeed(quizId), question.options.length);
  const rightPlace = placeOf(order, rightIndex + 1);
  const verdict = recorded ? ml.youAnswered(placeOf(order, counted.choice), counted.correct) : ml.alreadyAnswered(placeOf(order, counted.choice));
  return {
    lang,
    title: t(lang, ml.revealTitle(question.topic)),
    tone: counted.correct ? 'low' : 'warning',
    summary: `${t(lang, verdict)}\n${question.q}`,
    markdown: explanation(question, order),
    fields: [
      { name: t(lang, ml.fCorrect()), value: `${rightPlace}. ${question.options[rightIndex]!.text}` },
      { name: t(lang, ml.fSpread(answers.length)), value: spreadLines(question, order, answers) },
      { name: t(lang, ml.fYourScore()), value: t(lang, ml.scoreValue(mine.correct, mine.answered, mine.streak, mine.bestStreak)) },
    ],
    actions: [{ kind: 'command', command: 'quiz', args: `reveal ${quizId}`, label: t(lang, ml.revealAll()), update: true }, ...followUps(question, lang)],
    sources: question.sources,
    footer: t(lang, m.educationNote()),
    // Only the person who answered sees this, so the others can still answer unspoiled.
    ephemeral: true,
    data: { quiz: { quizId, key: question.key, recorded, choice: counted.choice, correct: counted.correct, correctChoice: rightIndex + 1, correctPlace: rightPlace, spread: spreadCounts(question, order, answers), score: mine } },
  };
}

/** Answers per option, in the order shown. */
function spreadCounts(question: Question, order: readonly number[], answers: readonly QuizAnswer[]): number[] {
  return order.map((o) => answers.filter((a) => a.choice === o + 1).length);
}

async function reveal(quizId: string, ctx: Context): Promise<View> {
  const { lang } = ctx;
  const question = questionFor(verifiedKey(quizId, lang), ctx, lessonLibrary(), readerSeed(quizId));
  if (!question) throw new UserError('quiz-gone', t(lang, ml.quizGone()));
  const answers = await store.answersFor(quizId);
  const answered = answers.some((a) => a.userId === ctx.requester.userId && a.serverId === ctx.requester.serverId);
  if (!answered && !ctx.requester.isAdmin) throw new UserError('reveal-too-early', t(lang, ml.revealNotYet()));
  const rightIndex = question.options.findIndex((o) => o.correct);
  const order = optionOrder(question.key, readerSeed(quizId), question.options.length);
  const rightPlace = placeOf(order, rightIndex + 1);
  return {
    lang,
    title: t(lang, ml.revealTitle(question.topic)),
    tone: 'info',
    summary: question.q,
    markdown: explanation(question, order),
    fields: [
      { name: t(lang, ml.fCorrect()), value: `${rightPlace}. ${question.options[rightIndex]!.text}` },
      { name: t(lang, ml.fSpread(answers.length)), value: spreadLines(question, order, answers) },
    ],
    actions: followUps(question, lang),
    sources: question.sources,
    footer: t(lang, m.educationNote()),
    data: { quiz: { quizId, key: question.key, correctChoice: rightIndex + 1, correctPlace: rightPlace, spread: spreadCounts(question, order, answers) } },
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
  const lessonKeys = library.ids.flatMap((id) => availableNumbers(library, id, ctx).map((n) => `${id}.${n}`));
  return [...lessonKeys, ...liveKeys(ctx)];
}

/** A lesson's question numbers that can be posted now: live ones whose funds are not loaded are skipped. */
function availableNumbers(library: LessonLibrary, id: string, ctx: Context): number[] {
  const quiz = library.find(id, ctx.lang)?.quiz ?? [];
  return quiz.flatMap((item, i) => (!isLive(item) || item.funds.every((f) => ctx.data.get(f)) ? [i + 1] : []));
}

/** The live question keys about funds this reader asked about (the latest first), or undefined when there are none. */
function aboutAsked(keys: readonly string[], ctx: Context): string[] | undefined {
  for (const fund of askedFunds(ctx.requester)) {
    const mine = keys.filter((k) => k.split('.').slice(2).includes(fund));
    if (mine.length > 0) return mine;
  }
  return undefined;
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
    // Newlines and runs of spaces (pasted text) count as one space, so every pattern below sees one line.
    const text = (topic ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
    const answerMatch = /^answer\s+(\S+)\s+(\S+)$/i.exec(text);
    if (answerMatch) return answer(answerMatch[1]!, Number(answerMatch[2]), ctx);
    const revealMatch = /^reveal\s+(\S+)$/i.exec(text);
    if (revealMatch) return reveal(revealMatch[1]!, ctx);
    if (/^(scores?|leaderboard|ranking|ランキング)$/i.test(text)) return scoreboardView(ctx);

    if (text === '') {
      // A reader who has asked about funds is first quizzed on them (オルカン's reader on ACWI, not AIQ).
      const key = pick(aboutAsked(liveKeys(ctx), ctx) ?? allKeys(library, ctx), ctx);
      const question = key ? questionFor(key, ctx, library, readerOf(ctx)) : null;
      if (!question) throw new UserError('no-quiz', t(lang, ml.noLiveData()));
      return questionView(question, ctx);
    }
    if (/^(live|データ|最新)$/i.test(text)) {
      const keys = liveKeys(ctx);
      const key = pick(aboutAsked(keys, ctx) ?? keys, ctx);
      const question = key ? questionFor(key, ctx, library, readerOf(ctx)) : null;
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
    const n = numbered[2] ? Number(numbered[2]) : pick(availableNumbers(library, id, ctx), ctx);
    if (n !== undefined && n >= 1 && n <= lesson.quiz.length && !availableNumbers(library, id, ctx).includes(n)) throw new UserError('no-live-data', t(lang, ml.liveQuestionNeedsData()));
    const question = n === undefined ? null : lessonQuestion(library, id, n, ctx, readerOf(ctx));
    if (!question) throw new UserError('bad-choice', t(lang, ml.badChoice(lesson.quiz.length)));
    return questionView(question, ctx);
  },
});
