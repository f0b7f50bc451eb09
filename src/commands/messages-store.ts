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
  seriesEffN: (): Bilingual => ({ en: 'Effective N', ja: '実効銘柄数' }),
  seriesTop10: (): Bilingual => ({ en: 'Top 10 (%)', ja: '上位10銘柄（%）' }),
};
