import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lessonChoices, lessonIds, lessonLibrary, loadLessonLibrary, parseLesson } from '../../lessons/load.ts';

const QUIZ = `quiz:
  - { q: A, options: [{ text: a, correct: true, why: w }, { text: b, correct: false, why: w }, { text: c, correct: false, why: w }] }
  - { q: B, options: [{ text: a, correct: true, why: w }, { text: b, correct: false, why: w }, { text: c, correct: false, why: w }] }
  - { q: C, options: [{ text: a, correct: true, why: w }, { text: b, correct: false, why: w }, { text: c, correct: false, why: w }] }
`;
const FRONT = `id: sample
title: Sample
summary: One sentence.
tags: [x]
sources: ["RBC BlueBay Asset Management, The index trap, March 2026"]
commands: ["/hhi SPY"]
related: []
`;
const BODY = `## One\n\nText {{top10 IVV}}.\n\n## Two\n\nMore.\n\nTry it: /hhi SPY\n`;
const file = (front: string, body = BODY) => `---\n${front}---\n${body}`;
const problemsOf = (source: string, id = 'sample') => parseLesson(source, 'en/sample.md', 'en', id).problems;

describe('parseLesson: clear errors that name the file and the field', () => {
  test('a valid file parses into sections, placeholders and the "try it" line', () => {
    const { lesson, problems } = parseLesson(file(FRONT + QUIZ), 'en/sample.md', 'en', 'sample');
    expect(problems).toEqual([]);
    expect(lesson!.sections.map((s) => s.heading)).toEqual(['One', 'Two']);
    expect(lesson!.placeholders).toEqual([{ kind: 'top10', fund: 'IVV' }]);
    expect(lesson!.tryIt!.text).toBe('/hhi SPY');
  });

  test.each([
    ['no front matter', '## One\n\ntext', 'front matter', /start with "---"/],
    ['broken YAML', file('id: [unclosed\n'), 'front matter', /not valid YAML/],
    ['a missing field', file(FRONT.replace(/^summary:.*\n/m, '') + QUIZ), 'summary', /.+/],
    ['an unknown key (typo)', file(`${FRONT}sourcez: []\n${QUIZ}`), 'front matter', /sourcez/],
    ['a source without a date', file(FRONT.replace('March 2026', 'someday') + QUIZ), 'sources[0]', /date/],
    ['two correct answers', file(FRONT + QUIZ.replace('{ text: b, correct: false', '{ text: b, correct: true')), 'quiz[0].options', /exactly one/],
    ['an empty why', file(FRONT + QUIZ.replace('why: w }, { text: b', 'why: "" }, { text: b')), 'quiz[0].options[0].why', /why/],
    ['too few questions', file(FRONT + QUIZ.split('\n').slice(0, 3).join('\n') + '\n'), 'quiz', /at least 3/],
    ['an unknown placeholder', file(FRONT + QUIZ, '## A\n\n{{topTen IVV}}\n\n## B\n\nTry it: /hhi SPY'), 'body', /unknown placeholder "\{\{topTen IVV\}\}"/],
    ['a single section', file(FRONT + QUIZ, '## A\n\nTry it: /hhi SPY'), 'body', /2–4 sections/],
    ['no "try it" line', file(FRONT + QUIZ, '## A\n\nx\n\n## B\n\ny'), 'body', /Try it/],
  ])('%s', (_, source, field, message) => {
    const problems = problemsOf(source);
    expect(problems.length).toBeGreaterThan(0);
    const hit = problems.find((p) => p.field === field || (field === 'front matter' && p.message.match(message)));
    expect(hit, JSON.stringify(problems)).toBeDefined();
    expect(hit!.file).toBe('en/sample.md');
    expect(hit!.message).toMatch(message);
  });

  test('an id that differs from the file name', () => {
    expect(problemsOf(file(FRONT + QUIZ), 'other')).toEqual([{ file: 'en/sample.md', field: 'id', message: 'id "sample" must equal the file name "other"' }]);
  });

  test('CRLF line ends and a BOM are tolerated', () => {
    expect(problemsOf(`\uFEFF${file(FRONT + QUIZ)}`.replace(/\n/g, '\r\n'))).toEqual([]);
  });
});

describe('loadLessonLibrary', () => {
  test('reads en/ and ja/, keeps good files, reports bad ones, and tolerates a missing folder', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'lessons-'));
    mkdirSync(path.join(root, 'en'));
    writeFileSync(path.join(root, 'en', 'sample.md'), file(FRONT + QUIZ));
    writeFileSync(path.join(root, 'en', 'broken.md'), 'no front matter');
    writeFileSync(path.join(root, 'en', 'notes.txt'), 'ignored');
    const lib = loadLessonLibrary(root);
    expect(lib.ids).toEqual(['sample']);
    expect(lib.get('sample', 'ja')).toBeUndefined();
    expect(lib.find('sample', 'ja')!.lang).toBe('en');
    expect(lib.problems.map((p) => p.file)).toEqual(['en/broken.md']);
  });

  test('the shipped library is read once per process', () => {
    expect(lessonLibrary()).toBe(lessonLibrary());
  });
});

describe('autocomplete data for the Discord engineer', () => {
  test('lessonIds() lists every lesson, basics first', () => {
    expect(lessonIds()).toEqual(lessonLibrary().ids);
    expect(lessonIds()[0]).toBe('cap-weighting-basics');
  });

  test('lessonChoices: prefix matches first, then words in the title, at most 25, names ≤ 100', () => {
    const all = lessonChoices('', 'en');
    expect(all.length).toBe(Math.min(25, lessonIds().length));
    for (const c of all) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(lessonChoices('hhi', 'en')[0]!.value).toBe('hhi-and-effective-n');
    expect(lessonChoices('effective', 'en').map((c) => c.value)).toContain('hhi-and-effective-n');
    expect(lessonChoices('実効', 'ja').map((c) => c.value)).toContain('hhi-and-effective-n');
    expect(lessonChoices('zzzz', 'en')).toEqual([]);
  });
});
