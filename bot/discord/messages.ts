import type { Bilingual } from '../../commands/define.ts';

/**
 * Sentences only the Discord surface shows (paging, rate limit, deferred-edit notes), in English
 * and Japanese. Command text lives in commands/messages.ts; this file keeps Discord wording out
 * of it.
 */
export const dm = {
  more: (n: number, page: number, pages: number): Bilingual => ({
    en: `…and ${n} more (page ${page}/${pages})`,
    ja: `…ほか${n}行（${page}/${pages}ページ）`,
  }),
  prev: (): Bilingual => ({ en: '◀ Previous', ja: '◀ 前へ' }),
  next: (): Bilingual => ({ en: 'Next ▶', ja: '次へ ▶' }),
  warnings: (): Bilingual => ({ en: '⚠ Notes', ja: '⚠ 注意' }),
  sources: (): Bilingual => ({ en: 'Sources', ja: '出典' }),
  source: (fund: string, issuer: string, file: string, when: Bilingual): Bilingual => ({
    en: `${fund} — ${issuer}, ${file}, ${when.en}`,
    ja: `${fund} — ${issuer}、${file}、${when.ja}`,
  }),
  trimmed: (): Bilingual => ({ en: '…(shortened to fit Discord)', ja: '…（Discordの上限に合わせて省略）' }),
  rateLimited: (seconds: number): Bilingual => ({
    en: `You're asking a little fast. Try again in ${seconds} s.`,
    ja: `リクエストが少し速すぎます。${seconds}秒後にもう一度お試しください。`,
  }),
  rateTitle: (): Bilingual => ({ en: 'One moment', ja: '少しお待ちください' }),
  followUpLost: (): Bilingual => ({
    en: 'Your answer could not be delivered to Discord after several tries. Please run the command again.',
    ja: '回答を何度か送ろうとしましたが、Discordに届けられませんでした。もう一度コマンドを実行してください。',
  }),
  unsupported: (): Bilingual => ({
    en: 'This kind of interaction is not supported.',
    ja: 'この種類の操作には対応していません。',
  }),
};

/**
 * Japanese names shown in the Discord command picker (`name_localizations.ja`). Discord still
 * sends the English name in the interaction, so handlers never see these. Names must be lowercase
 * letters/digits/-/_ (Japanese letters count as letters), ≤ 32 characters.
 */
export const JA_COMMAND_NAMES: Record<string, string> = {
  hhi: '集中度',
  overlap: '重複',
  portfolio: 'ポートフォリオ',
  compare: '比較',
  stress: 'ストレス',
  loop: 'ループ',
  funds: 'ファンド一覧',
  help: 'ヘルプ',
  about: 'このボットについて',
  lesson: 'レッスン',
  quiz: 'クイズ',
  import: '取り込み',
  'remove-snapshot': 'スナップショット削除',
};

export const JA_OPTION_NAMES: Record<string, string> = {
  fund: 'ファンド',
  mix: '配分',
  allocations: '配分',
  cap: '上限',
  shock: 'ショック',
  passive: 'パッシブ比率',
  inflow: '資金流入',
  impact: 'インパクト',
  start: '当初ウエイト',
  periods: '期間数',
  reverse: '反転期',
  command: 'コマンド',
  file: 'ファイル',
  'as-of': '基準日',
  confirm: '確認コード',
};
