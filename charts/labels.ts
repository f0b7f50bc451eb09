import type { ChartInput, Lang, SourceInput } from './types.ts';

type Text = Record<Lang, string>;

/** Default axis titles per kind, used until ChartSpec carries its own. */
const AXES: Record<ChartInput['kind'], { x: Text; y: Text }> = {
  'concentration-curve': {
    x: { en: 'Holdings ranked by weight (largest first)', ja: '保有銘柄（ウエイトの大きい順）' },
    y: { en: 'Cumulative weight', ja: '累積ウエイト' },
  },
  // Both users of 'bars' (sector weights, stress contributions) are shares of the fund's value.
  bars: { x: { en: '', ja: '' }, y: { en: '% of fund', ja: 'ファンドに占める比率' } },
  overlap: {
    x: { en: 'Shared holdings', ja: '共通銘柄' },
    y: { en: 'Weight in each fund', ja: '各ファンドでのウエイト' },
  },
  'stacked-bars': {
    x: { en: 'Company', ja: '銘柄' },
    y: { en: 'Exposure, by the fund it comes through', ja: '実質保有比率（経由ファンド別）' },
  },
  lines: { x: { en: 'Period', ja: '期' }, y: { en: 'Weight', ja: 'ウエイト' } },
};

const DATE_AXIS: Text = { en: 'Date', ja: '日付' };

export const EQUAL_WEIGHT: Text = { en: 'Equal weight', ja: '均等加重' };

export function axisTitles(spec: ChartInput, lang: Lang, dates: boolean): { x: string; y: string } {
  const fallback = AXES[spec.kind];
  const x = spec.axes?.x ?? (dates ? DATE_AXIS[lang] : fallback.x[lang]);
  return { x, y: spec.axes?.y ?? fallback.y[lang] };
}

/**
 * The corner line naming where the numbers came from: fund, issuer, file, as-of date. A chart with
 * no sources (the stylised /loop model) says so rather than leaving the corner empty.
 */
export function sourceText(sources: readonly SourceInput[], lang: Lang): string {
  if (sources.length === 0) return lang === 'ja' ? '簡易モデル（ファンドのデータは使用していません）' : 'Stylised model: no fund data';
  const one = (s: SourceInput) =>
    lang === 'ja'
      ? `${s.fund}：${s.issuer} ${s.file}（${s.asOf ? `${s.asOf}時点` : '基準日不明'}）`
      : `${s.fund}: ${s.issuer} ${s.file} (${s.asOf ? `as of ${s.asOf}` : 'as-of date unknown'})`;
  return `${lang === 'ja' ? '出典' : 'Source'} — ${sources.map(one).join('\n')}`;
}
