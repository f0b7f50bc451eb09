import type { Bilingual } from './define.ts';

/** The sentences of /import, in English and Japanese. */
export const mi = {
  notAdmin: (): Bilingual => ({
    en: 'Only server admins (Discord “Manage Server”, Slack workspace admins) can import holdings files. Ask one of them, or use the funds the bot already has (`/funds`).',
    ja: '保有銘柄ファイルを取り込めるのはサーバー管理者（Discordの「サーバー管理」権限、Slackのワークスペース管理者）だけです。管理者に依頼するか、登録済みのファンド（`/funds`）をお使いください。',
  }),
  noStore: (): Bilingual => ({
    en: 'Importing needs the store (DATABASE_URL); this session reads files directly.',
    ja: '取り込みにはデータベース（DATABASE_URL）が必要です。このセッションはファイルを直接読んでいます。',
  }),
  badFund: (fund: string): Bilingual => ({
    en: `“${fund}” is not a fund ticker: use 1–12 letters, digits, dots or dashes, e.g. \`/import IVV\`.`,
    ja: `「${fund}」はファンドのティッカーではありません。英数字・ドット・ハイフン1〜12文字で指定してください（例：\`/import IVV\`）。`,
  }),
  fundMismatch: (file: string, inFile: string, typed: string): Bilingual => ({
    en: `${file} holds the holdings of ${inFile}, not ${typed}: nothing was stored. Import it as \`/import ${inFile}\`.`,
    ja: `${file}は${typed}ではなく${inFile}の保有銘柄ファイルです。保存していません。\`/import ${inFile}\`として取り込んでください。`,
  }),
  noFile: (): Bilingual => ({
    en: 'Attach the issuer’s holdings file (CSV or XLSX) to `/import`.',
    ja: '`/import` に運用会社の保有銘柄ファイル（CSVまたはXLSX）を添付してください。',
  }),
  noFileSlack: (): Bilingual => ({
    en: 'Slack slash commands cannot carry a file. To import, share the issuer’s holdings file (CSV or XLSX) in a DM with the bot or a channel it is in, with `import TICKER` as the message, e.g. `import IVV`.',
    ja: 'Slackのスラッシュコマンドではファイルを送れません。取り込むには、ボットとのDMまたはボットが参加しているチャンネルに運用会社の保有銘柄ファイル（CSVまたはXLSX）を共有し、本文に `import ティッカー`（例：`import IVV`）と書いてください。',
  }),
  notFound: (file: string): Bilingual => ({ en: `No such file: ${file}`, ja: `ファイルが見つかりません：${file}` }),
  badName: (file: string): Bilingual => ({
    en: `${file}: expected an issuer holdings file ending in .csv or .xlsx, or an SEC N-PORT primary_doc.xml.`,
    ja: `${file}：.csv または .xlsx の保有銘柄ファイル、またはSEC N-PORTのprimary_doc.xmlを指定してください。`,
  }),
  tooLarge: (file: string, mb: number): Bilingual => ({
    en: `${file} is larger than ${mb} MB; holdings files are far smaller, so this is probably not one.`,
    ja: `${file} は ${mb} MB を超えています。保有銘柄ファイルはもっと小さいため、別のファイルと思われます。`,
  }),
  downloadFailed: (file: string, why: string): Bilingual => ({
    en: `Could not fetch ${file} from the chat service (${why}). Try uploading it again.`,
    ja: `チャットサービスから ${file} を取得できませんでした（${why}）。もう一度アップロードしてください。`,
  }),
  badFile: (message: string): Bilingual => ({
    en: `Nothing was imported. ${message}`,
    ja: `何も取り込んでいません。${message}`,
  }),
  title: (fund: string, name: string): Bilingual => ({ en: `Imported ${fund} — ${name}`, ja: `${fund} — ${name} を取り込みました` }),
  titleUnchanged: (fund: string, name: string): Bilingual => ({ en: `${fund} — ${name}: already stored`, ja: `${fund} — ${name}：取り込み済み` }),
  stored: (fund: string): Bilingual => ({
    en: `Stored as a new snapshot. Try \`/hhi ${fund}\`.`,
    ja: `新しいスナップショットとして保存しました。\`/hhi ${fund}\` でお試しください。`,
  }),
  unchanged: (fund: string): Bilingual => ({
    en: `This exact file is already stored, so nothing was added. \`/hhi ${fund}\` reads it.`,
    ja: `同じファイルが保存済みのため、何も追加していません。\`/hhi ${fund}\` で参照できます。`,
  }),
  fFund: (): Bilingual => ({ en: 'Fund', ja: 'ファンド' }),
  fFile: (): Bilingual => ({ en: 'File', ja: 'ファイル' }),
  fAsOf: (): Bilingual => ({ en: 'As of', ja: '基準日' }),
  fPositions: (): Bilingual => ({ en: 'Positions', ja: '銘柄数' }),
  fExcluded: (): Bilingual => ({ en: 'Excluded rows', ja: '除外した行' }),
  fStatus: (): Bilingual => ({ en: 'Status', ja: '状態' }),
  statusStored: (): Bilingual => ({ en: 'stored', ja: '保存済み（新規）' }),
  statusUnchanged: (): Bilingual => ({ en: 'unchanged', ja: '変更なし' }),
  undated: (): Bilingual => ({ en: 'undated', ja: '基準日なし' }),
};
