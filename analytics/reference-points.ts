/**
 * Reference points for the S&P 500 from the domain brief (RBC BlueBay, "The index trap", March
 * 2026, figures from RBC GAM and Bloomberg). Data, not computation: cards place a fund's own
 * figures beside these so a number has something to be read against.
 */
export interface ReferencePoint {
  /** What and when, in English and Japanese. */
  label: { en: string; ja: string };
  value: number;
}

/** S&P 500 top-10 weight (fraction). */
export const TOP10_REFERENCES: readonly ReferencePoint[] = [
  { label: { en: 'S&P 500 long-run average (1975–2025)', ja: 'S&P500の長期平均（1975〜2025年）' }, value: 0.2 },
  { label: { en: 'S&P 500 at the dot-com peak (Mar 2000)', ja: 'ITバブル頂点のS&P500（2000年3月）' }, value: 0.27 },
  { label: { en: 'S&P 500 at end-2025', ja: '2025年末のS&P500' }, value: 0.41 },
];

/** S&P 500 effective number of holdings (1 / HHI). */
export const EFFECTIVE_N_REFERENCES: readonly ReferencePoint[] = [
  { label: { en: 'S&P 500 long-run (over 100)', ja: 'S&P500の長期水準（100超）' }, value: 100 },
  { label: { en: 'S&P 500 at the dot-com peak (Mar 2000)', ja: 'ITバブル頂点のS&P500（2000年3月）' }, value: 79 },
  { label: { en: 'S&P 500 at end-2025', ja: '2025年末のS&P500' }, value: 46 },
];

/** Where the references come from, for footers. */
export const REFERENCE_SOURCE = {
  en: 'S&P 500 reference points: RBC BlueBay Asset Management, "The index trap", Mar 2026 (RBC GAM, Bloomberg).',
  ja: 'S&P500の参照値：RBC BlueBay Asset Management「The index trap」2026年3月（RBC GAM、Bloomberg）。',
} as const;
