import { beforeAll, describe, expect, test } from 'vitest';
import type { Context, Lang } from '../../commands/context.ts';
import { setQuizStore } from '../../commands/quiz.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { MemoryQuizStore } from '../../lessons/quiz-store.ts';
import { chatSession } from '../support/chat.ts';
import { contextFor } from '../support/context.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';

/**
 * An English sentence: four or more English words in a row, one of them a word only a sentence
 * has (the, is, to, you…). Fund and company names ("Total World Stock ETF") and file names are not.
 */
const SENTENCE = /\b[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){3,}\b/g;
const FUNCTION_WORD = /\b(the|is|are|to|and|not|no|you|your|has|have|was|can|this|that|of|for|with|type|there)\b/i;

describe.skipIf(!HAS_RAW)('the console chat under --lang ja prints no English sentence of its own', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await rawCatalog();
    setQuizStore(new MemoryQuizStore());
  }, 120_000);

  /** English sentences in what the chat printed, each with its line. */
  const englishIn = (text: string) =>
    text
      // A publication cited by its own (English) title, in 「」, is a name, not a sentence of ours.
      .replace(/「[^」]*」/g, '「」')
      .split('\n')
      // Sources name the issuers' files, which are English; commands are commands.
      .filter((line) => !/^(出典|Source|→)/.test(line.trim()))
      .flatMap((line) => (line.match(SENTENCE) ?? []).filter((s) => FUNCTION_WORD.test(s)).map((s) => `${s}   ← ${line}`));

  test('greeting, cards, /more, refusals, a quiz answered out of range, an unknown language, and leaving', async () => {
    const ctx = (lang: Lang): Context => contextFor(catalog, lang);
    const text = await chatSession(
      ctx,
      ['/hhi VT', '/more', '/more', '／help', '/nosuch', '/hhi NOPE', '/lang xx', '/quiz hhi-and-effective-n', '9', '/overlap VOO QQQ', '/portfolio "VT 60, QQQ 40"', '/lesson hhi-and-effective-n', '/more', '/quit'],
      'ja',
    );
    expect(englishIn(text)).toEqual([]);
    // The same walk in English is full of sentences: the check can fail.
    expect(englishIn(await chatSession(ctx, ['/hhi VT', '/more', '/nosuch', '/quiz hhi-and-effective-n', '9', '/quit'], 'en')).length).toBeGreaterThan(5);
    expect(text).toContain('topheavy コンソール');
    expect(text).toContain('「9」は選択肢にありません');
  }, 120_000);
});
