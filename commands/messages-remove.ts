import type { Bilingual } from './define.ts';

/** The sentences of /remove-snapshot, in English and Japanese. */
export const mr = {
  notAdmin: (): Bilingual => ({
    en: 'Only server admins (Discord “Manage Server”, Slack workspace admins) can remove stored snapshots. Nothing was removed.',
    ja: '保存済みのスナップショットを削除できるのはサーバー管理者（Discordの「サーバー管理」権限、Slackのワークスペース管理者）だけです。何も削除していません。',
  }),
  noStore: (): Bilingual => ({
    en: 'Removing snapshots needs the store (DATABASE_URL); this session reads files directly. Nothing was removed.',
    ja: 'スナップショットの削除にはデータベース（DATABASE_URL）が必要です。このセッションはファイルを直接読んでいます。何も削除していません。',
  }),
  badFund: (fund: string): Bilingual => ({
    en: `“${fund}” is not a fund ticker: use 1–12 letters, digits, dots or dashes, e.g. \`/remove-snapshot VT as-of=2099-01-01\`.`,
    ja: `「${fund}」はファンドのティッカーではありません。英数字・ドット・ハイフン1〜12文字で指定してください（例：\`/remove-snapshot VT as-of=2099-01-01\`）。`,
  }),
  badDate: (date: string): Bilingual => ({
    en: `“${date}” is not a date: write the as-of date as YYYY-MM-DD, e.g. \`as-of=2099-01-01\`. Nothing was removed.`,
    ja: `「${date}」は日付ではありません。基準日は YYYY-MM-DD の形で指定してください（例：\`as-of=2099-01-01\`）。何も削除していません。`,
  }),
  unknownFund: (fund: string): Bilingual => ({
    en: `No snapshot of ${fund} is stored, so there is nothing to remove. \`/funds\` lists the funds stored.`,
    ja: `${fund}のスナップショットは保存されていないため、削除するものはありません。保存済みのファンドは \`/funds\` で確認できます。`,
  }),
  unknownDate: (fund: string, date: string, stored: string): Bilingual => ({
    en: `${fund} has no snapshot dated ${date}, so nothing was removed. Stored as-of dates: ${stored}.`,
    ja: `${fund}には基準日 ${date} のスナップショットがないため、何も削除していません。保存済みの基準日：${stored}。`,
  }),
  staleConfirm: (command: string): Bilingual => ({
    en: `This confirmation code does not match what is stored now (it belongs to another request, or the snapshots changed since). Nothing was removed. Run \`${command}\` again to see what would go.`,
    ja: `この確認コードは現在の保存内容と一致しません（別の依頼のものか、その後スナップショットが変わりました）。何も削除していません。\`${command}\` をもう一度実行して、削除される内容を確認してください。`,
  }),
  undated: (): Bilingual => ({ en: 'undated', ja: '基準日なし' }),
  previewTitle: (fund: string, n: number): Bilingual => ({
    en: `Remove ${n === 1 ? 'this snapshot' : `these ${n} snapshots`} of ${fund}?`,
    ja: `${fund}のスナップショット${n}件を削除しますか？`,
  }),
  previewSummary: (command: string): Bilingual => ({
    en: `Nothing is removed yet. Press **Remove** to remove what is listed, or run \`${command}\`.`,
    ja: `まだ何も削除していません。一覧の内容を削除するには **削除する** を押すか、\`${command}\` を実行してください。`,
  }),
  removeButton: (): Bilingual => ({ en: 'Remove', ja: '削除する' }),
  removedTitle: (fund: string, n: number): Bilingual => ({
    en: `Removed ${n === 1 ? '1 snapshot' : `${n} snapshots`} of ${fund}`,
    ja: `${fund}のスナップショット${n}件を削除しました`,
  }),
  nowLatest: (fund: string, file: string, asOf: string): Bilingual => ({
    en: `${fund} is now answered from ${file}, as of ${asOf}.`,
    ja: `${fund}は今後 ${file}（基準日 ${asOf}）で回答します。`,
  }),
  willBeLatest: (fund: string, file: string, asOf: string): Bilingual => ({
    en: `Afterwards ${fund} is answered from ${file}, as of ${asOf}.`,
    ja: `削除後、${fund}は ${file}（基準日 ${asOf}）で回答します。`,
  }),
  noneLeft: (fund: string): Bilingual => ({
    en: `No snapshot of ${fund} is left: it is answered again only after an import or a download.`,
    ja: `${fund}のスナップショットは残っていません。再び取り込むかダウンロードするまで回答できません。`,
  }),
  willLeaveNone: (fund: string): Bilingual => ({
    en: `Afterwards no snapshot of ${fund} is left.`,
    ja: `削除後、${fund}のスナップショットは残りません。`,
  }),
  colFile: (): Bilingual => ({ en: 'File', ja: 'ファイル' }),
  colAsOf: (): Bilingual => ({ en: 'As of', ja: '基準日' }),
  colPositions: (): Bilingual => ({ en: 'Positions', ja: '銘柄数' }),
  colImported: (): Bilingual => ({ en: 'Stored on', ja: '保存日' }),
};
