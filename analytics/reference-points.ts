/**
 * Reference points for the S&P 500 from the domain brief (RBC BlueBay, "The index trap", March
 * 2026, figures from RBC GAM and Bloomberg). Data, not computation: cards place a fund's own
 * figures beside these so a number has something to be read against.
 */
export interface ReferencePoint {
  /** What and when, in English and Japanese. */
  label: { en: string; ja: string };
  /** The same, short, for a one-line list ("end-2025"). */
  short: { en: string; ja: string };
  value: number;
}

/** How close counts as "about as concentrated as": within ±15% (ratio 1.15 either way). */
export const NEAR_BAND = 0.15;

/** Where a figure sits among reference points: near one, between two, or beyond them all. */
export type Placement =
  | { kind: 'near'; ref: ReferencePoint }
  | { kind: 'between'; below: ReferencePoint; above: ReferencePoint }
  | { kind: 'under'; ref: ReferencePoint }
  | { kind: 'over'; ref: ReferencePoint };

/**
 * Places `value` among reference points on a ratio scale: `near` the closest one when
 * max(v/r, r/v) ≤ 1 + band, else `between` the two it falls between, `under` the smallest or
 * `over` the largest. Ratios, not differences, so 46 vs 50 reads like 111 vs 120.
 * Range: value > 0, refs non-empty with positive values. O(refs).
 * @example placeOnScale(50, [{value: 46, …}, {value: 79, …}]) // { kind: 'near', ref: 46 }
 */
export function placeOnScale(value: number, refs: readonly ReferencePoint[], band = NEAR_BAND): Placement {
  if (!(value > 0) || refs.length === 0) throw new RangeError(`placeOnScale needs a positive value and references, got ${value} and ${refs.length}`);
  const sorted = [...refs].sort((a, b) => a.value - b.value);
  const distance = (r: ReferencePoint) => Math.abs(Math.log(value / r.value));
  const nearest = sorted.reduce((best, r) => (distance(r) < distance(best) ? r : best));
  if (distance(nearest) <= Math.log(1 + band)) return { kind: 'near', ref: nearest };
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (value < first.value) return { kind: 'under', ref: first };
  if (value > last.value) return { kind: 'over', ref: last };
  const above = sorted.find((r) => r.value > value)!;
  const below = sorted[sorted.indexOf(above) - 1]!;
  return { kind: 'between', below, above };
}

/** S&P 500 top-10 weight (fraction). */
export const TOP10_REFERENCES: readonly ReferencePoint[] = [
  { label: { en: 'the S&P 500 on its 1975–2025 average', ja: '1975〜2025年平均のS&P500' }, short: { en: '1975–2025 avg', ja: '1975〜2025年平均' }, value: 0.2 },
  { label: { en: 'the S&P 500 at the dot-com peak (Mar 2000)', ja: 'ITバブル頂点の2000年3月のS&P500' }, short: { en: 'Mar 2000', ja: '2000年3月' }, value: 0.27 },
  { label: { en: 'the S&P 500 at end-2025', ja: '2025年末のS&P500' }, short: { en: 'end-2025', ja: '2025年末' }, value: 0.41 },
];

/** S&P 500 effective number of holdings (1 / HHI); "over 100" for the long run is taken as 100. */
export const EFFECTIVE_N_REFERENCES: readonly ReferencePoint[] = [
  { label: { en: 'the S&P 500 over the long run', ja: '長期的なS&P500' }, short: { en: 'long run', ja: '長期' }, value: 100 },
  { label: { en: 'the S&P 500 at the dot-com peak (Mar 2000)', ja: '2000年3月のS&P500' }, short: { en: 'Mar 2000', ja: '2000年3月' }, value: 79 },
  { label: { en: 'the S&P 500 at end-2025', ja: '2025年末のS&P500' }, short: { en: 'end-2025', ja: '2025年末' }, value: 46 },
];

/**
 * Japanese indexes, effective N from the official weight files (domain brief section 7): the
 * Nikkei 225 is price-weighted and far more concentrated than TOPIX. US history says little
 * about a Japanese fund, so Japanese funds are read against these.
 */
export const JAPAN_EFFECTIVE_N_REFERENCES: readonly ReferencePoint[] = [
  { label: { en: 'TOPIX', ja: 'TOPIX' }, short: { en: 'TOPIX', ja: 'TOPIX' }, value: 111 },
  { label: { en: 'the Nikkei 225 (Jul 2025)', ja: '日経平均（2025年7月）' }, short: { en: 'Nikkei 225', ja: '日経平均' }, value: 37 },
];

/** Where the references come from, for footers. */
export const REFERENCE_SOURCE = {
  en: 'S&P 500 reference points: RBC BlueBay Asset Management, "The index trap", Mar 2026 (RBC GAM, Bloomberg).',
  ja: 'S&P500の参照値：RBC BlueBay Asset Management「The index trap」2026年3月（RBC GAM、Bloomberg）。',
} as const;

export const JAPAN_REFERENCE_SOURCE = {
  en: 'Japanese reference points: effective N from the JPX TOPIX and Nikkei 225 official weight files.',
  ja: '日本の参照値：JPXのTOPIXおよび日経平均の公式ウエイトファイルから算出した実効銘柄数。',
} as const;
