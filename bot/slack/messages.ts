import { sourceWhen } from '../../commands/card-parts.ts';
import type { Lang } from '../../commands/context.ts';
import type { ViewSource } from '../../commands/view.ts';

/** Plain words for the codes a reader is most likely to see. */
const CHART_HINTS: Record<string, Record<Lang, string>> = {
  not_in_channel: { en: 'invite the bot to this channel', ja: 'このチャンネルにボットを招待してください' },
  missing_scope: { en: 'the app needs the files:write scope', ja: 'アプリに files:write スコープが必要です' },
  no_bot_token: { en: 'the bot runs without SLACK_BOT_TOKEN', ja: 'SLACK_BOT_TOKEN なしで動いています' },
  no_channel: { en: 'no channel to post it in', ja: '投稿先のチャンネルがありません' },
};

/**
 * Text only the Slack surface shows (truncation notes, the Home tab). Command text lives in
 * commands/messages.ts; this file never repeats it.
 */
export const sm = {
  /** Bilingual on purpose: the queue is full before the reader's locale is looked up. */
  busy: (): string => 'topheavy is busy right now; please try again in a minute. / ただいま混み合っています。1分ほどしてからもう一度お試しください。',
  moreLines: (lang: Lang, n: number): string => (lang === 'ja' ? `…ほか${n}行` : `…and ${n} more`),
  moreBlocks: (lang: Lang, n: number): string =>
    lang === 'ja' ? `…ほか${n}ブロック（Slackの表示上限のため省略）` : `…and ${n} more blocks (shortened to fit Slack)`,
  source: (lang: Lang, s: ViewSource): string =>
    lang === 'ja'
      ? `出典：${s.fund} — ${s.issuer}、${s.file}、${sourceWhen(lang, s)}`
      : `Source: ${s.fund} — ${s.issuer}, ${s.file}, ${sourceWhen(lang, s)}`,
  /**
   * The line sent instead of a chart that could not be uploaded: "chart unavailable: <code>",
   * the code being Slack's own (or ours: no_bot_token, no_channel), explained where we can.
   */
  chartUnavailable: (lang: Lang, reason: string): string => {
    const hint = CHART_HINTS[reason]?.[lang];
    return lang === 'ja' ? `チャートを表示できません：\`${reason}\`${hint ? `（${hint}）` : ''}` : `chart unavailable: \`${reason}\`${hint ? ` (${hint})` : ''}`;
  },
  /** The line sent instead of a CSV file that could not be uploaded, worded like the chart's. */
  csvUnavailable: (lang: Lang, reason: string): string => {
    const hint = CHART_HINTS[reason]?.[lang];
    return lang === 'ja' ? `CSVファイルを送れません：\`${reason}\`${hint ? `（${hint}）` : ''}` : `CSV file unavailable: \`${reason}\`${hint ? ` (${hint})` : ''}`;
  },
  /** An `import FUND` message with no file, or several: /import takes exactly one. */
  oneFile: (lang: Lang, n: number): string =>
    lang === 'ja'
      ? `取り込めるのは1メッセージにつき1ファイルです（このメッセージには${n}件）。保有銘柄ファイル（CSVまたはXLSX）を1つだけ添付し、本文に \`import ティッカー\` と書いて送ってください。`
      : `Share exactly one holdings file (CSV or XLSX) with the message \`import TICKER\`; this message had ${n}.`,
  homeTitle: (lang: Lang): string => (lang === 'ja' ? 'topheavy — インデックスファンドの集中度' : 'topheavy — how concentrated is your index fund?'),
  homeIntro: (lang: Lang): string =>
    lang === 'ja'
      ? '運用会社が公表する保有銘柄ファイルから、HHI・実効銘柄数・上位10銘柄比率・ファンド間の重複を計算します。どのチャンネルでも下のコマンドを使えます。'
      : 'Computes HHI, effective number of holdings, top-10 weight and fund overlap from the holdings files fund issuers publish. Use the commands below in any channel.',
  homeFunds: (lang: Lang, n: number): string => (lang === 'ja' ? `*読み込み済みファンド（${n}）*` : `*Funds loaded (${n})*`),
  homeNoFunds: (lang: Lang, where: string): string =>
    lang === 'ja' ? `ファンドが読み込まれていません（${where}）。` : `No funds are loaded (from ${where}).`,
  homeCommands: (lang: Lang): string => (lang === 'ja' ? '*コマンド*' : '*Commands*'),
  homeProgress: (lang: Lang): string =>
    lang === 'ja'
      ? 'レッスンの進み具合と保存したポートフォリオは、保存機能の追加後にここへ表示されます。'
      : 'Your lesson progress and saved portfolios will show here once saving lands.',
};
