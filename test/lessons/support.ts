import { readdirSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONSOLE_USER, type Context, type HoldingsSource, type Lang, type Requester } from '../../commands/context.ts';
import { LESSON_ROOT, TRY_IT_RE, splitFrontMatter } from '../../lessons/load.ts';
import { NOW } from '../support/context.ts';

export const DOMAIN_PATH = path.resolve(import.meta.dirname, '../../../shared/domain.md');

/** Every lesson id with a file on disk in either language, so new files are checked as soon as they land. */
export function idsOnDisk(): string[] {
  const ids = new Set<string>();
  for (const lang of ['en', 'ja']) {
    const dir = path.join(LESSON_ROOT, lang);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.endsWith('.md')) ids.add(name.slice(0, -3));
  }
  return [...ids].sort();
}

export function fileExists(id: string, lang: Lang): boolean {
  return existsSync(path.join(LESSON_ROOT, lang, `${id}.md`));
}

/** The body of a lesson file without front matter, "try it" line and placeholders: the prose whose figures are checked. */
export function proseOf(id: string, lang: Lang): string {
  const source = readFileSync(path.join(LESSON_ROOT, lang, `${id}.md`), 'utf8');
  const body = splitFrontMatter(source)?.body ?? '';
  return body
    .split('\n')
    .filter((line) => !TRY_IT_RE.test(line.trim()))
    .join('\n')
    .replace(/\{\{[^{}]*\}\}/g, ' ');
}

/** English words: whitespace-separated tokens holding a letter or digit (Markdown marks and table rules do not count). */
export function englishWords(prose: string): number {
  return prose.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

/** Japanese length: characters other than whitespace and Markdown syntax. */
export function japaneseChars(prose: string): number {
  return [...prose.replace(/[\s#|*_`>\-:]/g, '')].length;
}

export const EMPTY_DATA: HoldingsSource = { list: () => [], get: () => undefined, problems: () => [], describe: () => './holdings' };

/** A context on any surface, for any user: tests of one-answer-per-user and leaderboards need several. */
export function contextAs(data: HoldingsSource, lang: Lang, requester: Partial<Requester> = {}): Context {
  return { lang, requester: { ...CONSOLE_USER, ...requester }, data, now: NOW, staleAfterDays: 30 };
}
