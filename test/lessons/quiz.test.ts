import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { catalogSource } from '../../bot/data-source.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context, HoldingsSource, Lang } from '../../commands/context.ts';
import { liveKeys, optionOrder, orderFor, questionFor, setQuizStore } from '../../commands/quiz.ts';
import { figureOptions } from '../../commands/quiz-live.ts';
import { hash, seeded } from '../../commands/seeded-random.ts';
import type { View, ViewAction } from '../../commands/view.ts';
import { lessonLibrary } from '../../lessons/load.ts';
import { MemoryQuizStore } from '../../lessons/quiz-store.ts';
import { isLive } from '../../lessons/schema.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { contextAs, EMPTY_DATA } from './support.ts';

const library = lessonLibrary();
let real: HoldingsSource = EMPTY_DATA;
beforeAll(async () => {
  if (HAS_RAW) real = catalogSource(await rawCatalog());
});
beforeEach(() => setQuizStore(new MemoryQuizStore()));

const run = (ctx: Context, text: string) => dispatch({ command: 'quiz', text }, ctx, memoryLogger());
const member = (userId: string, data: HoldingsSource = EMPTY_DATA, lang: Lang = 'en') => contextAs(data, lang, { platform: 'discord', userId, serverId: 'g', channelId: 'c' });
const buttons = (view: View) => (view.actions ?? []).filter((a): a is Extract<ViewAction, { kind: 'command' }> => a.kind === 'command' && a.args.startsWith('answer '));
const optionOf = (button: { args: string }) => Number(button.args.split(' ')[2]);

/**
 * χ² critical values at p = 0.0001 for 1, 2 and 3 degrees of freedom. Every question is checked,
 * so a looser level would flag a fair shuffle somewhere by chance; a rigged order (the answer
 * always first) gives χ² in the thousands.
 */
const CHI2_CRIT: Record<number, number> = { 2: 15.14, 3: 18.42, 4: 21.11 };
const USERS = Array.from({ length: 1000 }, (_, i) => `user-${i}`);

function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

