import type { Bilingual } from './define.ts';

/** The verdict on a fund's concentration, read against reference points (commands/verdict.ts). */
export const mv = {
  near: (label: string, n: string): Bilingual => ({
    en: `About as concentrated as ${label} (effective N ${n}).`,
    ja: `${label}（実効銘柄数${n}）とほぼ同じ集中度です。`,
  }),
  between: (more: string, moreN: string, less: string, lessN: string): Bilingual => ({
    en: `Less concentrated than ${more} (effective N ${moreN}), more than ${less} (${lessN}).`,
    ja: `${more}（実効銘柄数${moreN}）ほどではありませんが、${less}（${lessN}）よりは集中しています。`,
  }),
  under: (label: string, n: string): Bilingual => ({
    en: `More concentrated than ${label} (effective N ${n}).`,
    ja: `${label}（実効銘柄数${n}）よりも集中しています。`,
  }),
  over: (label: string, n: string): Bilingual => ({
    en: `More spread out than ${label} (effective N ${n}).`,
    ja: `${label}（実効銘柄数${n}）よりも分散しています。`,
  }),
  top10Near: (top10: string, label: string, ref: string): Bilingual => ({
    en: ` Its top 10 (${top10}) weigh about as much as in ${label} (${ref}).`,
    ja: `上位10銘柄（${top10}）の比率は${label}（${ref}）と同程度です。`,
  }),
  usName: (): Bilingual => ({ en: 'S&P 500 (N, top 10)', ja: 'S&P500（実効N・上位10）' }),
  japanName: (): Bilingual => ({ en: 'Japan (effective N)', ja: '日本の指数（実効銘柄数）' }),
};
