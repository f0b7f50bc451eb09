import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Marked, type Token } from 'marked';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { frontMatterSchema, type FrontMatter } from './schema.ts';

export type LessonLang = 'en' | 'ja';
export const LESSON_LANGS: readonly LessonLang[] = ['en', 'ja'];

/**
 * Where the lesson files live: `lessons/en/<id>.md` and `lessons/ja/<id>.md`, read from the
 * sources' folder both when this file runs from there and when it runs bundled in dist/.
 */
export const LESSON_ROOT = path.join(packageRoot(import.meta.dirname), 'lessons');

/** The nearest folder up from `dir` holding package.json: the repository, from lessons/ or any depth of dist/. */
function packageRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return path.dirname(dir);
  }
}

/**
 * The reading order of the planned lessons: the menu and autocomplete list them this way, from
 * the basics to the check-up. Ids found on disk but not listed here follow, alphabetically.
 */
export const CURRICULUM: readonly string[] = [
  'cap-weighting-basics',
  'case-for-cap-weighting',
  'hhi-and-effective-n',
  'self-reinforcing-loop',
  'diversification-illusion',
  'top-10-history',
  'three-propagation-paths',
  'three-illustrative-patterns',
  'nortel',
  'aol',
  'dot-com-bust',
  'deepseek-shock',
  'voting-vs-weighing-machine',
  'options-flows-and-liquidity-trap',
  'bond-index-paradox',
  'index-families',
  'replication-methods',
  'equal-weight-and-rebalancing',
  'five-step-check-up',
  'three-failure-patterns',
  'portfolio-look-through',
  'capped-indexes-ric',
  'index-inclusion-effects',
  'nikkei-225-price-weighting',
  'gdp-weighting-and-home-bias',
  'gics-reclassification',
  'valuation-and-later-returns',
];

/** The live figures a lesson may quote: `{{effectiveN IVV}}` is filled from the loaded holdings at render time. */
/** `trend`: the fund's own line from its stored SEC N-PORT archive (first and last period, with dates), where stored. */
export const PLACEHOLDER_KINDS = ['effectiveN', 'top10', 'hhi', 'largest', 'tailK', 'over45', 'bigShare', 'profile', 'count', 'usShare', 'techPlus', 'asOf', 'trend'] as const;
export type PlaceholderKind = (typeof PLACEHOLDER_KINDS)[number];
export interface Placeholder {
  kind: PlaceholderKind;
  fund: string;
}

/** Anything between `{{` and `}}`; checked against PLACEHOLDER_KINDS so a typo is reported, not printed. */
export const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The "try it" line opens with one of these; it is lifted out of the pages and shown on every page. */
export const TRY_IT_RE = /^(?:Try it:|試してみよう[：:])\s*/;

export interface LessonSection {
  /** The `## ` heading text as written (placeholders not yet filled). */
  heading: string;
  /** The heading's inline tokens, so emphasis in a heading renders like anywhere else. */
  headingTokens: Token[];
  /** The section's block tokens, from the one Marked lexer, without the heading. */
  tokens: Token[];
}

export interface Lesson extends FrontMatter {
  lang: LessonLang;
  /** Path relative to the lessons root, for messages: "en/nortel.md". */
  file: string;
  /** The Markdown after the front matter, as written. */
  body: string;
  sections: LessonSection[];
  /** The "try it" line's tokens (prefix removed), or null when the lesson has none. */
  tryIt: { text: string; tokens: Token[] } | null;
  placeholders: Placeholder[];
}

export interface LessonProblem {
  file: string;
  field: string;
  message: string;
}

export interface LessonLibrary {
  /** Every lesson id with at least one valid language, in curriculum order. */
  ids: string[];
  get(id: string, lang: LessonLang): Lesson | undefined;
  /** The lesson in `lang`, else in the other language (a half-translated lesson still shows). */
  find(id: string, lang: LessonLang): Lesson | undefined;
  all(lang: LessonLang): Lesson[];
  /** Files that could not be used, each naming the file and the field. */
  problems: LessonProblem[];
}

