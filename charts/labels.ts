import type { ChartInput, Lang, SourceInput } from './types.ts';

type Text = Record<Lang, string>;
const none: Text = { en: '', ja: '' };

/**
 * Default axis titles per kind, used where the spec carries none. `x` names the categories (names,
 * dates, periods) and `y` the values, whichever way round the chart draws them.
 */
const AXES: Record<ChartInput['kind'], { x: Text; y: Text }> = {
  'running-total': {
    x: none,
    y: { en: 'Running total of weight (one bar = one holding)', ja: '累積ウエイト（1本＝1銘柄）' },
  },
  // Both users of 'bars' (sector weights, stress contributions) are shares of the fund's value.
  bars: { x: none, y: { en: '% of fund', ja: 'ファンドに占める比率' } },
  overlap: { x: none, y: { en: 'Weight in each fund', ja: '各ファンドでのウエイト' } },
  'stacked-bars': { x: none, y: { en: 'Exposure, by the fund it comes through', ja: '実質保有比率（経由ファンド別）' } },
  heatmap: { x: none, y: none },
  'bar-panels': { x: none, y: none },
  'line-panels': { x: none, y: none },
  lines: { x: { en: 'Period', ja: '期' }, y: { en: 'Weight', ja: 'ウエイト' } },
};

export function axisTitles(spec: ChartInput, lang: Lang): { x: string; y: string } {
  const fallback = AXES[spec.kind];
  return { x: spec.axes?.x ?? fallback.x[lang], y: spec.axes?.y ?? fallback.y[lang] };
}

/**
 * The corner line naming where the numbers came from: fund, issuer, file, as-of date. A chart with
 * no sources (the stylised /loop model) says so rather than leaving the corner empty.
 */
export function sourceText(sources: readonly SourceInput[], lang: Lang): string {
  if (sources.length === 0) return lang === 'ja' ? '簡易モデル（ファンドのデータは使用していません）' : 'Stylised model: no fund data';
  // "SEC N-PORT for 2026-06-30" already names its issuer: not "SEC SEC N-PORT".
  const who = (s: SourceInput) => (s.file.startsWith(`${s.issuer} `) ? s.file : `${s.issuer} ${s.file}`);
  // A label that already carries its date ("SEC N-PORT for 2026-06-30, filed …") is not dated twice.
  const one = (s: SourceInput) =>
    s.asOf && who(s).includes(s.asOf)
      ? `${s.fund}${lang === 'ja' ? '：' : ': '}${who(s)}`
      : lang === 'ja'
        ? `${s.fund}：${who(s)}（${s.asOf ? `${s.asOf}時点` : '基準日不明'}）`
        : `${s.fund}: ${who(s)} (${s.asOf ? `as of ${s.asOf}` : 'as-of date unknown'})`;
  return `${lang === 'ja' ? '出典' : 'Source'} — ${sources.map(one).join('\n')}`;
}
