import type { Bilingual } from './define.ts';
import type { Lang } from './context.ts';
import { plural } from './format.ts';

/** GICS sector names in Japanese (the English names are the GICS spellings themselves). */
const SECTOR_JA: Record<string, string> = {
  'Information Technology': '情報技術',
  'Communication Services': 'コミュニケーション・サービス',
  'Consumer Discretionary': '一般消費財・サービス',
  'Consumer Staples': '生活必需品',
  Energy: 'エネルギー',
  Financials: '金融',
  'Health Care': 'ヘルスケア',
  Industrials: '資本財・サービス',
  Materials: '素材',
  'Real Estate': '不動産',
  Utilities: '公益事業',
  Unknown: '不明',
};

/** A sector (or "Unknown") as the reader's language names it. */
export function sectorName(lang: Lang, key: string): string {
  return lang === 'ja' ? (SECTOR_JA[key] ?? key) : key;
}

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
  /** Said on every card of an index that is not weighted by market cap (Nikkei 225, Yomiuri 333). */
  weightingNote: (fund: string, weighting: 'price' | 'equal'): Bilingual =>
    weighting === 'price'
      ? { en: `${fund} is price-weighted: weights follow share prices, not company size.`, ja: `${fund}は株価平均型（価格加重）です。ウエイトは企業規模ではなく株価で決まります。` }
      : { en: `${fund} is equal-weighted: every member has the same weight.`, ja: `${fund}は等ウエイト型です。全銘柄が同じウエイトです。` },
  sourceLine: (fund: string, issuer: string, file: string, asOf: string | null): Bilingual => ({
    en: `${fund}: ${issuer} file ${file}, as of ${asOf ?? 'unknown date'}`,
    ja: `${fund}：${issuer}のファイル ${file}、基準日 ${asOf ?? '不明'}`,
  }),
  readByMeaning: (fund: string, file: string): Bilingual => ({
    en: `${fund}: ${file} is in no issuer layout we know; its columns were read by their meaning (the layout was inferred).`,
    ja: `${fund}：${file}は既知の発行体の形式ではないため、列の意味から読み取りました（形式は推定です）。`,
  }),
  undated: (fund: string, _reason: string): Bilingual => ({
    // The reason is the parser's English and long; the card only needs the consequence.
    en: `${fund}: the file is undated, so its figures are of unknown age.`,
    ja: `${fund}：ファイルに基準日がないため、数値の時点は不明です。`,
  }),
  stale: (fund: string, asOf: string, days: number): Bilingual => ({
    en: `${fund} holdings are ${plural(days, 'day', 'days')} old (${asOf}); weights may have moved.`,
    ja: `${fund}は${days}日前（${asOf}）のデータです。`,
  }),
  excludedSummary: (count: number, weight: string): Bilingual => ({
    en: `${plural(count, 'row', 'rows')} excluded from the weights (cash, futures, collateral…; each listed with its reason): ${weight} of the fund as printed. Equity weights normalised to 100%.`,
    ja: `${count}行をウエイト計算から除外（現金・先物・担保など。理由は各行に記載。ファイル上の比率 ${weight}）。株式のウエイトを100%に正規化しています。`,
  }),
  noExcluded: (): Bilingual => ({
    en: 'No rows excluded; equity weights normalised to 100%.',
    ja: '除外した行はありません。株式のウエイトを100%に正規化しています。',
  }),
  noData: (where: string): Bilingual => ({
    en: `No holdings are loaded yet. Put issuer files in ${where}, one folder per fund named by its ticker (e.g. ${where}/IVV/ivv_holdings.csv), then try again.`,
    ja: `保有銘柄データがまだ読み込まれていません。${where} にファンドのティッカー名のフォルダを作り、運用会社のファイルを置いてから再度お試しください（例：${where}/IVV/ivv_holdings.csv）。`,
  }),
  noSource: (where: string): Bilingual => ({
    en: `No holdings are stored and none can be downloaded here. Either set SEC_USER_AGENT to a name and contact address (e.g. SEC_USER_AGENT="Your Name you@example.com" npm start): any fund is then fetched the first time it is asked for; or put issuer files in ${where}, one folder per fund named by its ticker (e.g. ${where}/IVV/ivv_holdings.csv).`,
    ja: `保有銘柄データが保存されておらず、ここではダウンロードもできません。SEC_USER_AGENT に名前と連絡先を設定する（例：SEC_USER_AGENT="Your Name you@example.com" npm start）と、どのファンドも初めて尋ねられたときに取得されます。または ${where} にティッカー名のフォルダを作り、運用会社のファイルを置いてください（例：${where}/IVV/ivv_holdings.csv）。`,
  }),
  /** /funds and /holders on a store with nothing in it: how data comes in (on demand, or both ways out when nothing can download). */
  emptyStore: (where: string, canFetch: boolean): Bilingual =>
    canFetch
      ? {
          en: 'Nothing is stored yet: a fund is fetched the first time someone asks for it (try /hhi SPY), and then listed here.',
          ja: 'まだ何も保存されていません。ファンドは初めて尋ねられたときに取得され（例：/hhi SPY）、その後ここに表示されます。',
        }
      : m.noSource(where),
  fileRefused: (fund: string, problem: string): Bilingual => ({
    en: `${fund}'s holdings file was refused, so there are no holdings for ${fund}: ${problem}. Fix or replace the file and start again (or run \`topheavy data import <file> --fund ${fund}\`).`,
    ja: `${fund}の保有銘柄ファイルは読み込みを拒否されたため、${fund}の保有銘柄データはありません：${problem}。ファイルを直すか差し替えて再起動してください（または \`topheavy data import <ファイル> --fund ${fund}\`）。`,
  }),
  unknownFund: (fund: string, suggestions: readonly string[], loaded: readonly string[]): Bilingual => ({
    en:
      `I don't have holdings for "${fund}".` +
      (suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : ` Loaded funds: ${loaded.join(', ')}.`),
    ja:
      `「${fund}」の保有データはありません。` +
      (suggestions.length > 0 ? `もしかして：${list(suggestions, 'ja')}？` : `読み込み済み：${list(loaded, 'ja')}。`),
  }),
  severalFunds: (asked: string, funds: readonly string[]): Bilingual => {
    const [a, b] = funds;
    return {
      en: `This command takes one fund, and "${asked}" names ${funds.length}: ${funds.join(', ')}. Ask for each on its own (e.g. \`/hhi ${a}\`), or look at them together: \`/overlap ${funds.slice(0, 6).join(' ')}\` for what they hold in common, \`/portfolio "${a} 50, ${b} 50"\` for a blend.`,
      ja: `このコマンドは1本のファンドを指定します。「${asked}」は${funds.length}本（${list(funds, 'ja')}）です。1本ずつ（例：\`/hhi ${a}\`）指定するか、まとめて見るには \`/overlap ${funds.slice(0, 6).join(' ')}\`（共通の保有銘柄）、\`/portfolio "${a} 50, ${b} 50"\`（組み合わせ）をどうぞ。`,
    };
  },
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
    en: fund === name ? `${fund}: concentration` : `${fund} — ${name}: concentration`,
    ja: fund === name ? `${fund}の集中度` : `${fund} — ${name}の集中度`,
  }),
  hhiSummary: (effN: string, count: string, top10: string): Bilingual => ({
    en: `Its ${count} holdings act like ${effN} equal-weighted ones; the top 10 are ${top10} of the fund.`,
    ja: `保有${count}銘柄は均等換算で${effN}銘柄分、上位10銘柄は${top10}です。`,
  }),
  fEffN: (): Bilingual => ({ en: 'Effective N (1/HHI)', ja: '実効銘柄数' }),
  fHoldings: (): Bilingual => ({ en: 'Holdings', ja: '保有銘柄数' }),
  fHhi: (): Bilingual => ({ en: 'HHI', ja: 'HHI' }),
  fTop10: (): Bilingual => ({ en: 'Top 10', ja: '上位10銘柄' }),
  fTop5: (): Bilingual => ({ en: 'Top 5', ja: '上位5銘柄' }),
  fLargest: (): Bilingual => ({ en: 'Largest holding', ja: '最大保有銘柄' }),
  largestValue: (ticker: string, weight: string, k: string | null): Bilingual => ({
    en: `${ticker} ${weight}` + (k === null ? ' — more than all the others combined' : ` = the ${k} smallest combined`),
    ja: `${ticker} ${weight}` + (k === null ? '（他の全銘柄の合計より大きい）' : `（下位${k}銘柄の合計）`),
  }),
  fBig: (threshold: string): Bilingual => ({ en: `In holdings ≥ ${threshold}`, ja: `${threshold}以上の銘柄の合計` }),
  bigValue: (share: string, count: number): Bilingual => ({ en: `${share} (${plural(count, 'name', 'names')})`, ja: `${share}（${count}銘柄）` }),
  hhiMore: (): Bilingual => ({ en: 'More: sectors, countries, change, exclusions', ja: '詳細：セクター・国・変化・除外' }),
  hhiBack: (): Bilingual => ({ en: 'Back to the short card', ja: '要約に戻る' }),
  effNValue: (effN: string, count: string, hhi: string): Bilingual => ({
    en: `${effN} of ${count} · HHI ${hhi}`,
    ja: `${effN}（保有${count}銘柄）・HHI ${hhi}`,
  }),
  fSectors: (): Bilingual => ({ en: 'Top sectors', ja: '上位セクター' }),
  fTse33: (): Bilingual => ({ en: 'Top TSE-33 sectors', ja: '上位業種（東証33）' }),
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
  badMix: (n: number, example: string, given: string): Bilingual => ({
    en: `mix needs ${n} positive numbers, one per fund, like ${example}; "${given}" is not that.`,
    ja: `mixにはファンドごとに正の数を${n}つ指定してください（例：${example}）。「${given}」は使えません。`,
  }),
  mixRescaled: (given: string, total: string, used: string): Bilingual => ({
    en: `mix=${given} adds up to ${total}, not 100; it was rescaled to ${used} in the same proportions.`,
    ja: `mix=${given}の合計は${total}で100ではないため、同じ比率のまま${used}に換算しました。`,
  }),
  cmpCapIdle: (cap: string, largest: string): Bilingual => ({
    en: `A ${cap} cap binds nothing here: the largest holding is ${largest}, so the capped column equals the cap-weighted one.`,
    ja: `上限${cap}はこのファンドでは効きません（最大銘柄が${largest}）。上限付きの列は時価総額加重と同じです。`,
  }),
  sameFund: (): Bilingual => ({
    en: 'Name at least two different funds, e.g. /overlap VOO QQQ.',
    ja: '異なるファンドを2つ以上指定してください（例：/overlap VOO QQQ）。',
  }),
  overlapMethod: (): Bilingual => ({
    en: 'Overlap = Σ min(wA, wB) over securities held by both, matched by ISIN/CUSIP/SEDOL, then ticker within its market.',
    ja: '重複度＝両方が保有する銘柄のΣmin(wA, wB)。ISIN・CUSIP・SEDOL、次に市場内のティッカーで同一銘柄を照合。',
  }),
  portfolioMethod: (): Bilingual => ({
    en: 'Exposure = Σ allocation × weight in each fund; the same security is merged across funds.',
    ja: 'エクスポージャー＝Σ 配分×各ファンド内のウエイト。同じ銘柄はファンドをまたいで合算。',
  }),
  lessonOverlap: (): Bilingual => ({ en: 'Why owning three ETFs can be one bet', ja: 'ETFを3本持っても1つの賭けになる理由' }),

  // ---- /funds ----
  fundsTitle: (count: number): Bilingual => ({ en: `Loaded funds (${count})`, ja: `読み込み済みファンド（${count}本）` }),
  colFund: (): Bilingual => ({ en: 'Fund', ja: 'ファンド' }),
  colIssuer: (): Bilingual => ({ en: 'Issuer', ja: '運用会社' }),
  colAsOf: (): Bilingual => ({ en: 'As of', ja: '基準日' }),
  colAge: (): Bilingual => ({ en: 'Age', ja: '経過' }),
  colHoldings: (): Bilingual => ({ en: 'Holdings', ja: '銘柄数' }),
  colFile: (): Bilingual => ({ en: 'File', ja: 'ファイル' }),
  colWeight: (): Bilingual => ({ en: 'Weight', ja: 'ウエイト' }),
  days: (n: number): Bilingual => ({ en: `${n} d`, ja: `${n}日` }),
  unknownAge: (): Bilingual => ({ en: 'undated', ja: '日付なし' }),
  // ---- /portfolio ----
  portfolioExample: (): Bilingual => ({ en: '/portfolio "VT 60, QQQ 30, SOXX 10"', ja: '/portfolio "オルカン 70, eMAXIS Slim 米国株式 30"' }),
  portfolioEmpty: (example: string): Bilingual => ({
    en: `Give each fund with its percentage, e.g. ${example}.`,
    ja: `ファンドと配分（%）を組で指定してください。例：${example}`,
  }),
  portfolioBadFund: (token: string, example: string): Bilingual => ({
    en: `"${token}" has no fund before it. Write each fund (ticker or name), then its percentage, e.g. ${example}.`,
    ja: `「${token}」の前にファンドがありません。ファンド（ティッカーまたは名前）の後に配分を書いてください。例：${example}`,
  }),
  portfolioBadAmount: (fund: string, example: string): Bilingual => ({
    en: `"${fund}" needs a percentage after it, e.g. ${example}.`,
    ja: `「${fund}」の後に配分（%）を書いてください。例：${example}`,
  }),
  portfolioGlued: (token: string, fund: string, amount: string, fixed: string): Bilingual => ({
    en: `"${token}": put a space between the fund and its percentage (${fund} ${amount}), e.g. ${fixed}.`,
    ja: `「${token}」：ファンドと配分の間に空白を入れてください（${fund} ${amount}）。例：${fixed}`,
  }),
  portfolioNotPositive: (fund: string, amount: string): Bilingual => ({
    en: `${fund} ${amount}: allocations must be more than zero. Leave a fund out instead of giving it 0.`,
    ja: `${fund} ${amount}：配分は0より大きい必要があります。0のファンドは省いてください。`,
  }),
  portfolioTooBig: (fund: string, amount: string, max: string): Bilingual => ({
    en: `${fund} ${amount}: an allocation can be at most ${max} (percentages or amounts; they are scaled to 100%).`,
    ja: `${fund} ${amount}：配分は最大${max}までです（%でも金額でも可。合計100%に換算します）。`,
  }),
  loopReverseAfterEnd: (reverse: number, periods: number): Bilingual => ({
    en: `reverse=${reverse} is after the last period (periods=${periods}): choose a reverse period from 1 to ${periods}, or raise periods.`,
    ja: `reverse=${reverse}は最終期（periods=${periods}）より後です。reverseは1〜${periods}にするか、periodsを増やしてください。`,
  }),
  portfolioTooMany: (count: number, max: number): Bilingual => ({
    en: `${count} funds is more than I look through at once (at most ${max}). Combine the smallest positions or split the question.`,
    ja: `${count}本は多すぎます（一度に${max}本まで）。小さな配分をまとめるか、分けてお試しください。`,
  }),
  portfolioRepeated: (fund: string): Bilingual => ({
    en: `${fund} appears twice; give each fund once with its total percentage.`,
    ja: `${fund}が2回出てきます。各ファンドは1回だけ、合計の配分で書いてください。`,
  }),
  portfolioSameHoldings: (a: string, b: string, fund: string): Bilingual => ({
    en: `${a} and ${b} are both read from ${fund}'s holdings; give it once with their total percentage.`,
    ja: `${a}と${b}はどちらも${fund}の保有銘柄で計算します。合計の配分で1回だけ書いてください。`,
  }),
  portfolioNormalised: (total: string): Bilingual => ({
    en: `Your allocations add up to ${total}%, not 100%; they were scaled to 100% in the same proportions.`,
    ja: `配分の合計が${total}%でした（100%ではありません）。同じ比率のまま100%に換算しています。`,
  }),
  portfolioRepeatedNames: (count: string, weight: string, names: readonly string[]): Bilingual => ({
    en: `Same names through several funds: ${count} of your top 10 (${weight} of the portfolio) come from more than one fund — ${names.join(', ')}. Owning more funds did not spread this risk.`,
    ja: `同じ銘柄を複数のファンドで保有しています：上位10のうち${count}銘柄（ポートフォリオの${weight}）が複数ファンド経由です — ${names.join('、')}。ファンドを増やしてもこのリスクは分散されていません。`,
  }),
  portfolioTitle: (mix: string): Bilingual => ({ en: `Look-through: ${mix}`, ja: `ルックスルー：${mix}` }),
  portfolioSummary: (effN: string, names: string, top10: string): Bilingual => ({
    en: `${names} distinct companies, as diversified as ${effN} equal-weighted ones. The top 10 are ${top10} of the money.`,
    ja: `実質${names}社を保有していますが、均等ウエイト換算では${effN}銘柄分の分散です。上位10銘柄が資金の${top10}を占めます。`,
  }),
  portfolioTableCaption: (): Bilingual => ({ en: 'Largest single-company exposures', ja: '企業ごとの最大エクスポージャー' }),
  colVia: (): Bilingual => ({ en: 'Via', ja: '経由' }),

  // ---- /compare ----
  cmpTitle: (fund: string): Bilingual => ({ en: `${fund}: cap-weighted vs equal vs capped`, ja: `${fund}：時価総額加重・均等加重・上限付きの比較` }),
  cmpSummary: (fund: string, capTop: string, eqTop: string, capN: string, eqN: string): Bilingual => ({
    en: `Same constituents, different weights. Cap-weighted ${fund}: top 10 = ${capTop}, effective N ${capN}. Equal-weighted: top 10 = ${eqTop}, effective N ${eqN}.`,
    ja: `構成銘柄は同じでウエイトだけが違います。時価総額加重の${fund}：上位10＝${capTop}、実効銘柄数${capN}。均等加重：上位10＝${eqTop}、実効銘柄数${eqN}。`,
  }),
  cmpCap: (): Bilingual => ({ en: 'Cap-weighted', ja: '時価総額' }),
  cmpEqual: (): Bilingual => ({ en: 'Equal', ja: '均等' }),
  cmpCapped: (cap: string): Bilingual => ({ en: `Capped ${cap}`, ja: `上限${cap}` }),
  cmpCapImpossible: (cap: string, n: string): Bilingual => ({
    en: `A ${cap} cap is impossible with ${n} names (they could not add up to 100%); that column is left out.`,
    ja: `${n}銘柄では上限${cap}は成り立ちません（合計100%にならない）。この列は省略しています。`,
  }),
  cmpMethod: (): Bilingual => ({
    en: 'Capped: no name above the cap, the excess spread pro rata over the others, repeated until none exceeds it.',
    ja: '上限付き：上限を超えた分を他の銘柄に比例配分し、超える銘柄がなくなるまで繰り返します。',
  }),
  cmpWhatIf: (): Bilingual => ({
    en: 'A cap of 5% or less cuts every name to it: a what-if stricter than any RIC-driven index. Real rules treat 4.5% as a threshold (Nasdaq-100: the companies above 4.5% may not together exceed 48%; MSCI 25/50: issuers above 5% at most 50% together), count companies, not share classes, and leave several names above it. The "Nasdaq-100 rule" column applies that rule per company (a company above 24% cut to 20%; if those above 4.5% pass 48% together, scaled back to 40%), simplified.',
    ja: '5%以下の上限はすべての銘柄をそこまで削るもので、RICに沿ったどの指数よりも厳しい仮定です。実際のルールでは4.5%は閾値で（ナスダック100：4.5%を超える企業の合計は48%まで、MSCI 25/50：5%を超える発行体の合計は50%まで）、株式クラスではなく企業単位で数え、4.5%を超えたままの銘柄もあります。「N100型ルール」（ナスダック100型ルール）の列はそのルールを企業単位で簡略化して当てはめたものです（24%を超える企業は20%に、4.5%を超える企業の合計が48%を超えれば40%に縮める）。',
  }),
  cmpRule: (): Bilingual => ({ en: 'Nasdaq-100 rule', ja: 'N100型ルール' }),
  cmpRuleImpossible: (n: string): Bilingual => ({
    en: `The Nasdaq-100 rule column is left out: its ${n} companies are too few to hold 60% at 4.5% or less each outside the largest names.`,
    ja: `N100型ルール（ナスダック100型ルール）の列は省略しています。${n}社では、上位以外の企業が各4.5%以下で合計60%を持つことができません。`,
  }),
  lessonEqual: (): Bilingual => ({ en: 'Equal weight and rebalancing', ja: '均等加重とリバランス' }),

  // ---- /stress ----
  stressTitle: (fund: string, shock: string): Bilingual => ({ en: `${fund} under stress: ${shock}`, ja: `${fund}のストレステスト：${shock}` }),
  stressSummary: (fund: string, cap: string, eq: string, hit: string): Bilingual => ({
    en: `${fund} moves ${cap} (Σ weight × shock over ${hit} names hit). The equal-weighted version of the same fund would move ${eq}.`,
    ja: `${fund}は${cap}変動します（対象${hit}銘柄のΣウエイト×変動率）。同じ銘柄の均等加重版なら${eq}です。`,
  }),
  stressCapMove: (): Bilingual => ({ en: 'Fund move', ja: 'ファンドの変動' }),
  stressEqMove: (): Bilingual => ({ en: 'Equal-weight move', ja: '均等加重での変動' }),
  stressHitWeight: (): Bilingual => ({ en: 'Weight hit', ja: '対象銘柄のウエイト' }),
  stressCaption: (): Bilingual => ({ en: 'Largest contributions', ja: '寄与の大きい銘柄' }),
  colShock: (): Bilingual => ({ en: 'Shock', ja: '変動' }),
  colContribution: (): Bilingual => ({ en: 'Contribution', ja: '寄与' }),
  stressMethod: (): Bilingual => ({
    en: 'Move = Σ wᵢ · rᵢ; names not named in the shock are held flat.',
    ja: '変動＝Σ wᵢ·rᵢ。指定していない銘柄は変動なしとしています。',
  }),
  stressBad: (part: string, presets: readonly string[]): Bilingual => ({
    en: `I can't read the shock "${part}". Write it as NVDA -17%, top10 -25%, sector:"Information Technology" -30%, or a preset: ${presets.join(', ')}.`,
    ja: `ショック「${part}」を読み取れません。NVDA -17%、top10 -25%、sector:"Information Technology" -30% のように書くか、プリセット（${presets.join('、')}）を指定してください。`,
  }),
  stressRange: (part: string): Bilingual => ({
    en: `"${part}": a shock must be between -100% and +1000%.`,
    ja: `「${part}」：変動率は-100%〜+1000%の範囲で指定してください。`,
  }),
  originNport: (period: string | null, filed: string | null): Bilingual => ({
    en: `SEC N-PORT for ${period ?? 'an unknown period'}${filed ? `, filed ${filed}` : ''}`,
    ja: `SEC N-PORT（${period ? `${period}時点` : '対象期間不明'}${filed ? `、${filed}提出` : ''}）`,
  }),
  originIssuer: (file: string): Bilingual => ({ en: `${file}, downloaded from the issuer`, ja: `${file}（運用会社のサイトから取得）` }),
  shockSector: (sector: string, move: string): Bilingual => ({ en: `sector ${sector} ${move}`, ja: `セクター「${sector}」${move}` }),
  shockTop: (n: number, move: string): Bilingual => ({ en: `top ${n} ${move}`, ja: `上位${n}銘柄 ${move}` }),
  stressSector: (name: string, sectors: readonly string[]): Bilingual => ({
    en: `"${name}" is not a GICS sector. Use one of: ${sectors.join(', ')}.`,
    ja: `「${name}」はGICSセクターではありません。次から選んでください：${sectors.join('、')}`,
  }),
  stressMiss: (fund: string, shock: string): Bilingual => ({
    en: `${fund} holds none of the names in "${shock}", so nothing moves. Check the ticker with /hhi ${fund}.`,
    ja: `${fund}は「${shock}」の対象銘柄を保有していないため、変動はありません。/hhi ${fund} で銘柄をご確認ください。`,
  }),
  lessonStress: (): Bilingual => ({ en: 'The DeepSeek shock', ja: 'DeepSeekショック' }),

  // ---- /loop ----
  loopTitle: (): Bilingual => ({ en: 'The self-reinforcing flow loop (stylised)', ja: '自己強化ループ（簡易モデル）' }),
  loopSummary: (start: string, end: string, without: string, peak: string): Bilingual => ({
    en: `The top name starts at ${start}. With passive flows it ends at ${end} (peak ${peak}); without them, ${without}.`,
    ja: `最大銘柄のウエイトは${start}から始まり、パッシブ資金ありでは${end}（最大${peak}）、なしでは${without}になります。`,
  }),
  loopAssumptions: (): Bilingual => ({ en: 'Assumptions', ja: '前提' }),
  loopAssumptionText: (passive: string, inflow: string, impact: string, periods: string, reverse: string | null): Bilingual => ({
    en: `Index funds hold ${passive} of the market and receive ${inflow} of market cap per period, bought in proportion to current weights; price impact ${impact} per unit of net buying; the top name has a small extra return each period; ${periods} periods${reverse ? `; flows reverse from period ${reverse}` : ''}.`,
    ja: `インデックスファンドが市場の${passive}を保有し、毎期時価総額の${inflow}の資金が現在のウエイトに比例して買われる。純買い1単位あたりの価格インパクト${impact}。最大銘柄は毎期わずかな超過リターンを持つ。${periods}期${reverse ? `、${reverse}期目から資金流出に転じる` : ''}。`,
  }),
  loopPeriod: (): Bilingual => ({ en: 'Period', ja: '期' }),
  loopWith: (): Bilingual => ({ en: 'With passive flows', ja: 'パッシブ資金あり' }),
  loopWithout: (): Bilingual => ({ en: 'Without', ja: 'なし' }),
  loopStylised: (): Bilingual => ({
    en: 'A stylised model to show the mechanism, not a forecast: real flows, impacts and returns differ.',
    ja: '仕組みを示すための簡易モデルであり、予測ではありません。実際の資金フロー・価格インパクト・リターンは異なります。',
  }),
  lessonLoop: (): Bilingual => ({ en: 'The self-reinforcing loop', ja: '自己強化ループ' }),

  // ---- /help, /about ----
  helpTitle: (): Bilingual => ({ en: 'topheavy commands', ja: 'topheavyのコマンド' }),
  helpSummary: (): Bilingual => ({
    en: 'How concentrated is your "diversified" fund? Start with /hhi SPY or /overlap VOO QQQ. /help <command> explains one.',
    ja: '「分散されているはず」のファンドはどれだけ集中しているか？まずは /hhi SPY や /overlap VOO QQQ を。/help <コマンド> で個別の説明。',
  }),
  colCommand: (): Bilingual => ({ en: 'Command', ja: 'コマンド' }),
  colWhat: (): Bilingual => ({ en: 'What it shows', ja: '内容' }),
  aboutTitle: (): Bilingual => ({ en: 'About topheavy', ja: 'topheavyについて' }),
  aboutBody: (): Bilingual => ({
    en: [
      'topheavy reads the full holdings files that fund issuers publish (iShares, SPDR, Vanguard, Invesco, Schwab, ARK, JPX) and computes concentration from every row, not a top-10 list.',
      '',
      '**Method.** Only equity rows count; cash, money-market sweeps, futures, collateral and FX rows are excluded and listed. Equity weights are normalised to 100% explicitly — from market value where the issuer rounds small weights away (iShares, Vanguard). HHI = Σ w²; effective N = 1/HHI; overlap = Σ min(wA, wB) over securities both hold, matched by ISIN, CUSIP, SEDOL, then ticker within its market. Look-through exposure = Σ allocation × weight.',
      '',
      '**Sources.** Every card names the fund, the issuer file and its as-of date. Reference points for the S&P 500 come from RBC BlueBay Asset Management, "The index trap" (March 2026).',
      '',
      '**Limits.** Holdings files are snapshots and go stale; undated files are marked. Sectors missing from a file are filled from another fund holding the same security, and the card says so.',
    ].join('\n'),
    ja: [
      'topheavyは運用会社が公表する保有銘柄ファイル（iShares、SPDR、Vanguard、Invesco、Schwab、ARK、JPX）を全行読み込み、上位10銘柄だけでなく全銘柄から集中度を計算します。',
      '',
      '**計算方法**　株式の行のみを対象とし、現金・MMF・先物・担保・為替の行は除外して一覧にします。株式ウエイトは明示的に100%へ正規化します（小さいウエイトを丸めてしまう運用会社〔iShares、Vanguard〕は時価総額から計算）。HHI＝Σw²、実効銘柄数＝1/HHI、重複度＝両ファンドが保有する銘柄のΣmin(wA, wB)（ISIN・CUSIP・SEDOL、次に市場内ティッカーで照合）。ルックスルー＝Σ配分×ウエイト。',
      '',
      '**出典**　各カードにファンド名・運用会社のファイル・基準日を表示します。S&P500の参照値はRBC BlueBay Asset Management「The index trap」（2026年3月）によります。',
      '',
      '**限界**　保有データはある時点のスナップショットで、古くなります。日付のないファイルはその旨を表示します。セクターが欠けているファイルは同じ銘柄を持つ別ファンドのデータで補い、その旨を表示します。',
    ].join('\n'),
  }),
  problemsHeader: (): Bilingual => ({ en: 'Files not loaded', ja: '読み込めなかったファイル' }),
  roundedShares: (what: 'mix' | 'sectors' | 'countries', shown: string): Bilingual => ({
    en: `${{ mix: 'The fund shares', sectors: 'The sector shares', countries: 'The country shares' }[what]} are rounded; as shown they add to ${shown}%, not 100%.`,
    ja: `${{ mix: 'ファンドの配分', sectors: 'セクターの割合', countries: '国・地域の割合' }[what]}は四捨五入して表示しているため、表示上の合計は100%ではなく${shown}%です。`,
  }),
  // ---- CSV export (console --csv, the CSV button on Discord and Slack) ----
  csvButton: (): Bilingual => ({ en: '⬇ CSV', ja: '⬇ CSV' }),
  chartWritten: (file: string): Bilingual => ({ en: `Chart: ${file}`, ja: `グラフ：${file}` }),
  noChart: (): Bilingual => ({ en: 'This card has no chart.', ja: 'このカードにはグラフがありません。' }),
  noCsvTable: (): Bilingual => ({ en: 'This card has no table to export as CSV.', ja: 'このカードには表がないため、CSVにできません。' }),
  csvReady: (file: string, rows: number): Bilingual => ({
    en: `${file}: the card's table as CSV (${plural(rows, 'row', 'rows')}, UTF-8).`,
    ja: `${file}：カードの表のCSVです（${rows}行、UTF-8）。`,
  }),
  csvSource: (fund: string, issuer: string, file: string, when: string): Bilingual => ({
    en: `Source: ${fund} — ${issuer}, ${file}, ${when}`,
    ja: `出典：${fund} — ${issuer}、${file}、${when}`,
  }),
} as const;