/** The one Marked instance: its lexer turns every lesson body into tokens (never its HTML renderer). */
export const markdown = new Marked({ gfm: true, breaks: false });

/** Splits `---\nyaml\n---\nbody`. A leading BOM and CRLF line ends are tolerated (editors add them). */
export function splitFrontMatter(source: string): { yaml: string; body: string } | null {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(source);
  return match ? { yaml: match[1]!, body: match[2]! } : null;
}

/** `{{effectiveN IVV}}` → { kind, fund }; null for anything else, so the caller can report it. */
export function parsePlaceholder(inner: string): Placeholder | null {
  const match = /^([A-Za-z0-9]+)\s+([A-Za-z0-9.\-]{1,16})$/.exec(inner.trim());
  if (!match || !(PLACEHOLDER_KINDS as readonly string[]).includes(match[1]!)) return null;
  return { kind: match[1] as PlaceholderKind, fund: match[2]!.toUpperCase() };
}

/**
 * Parses one lesson file's text. Returns the lesson, or the problems that stop it from being
 * used (each naming the file and the field), so one bad file never hides the others.
 */
export function parseLesson(source: string, file: string, lang: LessonLang, expectedId: string): { lesson?: Lesson; problems: LessonProblem[] } {
  const problems: LessonProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file, field, message });
  const split = splitFrontMatter(source);
  if (!split) {
    problem('front matter', 'the file must start with "---", the YAML front matter, and a closing "---" line');
    return { problems };
  }
  let raw: unknown;
  try {
    raw = parseYaml(split.yaml);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (front matter line ${error.linePos[0].line})` : '';
    problem('front matter', `not valid YAML${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return { problems };
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem(issue.path.length ? formatPath(issue.path) : 'front matter', issue.message);
    return { problems };
  }
  const front = parsed.data;
  if (front.id !== expectedId) problem('id', `id "${front.id}" must equal the file name "${expectedId}"`);

  const placeholders: Placeholder[] = [];
  for (const match of split.body.matchAll(PLACEHOLDER_RE)) {
    const placeholder = parsePlaceholder(match[1]!);
    if (placeholder) placeholders.push(placeholder);
    else problem('body', `unknown placeholder "${match[0]}"; use {{kind FUND}} with kind one of ${PLACEHOLDER_KINDS.join(', ')}`);
  }

  const { sections, tryIt } = sectionsOf(markdown.lexer(split.body), front.title);
  if (sections.length < 2 || sections.length > 4) problem('body', `expected 2–4 sections ("## " headings), found ${sections.length}`);
  if (!tryIt) problem('body', 'no "Try it:" / "試してみよう：" line');
  if (problems.length > 0) return { problems };
  return { lesson: { ...front, lang, file, body: split.body, sections, tryIt, placeholders }, problems };
}

