import { beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { renderConsole } from '../../bot/console/render.ts';
import { placeOnScale, EFFECTIVE_N_REFERENCES } from '../../analytics/reference-points.ts';
import type { Context } from '../../commands/context.ts';
import { displayWidth } from '../../commands/format.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { GICS_SECTORS } from '../../holdings/types.ts';
import { HAS_RAW } from '../support/raw.ts';
import { rawContexts } from '../support/context.ts';

let catalog: Catalog;
let en: Context;
let ja: Context;
beforeAll(async () => void ({ catalog, en, ja } = await rawContexts()));
const run = (ctx: Context, text: string) => dispatch({ command: 'hhi', text }, ctx, memoryLogger());

/** 1 / Σ w², written again from the positions. */
const effN = (code: string) => 1 / catalog.funds.get(code)!.holdings.positions.reduce((s, p) => s + p.weight * p.weight, 0);

describe('placeOnScale reads a figure against reference points with a ±15% band', () => {
  test.each([
    [44.6, 'near', 46],
    [50.0, 'near', 46],
    [52.8, 'near', 46], // 52.8 / 46 = 1.148
    [53.0, 'between', null], // 1.152: past the band, between 46 and 79
    [39.2, 'under', 46], // 46 / 39.2 = 1.173
    [120, 'over', 100],
  ])('effective N %d → %s', (value, kind, ref) => {
    const p = placeOnScale(value, EFFECTIVE_N_REFERENCES);
    expect(p.kind).toBe(kind);
    if (ref !== null) expect('ref' in p ? p.ref.value : null).toBe(ref);
    else expect(p).toMatchObject({ below: { value: 46 }, above: { value: 79 } });
  });
});

describe.skipIf(!HAS_RAW)('/hhi verdict: funds of one index read alike', () => {
  test('SPY, VOO and IVV (effective N within 15% of each other) share one verdict, in both languages', async () => {
    const n = ['SPY', 'VOO', 'IVV'].map(effN);
    expect(Math.max(...n) / Math.min(...n)).toBeLessThan(1.15);
    for (const ctx of [en, ja]) {
      const cards = await Promise.all(['SPY', 'VOO', 'IVV'].map((f) => run(ctx, f)));
      const verdicts = cards.map((c) => c.summary!.split(/(?<=[.。])\s*/)[0]);
      expect(new Set(verdicts).size).toBe(1);
      expect(new Set(cards.map((c) => c.tone)).size).toBe(1);
      // Pooled: the median of the three, each computed here from the positions.
      const median = [...n].sort((a, b) => a - b)[1]!;
      for (const c of cards) expect((c.data as { verdict: { effectiveN: number } }).verdict.effectiveN).toBeCloseTo(median, 9);
    }
    expect((await run(en, 'SPY')).summary).toMatch(/^About as concentrated as the S&P 500 at end-2025 \(effective N 46\)\./);
  });

  test('a Japanese index is read against Japanese indexes, not US history', async () => {
    const card = await run(en, 'TOPIX');
    expect(card.fields!.some((f) => f.name.includes('S&P'))).toBe(false);
    expect(card.fields!.find((f) => f.name === 'Japan (effective N)')!.value).toBe('TOPIX 111 · Nikkei 225 37');
    // 111.2 vs 111: within the band.
    expect(effN('TOPIX')).toBeCloseTo(111.2, 1);
    expect(card.summary).toMatch(/^About as concentrated as TOPIX \(effective N 111\)\./);
  });
});

describe.skipIf(!HAS_RAW)('/hhi fits a chat', () => {
  const FUNDS = ['ACWI', 'ARKK', 'DIA', 'IVV', 'QQQ', 'SCHD', 'SOXX', 'SPY', 'TOPIX', 'URTH', 'VOO', 'VT', 'VTI'];
  test.each(FUNDS)('%s: the console card is at most 14 lines of at most 80 columns, in en and ja', async (code) => {
    for (const ctx of [en, ja]) {
      const text = renderConsole(await run(ctx, code), { chat: true });
      const lines = text.split('\n');
      expect(lines.length, text).toBeLessThanOrEqual(14);
      for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
      expect(text).toContain('→ /more');
      // Page 2 and /help fit the width too.
      for (const line of renderConsole(await run(ctx, `${code} page=2`)).split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    }
  });

  test('/help fits 80 columns', async () => {
    for (const ctx of [en, ja]) {
      const text = renderConsole(await dispatch({ command: 'help', text: '' }, ctx, memoryLogger()));
      for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    }
  });

  test('"/hhi SPY 2" is page 2; "/hhi S&P 500" is a fund name, not a page', async () => {
    expect((await run(en, 'SPY 2')).title).toMatch(/\(2\/2\)$/);
    expect((await run(en, 'S&P 500')).summary).toMatch(/"S&P 500"/);
  });
});

describe.skipIf(!HAS_RAW)('Japanese /hhi cards are Japanese', () => {
  const COUNTRY_NAMES_EN = /\b(United States|Japan|United Kingdom|Unknown|US|JP)\b/;
  test('the Japanese /hhi TOPIX card (both pages) names no sector or country in ASCII', async () => {
    for (const page of ['TOPIX', 'TOPIX page=2']) {
      const card = await run(ja, page);
      const text = [card.summary, ...(card.fields ?? []).flatMap((f) => [f.name, f.value]), ...(card.warnings ?? [])].join('\n');
      for (const sector of GICS_SECTORS) expect(text).not.toContain(sector);
      expect(text).not.toMatch(COUNTRY_NAMES_EN);
      expect(text).not.toMatch(/\bpts\b|prints no date/);
    }
    const more = await run(ja, 'TOPIX page=2');
    expect(more.fields!.find((f) => f.name === '国・地域')!.value).toBe('日本 100.0%');
    // TSE-33 sectors as JPX prints them; 電気機器 is the largest, its weight summed here from the positions.
    const w = catalog.funds.get('TOPIX')!.holdings.positions.filter((p) => p.industry === '電気機器').reduce((s, p) => s + p.weight, 0);
    expect(more.fields!.find((f) => f.name === '上位業種（東証33）')!.value.startsWith(`電気機器 ${(w * 100).toFixed(1)}%`)).toBe(true);
  });

  test('Japanese company names are shown for Japanese codes, full-width letters folded', async () => {
    const card = await run(ja, 'TOPIX');
    expect(card.fields!.find((f) => f.name === '最大保有銘柄')!.value).toMatch(/^8306 三菱UFJフィナンシャ…/);
  });

  test('an undated file says so in Japanese, without the parser English', async () => {
    const card = await run(ja, 'VOO');
    expect(card.warnings).toEqual(['VOO：ファイルに基準日がないため、数値の時点は不明です。']);
  });
});
