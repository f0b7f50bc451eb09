/**
 * The rules a chart worth posting keeps (issue 15 item 6), each checked on the real command Views
 * in both languages: the message in the title, no chart for one snapshot, a heat map for 3+ funds,
 * labels that never overlap (boxes computed from the layout vega wrote), and text legible at the
 * ~400 px Discord gives an image on a phone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chartOptionsFor, renderSvg, type ChartInput } from '../../charts/index.ts';
import { estimateWidth } from '../../charts/text-width.ts';
import { dispatch } from '../../bot/dispatch.ts';
import type { Lang } from '../../commands/context.ts';
import type { View } from '../../commands/view.ts';
import { contextFor } from '../support/context.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { CASES, historyView, realViews, SPY_FILES, type CaseId } from './cases.ts';
import { overlaps, svgSize, textBoxes, texts } from './svg.ts';

const LANGS: Lang[] = ['en', 'ja'];
const IDS: CaseId[] = [...CASES.map((c) => c.id), 'history-spy'];
/** Discord's image width on a phone, and the smallest text we accept there, in CSS px. */
const PHONE_WIDTH = 400;
const MIN_PHONE_PX = 9;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Figures as the titles print them, formatted here independently of commands/format.ts. */
const pct = (f: number) => `${(f * 100).toFixed(1)}%`;
const signed = (f: number) => `${f < 0 ? '−' : '+'}${(Math.abs(f) * 100).toFixed(1)}%`;
const dec = (v: number) => v.toFixed(1).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Smallest font size drawn, times the phone's scale: what a phone reader sees, in px. */
function phonePx(svg: string): number {
  const sizes = [...svg.matchAll(/<text\b[^>]*font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
  return (Math.min(...sizes) * PHONE_WIDTH) / svgSize(svg).width;
}

describe('the label-overlap check itself', () => {
  it('finds two texts drawn over each other, and none when they sit apart', () => {
    const svg = (y2: number) =>
      `<svg width="200" height="100"><g transform="translate(10,10)"><text transform="translate(0,20)" font-size="14px">NVIDIA Corp</text><text transform="translate(30,${y2})" font-size="14px">Apple</text></g></svg>`;
    expect(overlaps(textBoxes(svg(24), estimateWidth))).toHaveLength(1);
    expect(overlaps(textBoxes(svg(40), estimateWidth))).toHaveLength(0);
  });

  it('turns a rotated label: a -90° name is tall and narrow', () => {
    const [box] = textBoxes(`<svg><text transform="translate(50,100) rotate(-90)" text-anchor="end" font-size="14px">2025-11-18</text></svg>`, estimateWidth);
    expect(box!.y1 - box!.y0).toBeCloseTo(estimateWidth('2025-11-18', 14), 6);
    expect(box!.x1 - box!.x0).toBeCloseTo(14 * 0.95, 6);
  });
});

describe('charts keep their rules even for crowded made-up inputs (no source: test only)', () => {
  const options = { lang: 'ja' as const, theme: 'light' as const, source: 'テスト' };
  const longNames = ['三菱ＵＦＪフィナンシャル・グループ', '東京海上ホールディングス', 'みずほフィナンシャルグループ', 'Taiwan Semiconductor Manufacturing Co Ltd', 'トヨタ自動車'];
  const crowded: ChartInput[] = [
    { kind: 'overlap', title: '長い名前', series: ['A', 'B'].map((name, s) => ({ name, points: longNames.map((x, i) => ({ x, y: 0.05 - i * 0.01 + s * 0.002 })) })) },
    { kind: 'stacked-bars', title: '長い名前', series: ['A', 'B', 'C'].map((name) => ({ name, points: longNames.map((x, i) => ({ x, y: 0.02 - i * 0.002 })) })) },
    {
      kind: 'line-panels',
      title: '12 dates',
      series: [
        { name: 'N', format: 'number', points: Array.from({ length: 12 }, (_, i) => ({ x: `2025-${String(i + 1).padStart(2, '0')}-28`, y: 40 + i })) },
        { name: 'T', format: 'percent', points: Array.from({ length: 12 }, (_, i) => ({ x: `2025-${String(i + 1).padStart(2, '0')}-28`, y: 0.3 + i / 100 })) },
      ],
    },
    { kind: 'heatmap', title: '6 funds', yFormat: 'percent', series: ['VT', 'VTI', 'ACWI', 'URTH', 'SPY', 'QQQ'].map((r, i, all) => ({ name: r, points: all.filter((c) => c !== r).map((c, j) => ({ x: c, y: (i + j) / 10 })) })) },
  ];
  it.each(crowded.map((spec) => ({ kind: spec.kind, spec })))('$kind: no two labels overlap, long names cut with an ellipsis, legible on a phone', async ({ spec }) => {
    const svg = await renderSvg(spec, options);
    expect(overlaps(textBoxes(svg, estimateWidth))).toEqual([]);
    expect(phonePx(svg)).toBeGreaterThanOrEqual(MIN_PHONE_PX);
    if (spec.kind === 'overlap') expect(texts(svg).some((t) => t.endsWith('…'))).toBe(true);
    if (spec.kind === 'line-panels') for (const p of spec.series[0]!.points) expect(texts(svg).filter((t) => t === p.x)).toHaveLength(1);
  });
});

describe.skipIf(!HAS_RAW)('chart rules on the real command Views', () => {
  const views = new Map<Lang, Map<CaseId, View>>();
  const svgs = new Map<string, string>();
  beforeAll(async () => {
    const catalog = await rawCatalog();
    for (const lang of LANGS) {
      const v = await realViews(catalog, lang);
      views.set(lang, v);
      for (const [id, view] of v) svgs.set(`${lang}/${id}`, await renderSvg(view.chart!, chartOptionsFor(view, 'light')));
    }
  }, 180_000);
  const cases = LANGS.flatMap((lang) => IDS.map((id) => ({ lang, id })));

  it.each(cases)('$id ($lang): no two labels overlap, in the layout vega wrote', ({ lang, id }) => {
    const boxes = textBoxes(svgs.get(`${lang}/${id}`)!, estimateWidth);
    expect(boxes.length).toBeGreaterThan(5);
    expect(overlaps(boxes).map(([a, b]) => `${a.text} | ${b.text}`)).toEqual([]);
  });

  it.each(cases)(`$id ($lang): the smallest text is ≥ ${MIN_PHONE_PX} px when the chart is shown ${PHONE_WIDTH} px wide`, ({ lang, id }) => {
    expect(phonePx(svgs.get(`${lang}/${id}`)!)).toBeGreaterThanOrEqual(MIN_PHONE_PX);
  });

  it.each(LANGS)('the title carries each chart’s message: its key figures, from the card’s own data (%s)', (lang) => {
    const v = views.get(lang)!;
    const title = (id: CaseId) => v.get(id)!.chart!.title;
    const data = (id: CaseId) => v.get(id)!.data as unknown;
    for (const id of ['hhi-vt', 'hhi-topix'] as const) {
      const d = data(id) as { fund: string; top10: number; effectiveN: number };
      for (const part of [d.fund, pct(d.top10), dec(d.effectiveN)]) expect(title(id)).toContain(part);
    }
    const pair = data('overlap-voo-qqq') as { a: string; b: string; weightOverlap: number };
    for (const part of [pair.a, pair.b, pct(pair.weightOverlap)]) expect(title('overlap-voo-qqq')).toContain(part);
    const many = data('overlap-vt-vti-acwi-urth') as { pairs: { a: string; b: string; weightOverlap: number }[] };
    const top = [...many.pairs].sort((x, y) => y.weightOverlap - x.weightOverlap)[0]!;
    for (const part of [top.a, top.b, pct(top.weightOverlap)]) expect(title('overlap-vt-vti-acwi-urth')).toContain(part);
    const folio = data('portfolio-vt-qqq-soxx') as { effectiveN: number; top10: number };
    for (const part of [dec(folio.effectiveN), pct(folio.top10)]) expect(title('portfolio-vt-qqq-soxx')).toContain(part);
    const cmp = data('compare-spy') as { variants: { top10: number }[] };
    for (const part of ['SPY', pct(cmp.variants[0]!.top10), pct(cmp.variants[1]!.top10)]) expect(title('compare-spy')).toContain(part);
    for (const id of ['stress-ivv-top10', 'stress-qqq-deepseek'] as const) {
      const s = data(id) as { move: number; equalWeightMove: number };
      for (const part of [signed(s.move), signed(s.equalWeightMove)]) expect(title(id)).toContain(part);
    }
    const hist = data('history-spy') as { snapshots: { effectiveN: number; top10: number }[] };
    for (const s of hist.snapshots) for (const part of [dec(s.effectiveN), pct(s.top10)]) expect(title('history-spy')).toContain(part);
    const loop = data('loop') as { withFlows: number[] };
    for (const part of [pct(loop.withFlows[0]!), pct(loop.withFlows.at(-1)!)]) expect(title('loop')).toContain(part);
  });

  it.each(LANGS)('/hhi shows the head: 15 bars whose first 10 add up to the top-10 figure of the title, running totals that end at the drawn sum (%s)', (lang) => {
    for (const id of ['hhi-vt', 'hhi-topix'] as const) {
      const view = views.get(lang)!.get(id)!;
      const chart = view.chart!;
      const d = view.data as { top10: number; count: number };
      const weights = chart.series[0]!.points.map((p) => p.y);
      expect(chart.kind).toBe('running-total');
      expect(weights).toHaveLength(Math.min(15, d.count));
      let sum = 0;
      const totals = weights.map((w) => (sum += w));
      expect(chart.line!.points.map((p) => p.y)).toEqual(totals.map((t) => expect.closeTo(t, 12)));
      expect(totals[9]!).toBeCloseTo(d.top10, 12);
      expect(chart.subtitle).toContain(pct(sum));
    }
  });

  it.each(LANGS)('Japanese companies are named in Japanese, as TOPIX lists them, never by a bare code (%s)', (lang) => {
    const names = views.get(lang)!.get('hhi-topix')!.chart!.series[0]!.points.map((p) => String(p.x));
    expect(names.every((n) => JAPANESE.test(n) && !/^\d{4}\b/.test(n))).toBe(true);
    expect(names).toContain('トヨタ自動車');
    // Full-width letters folded (三菱ＵＦＪ → 三菱UFJ): half the room on the axis.
    expect(names.some((n) => n.startsWith('三菱UFJ'))).toBe(true);
  });

  it.each(LANGS)('overlap of 3 or more funds is a heat map with every pair’s figure in its cell; of 2, bars (%s)', async (lang) => {
    const view = views.get(lang)!.get('overlap-vt-vti-acwi-urth')!;
    const funds = ['VT', 'VTI', 'ACWI', 'URTH'];
    expect(view.chart!.kind).toBe('heatmap');
    const svg = svgs.get(`${lang}/overlap-vt-vti-acwi-urth`)!;
    expect(svg.match(/aria-roledescription="rect mark"/g)).toHaveLength(funds.length * (funds.length - 1));
    const words = texts(svg);
    for (const p of (view.data as { pairs: { weightOverlap: number }[] }).pairs) expect(words.filter((w) => w === pct(p.weightOverlap))).toHaveLength(2);
    const three = await dispatch({ command: 'overlap', text: 'VOO QQQ SOXX' }, contextFor(await rawCatalog(), lang));
    expect(three.chart!.kind).toBe('heatmap');
    expect(three.chart!.series.map((s) => s.name)).toEqual(['VOO', 'QQQ', 'SOXX']);
    expect(views.get(lang)!.get('overlap-voo-qqq')!.chart!.kind).toBe('overlap');
  });

  it.each(LANGS)('/history draws one measure per panel and one tick per snapshot date; one snapshot draws no chart (%s)', async (lang) => {
    const view = views.get(lang)!.get('history-spy')!;
    const chart = view.chart!;
    expect(chart.kind).toBe('line-panels');
    expect(chart.series.map((s) => s.format)).toEqual(['number', 'percent']);
    const dates = ['2025-11-18', '2026-02-12'];
    expect(chart.series[0]!.points.map((p) => p.x)).toEqual(dates);
    const svg = svgs.get(`${lang}/history-spy`)!;
    const axisLabels = [...svg.matchAll(/class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/g)].flatMap((m) => texts(m[1]!));
    for (const d of dates) expect(axisLabels.filter((t) => t === d)).toHaveLength(1);
    // Percent labels only on the top-10 panel's axis; effective N's axis is plain numbers.
    expect(axisLabels.filter((t) => t.endsWith('%')).length).toBeGreaterThanOrEqual(2);
    expect(axisLabels.filter((t) => /^\d+(\.\d)?$/.test(t)).length).toBeGreaterThanOrEqual(2);
    const one = await historyView(lang, SPY_FILES.slice(0, 1));
    expect(one.table!.rows).toHaveLength(1);
    expect(one.chart).toBeUndefined();
  });

  it.each(LANGS)('/stress shows the whole fund and its equal-weight counterpart first, then the largest contributions (%s)', (lang) => {
    for (const id of ['stress-ivv-top10', 'stress-qqq-deepseek'] as const) {
      const view = views.get(lang)!.get(id)!;
      const d = view.data as { move: number; equalWeightMove: number; contributions: { contribution: number }[] };
      const [cap, equal] = view.chart!.series;
      expect(view.chart!.series).toHaveLength(2);
      expect(cap!.points[0]!.y).toBe(d.move);
      expect(equal!.points[0]!.y).toBe(d.equalWeightMove);
      expect(cap!.points.slice(1).map((p) => p.y)).toEqual(d.contributions.slice(0, cap!.points.length - 1).map((c) => c.contribution));
    }
  });

  it.each(LANGS)('/compare shows top-10 and effective N of every version: cap-weighted, equal, capped, the Nasdaq-100 rule (%s)', (lang) => {
    const view = views.get(lang)!.get('compare-spy')!;
    const d = view.data as { variants: { label: string; top10: number; effectiveN: number }[] };
    const [top10, effN] = view.chart!.series;
    expect(d.variants).toHaveLength(5);
    expect(top10!.points).toEqual(d.variants.map((v) => ({ x: v.label, y: v.top10 })));
    expect(effN!.points).toEqual(d.variants.map((v) => ({ x: v.label, y: v.effectiveN })));
  });
});
