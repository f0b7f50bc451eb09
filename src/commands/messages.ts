import type { Bilingual } from './define.ts';
import type { Lang } from './context.ts';

/** Picks the reader's language. */
export function t(lang: Lang, text: Bilingual): string {
  return text[lang];
}

const list = (items: readonly string[], lang: Lang): string => items.join(lang === 'ja' ? '、' : ', ');

/**
 * Every sentence the commands show, in English and Japanese, in one place. Each entry takes its
 * already formatted figures and returns both languages, so a card in either language carries
 * exactly the same numbers.
 */
export const m = {
  // ---- common ----
  educationNote: (): Bilingual => ({
    en: 'Education, not investment advice.',
    ja: '教育目的の情報であり、投資助言ではありません。',
  }),
  sourceLine: (fund: string, issuer: string, file: string, asOf: string | null): Bilingual => ({
    en: `${fund}: ${issuer} file ${file}, as of ${asOf ?? 'unknown date'}`,
    ja: `${fund}：${issuer}のファイル ${file}、基準日 ${asOf ?? '不明'}`,
  }),
  undated: (reason: string): Bilingual => ({
    en: `The holdings file has no as-of date (${reason}).`,
    ja: `保有銘柄ファイルに基準日がありません（${reason}）。`,
  }),
  stale: (fund: string, asOf: string, days: number): Bilingual => ({
    en: `${fund} holdings are ${days} days old (as of ${asOf}); weights may have moved since.`,
    ja: `${fund}の保有データは${days}日前（基準日 ${asOf}）のものです。その後ウエイトが変わっている可能性があります。`,
  }),
  excludedSummary: (count: number, weight: string): Bilingual => ({
    en: `${count} non-equity rows (cash, futures, collateral…) excluded: ${weight} of the fund as printed; equity weights normalised to 100%.`,
    ja: `株式以外の${count}行（現金・先物・担保など）を除外（ファイル上の比率 ${weight}）。株式のウエイトを100%に正規化しています。`,
  }),
  noExcluded: (): Bilingual => ({
    en: 'No rows excluded; equity weights normalised to 100%.',
    ja: '除外した行はありません。株式のウエイトを100%に正規化しています。',
  }),
  noData: (where: string): Bilingual => ({
    en: `No holdings are loaded yet. Put issuer files in ${where}, one folder per fund named by its ticker (e.g. ${where}/IVV/ivv_holdings.csv), then try again.`,
    ja: `保有銘柄データがまだ読み込まれていません。${where} にファンドのティッカー名のフォルダを作り、運用会社のファイルを置いてから再度お試しください（例：${where}/IVV/ivv_holdings.csv）。`,
  }),
  unknownFund: (fund: string, suggestions: readonly string[], loaded: readonly string[]): Bilingual => ({
    en:
      `I don't have holdings for "${fund}".` +
      (suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : ` Loaded funds: ${loaded.join(', ')}.`),
    ja:
      `「${fund}」の保有データはありません。` +
      (suggestions.length > 0 ? `もしかして：${list(suggestions, 'ja')}？` : `読み込み済み：${list(loaded, 'ja')}。`),
  }),
  unexpected: (id: string): Bilingual => ({
    en: `Sorry, something went wrong on our side. Error id: ${id}.`,
    ja: `申し訳ありません。内部でエラーが発生しました。エラーID：${id}`,
  }),
  badArgs: (command: string, problem: string, usage: string): Bilingual => ({
    en: `/${command}: ${problem}\nUsage: ${usage}`,
    ja: `/${command}：${problem}\n使い方：${usage}`,
  }),
  unknownCommand: (name: string, suggestions: readonly string[]): Bilingual => ({
    en: `There is no /${name} command.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `/${s}`).join(', ')}?` : ''} Type /help for the list.`,
    ja: `/${name} というコマンドはありません。${suggestions.length ? `もしかして：${suggestions.map((s) => `/${s}`).join('、')}？` : ''}一覧は /help で表示できます。`,
  }),
  errorTitle: (): Bilingual => ({ en: 'That did not work', ja: '実行できませんでした' }),
  tooLong: (limit: number): Bilingual => ({
    en: `That message is too long (limit ${limit} characters). Please shorten it.`,
    ja: `入力が長すぎます（上限${limit}文字）。短くしてお試しください。`,
  }),

  // ---- /hhi ----
  hhiTitle: (fund: string, name: string): Bilingual => ({
    en: `${fund} — how concentrated is ${name}?`,
    ja: `${fund} — ${name}の集中度`,
  }),
  hhiSummary: (effN: string, count: string, top10: string): Bilingual => ({
    en: `${count} holdings, but they behave like ${effN} equal-weighted ones. The top 10 are ${top10} of the fund.`,
    ja: `保有${count}銘柄ですが、均等ウエイトに換算すると${effN}銘柄分の分散しかありません。上位10銘柄がファンドの${top10}を占めます。`,
  }),
  fEffN: (): Bilingual => ({ en: 'Effective N (1/HHI)', ja: '実効銘柄数（1/HHI）' }),
  fHoldings: (): Bilingual => ({ en: 'Holdings', ja: '保有銘柄数' }),
  fHhi: (): Bilingual => ({ en: 'HHI', ja: 'HHI' }),
  fTop10: (): Bilingual => ({ en: 'Top 10', ja: '上位10銘柄' }),
  fTop5: (): Bilingual => ({ en: 'Top 5', ja: '上位5銘柄' }),
  fLargest: (): Bilingual => ({ en: 'Largest holding', ja: '最大保有銘柄' }),
  largestValue: (ticker: string, weight: string, k: string | null): Bilingual => ({
    en: `${ticker} ${weight}` + (k === null ? ' — more than all the others combined' : ` = the ${k} smallest holdings combined`),
    ja: `${ticker} ${weight}` + (k === null ? '（他の全銘柄の合計より大きい）' : `＝下位${k}銘柄の合計に相当`),
  }),
  fBig: (threshold: string): Bilingual => ({ en: `In holdings ≥ ${threshold}`, ja: `${threshold}以上の銘柄の合計` }),
  bigValue: (share: string, count: string): Bilingual => ({ en: `${share} (${count} names)`, ja: `${share}（${count}銘柄）` }),
  fSectors: (): Bilingual => ({ en: 'Top sectors', ja: '上位セクター' }),
  fTechPlus: (): Bilingual => ({ en: 'Tech+ (IT + Communication Services)', ja: 'Tech+（情報技術＋コミュニケーション・サービス）' }),
  fCountries: (): Bilingual => ({ en: 'Countries', ja: '国・地域' }),
  fReference: (): Bilingual => ({ en: 'Against the S&P 500', ja: 'S&P500との比較' }),
  verdict: (level: 'low' | 'moderate' | 'high' | 'extreme'): Bilingual =>
    ({
      low: { en: 'Broadly spread.', ja: '幅広く分散しています。' },
      moderate: { en: 'Moderately concentrated.', ja: 'やや集中しています。' },
      high: { en: 'Top-heavy.', ja: '上位に偏っています（トップヘビー）。' },
      extreme: { en: 'Highly concentrated: a handful of names decide the result.', ja: '非常に集中しています。少数の銘柄が成績を左右します。' },
    })[level],
  referenceLine: (label: string, value: string, position: 'above' | 'below' | 'near'): Bilingual => ({
    en: `${position === 'above' ? '▲ above' : position === 'below' ? '▼ below' : '≈ near'} ${label}: ${value}`,
    ja: `${label}（${value}）${position === 'above' ? 'より高い ▲' : position === 'below' ? 'より低い ▼' : 'とほぼ同じ ≈'}`,
  }),
  lessonHhi: (): Bilingual => ({ en: 'Explain HHI and effective N', ja: 'HHIと実効銘柄数の解説' }),
  unknownSector: (): Bilingual => ({ en: 'Unknown', ja: '不明' }),
  sectorsFilled: (): Bilingual => ({
    en: 'Some sectors or countries come from another fund holding the same security (see notes).',
    ja: '一部のセクター・国は、同じ銘柄を保有する別ファンドのデータから補っています（注記参照）。',
  }),

  // ---- /overlap ----
  overlapTitle: (funds: readonly string[]): Bilingual => ({
    en: `Overlap: ${funds.join(' × ')}`,
    ja: `重複度：${funds.join(' × ')}`,
  }),
  overlapSummary: (a: string, b: string, weight: string, common: string): Bilingual => ({
    en: `${weight} of ${a} and ${b} is the same money: Σ min(weight) over ${common} shared names.`,
    ja: `${a}と${b}の${weight}は同じ銘柄への投資です（共通${common}銘柄のΣmin(ウエイト)）。`,
  }),
  overlapSummaryMany: (pairs: string, highest: string, weight: string): Bilingual => ({
    en: `${pairs} pairs compared. Most alike: ${highest} (${weight} weight overlap).`,
    ja: `${pairs}組を比較。最も似ている組み合わせ：${highest}（ウエイト重複 ${weight}）。`,
  }),
  fWeightOverlap: (): Bilingual => ({ en: 'Weight overlap', ja: 'ウエイト重複' }),
  fCommon: (): Bilingual => ({ en: 'Names in common', ja: '共通銘柄数' }),
  commonValue: (common: string, a: string, shareA: string, b: string, shareB: string): Bilingual => ({
    en: `${common} — ${shareA} of ${a}'s names, ${shareB} of ${b}'s`,
    ja: `${common}銘柄 — ${a}の銘柄数の${shareA}、${b}の${shareB}`,
  }),
  fInCommonWeight: (): Bilingual => ({ en: 'Weight in shared names', ja: '共通銘柄のウエイト' }),
  inCommonValue: (a: string, wa: string, b: string, wb: string): Bilingual => ({
    en: `${a}: ${wa} · ${b}: ${wb}`,
    ja: `${a}：${wa}・${b}：${wb}`,
  }),
  fCoverage: (): Bilingual => ({ en: 'Identified (matchable) weight', ja: '照合できたウエイト' }),
  fBlend: (mix: string): Bilingual => ({ en: `Blend ${mix}: effective N`, ja: `${mix}で保有した場合の実効銘柄数` }),
  blendValue: (blend: string, alone: string): Bilingual => ({
    en: `${blend} (alone: ${alone})`,
    ja: `${blend}（単独：${alone}）`,
  }),
  colName: (): Bilingual => ({ en: 'Name', ja: '銘柄' }),
  colMin: (): Bilingual => ({ en: 'Shared', ja: '重複' }),
  colPair: (): Bilingual => ({ en: 'Pair', ja: '組み合わせ' }),
  sharedCaption: (n: number): Bilingual => ({ en: `Top ${n} shared names by overlapping weight`, ja: `重複ウエイト上位${n}銘柄` }),
  matrixCaption: (): Bilingual => ({ en: 'Pairwise weight overlap (Σ min weight)', ja: 'ペアごとのウエイト重複（Σmin）' }),
  lowCoverage: (fund: string, share: string): Bilingual => ({
    en: `Only ${share} of ${fund}'s weight could be identified for matching (the file gives no tickers or IDs for the rest); overlap may be understated.`,
    ja: `${fund}のウエイトのうち照合できたのは${share}のみです（残りはティッカーやIDがありません）。重複度は過小評価の可能性があります。`,
  }),
  sameFund: (): Bilingual => ({
    en: 'Name at least two different funds, e.g. /overlap VOO QQQ.',
    ja: '異なるファンドを2つ以上指定してください（例：/overlap VOO QQQ）。',
  }),
  lessonOverlap: (): Bilingual => ({ en: 'Why owning three ETFs can be one bet', ja: 'ETFを3本持っても1つの賭けになる理由' }),

  // ---- /funds ----
  fundsTitle: (count: number): Bilingual => ({ en: `Loaded funds (${count})`, ja: `読み込み済みファンド（${count}本）` }),
  colFund: (): Bilingual => ({ en: 'Fund', ja: 'ファンド' }),
  colIssuer: (): Bilingual => ({ en: 'Issuer', ja: '運用会社' }),
  colAsOf: (): Bilingual => ({ en: 'As of', ja: '基準日' }),
  colAge: (): Bilingual => ({ en: 'Age', ja: '経過' }),
  colHoldings: (): Bilingual => ({ en: 'Holdings', ja: '銘柄数' }),
  colWeight: (): Bilingual => ({ en: 'Weight', ja: 'ウエイト' }),
  days: (n: number): Bilingual => ({ en: `${n} d`, ja: `${n}日` }),
  unknownAge: (): Bilingual => ({ en: 'undated', ja: '日付なし' }),
  problemsHeader: (): Bilingual => ({ en: 'Files not loaded', ja: '読み込めなかったファイル' }),
} as const;