function formatPath(pathParts: readonly PropertyKey[]): string {
  return pathParts.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

/**
 * `## ` headings start pages. Text before the first one joins the first page, and a `# ` title
 * line there is dropped (the front matter title is shown instead). The first "try it" paragraph
 * is lifted out so every page can show it.
 */
function sectionsOf(tokens: Token[], title: string): { sections: LessonSection[]; tryIt: Lesson['tryIt'] } {
  const sections: LessonSection[] = [];
  const preamble: Token[] = [];
  let tryIt: Lesson['tryIt'] = null;
  for (const token of tokens) {
    if (token.type === 'heading' && token.depth === 2) {
      sections.push({ heading: String(token.text).trim(), headingTokens: token.tokens ?? [], tokens: sections.length === 0 ? preamble.splice(0) : [] });
      continue;
    }
    if (token.type === 'heading' && token.depth === 1 && sections.length === 0) continue;
    if (token.type === 'paragraph' && TRY_IT_RE.test(String(token.text))) {
      if (!tryIt) tryIt = { text: String(token.text).replace(TRY_IT_RE, ''), tokens: stripTryItPrefix(token.tokens ?? []) };
      continue;
    }
    (sections.at(-1)?.tokens ?? preamble).push(token);
  }
  if (sections.length === 0 && preamble.some((t) => t.type !== 'space')) sections.push({ heading: title, headingTokens: [{ type: 'text', raw: title, text: title }], tokens: preamble });
  return { sections, tryIt };
}

/** Removes "Try it:" from the first text token (it may sit inside emphasis) so the label is ours, in the reader's language. */
function stripTryItPrefix(tokens: Token[]): Token[] {
  const out = structuredClone(tokens);
  const first = out[0];
  if (!first) return out;
  if (first.type === 'text' || first.type === 'strong' || first.type === 'em') {
    first.text = String(first.text).replace(TRY_IT_RE, '');
    if ('tokens' in first && Array.isArray(first.tokens) && first.tokens.length > 0) {
      first.tokens = stripTryItPrefix(first.tokens);
      const inner = first.tokens[0];
      if (inner && String((inner as { text?: unknown }).text ?? '') === '' && first.tokens.length === 1) out.shift();
    } else if (String(first.text).trim() === '') out.shift();
  }
  return out;
}

/** Reads every `en/*.md` and `ja/*.md` under `root`. Missing folders are fine: lessons arrive one by one. */
export function loadLessonLibrary(root: string = LESSON_ROOT): LessonLibrary {
  const byId = new Map<string, Partial<Record<LessonLang, Lesson>>>();
  const problems: LessonProblem[] = [];
  for (const lang of LESSON_LANGS) {
    const dir = path.join(root, lang);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
      const file = `${lang}/${name}`;
      const id = name.slice(0, -'.md'.length);
      const result = parseLesson(readFileSync(path.join(dir, name), 'utf8'), file, lang, id);
      problems.push(...result.problems);
      if (result.lesson) byId.set(id, { ...byId.get(id), [lang]: result.lesson });
    }
  }
  const rank = (id: string) => {
    const i = CURRICULUM.indexOf(id);
    return i === -1 ? CURRICULUM.length : i;
  };
  const ids = [...byId.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const get = (id: string, lang: LessonLang) => byId.get(id)?.[lang];
  return {
    ids,
    get,
    find: (id, lang) => get(id, lang) ?? get(id, lang === 'en' ? 'ja' : 'en'),
    all: (lang) => ids.map((id) => get(id, lang)).filter((l): l is Lesson => l !== undefined),
    problems,
  };
}

let library: LessonLibrary | undefined;

/** The lessons shipped with the bot, read once per process (files do not change while it runs). */
export function lessonLibrary(): LessonLibrary {
  library ??= loadLessonLibrary();
  return library;
}

/** Every lesson id, in curriculum order: for Discord option choices and autocomplete. */
export function lessonIds(): string[] {
  return [...lessonLibrary().ids];
}

/**
 * Autocomplete for a lesson option: ids and titles (in `lang`) that start with or contain
 * `prefix`, best first, at most 25 (Discord's limit); names clipped to 100 characters.
 */
export function lessonChoices(prefix: string, lang: LessonLang): { name: string; value: string }[] {
  const lib = lessonLibrary();
  const want = prefix.normalize('NFKC').trim().toLowerCase();
  const scored = lib.ids.flatMap((id, order) => {
    const lesson = lib.find(id, lang)!;
    const title = lesson.title.toLowerCase();
    const score = want === '' || id.startsWith(want) || title.startsWith(want) ? 0 : id.includes(want) || title.includes(want) ? 1 : lesson.tags.some((t) => t.toLowerCase().includes(want)) ? 2 : -1;
    return score < 0 ? [] : [{ id, title: lesson.title, score, order }];
  });
  return scored
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, 25)
    .map(({ id, title }) => {
      const name = `${title} (${id})`;
      return { name: name.length <= 100 ? name : `${name.slice(0, 99)}…`, value: id };
    });
}