describe('option order', () => {
  const questions = library.ids.flatMap((id) => library.get(id, 'en')!.quiz.flatMap((q, i) => (isLive(q) ? [] : [{ key: `${id}.${i + 1}`, q }])));

  test.each(questions.map((x) => [x.key, x] as const))('%s: the right answer lands on each place about equally often over 1,000 users (χ²)', (_, { key, q }) => {
    const right = q.options.findIndex((o) => o.correct);
    const counts = q.options.map(() => 0);
    for (const user of USERS) counts[orderFor(key, user, q.options.length).indexOf(right)]! += 1;
    expect(chiSquare(counts), `${key} places ${counts.join('/')}`).toBeLessThan(CHI2_CRIT[q.options.length]!);
  });

  test('the check can fail: an unshuffled quiz (answer always where the file puts it) is far over the bound', () => {
    const counts = [1000, 0, 0];
    expect(chiSquare(counts)).toBeGreaterThan(CHI2_CRIT[3]!);
  });

  test('one user sees right answers spread over the places across all lessons, not one place', () => {
    for (const user of USERS.slice(0, 20)) {
      const places = questions.map(({ key, q }) => orderFor(key, user, q.options.length).indexOf(q.options.findIndex((o) => o.correct)));
      const firstShare = places.filter((p) => p === 0).length / places.length;
      expect(firstShare, user).toBeGreaterThan(0.15);
      expect(firstShare, user).toBeLessThan(0.55);
    }
  });

  test('answer buttons fit a Discord custom id (100 characters) for every lesson question, with the reader seed added', async () => {
    const longest = [...library.ids].sort((a, b) => b.length - a.length)[0]!;
    const n = library.get(longest, 'en')!.quiz.findIndex((q) => !isLive(q)) + 1;
    const shown = buttons(await run(member('a-rather-long-user-id-123456789012345'), `${longest} ${n}`));
    for (const b of shown) expect(`cmd:quiz:${b.args}`.length, b.args).toBeLessThanOrEqual(100);
  });

  test('an order is a permutation, fixed by question and reader', () => {
    for (let n = 3; n <= 4; n++) {
      const order = optionOrder('aol.1', 'seed', n);
      expect([...order].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(optionOrder('aol.1', 'seed', n)).toEqual(order);
    }
  });

  test('a re-render shows the same user the same order; the buttons carry the option, so answers score right', async () => {
    const key = 'deepseek-shock.1';
    const q = questionFor(key, member('x'))!;
    const first = buttons(await run(member('alice'), 'deepseek-shock 1'));
    const again = buttons(await run({ ...member('alice'), now: new Date(member('alice').now.getTime() + 60_000) }, 'deepseek-shock 1'));
    expect(again.map(optionOf)).toEqual(first.map(optionOf));
    expect(first.map(optionOf)).toEqual(orderFor(key, 'alice', q.options.length).map((o) => o + 1));
    // Many users, each pressing the right option wherever their order put it: all score, and the place varies.
    const places = new Set<number>();
    for (const user of USERS.slice(0, 30)) {
      const shown = buttons(await run(member(user), 'deepseek-shock 1'));
      const right = shown.find((b) => q.options[optionOf(b) - 1]!.correct)!;
      places.add(shown.indexOf(right) + 1);
      const reveal = await run(member(user), right.args);
      expect(reveal.summary).toContain(`You chose ${shown.indexOf(right) + 1}: correct!`);
      expect((reveal.data as { quiz: { correct: boolean; choice: number } }).quiz).toMatchObject({ correct: true, choice: optionOf(right) });
    }
    expect(places.size).toBeGreaterThan(1);
  });

  test('someone else answering a posted card sees the poster\'s order in the reveal', async () => {
    const shown = buttons(await run(member('poster'), 'aol 2'));
    const reveal = await run(member('other'), shown[2]!.args);
    const q = questionFor('aol.2', member('x'))!;
    const explanation = reveal.markdown!.split('\n').filter((l) => /^[✅❌]/.test(l));
    expect(explanation.map((l) => l.replace(/^[✅❌] \d\. /, ''))).toEqual(shown.map((b) => q.options[optionOf(b) - 1]!.text));
    expect(reveal.summary).toContain('You chose 3');
  });
});

describe('live questions in lessons', () => {
  test('with no fund loaded they are skipped: /quiz <lesson> never posts one, and asking for one by number says why', async () => {
    const lesson = library.get('hhi-and-effective-n', 'en')!;
    const liveNumbers = lesson.quiz.flatMap((q, i) => (isLive(q) ? [i + 1] : []));
    for (let s = 0; s < 40; s++) {
      const view = await run({ ...member('u'), now: new Date(member('u').now.getTime() + s * 1000) }, 'hhi-and-effective-n');
      const key = (view.data as { quiz: { key: string } }).quiz.key;
      expect(liveNumbers.map((n) => `hhi-and-effective-n.${n}`)).not.toContain(key);
    }
    const refused = await run(member('u'), `hhi-and-effective-n ${liveNumbers[0]}`);
    expect((refused.data as { error?: { code: string } }).error?.code).toBe('no-live-data');
  });

  test('figure options: distinct, at least 12% apart, within bounds, real peers used first, right value at a drawn place', () => {
    const peers = [{ fund: 'SPY', asOf: '2026-02-12', value: 50 }, { fund: 'QQQ', asOf: '2025-09-26', value: 26.3 }, { fund: 'VT', asOf: '2026-05-31', value: 137.9 }, { fund: 'AIQ', asOf: '2026-08-28', value: 46 }];
    const places = [0, 0, 0, 0];
    for (let s = 0; s < 400; s++) {
      const opts = figureOptions(44.6, peers, (x) => `About ${Math.round(x)}`, seeded(s), { max: 503 });
      expect(opts).toHaveLength(4);
      expect(opts.filter((o) => o.correct).map((o) => o.text)).toEqual(['About 45']);
      expect(new Set(opts.map((o) => o.text)).size).toBe(4);
      for (const a of opts) for (const b of opts) if (a !== b) expect(Math.abs(a.value - b.value)).toBeGreaterThanOrEqual(0.12 * Math.max(a.value, b.value) - 1e-9);
      // AIQ's 46 is too close to 45 to be fair; SPY's 50 is 12% away: allowed.
      expect(opts.some((o) => o.peer?.fund === 'AIQ')).toBe(false);
      for (const o of opts) if (o.peer) expect(o.value).toBe(peers.find((p) => p.fund === o.peer!.fund)!.value);
      const sorted = [...opts].sort((a, b) => a.value - b.value);
      places[sorted.findIndex((o) => o.correct)]! += 1;
    }
    // Each place about a quarter of the time (binomial sd ≈ 8.7 of 400).
    for (const n of places) expect(n, places.join('/')).toBeGreaterThan(60);
    // A count of 0 has nothing below it: every wrong option lands above, whole and within the maximum.
    const zero = figureOptions(0, [], String, seeded(7), { integer: true, max: 30 });
    expect(zero.map((o) => o.value).every((v, i) => Number.isInteger(v) && v <= 30 && (i === 0 ? v === 0 : v > 0))).toBe(true);
    expect(zero).toHaveLength(4);
  });

  describe.skipIf(!HAS_RAW)('against the real issuer files', () => {
    test('every lesson has at least two live questions the loaded files can answer, naming fund and as-of date', () => {
      for (const id of library.ids) {
        for (const lang of ['en', 'ja'] as const) {
          const ctx = member('u', real, lang);
          const quiz = library.get(id, lang)!.quiz;
          const built = quiz.flatMap((q, i) => (isLive(q) ? [{ q, question: questionFor(`${id}.${i + 1}`, ctx) }] : [])).filter((x) => x.question);
          expect(built.length, `${lang}/${id}`).toBeGreaterThanOrEqual(2);
          for (const { q, question } of built) {
            expect(question!.options.filter((o) => o.correct), `${lang}/${id} ${q.live}`).toHaveLength(1);
            for (const fund of q.funds) expect(question!.q).toContain(fund);
            const asOf = real.get(q.funds[0]!)!.asOf.date;
            // Live questions are only asked on dated files: never "as of an unknown date".
            expect(asOf, `${lang}/${id} ${q.live} ${q.funds.join('+')} has no dated file`).not.toBeNull();
            expect(question!.q).toContain(asOf!);
            expect(question!.q).not.toMatch(/unknown date|不明/);
            // Options name companies, never a bare Tokyo code.
            if (q.live === 'largest') for (const o of question!.options) expect(o.text, `${lang}/${id}`).not.toMatch(/^\d{3}[0-9A-Z]$/);
            expect(question!.sources.map((s) => s.fund)).toEqual(q.funds);
          }
        }
      }
    });

    test('the right answers match hand computations from the positions', () => {
      const ctx = member('u', real);
      const find = (live: string, fund: string) => {
        for (const id of library.ids) {
          const quiz = library.get(id, 'en')!.quiz;
          const n = quiz.findIndex((q) => isLive(q) && q.live === live && q.funds[0] === fund);
          if (n >= 0) return questionFor(`${id}.${n + 1}`, ctx)!;
        }
        throw new Error(`no ${live} ${fund}`);
      };
      const weightsOf = (fund: string) => real.get(fund)!.positions.map((p) => p.weight).sort((a, b) => b - a);
      const right = (q: { options: { text: string; correct: boolean }[] }) => q.options.find((o) => o.correct)!.text;

      const vt = weightsOf('VT');
      expect(right(find('top10', 'VT'))).toBe(`About ${Math.round(vt.slice(0, 10).reduce((a, b) => a + b, 0) * 100)}%`);
      // Companies, not lines: GOOGL and GOOG summed by hand (QQQ 2025-09-26: five lines above 4.5%, six companies).
      const qqq = real.get('QQQ')!.positions;
      const alphabet = qqq.filter((p) => p.ticker === 'GOOGL' || p.ticker === 'GOOG').reduce((a, p) => a + p.weight, 0);
      const companies = qqq.filter((p) => p.ticker !== 'GOOGL' && p.ticker !== 'GOOG').map((p) => p.weight).concat([alphabet]);
      expect(right(find('over45', 'QQQ'))).toBe(String(companies.filter((w) => w > 0.045).length));
      expect(companies.filter((w) => w > 0.045).length).toBe(weightsOf('QQQ').filter((w) => w > 0.045).length + 1);
      const ivv = [...weightsOf('IVV')].reverse();
      let sum = 0;
      let k = 0;
      while (sum < ivv.at(-1)!) sum += ivv[k++]!;
      expect(right(find('tailK', 'IVV'))).toBe(`About ${k}`);
      const top = [...real.get('SPY')!.positions].sort((a, b) => b.weight - a.weight)[0]!;
      expect(right(find('largest', 'SPY'))).toBe(`${top.name} (${top.ticker})`);
    });

    test('a fixed-rank guesser scores near chance on live figure questions over 1,000 simulated readers', () => {
      const ctx = member('u', real);
      const keys = library.ids.flatMap((id) => library.get(id, 'en')!.quiz.flatMap((q, i) => (isLive(q) && q.live !== 'moreEffective' && q.live !== 'largest' ? [`${id}.${i + 1}`] : [])));
      const numberOf = (text: string) => Number(text.replace(/[^0-9.]/g, ''));
      const hits = [0, 0, 0, 0];
      let chance = 0;
      let asked = 0;
      for (const user of USERS) {
        const reader = hash(user).toString(36);
        for (const key of keys) {
          const question = questionFor(key, ctx, library, reader);
          if (!question) continue;
          const byValue = [...question.options].sort((a, b) => numberOf(b.text) - numberOf(a.text));
          // Rank 0 = "always pick the largest", 1 = "the second-largest" (the old giveaway), …
          for (let r = 0; r < 4; r++) if (byValue[r]?.correct) hits[r]! += 1;
          chance += 1 / question.options.length;
          asked++;
        }
      }
      const rates = hits.map((h) => h / asked);
      console.log(`live figure questions: ${keys.length} × ${USERS.length} readers; a fixed-rank guesser scores ${rates.map((r, i) => `rank ${i + 1}: ${(r * 100).toFixed(1)}%`).join(', ')} (chance ${((chance / asked) * 100).toFixed(1)}%)`);
      expect(asked).toBeGreaterThan(20 * USERS.length);
      for (const rate of rates) expect(rate).toBeLessThanOrEqual(chance / asked + 0.1);
    });

    test('every live figure in a lesson body names a fund whose file is dated (no "as of an unknown date")', () => {
      for (const id of library.ids) {
        for (const lang of ['en', 'ja'] as const) {
          for (const p of library.get(id, lang)!.placeholders) expect(real.get(p.fund)?.asOf.date, `${lang}/${id} {{${p.kind} ${p.fund}}}`).toBeTruthy();
        }
      }
    });

    test('/quiz live draws only questions it can build: every key names dated files only', () => {
      const ctx = member('u', real);
      const keys = liveKeys(ctx);
      const undated = real.list().filter((f) => !f.asOf).map((f) => f.fund);
      expect(undated.length).toBeGreaterThan(0);
      expect(keys.length).toBeGreaterThan(20);
      for (const key of keys) {
        for (const fund of undated) expect(key.split('.').slice(2), key).not.toContain(fund);
        expect(questionFor(key, ctx, library, 'r'), key).not.toBeNull();
      }
    });

    test('the check can fail: the old fixed multiples (×1, ×0.5, ×1.6, ×0.7) put the answer second-largest every time', () => {
      const byValue = [1, 0.5, 1.6, 0.7].map((f, i) => ({ v: 39 * f, correct: i === 0 })).sort((a, b) => b.v - a.v);
      expect(byValue[1]!.correct).toBe(true);
    });

    test('distractors differ by reader but not within one posting: answering rebuilds the poster\'s options', () => {
      const ctx = member('u', real);
      const texts = new Set(USERS.slice(0, 30).map((u) => questionFor('hhi-and-effective-n.4', ctx, library, hash(u).toString(36))?.options.map((o) => o.text).join('|')));
      expect(texts.size).toBeGreaterThan(3);
      const reader = hash('alice').toString(36);
      expect(questionFor('hhi-and-effective-n.4', ctx, library, reader)).toEqual(questionFor('hhi-and-effective-n.4', ctx, library, reader));
    });
  });
});
