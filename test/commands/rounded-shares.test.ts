import { describe, expect, test } from 'vitest';
import { catalogSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { CONSOLE_USER, type Context, type Lang } from '../../commands/context.ts';
import { roundedSharesNote } from '../../commands/card-parts.ts';
import type { Holdings, Position } from '../../holdings/types.ts';
import { NOW } from '../support/context.ts';

/** Hand-made holdings: a few positions whose weights are chosen so the rounded shares miss 100. */
function pos(ticker: string, weight: number, sector: Position['sector'], country: string): Position {
  return {
    ticker, name: `${ticker} Corp`, weight, reportedWeight: weight, marketValue: null, sector, sectorSource: 'file', industry: null,
    country, countrySource: 'file', exchange: null, assetClass: 'equity', ids: {},
  };
}
function fund(code: string, positions: Position[]): Holdings {
  return {
    fund: code, name: `${code} Test Fund`, issuer: 'iShares', format: 'test', file: `${code}.csv`, asOf: { date: '2026-11-20', source: 'file' },
    weightBasis: 'reported-weight', reportedEquityWeight: 1, reportedTotalWeight: 1, positions, excluded: [], notes: [],
  };
}
const third = 1 / 3;
const funds = [
  fund('AAA', [pos('AAA1', 1, 'Information Technology', 'US')]),
  fund('BBB', [pos('BBB1', 1, 'Financials', 'US')]),
  fund('CCC', [pos('CCC1', 1, 'Health Care', 'US')]),
  // Thirds in three sectors and three countries: 33.3% × 3 = 99.9% as shown.
  fund('DDD', [pos('D1', third, 'Information Technology', 'US'), pos('D2', third, 'Financials', 'JP'), pos('D3', third, 'Health Care', 'GB')]),
  // 33.37% + 33.35% + 33.28% → 33.4% + 33.4% + 33.3% = 100.1% as shown (33.35 is a hair above, as a double).
  fund('EEE', [pos('E1', 0.3336, 'Information Technology', 'US'), pos('E2', 0.3336, 'Financials', 'US'), pos('E3', 0.3328, 'Health Care', 'US')]),
  // 50/30/20: adds to 100 as shown.
  fund('FFF', [pos('F1', 0.5, 'Information Technology', 'US'), pos('F2', 0.3, 'Financials', 'JP'), pos('F3', 0.2, 'Health Care', 'GB')]),
];
const data = catalogSource({ dir: 'test/hand-made', funds: new Map(funds.map((h) => [h.fund, { holdings: h, path: h.file, passedOver: [] }])), problems: [] });
const ctx = (lang: Lang): Context => ({ lang, requester: CONSOLE_USER, data, now: NOW, staleAfterDays: 30 });
const run = (command: string, text: string, lang: Lang) => dispatch({ command, text }, ctx(lang), memoryLogger());

const NOTE = {
  en: (what: string, shown: string) => `The ${what} shares are rounded; as shown they add to ${shown}%, not 100%.`,
  ja: (what: string, shown: string) => `${what}は四捨五入して表示しているため、表示上の合計は100%ではなく${shown}%です。`,
};
const rounding = (warnings: readonly string[] | undefined) => (warnings ?? []).filter((w) => /rounded|四捨五入/.test(w));

describe('shares that round away from 100% say so, only then', () => {
  test('/portfolio AAA 12.5, BBB 12.5, CCC 75 → the title shows 13% + 13% + 75% = 101%, and the card says so (en, ja)', async () => {
    const en = await run('portfolio', 'AAA 12.5, BBB 12.5, CCC 75', 'en');
    expect(en.title).toBe('Look-through: AAA 13%, BBB 13%, CCC 75%');
    // Sectors are 12.5/12.5/75.0 to one decimal: they add to 100 as shown, so only the mix is noted.
    expect(rounding(en.warnings)).toEqual([NOTE.en('fund', '101')]);
    const ja = await run('portfolio', 'AAA 12.5, BBB 12.5, CCC 75', 'ja');
    expect(rounding(ja.warnings)).toEqual([NOTE.ja('ファンドの配分', '101')]);
  });

  test('/portfolio AAA 1, BBB 1, CCC 1 → 33% × 3 = 99% for the mix and 33.3% × 3 = 99.9% for the sectors; one country (100%) needs no note', async () => {
    const en = await run('portfolio', 'AAA 1, BBB 1, CCC 1', 'en');
    expect(en.title).toBe('Look-through: AAA 33%, BBB 33%, CCC 33%');
    expect(rounding(en.warnings)).toEqual([NOTE.en('fund', '99'), NOTE.en('sector', '99.9')]);
    const ja = await run('portfolio', 'AAA 1, BBB 1, CCC 1', 'ja');
    expect(rounding(ja.warnings)).toEqual([NOTE.ja('ファンドの配分', '99'), NOTE.ja('セクターの割合', '99.9')]);
  });

  test('/portfolio AAA 50, BBB 30, CCC 20 → everything adds to 100 as shown: no note', async () => {
    expect(rounding((await run('portfolio', 'AAA 50, BBB 30, CCC 20', 'en')).warnings)).toEqual([]);
  });

  test('/hhi page 2 lists sectors and countries whole: thirds → 99.9% notes for both; 33.4 + 33.4 + 33.3 → 100.1%; 50/30/20 → none', async () => {
    const thirds = await run('hhi', 'DDD page=2', 'en');
    // Equal shares: any order.
    expect(thirds.fields!.find((f) => f.name === 'Top sectors')!.value.split(' · ').sort()).toEqual(['Financials 33.3%', 'Health Care 33.3%', 'Information Technology 33.3%']);
    expect(rounding(thirds.warnings)).toEqual([NOTE.en('sector', '99.9'), NOTE.en('country', '99.9')]);
    const ja = await run('hhi', 'DDD page=2', 'ja');
    expect(rounding(ja.warnings)).toEqual([NOTE.ja('セクターの割合', '99.9'), NOTE.ja('国・地域の割合', '99.9')]);
    const over = await run('hhi', 'EEE page=2', 'ja');
    expect(over.fields!.find((f) => f.name === '上位セクター')!.value.split(' · ').sort()).toEqual(['ヘルスケア 33.3%', '情報技術 33.4%', '金融 33.4%'].sort());
    expect(rounding(over.warnings)).toEqual([NOTE.ja('セクターの割合', '100.1')]);
    expect(rounding((await run('hhi', 'FFF page=2', 'en')).warnings)).toEqual([]);
  });

  test('/overlap of three funds at the default equal mix shows 33%/33%/33% and says it adds to 99%', async () => {
    const card = await run('overlap', 'AAA BBB CCC', 'en');
    expect(card.fields![0]!.name).toContain('33%/33%/33%');
    expect(rounding(card.warnings)).toEqual([NOTE.en('fund', '99')]);
  });

  test('the note itself: sums the figures as printed, ignores a single share and lists that add to 100', () => {
    expect(roundedSharesNote('en', 'mix', [0.125, 0.125, 0.75], 0)).toBe(NOTE.en('fund', '101'));
    expect(roundedSharesNote('en', 'mix', [2 / 3, 1 / 3], 0)).toBeNull();
    expect(roundedSharesNote('en', 'sectors', [1], 1)).toBeNull();
    expect(roundedSharesNote('ja', 'countries', [0.1666, 0.1666, 0.6668], 1)).toBe(NOTE.ja('国・地域の割合', '100.1'));
  });
});
