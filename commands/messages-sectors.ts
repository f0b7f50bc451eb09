import type { Bilingual } from './define.ts';

/** How much of a fund's weight has a known sector, and where it came from, in English and Japanese. */
export const msec = {
  /** The sector field's name where some weight has no sector (short: a card's label column): the shares shown are of the known part. */
  sectorsOfKnown: (known: string): Bilingual => ({
    en: `Sectors (${known} known)`,
    ja: `判明${known}のセクター`,
  }),
  techPlusOfKnown: (known: string): Bilingual => ({
    en: `Tech+ (IT + Communication Services, of the ${known} known)`,
    ja: `Tech+（情報技術＋コミュニケーション・サービス、判明分${known}に対する比率）`,
  }),
  /** The whole statement, with sources: "Sectors known for 96.2% of the weight: 0.0% from the file itself, 96.2% from …". */
  coverage: (known: string, sources: string): Bilingual => ({
    en: `Sectors known for ${known} of the weight, from ${sources}. Sector shares and Tech+ are computed over that known weight, not the whole fund.`,
    ja: `セクターが判明しているのは比率の${known}（出所：${sources}）。セクター構成比とTech+は、ファンド全体ではなくこの判明分に対して計算しています。`,
  }),
  fromFile: (share: string): Bilingual => ({ en: `the file itself (${share})`, ja: `ファイル自体（${share}）` }),
  fromFunds: (share: string, funds: string): Bilingual => ({
    en: `other funds’ files holding the same securities (${share}): ${funds}`,
    ja: `同じ銘柄を保有する他ファンドのファイル（${share}）：${funds}`,
  }),
  selectSector: (funds: string, asOf: string): Bilingual => ({
    en: `the Select Sector SPDR files ${funds} as of ${asOf} (each holds one GICS sector of the S&P 500)`,
    ja: `Select Sector SPDRのファイル ${funds}（${asOf}時点。各ファンドがS&P 500の1つのGICSセクターを保有）`,
  }),
  fundAsOf: (fund: string, asOf: string | null): Bilingual => ({
    en: `${fund} as of ${asOf ?? 'an unknown date'}`,
    ja: `${fund}（${asOf ? `${asOf}時点` : '日付不明'}）`,
  }),
  none: (fund: string): Bilingual => ({
    en: `No sector is known for ${fund}'s holdings (its file gives none, and no stored fund holds the same securities): no sector figures are shown.`,
    ja: `${fund}の保有銘柄のセクターは不明です（ファイルにセクターがなく、同じ銘柄を保有する保存済みファンドもありません）。セクターの数値は表示しません。`,
  }),
  tooFew: (known: string): Bilingual => ({
    en: `Sectors are known for only ${known} of the weight: too little to show sector shares or Tech+ for the fund.`,
    ja: `セクターが判明しているのは比率の${known}だけです。ファンドのセクター構成やTech+を示すには足りません。`,
  }),
  notShown: (): Bilingual => ({ en: 'not shown (too few sectors known)', ja: '表示なし（セクター判明分が少ないため）' }),
};
