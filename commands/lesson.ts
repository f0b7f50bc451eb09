import { z } from 'zod';
import { lessonLibrary, type Lesson, type LessonLibrary, type Placeholder } from '../lessons/load.ts';
import { renderPage, renderTryIt, RENDER_TARGETS, type FillPlaceholder, type RenderTarget } from '../lessons/render.ts';
import { sourceOf } from './card-parts.ts';
import { concentration } from './concentration.ts';
import { columnsOf } from '../holdings/columns.ts';
import { byCompany } from '../holdings/identity.ts';
import type { Holdings } from '../holdings/types.ts';
import { hasHistory } from '../store/types.ts';
import type { Context, Lang, Requester } from './context.ts';
import { defineCommand, type Bilingual } from './define.ts';
import { figuresOf, isNport, timeline } from './history.ts';
import { decimal, integer, percent } from './format.ts';
import { editDistance, normaliseTicker } from './lookup.ts';
import { m, t } from './messages.ts';
import { msec } from './messages-sectors.ts';
import { ml } from './messages-lessons.ts';
import { UserError } from './user-error.ts';
import type { ViewAction, ViewSource } from './view.ts';

/** Each surface reads its own syntax: the console shows text as-is, Slack's renderer converts Discord-style Markdown itself. */
export function targetFor(platform: Requester['platform']): RenderTarget {
  return platform === 'console' ? 'terminal' : 'discord';
}

/**
 * Fills `{{kind FUND}}` from the loaded holdings, in the reader's language, always naming the fund
 * and its as-of date; a fund that is not loaded becomes a plain "(X is not loaded)".
 */
export function figureFill(ctx: Pick<Context, 'data' | 'lang'>, trends: ReadonlyMap<string, Bilingual> = new Map()): FillPlaceholder {
  return ({ kind, fund }: Placeholder) => {
    const h = ctx.data.get(normaliseTicker(fund));
    if (!h) return t(ctx.lang, ml.fillMissing(fund));
    const c = concentration(h);
    const asOf = t(ctx.lang, ml.asOf(c.asOf));
    const text = {
      effectiveN: () => ml.fillEffectiveN(c.fund, decimal(c.effectiveN), asOf),
      top10: () => ml.fillTop10(c.fund, percent(c.top10, 1), asOf),
      hhi: () => ml.fillHhi(c.fund, c.hhi.toFixed(4), asOf),
      largest: () => ml.fillLargest(c.fund, c.largest.ticker || c.largest.name, percent(c.largest.weight, 1), asOf),
      tailK: () => ml.fillTailK(c.fund, c.largest.ticker || c.largest.name, percent(c.largest.weight, 1), c.tailEquivalentCount === null ? null : integer(c.tailEquivalentCount), asOf),
      over45: () => {
        const over = overCap(h);
        return ml.fillOver45(c.fund, integer(over.count), percent(over.share, 1), asOf);
      },
      bigShare: () => {
        // A threshold counts companies, as S&P DJI's ≥3% figure does: share classes (GOOGL + GOOG) are one.
        const big = concentration(byCompany(h)).bigHoldings;
        return ml.fillBigShare(c.fund, integer(big.count), percent(big.share, 1), asOf);
      },
      profile: () => ml.fillProfile(c.fund, integer(c.count), decimal(c.effectiveN), percent(c.top10, 1), asOf),
      count: () => ml.fillCount(c.fund, integer(c.count), asOf),
      usShare: () => ml.fillUsShare(c.fund, percent(c.countries['US'] ?? 0, 1), asOf),
      techPlus: () => ml.fillTechPlus(c.fund, c.techPlus === null ? t(ctx.lang, msec.notShown()) : percent(c.techPlus, 1), asOf),
      asOf: () => ml.fillAsOf(c.fund, asOf),
      trend: () => trends.get(c.fund) ?? ml.fillTrendNone(c.fund),
    }[kind]();
    return t(ctx.lang, text);
  };
}

