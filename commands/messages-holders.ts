import type { Bilingual } from './define.ts';
import { integer, plural } from './format.ts';

/** /holders and /holdings. */
export const mh = {
  holdersDescription: (): Bilingual => ({
    en: 'Which loaded funds hold a company, and how much of each',
    ja: 'ある企業を保有している読み込み済みファンドとそのウエイト',
  }),
  holdersTitle: (name: string): Bilingual => ({ en: `Who holds ${name}?`, ja: `${name}を保有するファンド` }),
  holdersSummary: (name: string, count: number, total: number): Bilingual => ({
    en: `${plural(count, 'loaded fund holds', 'loaded funds hold')} ${name} (of ${total} loaded), matched across issuers by ISIN, CUSIP, SEDOL, then ticker.`,
    ja: `読み込み済み${total}本のうち${count}本が${name}を保有しています（ISIN・CUSIP・SEDOL、次にティッカーで照合）。`,
  }),
  holdersNone: (query: string): Bilingual => ({
    en: `No loaded fund holds "${query}". Try a ticker (NVDA) or a name (Toyota), or /funds for what is loaded.`,
    ja: `「${query}」を保有している読み込み済みファンドはありません。ティッカー（NVDA）か社名（トヨタ）で試すか、/funds で一覧を確認してください。`,
  }),
  colRank: (): Bilingual => ({ en: 'Rank', ja: '順位' }),
  holdingsDescription: (): Bilingual => ({ en: "A fund's full list of holdings, a page at a time", ja: 'ファンドの全保有銘柄（ページごと）' }),
  holdingsTitle: (fund: string, page: number, pages: number): Bilingual => ({
    en: `${fund} holdings, page ${page} of ${pages}`,
    ja: `${fund}の保有銘柄（${page}/${pages}ページ）`,
  }),
  holdingsSummary: (count: number, from: number, to: number): Bilingual => ({
    en: `${plural(count, 'holding', 'holdings')}, largest first; rows ${from}–${to}. Weights are of the fund's equity, normalised to 100%.`,
    ja: `全${integer(count)}銘柄（ウエイト順）の${from}〜${to}行目。ウエイトは株式部分を100%に正規化したものです。`,
  }),
  noSuchPage: (page: number, pages: number): Bilingual => ({
    en: `There is no page ${page}: the list has ${plural(pages, 'page', 'pages')}.`,
    ja: `${page}ページはありません（全${pages}ページ）。`,
  }),
  next: (): Bilingual => ({ en: 'Next page', ja: '次のページ' }),
  previous: (): Bilingual => ({ en: 'Previous page', ja: '前のページ' }),
};
