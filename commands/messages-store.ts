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
  historyPeriodsTitle: (fund: string, count: number, since: string): Bilingual => ({
    en: `${fund} — concentration over ${count} report period${count === 1 ? '' : 's'} since ${since}`,
    ja: `${fund} — ${since}以降の${count}期で見る集中度の推移`,
  }),
  noPeriods: (fund: string, since: string): Bilingual => ({
    en: `No snapshot of ${fund} dated ${since} or later is stored. Try an earlier year (\`since=2019\`), or \`/history ${fund}\` with SEC sources on to read its N-PORT archive.`,
    ja: `${fund}の${since}以降のスナップショットは保存されていません。もっと前の年（\`since=2019\`）を指定するか、SECソースを有効にして \`/history ${fund}\` でN-PORTの過去の提出書類を読み込んでください。`,
  }),
  historyChange: (fund: string, effFrom: string, effTo: string, from: string): Bilingual => ({
    en: `${fund}: effective N ${effFrom} → ${effTo} since ${from}.`,
    ja: `${fund}：実効銘柄数 ${effFrom} → ${effTo}（${from}以降）。`,
  }),
  archiveReading: (fund: string, since: string): Bilingual => ({
    en: `Reading ${fund}’s SEC Form N-PORT archive since ${since}…`,
    ja: `${fund}のSEC様式N-PORTの過去の提出書類（${since}以降）を読み込んでいます…`,
  }),
  archiveProgress: (fund: string, done: number, total: number): Bilingual => ({
    en: `${fund}: ${done} of ${total} quarters`,
    ja: `${fund}：${total}四半期のうち${done}四半期を読み込み済み`,
  }),
  archiveNote: (periods: number, stored: number): Bilingual => ({
    en: `The SEC N-PORT archive has ${periods} report period${periods === 1 ? '' : 's'} in this range${stored > 0 ? `; ${stored} were downloaded just now, the rest were already stored` : ', all already stored'}.`,
    ja: `この期間のSEC N-PORT報告は${periods}期${stored > 0 ? `（うち${stored}期を今ダウンロード、残りは保存済み）` : '（すべて保存済み）'}です。`,
  }),
  archiveSkipped: (period: string, detail: string): Bilingual => ({
    en: `${period}: the filing could not be used (${detail}).`,
    ja: `${period}：提出書類を使えませんでした（${detail}）。`,
  }),
  archiveFailed: (detail: string): Bilingual => ({
    en: `The SEC N-PORT archive could not be read (${detail}); the card shows what is stored.`,
    ja: `SEC N-PORTの過去の提出書類を読めませんでした（${detail}）。保存済みのデータだけを表示しています。`,
  }),
  archiveUndated: (count: number): Bilingual => ({
    en: `${count} filing${count === 1 ? '' : 's'} the SEC lists without a report date ${count === 1 ? 'was' : 'were'} not read.`,
    ja: `SECが基準日なしで掲載している提出書類${count}件は読み込んでいません。`,
  }),
  bothSources: (dates: string): Bilingual => ({
    en: `For ${dates} both the issuer’s file and the SEC N-PORT filing are stored; the card shows the N-PORT filing.`,
    ja: `${dates}は運用会社のファイルとSEC N-PORTの両方が保存されています。このカードはN-PORTを表示しています。`,
  }),
  sourceNport: (): Bilingual => ({ en: 'SEC N-PORT', ja: 'SEC N-PORT' }),
  colRank: (): Bilingual => ({ en: 'Rank', ja: '順位' }),
  axisPeriod: (): Bilingual => ({ en: 'Report period (as-of date)', ja: '報告期間（基準日）' }),
  sourceIssuer: (): Bilingual => ({ en: 'issuer file', ja: '運用会社ファイル' }),
  colSource: (): Bilingual => ({ en: 'Source', ja: '出所' }),
  colLargestName: (): Bilingual => ({ en: 'Largest holding', ja: '最大の保有銘柄' }),
  companyTitle: (company: string, fund: string, count: number): Bilingual => ({
    en: `${company} in ${fund} — weight and rank over ${count} period${count === 1 ? '' : 's'}`,
    ja: `${fund}の中の${company} — ${count}期のウエイトと順位`,
  }),
  companyChange: (company: string, fund: string, wFrom: string, wTo: string, rFrom: string, rTo: string, from: string): Bilingual => ({
    en: `${company}’s weight in ${fund}: ${wFrom} → ${wTo} (rank ${rFrom} → ${rTo}) since ${from}.`,
    ja: `${fund}に占める${company}のウエイト：${wFrom} → ${wTo}（順位 ${rFrom} → ${rTo}、${from}以降）。`,
  }),
  companyAbsent: (company: string, dates: string): Bilingual => ({
    en: `${company} is not among the holdings on ${dates}.`,
    ja: `${dates}の保有銘柄に${company}はありません。`,
  }),
  companyNotHeld: (company: string, fund: string): Bilingual => ({
    en: `${company} is not held by ${fund} in any stored period. Check the ticker, or try \`/holders ${company}\`.`,
    ja: `保存済みのどの期にも、${fund}は${company}を保有していません。ティッカーを確認するか、\`/holders ${company}\` を試してください。`,
  }),
  twoFundsTitle: (a: string, b: string): Bilingual => ({ en: `${a} and ${b} — effective N and top 10 over time`, ja: `${a}と${b} — 実効銘柄数と上位10銘柄の推移` }),
  chartWeightOf: (company: string, fund: string): Bilingual => ({ en: `${company} weight in ${fund}`, ja: `${fund}に占める${company}` }),
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
  metricName: (metric: string): Bilingual => {
    const years = /^effective-n-fell-(\d+)y$/.exec(metric)?.[1];
    if (years) return { en: `effective N fell more than, over ${years} year${years === '1' ? '' : 's'}`, ja: `${years}年間の実効銘柄数の減少率が上回る` };
    return (
      {
        'largest-above': { en: 'largest holding above', ja: '最大銘柄の比率が上回る' },
        'top10-above': { en: 'top 10 above', ja: '上位10銘柄の比率が上回る' },
      } as Record<string, Bilingual>
    )[metric] ?? { en: 'effective N below', ja: '実効銘柄数が下回る' };
  },
};