/**
 * The line `{{trend FUND}}` shows: the fund's own N-PORT filings stored in the archive (first and
 * last period, each with its date), for each fund a lesson names that way and has two or more.
 */
export async function trendLines(lesson: Lesson, ctx: Pick<Context, 'data'>): Promise<Map<string, Bilingual>> {
  const out = new Map<string, Bilingual>();
  if (!hasHistory(ctx.data)) return out;
  for (const fund of new Set(lesson.placeholders.filter((p) => p.kind === 'trend').map((p) => normaliseTicker(p.fund)))) {
    const filings = timeline(await ctx.data.history(fund), null).points.filter((s) => isNport(s.meta.sourceKind) && s.meta.asOf !== null);
    if (filings.length < 2) continue;
    const [a, b] = [figuresOf(filings[0]!), figuresOf(filings.at(-1)!)];
    out.set(fund, ml.fillTrend(fund, filings.length, a.asOf!, b.asOf!, percent(a.top10, 1), percent(b.top10, 1), decimal(a.effectiveN), decimal(b.effectiveN)));
  }
  return out;
}

/**
 * The 4.5% threshold of RIC-driven capped indexes (domain.md §7): a threshold, not a per-name cap
 * (the Nasdaq-100 acts when the companies above it together pass 48%). Counted per company, as
 * those rules count: share classes (GOOGL + GOOG) are one company. Returns how many companies sit
 * above it, and their combined weight.
 */
export const RIC_THRESHOLD = 0.045;
export function overCap(h: Holdings): { count: number; share: number } {
  const over = columnsOf(byCompany(h)).weights.filter((w) => w > RIC_THRESHOLD);
  return { count: over.length, share: over.reduce((a, b) => a + b, 0) };
}

/** The issuer files behind a lesson's live figures, so the card names them like every other card. */
export function placeholderSources(lesson: Lesson, ctx: Pick<Context, 'data' | 'lang'>): ViewSource[] {
  const funds = [...new Set(lesson.placeholders.map((p) => normaliseTicker(p.fund)))];
  return funds.flatMap((fund) => {
    const h = ctx.data.get(fund);
    return h ? [sourceOf(h, ctx)] : [];
  });
}

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/**
 * The lesson a topic names: its id, or words of a title or tag (either language) that pick
 * exactly one lesson. Otherwise a UserError listing the closest ids.
 */
export function findLesson(library: LessonLibrary, topic: string, lang: Lang): string {
  const want = fold(topic);
  const asId = want.replace(/[\s_]+/g, '-');
  if (library.ids.includes(asId)) return asId;
  const lessonsOf = (id: string) => [library.get(id, 'en'), library.get(id, 'ja')].filter((l): l is Lesson => l !== undefined);
  const matches = library.ids.filter(
    (id) => id.includes(asId) || lessonsOf(id).some((l) => fold(l.title).includes(want) || l.tags.some((tag) => fold(tag) === want)),
  );
  if (matches.length === 1) return matches[0]!;
  const suggestions = (matches.length > 1 ? matches : library.ids.filter((id) => editDistance(id, asId) <= Math.max(3, Math.floor(asId.length / 3))))
    .slice(0, 5);
  throw new UserError('unknown-lesson', t(lang, ml.unknownLesson(topic, suggestions)));
}

