import { describe, expect, test } from 'vitest';
import { variantMarker } from '../../commands/lookup.ts';
import { CURATED } from '../../store/curated-funds.ts';
import type { DirectoryEntry } from '../../store/directory.ts';
import { DirectoryIndex, searchKey } from '../../store/directory-search.ts';

describe('searchKey: the form names are compared in', () => {
  test.each([
    ['S&P 500', 'sp500'],
    ['sp500', 'sp500'],
    ['ｓ＆ｐ５００', 'sp500'],
    ['S&P500', 'sp500'],
    ['楽天・VTI', '楽天vti'],
    ['eMAXIS Slim 全世界株式（オール・カントリー）', 'emaxisslim全世界株式オールカントリー'],
    ['BRK.B', 'brkb'],
    ['  $Nasdaq-100 ', 'nasdaq100'],
  ])('%s → %s', (raw, key) => expect(searchKey(raw)).toBe(key));
});

/** A hedged twin of the S&P 500 fund, hand-made: the directory must never pick it for a name that does not say so. */
const HEDGED: DirectoryEntry = {
  ...CURATED.find((e) => e.key === 'jp:emaxis-slim-sp500')!,
  key: 'test:hedged',
  nameJa: 'eMAXIS Slim 米国株式（S&P500）為替ヘッジあり',
  nameEn: 'eMAXIS Slim US Equity (S&P 500), hedged',
  aliases: [],
  standIn: [],
  standInNote: null,
  noHoldings: { en: 'hedged: a different fund', ja: '為替ヘッジあり：別のファンド' },
};

describe('resolving a typed name', () => {
  const index = new DirectoryIndex([...CURATED, HEDGED]);
  const key = (q: string) => {
    const r = index.resolve(q);
    return r.kind === 'one' ? r.entry.key : r.kind === 'many' ? r.entries.map((e) => e.key).sort() : 'none';
  };

  test('an unhedged name picks the unhedged fund, its hedged twin only when the name says hedged', () => {
    expect(key('eMAXIS Slim 米国株式')).toBe('jp:emaxis-slim-sp500');
    expect(key('eMAXIS Slim 米国株式（S&P500）為替ヘッジあり')).toBe('test:hedged');
    // Both are listed when searching, so the user can see the hedged one exists.
    expect(index.search('eMAXIS Slim 米国株式').map((e) => e.key).sort()).toEqual(['jp:emaxis-slim-sp500', 'test:hedged']);
  });

  test('exact ticker, then exact name or alias, then prefixes and substrings; several matches are a choice', () => {
    expect(key('1306')).toBe('jp:1306');
    expect(key('Nikkei')).toBe('index:N225');
    expect(key('楽天')).toEqual(['jp:rakuten-vt', 'jp:rakuten-vti']);
    expect(key('nothing like this')).toBe('none');
    expect(index.search('semis').map((e) => e.tickers[0]).sort()).toEqual(['SMH', 'SOXX']);
  });

  test.each([
    ['オルカン 為替ヘッジあり', '為替ヘッジあり'],
    ['全世界株式（除く日本）', '除く日本'],
    ['S&P 500 hedged', 'hedged'],
    ['ACWI ex Japan', 'ex Japan'],
    ['unhedged S&P 500', null],
    ['オルカン', null],
  ])('variant words in %s → %s', (raw, marker) => expect(variantMarker(raw)).toBe(marker));
});
