import { sourceWhen } from '../../commands/card-parts.ts';
import type { Lang } from '../../commands/context.ts';
import type { ViewSource } from '../../commands/view.ts';

const TOKEN_INVALID = { en: 'the bot token is no longer valid: a workspace admin needs to reinstall the app', ja: 'ボットのトークンが無効です。ワークスペースの管理者がアプリを再インストールしてください' };
const SLOW_DOWN = { en: 'Slack asked the bot to slow down; try again in a minute', ja: 'Slackから送信を控えるよう求められました。1分ほどしてからお試しください' };

/** Plain words for why a chart or file did not arrive, by Slack's code (or ours); the code follows in brackets for the admin. */
const CHART_HINTS: Record<string, Record<Lang, string>> = {
  not_in_channel: { en: 'invite the bot to this channel', ja: 'このチャンネルにボットを招待してください' },
  channel_not_found: { en: 'the bot cannot see this channel; invite it (/invite @topheavy)', ja: 'ボットからこのチャンネルが見えません。招待してください（/invite @topheavy）' },
  missing_scope: { en: 'the app needs the files:write scope', ja: 'アプリに files:write スコープが必要です' },
  no_bot_token: { en: 'the bot runs without SLACK_BOT_TOKEN', ja: 'SLACK_BOT_TOKEN なしで動いています' },
  no_channel: { en: 'no channel to post it in', ja: '投稿先のチャンネルがありません' },
  render_failed: { en: 'drawing it failed (logged for the operator)', ja: 'グラフの描画に失敗しました（運用者向けに記録済み）' },
  slack_webapi_request_error: { en: 'the bot could not reach Slack; try again in a minute', ja: 'ボットからSlackに接続できませんでした。1分ほどしてからお試しください' },
  slack_webapi_rate_limited_error: SLOW_DOWN,
  ratelimited: SLOW_DOWN,
  invalid_auth: TOKEN_INVALID,
  not_authed: TOKEN_INVALID,
  token_revoked: TOKEN_INVALID,
  account_inactive: TOKEN_INVALID,
};
const NO_HINT = { en: 'Slack did not accept the upload; try again later', ja: 'Slackがアップロードを受け付けませんでした。しばらくしてからお試しください' };

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
   * The line sent instead of a chart that could not be uploaded: why, in plain words, then the
   * code (Slack's own, or ours: no_bot_token, no_channel, render_failed) for whoever runs the bot.
   */
  chartUnavailable: (lang: Lang, reason: string): string => {
    const why = (CHART_HINTS[reason] ?? NO_HINT)[lang];
    return lang === 'ja' ? `チャートを投稿できませんでした：${why}（\`${reason}\`）` : `No chart: ${why} (\`${reason}\`).`;
  },
  /** The line sent instead of a CSV file that could not be uploaded, worded like the chart's. */
  csvUnavailable: (lang: Lang, reason: string): string => {
    const why = (CHART_HINTS[reason] ?? NO_HINT)[lang];
    return lang === 'ja' ? `CSVファイルを送れませんでした：${why}（\`${reason}\`）` : `No CSV file: ${why} (\`${reason}\`).`;
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
