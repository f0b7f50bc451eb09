import type { Bilingual, DirectoryEntry } from './directory.ts';

/**
 * Our own reviewed list (hand-written, not copied data) of the funds and indexes people name
 * most, Japanese investors' funds first among them. For a fund without a holdings file we read,
 * `standIn` names the stored funds or index weights that stand in for it, first stored wins, and
 * `standInNote` is what the card says about it. Variants that are different portfolios (ex-Japan,
 * ex-US, currency-hedged) carry `noHoldings` and are never answered with the parent's holdings.
 *
 * US entries are merged into the SEC's series by ticker (they add names, issuer and index); the
 * others stand alone. Index keys: 'index:…'.
 */

type Curated = Partial<DirectoryEntry> & Pick<DirectoryEntry, 'key' | 'nameEn' | 'nameJa'>;

const S_AND_P_500_FUNDS = ['IVV', 'VOO', 'SPY', 'SPLG'];

const fund = (e: Curated): DirectoryEntry => ({
  kind: 'fund',
  tickers: [],
  aliases: [],
  issuer: null,
  tracks: null,
  sources: e.standIn?.length ? ['stored', 'stand-in'] : e.noHoldings ? [] : ['stored', 'issuer', 'sec-nport'],
  cik: null,
  seriesId: null,
  classIds: [],
  standIn: [],
  standInNote: null,
  noHoldings: null,
  origin: 'curated',
  ...e,
});

const index = (e: Curated): DirectoryEntry => fund({ kind: 'index', sources: e.tickers?.length ? ['stored'] : [], ...e });

const MUFG = '三菱UFJアセットマネジメント';

/** A Japanese fund that invests in, or tracks the same index as, the named stored fund(s). */
function standInFor(what: Bilingual): Pick<DirectoryEntry, 'standInNote'> {
  return { standInNote: what };
}

const SP500_NOTE = standInFor({
  en: 'It tracks the S&P 500 and publishes no holdings file we read: the holdings of an S&P 500 ETF stand in (same index; the fund holds it in yen, unhedged).',
  ja: 'S&P500に連動し、読み込める保有銘柄ファイルを公開していないため、同じ指数に連動するS&P500 ETFの保有銘柄で代用しています（ファンドは円建て・為替ヘッジなし）。',
});

