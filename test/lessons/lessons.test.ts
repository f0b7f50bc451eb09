import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { findCommand } from '../../commands/registry.ts';
import { parseTextArgs } from '../../commands/parse-text.ts';
import { CURRICULUM, loadLessonLibrary, type Lesson, type LessonLang } from '../../lessons/load.ts';
import { HAS_YEAR, isLive } from '../../lessons/schema.ts';
import { domainFigures, figureSet } from './figures.ts';
import { DOMAIN_PATH, englishWords, fileExists, idsOnDisk, japaneseChars, proseOf } from './support.ts';

/**
 * Content checks for every lesson file on disk (ours and our colleagues'), so a new file is
 * checked the moment it lands. Planned lessons not written yet are skipped, not failed.
 */
const library = loadLessonLibrary();
const ids = idsOnDisk();
const domain = existsSync(DOMAIN_PATH) ? domainFigures(readFileSync(DOMAIN_PATH, 'utf8')) : null;
const LANGS: LessonLang[] = ['en', 'ja'];
const lessonIn = (id: string, lang: LessonLang): Lesson => {
  const lesson = library.get(id, lang);
  if (!lesson) throw new Error(`${lang}/${id}.md did not load: ${JSON.stringify(library.problems.filter((p) => p.file === `${lang}/${id}.md`))}`);
  return lesson;
};

test('every lesson file loads: front matter valid, id = file name, 2–4 sections, a "try it" line', () => {
  expect(library.problems).toEqual([]);
});

describe.each(CURRICULUM)('planned lesson %s', (id) => {
  test.skipIf(!ids.includes(id))('is on disk in both languages', () => {
    expect(fileExists(id, 'en') && fileExists(id, 'ja')).toBe(true);
  });
});

describe.each(ids)('lesson %s', (id) => {
  test('exists in English and Japanese with the same id and the same number of sections', () => {
    expect({ en: fileExists(id, 'en'), ja: fileExists(id, 'ja') }).toEqual({ en: true, ja: true });
    const [en, ja] = [lessonIn(id, 'en'), lessonIn(id, 'ja')];
    expect(ja.id).toBe(en.id);
    expect(ja.sections.length).toBe(en.sections.length);
    expect(en.sections.length).toBeGreaterThanOrEqual(2);
    expect(en.sections.length).toBeLessThanOrEqual(4);
  });

  test('English and Japanese carry the same set of figures (% vs ％, full-width digits, dates and 億/bn normalised)', () => {
    expect(figureSet(proseOf(id, 'ja'))).toEqual(figureSet(proseOf(id, 'en')));
  });

  test.skipIf(!domain)('every figure appears in domain.md (live figures come from placeholders)', () => {
    for (const lang of LANGS) {
      const lesson = lessonIn(id, lang);
      const text = `${lesson.summary}\n${proseOf(id, lang)}`;
      const unknown = figureSet(text).filter((f) => !domain!.has(f.replace(/%$/, '')));
      expect(unknown, `${lang}/${id}.md figures not in domain.md`).toEqual([]);
    }
  });

  test('word count: English 150–400 words, Japanese 300–1200 characters', () => {
    const words = englishWords(proseOf(id, 'en'));
    const chars = japaneseChars(proseOf(id, 'ja'));
    expect(words, `en/${id}.md has ${words} words`).toBeGreaterThanOrEqual(150);
    expect(words, `en/${id}.md has ${words} words`).toBeLessThanOrEqual(400);
    expect(chars, `ja/${id}.md has ${chars} characters`).toBeGreaterThanOrEqual(300);
    expect(chars, `ja/${id}.md has ${chars} characters`).toBeLessThanOrEqual(1200);
  });

  test('every source names a date; summary is one line; the body does not add its own advice disclaimer', () => {
    for (const lang of LANGS) {
      const lesson = lessonIn(id, lang);
      for (const source of lesson.sources) expect(source, `${lang}/${id}.md source`).toMatch(HAS_YEAR);
      expect(lesson.summary).not.toMatch(/\n/);
      // The renderer adds the "education, not investment advice" footer; a second copy in the body would repeat it.
      expect(lesson.body).not.toMatch(/investment advice|投資助言/i);
    }
  });

  test('every "try it" command exists and its arguments parse; the "try it" line names a command', () => {
    for (const lang of LANGS) {
      const lesson = lessonIn(id, lang);
      for (const line of lesson.commands) {
        const [name = '', ...rest] = line.slice(1).split(/\s+/);
        const command = findCommand(name);
        expect(command, `${lang}/${id}.md: ${line}`).toBeDefined();
        expect(() => parseTextArgs(command!, rest.join(' '), lang), `${lang}/${id}.md: ${line}`).not.toThrow();
      }
      const named = [...(lesson.tryIt?.text ?? '').matchAll(/\/([a-z][a-z0-9-]*)/g)].map((m) => m[1]!);
      expect(named.length, `${lang}/${id}.md "try it" line names no /command`).toBeGreaterThan(0);
      for (const name of named) expect(findCommand(name), `${lang}/${id}.md try-it /${name}`).toBeDefined();
    }
    expect(lessonIn(id, 'ja').commands).toEqual(lessonIn(id, 'en').commands);
  });

  test('every related lesson exists (or is a planned lesson not yet written), and is not the lesson itself', () => {
    for (const lang of LANGS) {
      for (const related of lessonIn(id, lang).related) {
        expect(related).not.toBe(id);
        expect(ids.includes(related) || CURRICULUM.includes(related), `${lang}/${id}.md related "${related}"`).toBe(true);
      }
    }
  });

  test('quiz: ≥ 3 questions, 3–4 options, exactly one correct, a why on every option; English and Japanese line up', () => {
    const [en, ja] = [lessonIn(id, 'en'), lessonIn(id, 'ja')];
    for (const lesson of [en, ja]) {
      expect(lesson.quiz.length).toBeGreaterThanOrEqual(3);
      for (const q of lesson.quiz) {
        if (isLive(q)) continue;
        expect(q.options.length).toBeGreaterThanOrEqual(3);
        expect(q.options.length).toBeLessThanOrEqual(4);
        expect(q.options.filter((o) => o.correct)).toHaveLength(1);
        for (const o of q.options) expect(o.why.trim()).not.toBe('');
      }
    }
    // An answer pressed in one language is scored against the other's file: the questions must be translations.
    const shape = (l: Lesson) => l.quiz.map((q) => (isLive(q) ? { live: q.live, funds: q.funds } : q.options.map((o) => o.correct)));
    expect(shape(ja)).toEqual(shape(en));
  });
});
