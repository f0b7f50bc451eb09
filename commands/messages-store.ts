import type { Bilingual } from './define.ts';

/** The sentences of the store-backed commands (/history, the /hhi change line), in English and Japanese. */
export const ms = {
  fChange: (from: string, to: string): Bilingual => ({
    en: `Change since the previous snapshot (${from} → ${to})`,
    ja: `前回スナップショットからの変化（${from} → ${to}）`,
  }),
  changeValue: (effFrom: string, effTo: string, effDelta: string, topFrom: string, topTo: string, topDelta: string): Bilingual => ({
    en: `Effective N ${effFrom} → ${effTo} (${effDelta}); top 10 ${topFrom} → ${topTo} (${topDelta})`,
    ja: `実効銘柄数 ${effFrom} → ${effTo}（${effDelta}）、上位10銘柄 ${topFrom} → ${topTo}（${topDelta}）`,
  }),
  undated: (): Bilingual => ({ en: 'undated', ja: '基準日なし' }),
  undatedSnapshot: (id: number): Bilingual => ({ en: `undated #${id}`, ja: `基準日なし #${id}` }),
  historyTitle: (fund: string, count: number): Bilingual => ({
    en: `${fund} — concentration over ${count} snapshot${count === 1 ? '' : 's'}`,
    ja: `${fund} — ${count}回分のスナップショットで見る集中度の推移`,
  }),
  historySummary: (from: string, to: string, effFrom: string, effTo: string, topFrom: string, topTo: string): Bilingual => ({
    en: `From ${from} to ${to}, effective N went ${effFrom} → ${effTo} and the top 10 went ${topFrom} → ${topTo}.`,
    ja: `${from}から${to}までに、実効銘柄数は${effFrom} → ${effTo}、上位10銘柄の比率は${topFrom} → ${topTo}になりました。`,
  }),
  historyOne: (): Bilingual => ({
    en: 'Only one snapshot is stored so far: import newer files (`topheavy data import`) to see a trend.',
    ja: '保存済みのスナップショットはまだ1件です。新しいファイルを取り込む（`topheavy data import`）と推移を表示できます。',
  }),
  noHistory: (): Bilingual => ({
    en: 'History needs the store (DATABASE_URL); this session reads files directly.',
    ja: '推移の表示にはデータベース（DATABASE_URL）が必要です。このセッションはファイルを直接読んでいます。',
  }),
  colImported: (): Bilingual => ({ en: 'Imported', ja: '取込日' }),
  colHoldings: (): Bilingual => ({ en: 'Holdings', ja: '銘柄数' }),
  colEffN: (): Bilingual => ({ en: 'Effective N', ja: '実効銘柄数' }),
  colTop10: (): Bilingual => ({ en: 'Top 10', ja: '上位10' }),
  colLargest: (): Bilingual => ({ en: 'Largest', ja: '最大' }),
  // ---------------------------------------------------------------- /alerts
  /** Slack calls it a workspace, Discord a server. */
  alertsTitle: (slack: boolean): Bilingual => (slack ? { en: 'Concentration alerts for this workspace', ja: 'このワークスペースの集中度アラート' } : { en: 'Concentration alerts for this server', ja: 'このサーバーの集中度アラート' }),
  alertsNone: (): Bilingual => ({
    en: 'No alert rules are set. An admin can add one: `/alerts set metric=largest-above value=10 channel=#alerts`.',
    ja: 'アラートはまだ設定されていません。管理者は `/alerts set metric=largest-above value=10 channel=#alerts` で追加できます。',
  }),
  alertsSummary: (count: number): Bilingual => ({
    en: `${count} rule${count === 1 ? '' : 's'}. When a newly synced or imported snapshot of any fund crosses one, the bot posts to its channel.`,
    ja: `${count}件のルール。いずれかのファンドの新しいスナップショット（同期・取り込み）がしきい値を越えると、指定チャンネルに投稿します。`,
  }),
  alertSet: (metric: string, threshold: string, channel: string): Bilingual => ({
    en: `Alert set: ${metric} ${threshold}, posted to ${channel}.`,
    ja: `アラートを設定しました：${metric} ${threshold}、投稿先 ${channel}。`,
  }),
  alertRemoved: (metric: string): Bilingual => ({ en: `Alert removed: ${metric}.`, ja: `アラートを削除しました：${metric}。` }),
  alertNotFound: (metric: string): Bilingual => ({ en: `There was no ${metric} alert to remove.`, ja: `削除する ${metric} のアラートはありません。` }),
  alertsAdminOnly: (): Bilingual => ({
    en: 'Only server admins (Discord “Manage Server”, Slack workspace admins) can change alerts; anyone can list them with `/alerts`.',
    ja: 'アラートを変更できるのはサーバー管理者（Discordの「サーバー管理」権限、Slackのワークスペース管理者）だけです。一覧は誰でも `/alerts` で見られます。',
  }),
  alertsNoServer: (): Bilingual => ({
    en: 'Alerts belong to a server or workspace: use `/alerts` in one of its channels, not in a DM.',
    ja: 'アラートはサーバーまたはワークスペースごとの設定です。DMではなく、そのチャンネルで `/alerts` を使ってください。',
  }),
  alertsNoStore: (): Bilingual => ({
    en: 'Alerts need the store (DATABASE_URL); this session reads files directly.',
    ja: 'アラートにはデータベース（DATABASE_URL）が必要です。このセッションはファイルを直接読んでいます。',
  }),
  alertNeedsMetric: (action: string): Bilingual => ({
    en: `\`/alerts ${action}\` needs metric=largest-above, top10-above or effective-n-below.`,
    ja: `\`/alerts ${action}\` には metric=largest-above、top10-above、effective-n-below のいずれかが必要です。`,
  }),
  alertNeedsValue: (): Bilingual => ({
    en: '`/alerts set` needs value=: a percentage for largest-above and top10-above (10 = 10%), a number of holdings for effective-n-below.',
    ja: '`/alerts set` には value= が必要です。largest-above と top10-above はパーセント（10 = 10%）、effective-n-below は銘柄数です。',
  }),
  alertBadPercent: (value: string): Bilingual => ({
    en: `value=${value} is not a percentage between 0 and 100.`,
    ja: `value=${value} は0〜100のパーセントではありません。`,
  }),
  alertNeedsChannel: (): Bilingual => ({
    en: '`/alerts set` needs channel= (a channel id or #mention) when run outside a channel.',
    ja: 'チャンネル外で実行する場合、`/alerts set` には channel=（チャンネルIDまたは#メンション）が必要です。',
  }),
  colMetric: (): Bilingual => ({ en: 'Metric', ja: '指標' }),
  colThreshold: (): Bilingual => ({ en: 'Threshold', ja: 'しきい値' }),
  colChannel: (): Bilingual => ({ en: 'Channel', ja: 'チャンネル' }),
  metricName: (metric: 'largest-above' | 'top10-above' | 'effective-n-below'): Bilingual =>
    ({
      'largest-above': { en: 'largest holding above', ja: '最大銘柄の比率が上回る' },
      'top10-above': { en: 'top 10 above', ja: '上位10銘柄の比率が上回る' },
      'effective-n-below': { en: 'effective N below', ja: '実効銘柄数が下回る' },
    })[metric],
};
