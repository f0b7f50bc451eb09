import { beforeAll, describe, expect, test } from 'vitest';
import { figureFill } from '../../commands/lesson.ts';
import type { HoldingsSource } from '../../commands/context.ts';
import { catalogSource } from '../../bot/data-source.ts';
import { DISCORD_LIMITS } from '../../bot/discord/limits.ts';
import { SLACK_LIMITS } from '../../bot/slack/limits.ts';
import { loadLessonLibrary, parseLesson, type Lesson } from '../../lessons/load.ts';
import { RENDER_TARGETS, renderPage, renderTryIt, type RenderOptions, type RenderTarget } from '../../lessons/render.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { EMPTY_DATA } from './support.ts';

const library = loadLessonLibrary();
let real: HoldingsSource = EMPTY_DATA;
beforeAll(async () => {
  if (HAS_RAW) real = catalogSource(await rawCatalog());
});

/** Raw HTML tags; Slack's own `<https://…|label>` links are allowed and removed first. */
function rawHtml(text: string, target: RenderTarget): string[] {
  const plain = target === 'slack' ? text.replace(/<https?:\/\/[^|>\s]+\|[^>]*>/g, '') : text;
  return plain.match(/<\/?[A-Za-z!][^>]*>/g) ?? [];
}

const LIMIT: Record<RenderTarget, number> = { discord: DISCORD_LIMITS.embedDescription, slack: SLACK_LIMITS.sectionText, terminal: Number.POSITIVE_INFINITY };

function fixture(body: string, extra = ''): Lesson {
  const source = `---
id: fixture
title: Fixture
summary: A fixture.
tags: [t]
sources: ["Somebody, 2026"]
commands: ["/hhi SPY"]
related: []
quiz:
  - { q: A, options: [{ text: a, correct: true, why: w }, { text: b, correct: false, why: w }, { text: c, correct: false, why: w }] }
  - { q: B, options: [{ text: a, correct: true, why: w }, { text: b, correct: false, why: w }, { text: c, correct: false, why: w }] }
  - { q: C, options: [{ text: a, correct: true, why: w }, { text: b, correct: false, why: w }, { text: c, correct: false, why: w }] }
${extra}---
${body}`;
  const { lesson, problems } = parseLesson(source, 'en/fixture.md', 'en', 'fixture');
  if (!lesson) throw new Error(JSON.stringify(problems));
  return lesson;
}

const fill: RenderOptions['fill'] = ({ kind, fund }) => `${fund} ${kind} <&> *x*`;
const render = (lesson: Lesson, target: RenderTarget, page = 0) => renderPage(lesson, page, { target, fill }).text;

describe('renderer: Markdown tokens → Discord, Slack mrkdwn, terminal', () => {
  const lesson = fixture(`## One **bold** and _it_

Text with [a link](https://example.com/x) and \`code\`, S&P 500 <b>tags</b> gone.

- first
- second with **bold**
  - nested

1. one
2. two

| Fund | Weight |
|---|--:|
| 日本 | 41% |
| IVV | 7.4% |

Live: {{top10 IVV}}.

<div>block <script>alert(1)</script>html</div>

## Two

> quoted

Try it: \`/hhi SPY\` now.
`);

  test('Discord: **bold**, _italic_, [text](url), lists with bullets, tables in a code block', () => {
    const text = render(lesson, 'discord');
    expect(text).toContain('**One bold and it**');
    expect(text).toContain('[a link](https://example.com/x)');
    expect(text).toContain('`code`');
    expect(text).toContain('• first\n• second with **bold**\n  • nested');
    expect(text).toContain('1. one\n2. two');
    expect(text).toMatch(/```\nFund  Weight\n─+  ─+\n日本\s+41%\nIVV\s+7\.4%\n```/);
    expect(text).toContain('S&P 500 tags gone');
  });

  test('Slack: *bold*, <url|text>, & < > escaped, placeholder values escaped like text', () => {
    const text = render(lesson, 'slack');
    expect(text).toContain('*One bold and it*');
    expect(text).toContain('<https://example.com/x|a link>');
    expect(text).toContain('S&amp;P 500');
    expect(text).toContain('IVV top10 &lt;&amp;&gt; *x*');
    expect(text).not.toContain('{{');
  });

  test('terminal: plain text, link as "text (url)", table aligned by display width', () => {
    const text = render(lesson, 'terminal');
    expect(text.split('\n')[0]).toBe('One bold and it');
    expect(text).toContain('a link (https://example.com/x)');
    expect(text).toContain('日本     41%');
    expect(text).not.toContain('```');
    expect(text).not.toContain('**');
  });

  test('never raw HTML: tags are dropped, their words kept, scripts removed', () => {
    for (const target of RENDER_TARGETS) {
      const text = render(lesson, target);
      expect(rawHtml(text, target)).toEqual([]);
      expect(text).not.toContain('alert');
      expect(text).toContain('block html');
    }
  });

  test('the "try it" line is lifted out of the pages, without its label', () => {
    expect(render(lesson, 'terminal', 1)).toBe('Two\n\n│ quoted');
    expect(renderTryIt(lesson, { target: 'discord', fill })).toBe('`/hhi SPY` now.');
  });
});

