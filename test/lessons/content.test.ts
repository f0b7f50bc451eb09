import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { JA_AVOID_PHRASES, JA_GLOSSARY } from '../../lessons/glossary-ja.ts';
import { LESSON_ROOT, loadLessonLibrary, PLACEHOLDER_RE, type LessonLang } from '../../lessons/load.ts';
import { isLive } from '../../lessons/schema.ts';
import { idsOnDisk } from './support.ts';

/**
 * What issue 14 corrected, kept corrected: the wrong statements the review found (each as a
 * pattern, so a rewording of the same claim is caught too), the Japanese glossary, live figures
 * with dates and no "today" for old files, a counter-view in every argued lesson, and quizzes
 * that cannot be passed by a giveaway.
 */
const library = loadLessonLibrary();
const ids = idsOnDisk();
const LANGS: LessonLang[] = ['en', 'ja'];
const raw = (id: string, lang: LessonLang) => readFileSync(path.join(LESSON_ROOT, lang, `${id}.md`), 'utf8');

/** The corrected statements. Each names what was wrong; the lessons may quote a source's claim only beside its correction. */
const CORRECTED: { lang: LessonLang; re: RegExp; why: string }[] = [
  { lang: 'en', re: /as much as (?:the index's |its )?100 smallest/i, why: 'NVIDIA = the 100 smallest: the files say 242 (IVV 2025-11-18)' },
  { lang: 'en', re: /100 smallest companies in the index combined/i, why: 'NVIDIA = the 100 smallest (quiz)' },
  { lang: 'ja', re: /下位100(?:社|銘柄)(?:の合計とほぼ同じ|を合わせたのと(?:ほぼ)?同じ)/, why: 'NVIDIA = 下位100' },
  { lang: 'ja', re: /最も小さい100銘柄の合計/, why: 'NVIDIA = 下位100 (quiz)' },
  { lang: 'en', re: /older NVIDIA chips/i, why: 'the H800 was a current, export-limited chip' },
  { lang: 'ja', re: /旧世代のNVIDIA/, why: 'H800は現行品' },
  { lang: 'en', re: /every index's bad day/i, why: 'the Dow rose 0.65% that day' },
  { lang: 'ja', re: /すべての指数の悪い日/, why: 'ダウは上昇' },
  { lang: 'en', re: /deal valued at about US\$350bn/i, why: 'US$350bn was the combined value at announcement' },
  { lang: 'ja', re: /評価額は約3,500億ドル/, why: '3,500億ドルは発表時の2社合計' },
  { lang: 'en', re: /US\$3\.1bn/, why: 'domain.md gives ~US$3bn' },
  { lang: 'en', re: /(?:down|lost) more than 97%|more than 97% less/i, why: '"97%" compares different entities' },
  { lang: 'ja', re: /97%(?:超|以上)/, why: '97%は別の会社どうしの比較' },
  { lang: 'en', re: /a new record/i, why: 'a record since the mid-1960s, not for all time' },
  { lang: 'ja', re: /記録更新/, why: '1960年代半ば以来の記録' },
  { lang: 'en', re: /at CBOE, more than 59 million/i, why: '59m/day is the US market-wide figure Cboe reports' },
  { lang: 'ja', re: /CBOEの一日平均/, why: '5,900万枚は米国市場全体' },
  { lang: 'en', re: /sensitive to price moves[^.]*gamma/i, why: 'gamma is the rate of change of delta' },
  { lang: 'ja', re: /値動きへの感応度（ガンマ）/, why: 'ガンマはデルタの変化率' },
  { lang: 'en', re: /\(volatility targeting, risk parity, rebalancing\)/i, why: 'fixed-mix rebalancing buys what fell' },
  { lang: 'en', re: /fixed \*\*rebalancing\*\* rules can also sell/i, why: 'fixed-mix rebalancing buys what fell' },
  { lang: 'en', re: /rebalancing rules can add to the same selling/i, why: 'a cap-weighted fund does not rebalance' },
  { lang: 'en', re: /(?:sell|selling)[^.]{0,60}\band to rebalance/i, why: 'cap-weighted funds sell on redemptions and index changes' },
  { lang: 'ja', re: /リバランスのルールも(?:同じ売りを重ね|自動的に売る)/, why: '固定配分のリバランスは下がったものを買う' },
  { lang: 'ja', re: /リバランスのために売らざるをえ/, why: '時価総額加重は解約と入れ替えでのみ売る' },
  { lang: 'ja', re: /（ボラティリティ・ターゲット、リスクパリティ、リバランス）/, why: '固定配分のリバランスは下がったものを買う' },
  { lang: 'en', re: /index money buys more of what is already expensive/i, why: 'weight-proportional buying moves no weights by itself' },
  { lang: 'ja', re: /すでに割高なものをさらに買います/, why: 'ウエイト比例の買いはウエイトを動かさない' },
  { lang: 'en', re: /today's index is more concentrated/i, why: 'dated: at end-2025' },
];

describe.each(ids)('lesson %s', (id) => {
  test('contains none of the corrected statements (front matter, quiz and body)', () => {
    for (const { lang, re, why } of CORRECTED) expect(raw(id, lang), `${lang}/${id}.md: ${why}`).not.toMatch(re);
  });

  test("quotes the source's 100-smallest claim only beside the files' figure (242)", () => {
    for (const lang of LANGS) {
      const text = raw(id, lang);
      if (/100 smallest|下位100/.test(text)) expect(text, `${lang}/${id}.md`).toContain('242');
    }
  });

  test('Japanese: the glossary terms, none of the avoided variants or phrases, Japanese tags', () => {
    // Source titles are quoted as published (one says 均等ウェイト), so the sources list is not ours to reword.
    const text = raw(id, 'ja').replace(/^sources:\n(?: {2}- .*\n)+/m, '');
    for (const term of JA_GLOSSARY) for (const variant of term.avoid) expect(text, `ja/${id}.md uses ${variant}; the glossary says ${term.ja}`).not.toContain(variant);
    for (const { phrase, use } of JA_AVOID_PHRASES) expect(text, `ja/${id}.md uses ${phrase}; use ${use}`).not.toContain(phrase);
    const tags = library.get(id, 'ja')!.tags;
    // A tag is Japanese, or an acronym such as HHI or GICS.
    for (const tag of tags) expect(tag, `ja/${id}.md tag`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]|^[A-Z0-9+&]+$/);
  });

  test('has a live figure; no line with one says "today"/"now"/"いま"/"現在", and none repeats the fund name just before it', () => {
    for (const lang of LANGS) {
      const lesson = library.get(id, lang)!;
      expect(lesson.placeholders.length, `${lang}/${id}.md has no live placeholder`).toBeGreaterThan(0);
      for (const line of lesson.body.split('\n').filter((l) => PLACEHOLDER_RE.test(l))) {
        PLACEHOLDER_RE.lastIndex = 0;
        // Files can be months old (STALE_AFTER_DAYS): the fill says "as of <date>", the prose must not say "now".
        expect(line, `${lang}/${id}.md`).not.toMatch(/\b(?:today|now|currently)\b|いまの|今の|現在の|現在読み込/i);
        for (const match of line.matchAll(PLACEHOLDER_RE)) {
          const fund = match[1]!.trim().split(/\s+/)[1]!;
          const before = line.slice(Math.max(0, match.index! - 60), match.index!);
          // The fill starts with "<FUND>:", so "IVV's top 10: IVV: top 10 = …" would say it twice.
          expect(before, `${lang}/${id}.md repeats ${fund} before its placeholder`).not.toContain(fund);
        }
      }
    }
  });

  test('every source is dated; undated articles say "undated, read 2026"', () => {
    for (const lang of LANGS) {
      for (const source of library.get(id, lang)!.sources) {
        if (/undated|日付なし/.test(source)) expect(source).toMatch(lang === 'en' ? /undated, read 2026/ : /日付なし、2026年閲覧/);
        if (/^RBC|RBC BlueBay Asset Management/.test(source)) expect(source, `${lang}/${id}.md: the RBC paper is an active manager's view`).toMatch(lang === 'en' ? /active manager's/ : /アクティブ運用会社の見解/);
      }
    }
  });

  test('the seed article is credited wherever its patterns, five steps or failure patterns are used', () => {
    for (const lang of LANGS) {
      const lesson = library.get(id, lang)!;
      const uses = lang === 'en' ? /failure pattern|five steps|three patterns|the three paths|these paths/i : /失敗パターン|五つの手順|三つのパターン|3つの経路/;
      if (uses.test(lesson.body)) expect(lesson.sources.some((s) => /Investor-education article|投資家向け解説記事/.test(s)), `${lang}/${id}.md`).toBe(true);
    }
  });
});

/** Lessons that argue the seeds' thesis: each must give the strongest counter-view in a paragraph of its own. */
const ARGUED = [
  'self-reinforcing-loop', 'diversification-illusion', 'top-10-history', 'three-propagation-paths', 'three-illustrative-patterns', 'nortel', 'aol',
  'dot-com-bust', 'deepseek-shock', 'voting-vs-weighing-machine', 'options-flows-and-liquidity-trap', 'bond-index-paradox', 'equal-weight-and-rebalancing',
  'five-step-check-up', 'three-failure-patterns', 'gdp-weighting-and-home-bias', 'portfolio-look-through', 'gics-reclassification', 'valuation-and-later-returns',
];

test.each(ARGUED)('%s gives a counter-view paragraph in both languages', (id) => {
  expect(library.get(id, 'en')!.body).toMatch(/\n(?:The counter-view:|What this case does not say)/);
  expect(library.get(id, 'ja')!.body).toMatch(/\n反対の見方：/);
});

test('the case for cap weighting is a lesson, with Sharpe 1991, costs and turnover, the mid-1960s and SPIVA', () => {
  const body = library.get('case-for-cap-weighting', 'en')!.body;
  for (const must of ['1991', 'turnover', 'mid-1960s', 'SPIVA']) expect(body).toContain(must);
});

test('at least 27 lessons, each in both languages', () => {
  expect(ids.length).toBeGreaterThanOrEqual(27);
  for (const id of ids) for (const lang of LANGS) expect(library.get(id, lang), `${lang}/${id}.md`).toBeDefined();
});

describe('quizzes', () => {
  const statics = (lang: LessonLang) => library.all(lang).flatMap((l) => l.quiz.filter((q) => !isLive(q)).map((q) => ({ id: l.id, q })));

  test('no question appears in two lessons (static by text, live by generator and funds)', () => {
    for (const lang of LANGS) {
      const texts = statics(lang).map(({ q }) => ('q' in q ? q.q : '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' '));
      expect(texts.length - new Set(texts).size, `${lang}: duplicate questions`).toBe(0);
    }
    const live = library.all('en').flatMap((l) => l.quiz.filter(isLive).map((q) => `${q.live}:${q.funds.join('+')}`));
    expect(live.filter((k, i) => live.indexOf(k) !== i)).toEqual([]);
  });

  test('no more than a third of the questions are pure figure recall (every option a number)', () => {
    for (const lang of LANGS) {
      const all = statics(lang);
      const recall = all.filter(({ q }) => 'options' in q && q.options.every((o) => /\d/.test(o.text)));
      expect(recall.length / all.length).toBeLessThanOrEqual(1 / 3);
    }
  });

  /**
   * Guessers that never read the lesson, each scored by its expected share of right answers over
   * every written question (ties split evenly, as a guesser picking among them at random would).
   * Chance is the mean of 1/k; each guesser must stay within 10 points of it, and picking the
   * longest (or the shortest) option at most 35%.
   */
  const ABSOLUTE = { en: /\b(always|never|every|everything|only|must|laws?|banned|all|none|nothing|cannot|guaranteed?s?|exactly|whatever)\b/i, ja: /必ず|決して|すべて|全て|だけ|しか|禁止|法律|常に|一切|絶対|どれも|いつも/ };
  const HEDGE = { en: /\b(often|tends?|usually|can|may|might|likely|partly|some|mostly|about|roughly)\b/i, ja: /ことがある|やすい|多くの場合|ふつう|傾向|かもしれ|一部|おおむね|約/ };
  type Options = { text: string; correct: boolean }[];
  /** Expected score of a guesser that picks at random among the options `keep` leaves (all of them when it leaves none). */
  const among = (options: Options, keep: (o: Options[number], i: number) => boolean) => {
    const pool = options.filter(keep);
    const from = pool.length ? pool : options;
    return from.filter((o) => o.correct).length / from.length;
  };
  const guessers: Record<string, (o: Options, lang: LessonLang) => number> = {
    'picks the longest': (o) => among(o, (x) => [...x.text].length === Math.max(...o.map((y) => [...y.text].length))),
    'picks the shortest': (o) => among(o, (x) => [...x.text].length === Math.min(...o.map((y) => [...y.text].length))),
    'avoids the longest': (o) => among(o, (x) => [...x.text].length < Math.max(...o.map((y) => [...y.text].length))),
    'avoids the shortest': (o) => among(o, (x) => [...x.text].length > Math.min(...o.map((y) => [...y.text].length))),
    'avoids absolute words': (o, lang) => among(o, (x) => !ABSOLUTE[lang].test(x.text)),
    'picks hedged words': (o, lang) => among(o, (x) => HEDGE[lang].test(x.text)),
  };

  test.each(LANGS)('%s: no guesser that reads only the options beats chance by more than 10 points; the longest option is right at most 35% of the time', (lang) => {
    const all = statics(lang).map(({ q }) => q).filter((q) => 'options' in q);
    const chance = all.reduce((s, q) => s + 1 / q.options.length, 0) / all.length;
    const rates = Object.fromEntries(Object.entries(guessers).map(([name, guess]) => [name, all.reduce((s, q) => s + guess(q.options, lang), 0) / all.length]));
    const strictlyLongest = all.filter((q) => {
      const lengths = q.options.map((o) => [...o.text].length);
      const right = q.options.findIndex((o) => o.correct);
      return lengths.every((len, i) => i === right || len < lengths[right]!);
    }).length;
    console.log(`${lang}: ${all.length} written questions, chance ${(chance * 100).toFixed(1)}%; the right answer is strictly the longest option in ${strictlyLongest} (${((strictlyLongest / all.length) * 100).toFixed(1)}%); a guesser that ${Object.entries(rates).map(([name, r]) => `${name} scores ${(r * 100).toFixed(1)}%`).join(', ')}`);
    for (const [name, rate] of Object.entries(rates)) expect(rate, `${lang}: a guesser that ${name}`).toBeLessThanOrEqual(chance + 0.1);
    expect(rates['picks the longest']!).toBeLessThanOrEqual(0.35);
    expect(rates['picks the shortest']!).toBeLessThanOrEqual(0.35);
  });

  test('the guesser check can fail: a quiz whose right answer is always the longest scores 100% for the length guesser', () => {
    const rigged: Options = [{ text: 'short', correct: false }, { text: 'the long and careful right answer', correct: true }, { text: 'medium one', correct: false }];
    expect(guessers['picks the longest']!(rigged, 'en')).toBe(1);
    expect(guessers['avoids absolute words']!([{ text: 'It always wins', correct: false }, { text: 'It can win', correct: true }, { text: 'It never loses', correct: false }], 'en')).toBe(1);
  });

  test('every lesson has at least three written questions and two live ones', () => {
    for (const id of ids) {
      const quiz = library.get(id, 'en')!.quiz;
      expect(quiz.filter((q) => !isLive(q)).length, id).toBeGreaterThanOrEqual(3);
      expect(quiz.filter(isLive).length, id).toBeGreaterThanOrEqual(2);
    }
  });
});