export const lessonCommand = defineCommand({
  name: 'lesson',
  description: ml.lessonDescription(),
  examples: ['/lesson', '/lesson hhi-and-effective-n', '/lesson cap-weighting-basics page=2'],
  args: z.object({
    topic: z.string().max(80).optional().describe('Lesson id or a word from its title, e.g. hhi-and-effective-n | レッスンIDまたはタイトルの語（例：hhi-and-effective-n）'),
    page: z.number().int().min(1).max(20).optional().describe('Page number | ページ番号'),
  }),
  async run({ topic, page = 1 }, ctx) {
    const { lang } = ctx;
    const library = lessonLibrary();
    if (!topic || topic.trim() === '') return menu(library, lang);
    const id = findLesson(library, topic, lang);
    const lesson = library.find(id, lang)!;
    const pages = lesson.sections.length;
    if (page > pages) throw new UserError('no-such-page', t(lang, ml.noSuchPage(id, page, pages)));
    const fill = figureFill(ctx, await trendLines(lesson, ctx));
    const rendered = Object.fromEntries(RENDER_TARGETS.map((target) => [target, renderPage(lesson, page - 1, { target, fill })])) as Record<RenderTarget, ReturnType<typeof renderPage>>;
    const target = targetFor(ctx.requester.platform);
    const tryIt = renderTryIt(lesson, { target, fill });

    const actions: ViewAction[] = [];
    if (page > 1) actions.push({ kind: 'command', command: 'lesson', args: `${id} page=${page - 1}`, label: t(lang, ml.previous()), style: 'secondary', update: true });
    if (page < pages) actions.push({ kind: 'command', command: 'lesson', args: `${id} page=${page + 1}`, label: t(lang, ml.next()), style: 'primary', update: true, more: true });
    for (const line of lesson.commands.slice(0, 2)) {
      const [name = '', ...rest] = line.slice(1).split(/\s+/);
      actions.push({ kind: 'command', command: name, args: rest.join(' '), label: line.length <= 80 ? line : `${line.slice(0, 79)}…` });
    }
    for (const related of lesson.related.filter((r) => library.find(r, lang)).slice(0, 3)) {
      actions.push({ kind: 'lesson', id: related, label: clipLabel(library.find(related, lang)!.title) });
    }
    if (page === pages) actions.push({ kind: 'command', command: 'quiz', args: id, label: t(lang, ml.takeQuiz()), style: 'primary' });

    const warnings = lesson.lang !== lang ? [t(lang, ml.onlyInOtherLanguage())] : [];
    return {
      lang,
      title: t(lang, ml.pageTitle(lesson.title, page, pages)),
      tone: 'info',
      ...(page === 1 ? { summary: lesson.summary } : {}),
      markdown: rendered[target].text,
      fields: [
        ...(tryIt ? [{ name: t(lang, ml.tryIt()), value: tryIt }] : []),
        { name: t(lang, ml.sourcesField()), value: lesson.sources.map((s) => `• ${s}`).join('\n') },
      ],
      actions,
      ...(warnings.length ? { warnings } : {}),
      sources: placeholderSources(lesson, ctx),
      footer: t(lang, m.educationNote()),
      data: {
        lesson: {
          id,
          lang: lesson.lang,
          title: lesson.title,
          page,
          pages,
          heading: rendered[target].heading,
          text: { discord: rendered.discord.text, slack: rendered.slack.text, terminal: rendered.terminal.text },
          tryIt,
          commands: lesson.commands,
          sources: lesson.sources,
          related: lesson.related,
        },
      },
    };
  },
});

function clipLabel(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}

function menu(library: LessonLibrary, lang: Lang) {
  const lessons = library.ids.map((id) => library.find(id, lang)!);
  const first = lessons[0];
  return {
    lang,
    title: t(lang, ml.menuTitle(lessons.length)),
    tone: 'info' as const,
    summary: t(lang, lessons.length ? ml.menuSummary() : ml.menuEmpty()),
    table: {
      columns: [
        { label: t(lang, ml.colId()), align: 'left' as const },
        { label: t(lang, ml.colTitle()), align: 'left' as const },
        { label: t(lang, ml.colPages()), align: 'right' as const },
      ],
      rows: lessons.map((l) => [l.id, l.title, String(l.sections.length)]),
    },
    actions: first ? [{ kind: 'lesson' as const, id: first.id, label: `${t(lang, ml.startHere())}: ${clipLabel(first.title)}`.slice(0, 80) }] : [],
    sources: [],
    footer: t(lang, m.educationNote()),
    data: { lessons: lessons.map((l) => ({ id: l.id, title: l.title, summary: l.summary, pages: l.sections.length, tags: l.tags })) },
  };
}