describe('every page of every lesson on disk', () => {
  const lessons = library.ids.flatMap((id) => (['en', 'ja'] as const).map((lang) => library.get(id, lang)).filter((l): l is Lesson => !!l));

  test.each(lessons.map((l) => [l.file, l] as const))('%s renders within Discord, Slack and terminal limits, without raw HTML', (_, lesson) => {
    for (const data of [real, EMPTY_DATA]) {
      const options = { fill: figureFill({ data, lang: lesson.lang }) };
      for (const target of RENDER_TARGETS) {
        for (let page = 0; page < lesson.sections.length; page++) {
          const { text, heading } = renderPage(lesson, page, { ...options, target });
          expect(text.length).toBeGreaterThan(heading.length);
          expect(text.length, `${lesson.file} page ${page + 1} (${target})`).toBeLessThanOrEqual(LIMIT[target]);
          expect(rawHtml(text, target), `${lesson.file} page ${page + 1} (${target})`).toEqual([]);
          expect(text).not.toMatch(/\{\{|\}\}/);
        }
        expect(renderTryIt(lesson, { ...options, target })).toMatch(/\/[a-z]/);
      }
    }
  });

  test('a fund that is not loaded degrades to a plain phrase', () => {
    const withPlaceholder = lessons.find((l) => l.placeholders.length > 0 && l.lang === 'en');
    if (!withPlaceholder) return;
    const all = withPlaceholder.sections.map((_, i) => renderPage(withPlaceholder, i, { target: 'terminal', fill: figureFill({ data: EMPTY_DATA, lang: 'en' }) }).text).join('\n');
    expect(all).toContain(`(${withPlaceholder.placeholders[0]!.fund} is not loaded)`);
  });
});

describe.skipIf(!HAS_RAW)('placeholders against the real issuer files in ../shared/data', () => {
  test('every placeholder in every lesson names a fund that is loaded', () => {
    const missing = library.ids.flatMap((id) =>
      (['en', 'ja'] as const).flatMap((lang) => (library.get(id, lang)?.placeholders ?? []).filter((p) => !real.get(p.fund)).map((p) => `${lang}/${id}.md {{${p.kind} ${p.fund}}}`)),
    );
    expect(missing).toEqual([]);
  });

  test('every lesson shows at least one live figure from a loaded fund', () => {
    for (const id of library.ids) for (const lang of ['en', 'ja'] as const) expect(library.get(id, lang)!.placeholders.some((p) => real.get(p.fund)), `${lang}/${id}.md`).toBe(true);
  });

  test('the new placeholders against hand computations from the positions: K smallest, names above 4.5%, 3%-or-more share', () => {
    const ivv = real.get('IVV')!;
    const weights = ivv.positions.map((p) => p.weight).sort((a, b) => a - b);
    const largest = weights.at(-1)!;
    let sum = 0;
    let k = 0;
    while (sum < largest) sum += weights[k++]!;
    // domain.md: NVDA 7.84% of IVV (2025-11-18) = the ~242 smallest combined.
    expect(k).toBe(242);
    expect(figureFill({ data: real, lang: 'en' })({ kind: 'tailK', fund: 'IVV' })).toBe(`IVV: largest holding NVDA at 7.8% = its ${k} smallest holdings combined (as of 2025-11-18)`);
    // Companies, share classes combined by hand: Alphabet = GOOGL + GOOG (3.15% + 2.95% in QQQ 2025-09-26).
    const positions = real.get('QQQ')!.positions;
    const alphabet = positions.filter((p) => p.ticker === 'GOOGL' || p.ticker === 'GOOG').reduce((a, p) => a + p.weight, 0);
    const qqq = [...positions.filter((p) => p.ticker !== 'GOOGL' && p.ticker !== 'GOOG').map((p) => p.weight), alphabet];
    const over = qqq.filter((w) => w > 0.045);
    // The review's figures: 6 companies, 43.1% (5 lines, 37.0%, before combining).
    expect([over.length, (over.reduce((a, b) => a + b, 0) * 100).toFixed(1)]).toEqual([6, '43.1']);
    expect(figureFill({ data: real, lang: 'en' })({ kind: 'over45', fund: 'QQQ' })).toBe(`QQQ: 6 companies above 4.5% (share classes combined), together 43.1% (as of 2025-09-26)`);
    // Companies at 3% or more, Alphabet's two lines summed by hand (IVV 2025-11-18: GOOGL 2.93% + GOOG 2.36% = 5.29% crosses 3%).
    const ivvLines = ivv.positions;
    const ivvAlphabet = ivvLines.filter((p) => p.ticker === 'GOOGL' || p.ticker === 'GOOG').reduce((a, p) => a + p.weight, 0);
    const ivvBig = [...ivvLines.filter((p) => p.ticker !== 'GOOGL' && p.ticker !== 'GOOG').map((p) => p.weight), ivvAlphabet].filter((w) => w >= 0.03);
    expect(ivvBig.length).toBe(ivvLines.filter((p) => p.weight >= 0.03).length + 1);
    expect(figureFill({ data: real, lang: 'ja' })({ kind: 'bigShare', fund: 'IVV' })).toBe(`IVV：ウエイト3%以上の企業は${ivvBig.length}社（株式クラスは合算）、合計${(ivvBig.reduce((a, b) => a + b, 0) * 100).toFixed(1)}%（基準日 2025-11-18）`);
  });

  test('a filled placeholder names the fund, the figure and the as-of date, in both languages', () => {
    expect(figureFill({ data: real, lang: 'en' })({ kind: 'effectiveN', fund: 'IVV' })).toBe('IVV: 44.6 effective names (as of 2025-11-18)');
    expect(figureFill({ data: real, lang: 'ja' })({ kind: 'effectiveN', fund: 'IVV' })).toBe('IVV：実効銘柄数 44.6（基準日 2025-11-18）');
    expect(figureFill({ data: real, lang: 'en' })({ kind: 'usShare', fund: 'ACWI' })).toBe('ACWI: 67.3% in US companies (as of 2024-12-24)');
    expect(figureFill({ data: real, lang: 'en' })({ kind: 'asOf', fund: 'VOO' })).toBe('VOO holdings as of an unknown date');
  });
});