export const CURATED: readonly DirectoryEntry[] = [
  // ---------------------------------------------------------------- indexes
  index({
    key: 'index:SP500',
    nameEn: 'S&P 500',
    nameJa: 'S&P500',
    aliases: ['sp500', 'S&P 500 index', 'S&P500指数', '米国株式 S&P500'],
  }),
  index({ key: 'index:NDX', nameEn: 'Nasdaq 100', nameJa: 'ナスダック100', aliases: ['NASDAQ-100', 'NDX', 'ナスダック100指数'] }),
  index({
    key: 'index:MSCI-ACWI',
    nameEn: 'MSCI ACWI',
    nameJa: 'MSCI ACWI（オール・カントリー・ワールド・インデックス）',
    aliases: ['MSCI All Country World Index', 'オール・カントリー・ワールド', '全世界株式指数'],
  }),
  index({ key: 'index:MSCI-WORLD', nameEn: 'MSCI World', nameJa: 'MSCI ワールド', aliases: ['MSCI World Index'] }),
  index({ key: 'index:DJIA', nameEn: 'Dow Jones Industrial Average', nameJa: 'NYダウ（ダウ工業株30種平均）', aliases: ['Dow', 'Dow Jones', 'ダウ', 'NYダウ', 'ダウ平均'] }),
  index({ key: 'index:CRSP-US-TOTAL', nameEn: 'CRSP US Total Market', nameJa: 'CRSP USトータル・マーケット', aliases: ['全米株式'] }),
  index({ key: 'index:FTSE-GLOBAL-ALL-CAP', nameEn: 'FTSE Global All Cap', nameJa: 'FTSEグローバル・オールキャップ', aliases: [] }),
  index({
    key: 'index:TOPIX',
    tickers: ['TOPIX'],
    nameEn: 'TOPIX (Tokyo Stock Price Index)',
    nameJa: 'TOPIX（東証株価指数）',
    aliases: ['TOPIX', '東証株価指数'],
    standInNote: {
      en: 'These are the TOPIX index weights published by JPX: what a TOPIX fund (ETF 1306, 1475, eMAXIS Slim 国内株式（TOPIX）) replicates.',
      ja: 'JPXが公表するTOPIXの構成銘柄ウエイトです。TOPIX連動ファンド（ETF 1306・1475、eMAXIS Slim 国内株式（TOPIX）など）はこれを再現します。',
    },
  }),
  index({
    key: 'index:N225',
    tickers: ['N225'],
    nameEn: 'Nikkei 225 (Nikkei Stock Average)',
    nameJa: '日経平均株価（日経225）',
    aliases: ['Nikkei 225', 'Nikkei', '日経225', '日経平均', 'N225'],
    standInNote: {
      en: 'These are the Nikkei 225 index weights (price-weighted): what a Nikkei 225 fund (ETF 1321, 1330, eMAXIS Slim 国内株式（日経平均）) replicates.',
      ja: '日経平均株価（株価平均型）の構成銘柄ウエイトです。日経225連動ファンド（ETF 1321・1330、eMAXIS Slim 国内株式（日経平均）など）はこれを再現します。',
    },
  }),
  index({
    key: 'index:YOMIURI333',
    tickers: ['YOMIURI333'],
    nameEn: 'Yomiuri 333 (Yomiuri Stock Price Index)',
    nameJa: '読売株価指数（読売333）',
    aliases: ['読売333', 'Yomiuri 333', '読売株価指数', '読売333 インデックスファンド', 'Yomiuri 333 index funds'],
    standInNote: {
      en: 'Yomiuri 333 is equal-weighted by definition (each of its 333 stocks 1/333 at each rebalance): its funds hold it that way, so its constituents stand in for them.',
      ja: '読売333は定義上の均等加重指数（リバランス時に333銘柄を各1/333）です。連動ファンドはそのとおりに保有するため、構成銘柄で代用しています。',
    },
  }),

  // ---------------------------------------------------------------- US funds (merged into the SEC's series by ticker)
  fund({ key: 'us:IVV', tickers: ['IVV'], nameEn: 'iShares Core S&P 500 ETF', nameJa: 'iシェアーズ・コア S&P 500 ETF', issuer: 'iShares', tracks: 'index:SP500' }),
  fund({ key: 'us:VOO', tickers: ['VOO'], nameEn: 'Vanguard S&P 500 ETF', nameJa: 'バンガード・S&P500 ETF', issuer: 'Vanguard', tracks: 'index:SP500' }),
  fund({ key: 'us:SPY', tickers: ['SPY'], nameEn: 'SPDR S&P 500 ETF Trust', nameJa: 'SPDR S&P500 ETF', issuer: 'SPDR', tracks: 'index:SP500' }),
  fund({ key: 'us:SPLG', tickers: ['SPLG'], nameEn: 'SPDR Portfolio S&P 500 ETF', nameJa: 'SPDR ポートフォリオ S&P500 ETF', issuer: 'SPDR', tracks: 'index:SP500' }),
  fund({ key: 'us:QQQ', tickers: ['QQQ'], nameEn: 'Invesco QQQ Trust', nameJa: 'インベスコ QQQ', issuer: 'Invesco', tracks: 'index:NDX' }),
  fund({ key: 'us:QQQM', tickers: ['QQQM'], nameEn: 'Invesco NASDAQ 100 ETF', nameJa: 'インベスコ NASDAQ100 ETF', issuer: 'Invesco', tracks: 'index:NDX' }),
  fund({ key: 'us:DIA', tickers: ['DIA'], nameEn: 'SPDR Dow Jones Industrial Average ETF Trust', nameJa: 'SPDR ダウ工業株平均 ETF', issuer: 'SPDR', tracks: 'index:DJIA' }),
  fund({ key: 'us:MDY', tickers: ['MDY'], nameEn: 'SPDR S&P MidCap 400 ETF Trust', nameJa: 'SPDR S&P ミッドキャップ400 ETF', issuer: 'SPDR' }),
  fund({ key: 'us:VTI', tickers: ['VTI'], nameEn: 'Vanguard Total Stock Market ETF', nameJa: 'バンガード・トータル・ストック・マーケット ETF', issuer: 'Vanguard', tracks: 'index:CRSP-US-TOTAL' }),
  fund({ key: 'us:VT', tickers: ['VT'], nameEn: 'Vanguard Total World Stock ETF', nameJa: 'バンガード・トータル・ワールド・ストック ETF', issuer: 'Vanguard', tracks: 'index:FTSE-GLOBAL-ALL-CAP' }),
  fund({ key: 'us:ACWI', tickers: ['ACWI'], nameEn: 'iShares MSCI ACWI ETF', nameJa: 'iシェアーズ MSCI ACWI ETF', issuer: 'iShares', tracks: 'index:MSCI-ACWI' }),
  fund({ key: 'us:URTH', tickers: ['URTH'], nameEn: 'iShares MSCI World ETF', nameJa: 'iシェアーズ MSCI ワールド ETF', issuer: 'iShares', tracks: 'index:MSCI-WORLD' }),
  fund({ key: 'us:SOXX', tickers: ['SOXX'], nameEn: 'iShares Semiconductor ETF', nameJa: 'iシェアーズ 半導体 ETF', issuer: 'iShares', aliases: ['semis', 'semiconductors', '半導体'] }),
  fund({ key: 'us:SMH', tickers: ['SMH'], nameEn: 'VanEck Semiconductor ETF', nameJa: 'ヴァンエック 半導体 ETF', issuer: 'VanEck', aliases: ['semis', 'semiconductors', '半導体'] }),
  fund({ key: 'us:XLK', tickers: ['XLK'], nameEn: 'Technology Select Sector SPDR Fund', nameJa: 'テクノロジー・セレクト・セクター SPDR', issuer: 'SPDR', aliases: ['tech', 'technology', 'テクノロジー'] }),
  fund({ key: 'us:ARKK', tickers: ['ARKK'], nameEn: 'ARK Innovation ETF', nameJa: 'ARK イノベーション ETF', issuer: 'ARK' }),
  fund({ key: 'us:AIQ', tickers: ['AIQ'], nameEn: 'Global X Artificial Intelligence & Technology ETF', nameJa: 'グローバルX AI&テクノロジー ETF', issuer: 'Global X', aliases: ['AI'] }),
  fund({ key: 'us:SCHD', tickers: ['SCHD'], nameEn: 'Schwab U.S. Dividend Equity ETF', nameJa: 'シュワブ 米国配当株式 ETF', issuer: 'Schwab', aliases: ['dividend', '高配当'] }),
  fund({ key: 'us:VYM', tickers: ['VYM'], nameEn: 'Vanguard High Dividend Yield ETF', nameJa: 'バンガード・米国高配当株式 ETF', issuer: 'Vanguard', aliases: ['dividend', '高配当'] }),
  fund({ key: 'us:IWM', tickers: ['IWM'], nameEn: 'iShares Russell 2000 ETF', nameJa: 'iシェアーズ ラッセル2000 ETF', issuer: 'iShares', aliases: ['Russell 2000', 'small caps', '小型株'] }),

  // ---------------------------------------------------------------- Japanese mutual funds and ETFs
  fund({
    key: 'jp:emaxis-slim-all-country',
    nameEn: 'eMAXIS Slim All Country (global equity)',
    nameJa: 'eMAXIS Slim 全世界株式（オール・カントリー）',
    aliases: ['オルカン', 'オール・カントリー', 'eMAXIS Slim オルカン', 'eMAXIS Slim All Country', 'emaxis slim acwi', 'All Country'],
    issuer: MUFG,
    tracks: 'index:MSCI-ACWI',
    standIn: ['ACWI'],
    ...standInFor({
      en: 'eMAXIS Slim All Country tracks the MSCI ACWI (unhedged, in yen) and publishes no holdings file we read: the iShares MSCI ACWI ETF, which tracks the same index, stands in.',
      ja: 'eMAXIS Slim 全世界株式（オール・カントリー）はMSCI ACWI（円換算・為替ヘッジなし）に連動し、読み込める保有銘柄ファイルを公開していないため、同じ指数に連動するiシェアーズ MSCI ACWI ETFの保有銘柄で代用しています。',
    }),
  }),
  fund({
    key: 'jp:emaxis-slim-all-country-ex-japan',
    nameEn: 'eMAXIS Slim All Country ex Japan',
    nameJa: 'eMAXIS Slim 全世界株式（除く日本）',
    issuer: MUFG,
    noHoldings: {
      en: 'eMAXIS Slim 全世界株式（除く日本） tracks the MSCI ACWI ex Japan, a different portfolio from the All Country fund: we hold no holdings for it, and ACWI’s would wrongly include Japan.',
      ja: 'eMAXIS Slim 全世界株式（除く日本）はMSCI ACWI（除く日本）に連動する、オール・カントリーとは別のポートフォリオです。保有銘柄データがなく、ACWIで代用すると日本株が誤って含まれます。',
    },
  }),
  fund({
    key: 'jp:emaxis-slim-developed',
    nameEn: 'eMAXIS Slim Developed Markets Equity Index (ex Japan)',
    nameJa: 'eMAXIS Slim 先進国株式インデックス（除く日本）',
    aliases: ['eMAXIS Slim 先進国株式インデックス', 'eMAXIS Slim 先進国株式'],
    issuer: MUFG,
    noHoldings: {
      en: 'eMAXIS Slim 先進国株式インデックス tracks the MSCI Kokusai (developed markets ex Japan): MSCI World funds (URTH) include Japan, so they do not stand in for it.',
      ja: 'eMAXIS Slim 先進国株式インデックスはMSCIコクサイ（日本を除く先進国）に連動します。MSCIワールドのファンド（URTH）は日本株を含むため代用しません。',
    },
  }),
  fund({
    key: 'jp:emaxis-slim-sp500',
    nameEn: 'eMAXIS Slim US Equity (S&P 500)',
    nameJa: 'eMAXIS Slim 米国株式（S&P500）',
    aliases: ['eMAXIS Slim S&P500', 'スリムS&P500', 'eMAXIS Slim US Equity'],
    issuer: MUFG,
    tracks: 'index:SP500',
    standIn: S_AND_P_500_FUNDS,
    ...SP500_NOTE,
  }),
  fund({
    key: 'jp:sbi-v-sp500',
    nameEn: 'SBI V S&P 500 Index Fund',
    nameJa: 'SBI・V・S&P500インデックス・ファンド',
    aliases: ['SBI・V・S&P500', 'SBI V S&P500', 'SBIV S&P500'],
    issuer: 'SBIアセットマネジメント',
    tracks: 'index:SP500',
    standIn: ['VOO'],
    ...standInFor({
      en: 'SBI・V・S&P500 invests in the Vanguard S&P 500 ETF (VOO): VOO’s holdings are its holdings.',
      ja: 'SBI・V・S&P500はバンガード・S&P500 ETF（VOO）に投資するファンドです。VOOの保有銘柄がそのまま実質的な保有銘柄です。',
    }),
  }),
  fund({
    key: 'jp:rakuten-vti',
    nameEn: 'Rakuten US Total Stock Market Index Fund (Rakuten VTI)',
    nameJa: '楽天・全米株式インデックス・ファンド',
    aliases: ['楽天・VTI', '楽天VTI', '楽天・全米株式', 'Rakuten VTI'],
    issuer: '楽天投信投資顧問',
    tracks: 'index:CRSP-US-TOTAL',
    standIn: ['VTI'],
    ...standInFor({
      en: '楽天・VTI invests in the Vanguard Total Stock Market ETF (VTI): VTI’s holdings are its holdings.',
      ja: '楽天・全米株式インデックス・ファンド（楽天・VTI）はバンガード・トータル・ストック・マーケットETF（VTI）に投資するファンドです。VTIの保有銘柄がそのまま実質的な保有銘柄です。',
    }),
  }),
  fund({
    key: 'jp:rakuten-vt',
    nameEn: 'Rakuten Global Equity Index Fund (Rakuten VT)',
    nameJa: '楽天・全世界株式インデックス・ファンド',
    aliases: ['楽天・VT', '楽天VT', '楽天・全世界株式', 'Rakuten VT'],
    issuer: '楽天投信投資顧問',
    tracks: 'index:FTSE-GLOBAL-ALL-CAP',
    standIn: ['VT'],
    ...standInFor({
      en: '楽天・VT invests in the Vanguard Total World Stock ETF (VT): VT’s holdings are its holdings.',
      ja: '楽天・全世界株式インデックス・ファンド（楽天・VT）はバンガード・トータル・ワールド・ストックETF（VT）に投資するファンドです。VTの保有銘柄がそのまま実質的な保有銘柄です。',
    }),
  }),
  fund({
    key: 'jp:emaxis-nasdaq100',
    nameEn: 'eMAXIS NASDAQ100 Index',
    nameJa: 'eMAXIS NASDAQ100インデックス',
    issuer: MUFG,
    tracks: 'index:NDX',
    standIn: ['QQQ', 'QQQM'],
    ...standInFor({
      en: 'It tracks the Nasdaq 100 and publishes no holdings file we read: the holdings of a Nasdaq 100 ETF stand in (same index; the fund holds it in yen, unhedged).',
      ja: 'NASDAQ100に連動し、読み込める保有銘柄ファイルを公開していないため、同じ指数に連動するNASDAQ100 ETFの保有銘柄で代用しています（ファンドは円建て・為替ヘッジなし）。',
    }),
  }),
  fund({
    key: 'jp:emaxis-slim-topix',
    nameEn: 'eMAXIS Slim Japan Equity (TOPIX)',
    nameJa: 'eMAXIS Slim 国内株式（TOPIX）',
    issuer: MUFG,
    tracks: 'index:TOPIX',
    standIn: ['TOPIX'],
    ...standInFor({
      en: 'It tracks TOPIX: the TOPIX index weights published by JPX stand in for its holdings.',
      ja: 'TOPIXに連動するため、JPXが公表するTOPIXの構成銘柄ウエイトで保有銘柄を代用しています。',
    }),
  }),
  fund({
    key: 'jp:1306',
    tickers: ['1306'],
    nameEn: 'NEXT FUNDS TOPIX ETF',
    nameJa: 'NEXT FUNDS TOPIX連動型上場投信',
    issuer: '野村アセットマネジメント',
    tracks: 'index:TOPIX',
    standIn: ['TOPIX'],
    ...standInFor({
      en: 'ETF 1306 tracks TOPIX; its issuer publishes creation baskets (share counts), not weights: the TOPIX index weights published by JPX stand in.',
      ja: 'ETF 1306はTOPIXに連動します。運用会社が公表するのは設定用バスケット（株数）でウエイトではないため、JPXが公表するTOPIXの構成銘柄ウエイトで代用しています。',
    }),
  }),
  fund({
    key: 'jp:1475',
    tickers: ['1475'],
    nameEn: 'iShares Core TOPIX ETF',
    nameJa: 'iシェアーズ・コア TOPIX ETF',
    issuer: 'iShares',
    tracks: 'index:TOPIX',
    standIn: ['TOPIX'],
    ...standInFor({
      en: 'ETF 1475 tracks TOPIX: the TOPIX index weights published by JPX stand in for its holdings.',
      ja: 'ETF 1475はTOPIXに連動するため、JPXが公表するTOPIXの構成銘柄ウエイトで保有銘柄を代用しています。',
    }),
  }),
  fund({
    key: 'jp:1348',
    tickers: ['1348'],
    nameEn: 'MAXIS TOPIX ETF',
    nameJa: 'MAXIS トピックス上場投信',
    issuer: MUFG,
    tracks: 'index:TOPIX',
    standIn: ['TOPIX'],
    ...standInFor({
      en: 'ETF 1348 tracks TOPIX: the TOPIX index weights published by JPX stand in for its holdings.',
      ja: 'ETF 1348はTOPIXに連動するため、JPXが公表するTOPIXの構成銘柄ウエイトで保有銘柄を代用しています。',
    }),
  }),
  ...(
    [
      ['jp:1321', ['1321'], 'NEXT FUNDS Nikkei 225 ETF', 'NEXT FUNDS 日経225連動型上場投信', '野村アセットマネジメント'],
      ['jp:1330', ['1330'], 'Nikko Listed Index Fund 225', '上場インデックスファンド225', 'アセットマネジメントOne'],
      ['jp:emaxis-slim-nikkei', [], 'eMAXIS Slim Japan Equity (Nikkei 225)', 'eMAXIS Slim 国内株式（日経平均）', MUFG],
      ['jp:nissay-nikkei225', [], 'Nissay Nikkei 225 Index Fund', 'ニッセイ日経225インデックスファンド', 'ニッセイアセットマネジメント'],
    ] as const
  ).map(([key, tickers, nameEn, nameJa, issuer]) =>
    fund({
      key,
      tickers: [...tickers],
      nameEn,
      nameJa,
      issuer,
      tracks: 'index:N225',
      standIn: ['N225'],
      ...standInFor({
        en: `${nameJa} tracks the Nikkei 225: the index's own weights (price-weighted, from Nikkei) stand in for its holdings.`,
        ja: `${nameJa}は日経平均株価に連動するため、指数自体のウエイト（株価平均型、日経公表）で保有銘柄を代用しています。`,
      }),
    }),
  ),
  fund({
    key: 'jp:maxis-sp500',
    tickers: ['2558'],
    nameEn: 'MAXIS US Equity (S&P 500) ETF',
    nameJa: 'MAXIS米国株式(S&P500)上場投信',
    issuer: MUFG,
    tracks: 'index:SP500',
    standIn: S_AND_P_500_FUNDS,
    ...SP500_NOTE,
  }),
];

/**
 * Words that make a different fund from its parent. A name carrying one is never answered with
 * a fund whose names lack it: "オルカン 為替ヘッジあり" is not オルカン.
 */
export const VARIANT_MARKERS: readonly Bilingual[] = [
  { en: 'ex Japan', ja: '除く日本' },
  { en: 'ex US', ja: '除く米国' },
  { en: 'hedged', ja: '為替ヘッジあり' },
  { en: 'hedged', ja: 'ヘッジあり' },
];
