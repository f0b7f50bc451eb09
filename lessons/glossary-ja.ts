/**
 * One set of Japanese terms for every Japanese lesson, so a reader meets one word for one idea
 * (the lessons had ウエイト and ウェイト, 均等加重 and 均等ウェイト, ITバブル and ドットコム・バブル side by
 * side). The lesson tests fail when a Japanese lesson uses an avoided variant or phrase.
 */
export interface GlossaryTerm {
  /** The term every Japanese lesson uses. */
  ja: string;
  /** What it translates. */
  en: string;
  /** Variants that must not appear in a Japanese lesson (checked on the raw file text). */
  avoid: readonly string[];
}

export const JA_GLOSSARY: readonly GlossaryTerm[] = [
  { ja: 'ウエイト', en: 'weight (share of a fund or index)', avoid: ['ウェイト'] },
  { ja: '均等加重', en: 'equal weight', avoid: ['均等ウエイト', '均等ウェイト', '等ウエイト'] },
  { ja: '時価総額加重', en: 'cap-weighted', avoid: ['時価加重', '時価総額ウエイト'] },
  { ja: 'S&P500', en: 'S&P 500', avoid: ['S&P 500', 'Ｓ＆Ｐ'] },
  { ja: 'ITバブル', en: 'dot-com bubble', avoid: ['ドットコム・バブル', 'ドットコムバブル', 'インターネット・バブル'] },
  { ja: 'テック+', en: 'Tech+ (Information Technology + Communication Services)', avoid: ['Tech+', 'テック＋'] },
  { ja: '実効銘柄数', en: 'effective number of holdings (1/HHI)', avoid: ['有効銘柄数'] },
  { ja: '上位10銘柄比率', en: 'top-10 weight', avoid: ['トップ10比率', '上位10社比率'] },
  { ja: '市場の幅', en: 'breadth', avoid: ['ブレッド', 'ブレス'] },
  { ja: '解約', en: 'redemptions', avoid: ['償還売り'] },
  { ja: 'リバランス', en: 'rebalancing', avoid: ['リバランシング'] },
  { ja: 'ナスダック総合指数', en: 'Nasdaq Composite', avoid: ['ナスダック総合株価指数'] },
  { ja: 'マグニフィセント・セブン', en: 'Magnificent Seven', avoid: ['マグニフィセント7', 'マグ7'] },
  { ja: '構成銘柄', en: "an index's members (an index does not 保有; a fund 保有s or 組み入れs)", avoid: ['指数が保有', '指数の保有銘柄'] },
  { ja: '対抗策', en: 'counterweight (five-step check-up, step 3)', avoid: ['補強する'] },
  { ja: 'RBC BlueBay', en: 'RBC BlueBay Asset Management (named one way; its paper by its English title)', avoid: ['RBCブルーベイ', 'インデックスの罠：'] },
];

/**
 * Phrases found wrong or unclear in review: 値を戻す says a price recovers (the English meant
 * "give back gains"); the others were literal translations a Japanese reader stumbles on.
 */
export const JA_AVOID_PHRASES: readonly { phrase: string; use: string }[] = [
  { phrase: '値を戻す', use: '上昇分を失う / 大きく下げる' },
  { phrase: '「重し」', use: '対抗策（counterweight）' },
  { phrase: '重しとして', use: '対抗策として' },
  { phrase: '上乗せの代金', use: '割高な価格（premium）' },
  { phrase: '同じお金', use: '重なっている部分（overlap）' },
];
