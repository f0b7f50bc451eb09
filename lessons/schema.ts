import { z } from 'zod';

/** Lesson ids are kebab-case and equal the file name, so `/lesson <id>` and links stay stable. */
export const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A year (1900–2099) somewhere in the text: the minimum a citation needs to be checkable. */
export const HAS_YEAR = /(?:^|\D)(?:19|20)\d{2}(?:\D|$)/;

/** A "try it" command line: "/hhi SPY", "/overlap VOO QQQ". The command itself is checked by the tests against the registry. */
export const COMMAND_LINE = /^\/[a-z][a-z0-9-]*(?:\s.*)?$/;

const option = z.strictObject({
  text: z.string().trim().min(1, 'option text is empty'),
  correct: z.boolean(),
  why: z.string().trim().min(1, 'every option needs a "why" (why it is right or wrong)'),
});

/**
 * The live-question generators a lesson may name (`- { live: top10, funds: [IVV] }`): options and
 * the right answer are computed from the loaded holdings when the question is posted, and the
 * question is skipped when a fund is not loaded. Each takes one fund, except moreEffective (two).
 */
export const LIVE_GENERATORS = ['moreEffective', 'usShare', 'top10', 'tailK', 'largest', 'effectiveN', 'techPlus', 'over45'] as const;
export type LiveGenerator = (typeof LIVE_GENERATORS)[number];

const liveQuestion = z
  .strictObject({
    live: z.enum(LIVE_GENERATORS),
    funds: z.array(z.string().regex(/^[A-Z0-9.\-]{1,16}$/, 'funds are tickers in capitals, e.g. IVV')).min(1).max(2),
  })
  .refine((q) => q.funds.length === (q.live === 'moreEffective' ? 2 : 1), {
    message: 'moreEffective compares two funds; every other live question takes one',
    path: ['funds'],
  });

const staticQuestion = z
  .strictObject({
    q: z.string().trim().min(1, 'question text is empty'),
    options: z.array(option).min(3, 'a question needs 3–4 options').max(4, 'a question needs 3–4 options'),
  })
  .refine((q) => q.options.filter((o) => o.correct).length === 1, {
    message: 'exactly one option must have correct: true',
    path: ['options'],
  });

const question = z.union([staticQuestion, liveQuestion]);

/**
 * The front matter every lesson carries. Strict: an unknown key is almost always a typo
 * ("source:" for "sources:") that would otherwise drop data silently.
 */
export const frontMatterSchema = z.strictObject({
  id: z.string().regex(LESSON_ID, 'id must be kebab-case (a-z, 0-9, "-")'),
  title: z.string().trim().min(1).max(120),
  summary: z.string().trim().min(1).max(300),
  tags: z.array(z.string().trim().min(1)),
  sources: z.array(z.string().trim().regex(HAS_YEAR, 'each source must name its date (at least a year)')).min(1, 'at least one source'),
  commands: z.array(z.string().trim().regex(COMMAND_LINE, 'a command line starts with "/name"')).min(1, 'at least one "try it" command'),
  related: z.array(z.string().regex(LESSON_ID, 'related entries are lesson ids')),
  quiz: z.array(question).min(3, 'a lesson needs at least 3 quiz questions'),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type QuizEntry = FrontMatter['quiz'][number];
export type StaticQuestion = z.infer<typeof staticQuestion>;
export type LiveQuestion = z.infer<typeof liveQuestion>;
export const isLive = (q: QuizEntry): q is LiveQuestion => 'live' in q;
