import type { Bilingual } from './define.ts';

/** The verdict on a fund's concentration, read against reference points (commands/verdict.ts). */
export const mv = {
  near: (label: string, n: string): Bilingual => ({
    en: `About as concentrated as ${label} (effective N ${n}).`,
    ja: `${label}（実効銘柄数${n}）とほぼ同じ集中度です。`,
  }),
  between: (more: string, moreN: string, less: string, lessN: string): Bilingual => ({
    en: `Less concentrated than ${more} (effective N ${moreN}), more than ${less} (${lessN}).`,
    ja: `${more}（実効銘柄数${moreN}）と${less}（${lessN}）の間の集中度です。`,
  }),
  under: (label: string, n: string): Bilingual => ({
    en: `More concentrated than ${label} (effective N ${n}).`,
    ja: `${label}（実効銘柄数${n}）よりも集中しています。`,
  }),
  over: (label: string, n: string): Bilingual => ({
    en: `More spread out than ${label} (effective N ${n}).`,
    ja: `${label}（実効銘柄数${n}）よりも分散しています。`,
  }),
  top10Near: (top10: string, when: string, ref: string): Bilingual => ({
    en: `its top 10 (${top10}) weigh about what the S&P 500's did (${when}: ${ref}).`,
    ja: `上位10銘柄（${top10}）は${when}のS&P500（${ref}）並みです。`,
  }),
  countOnly: (count: string, effN: string): Bilingual => ({
    en: `Its ${count} holdings act like ${effN} equal-weighted ones;`,
    ja: `保有${count}銘柄は均等換算で${effN}銘柄分、`,
  }),
  usName: (): Bilingual => ({ en: 'S&P 500 (N, top 10)', ja: 'S&P500（N・上位10）' }),
  japanName: (): Bilingual => ({ en: 'Japan (effective N)', ja: '日本の指数（実効N）' }),
};
