import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartOptionsFor, chartToVegaLite, fontOptions, renderRaster, renderSvg, sourceText, THEMES, type ChartInput, type Theme } from '../../charts/index.ts';
import type { Lang } from '../../commands/context.ts';
import type { View } from '../../commands/view.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { CASES, proposedSpecs, realViews, type CaseId } from './cases.ts';
import { decodePng, histogram, inkCount, pixelAt } from './pixels.ts';
import { bars, firstBarCentre, lineCount, svgSize, texts } from './svg.ts';

const LANGS: Lang[] = ['en', 'ja'];
const THEME_NAMES: Theme[] = ['light', 'dark'];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** What each chart must draw, read from the spec alone: bars = points, lines = series. */
function expectedMarks(spec: ChartInput): { bars: number; lines: number } {
  const points = spec.series.reduce((n, s) => n + s.points.length, 0);
  switch (spec.kind) {
    case 'concentration-curve':
      return { bars: 0, lines: spec.series.length + 1 }; // + the equal-weight diagonal
    case 'lines':
      return { bars: 0, lines: spec.series.length };
    default:
      return { bars: points, lines: spec.line ? 1 : 0 };
  }
}

describe.skipIf(!HAS_RAW)('charts of the real command Views', () => {
  const views = new Map<Lang, Map<CaseId, View>>();
  beforeAll(async () => {
    const catalog = await rawCatalog();
    for (const lang of LANGS) views.set(lang, await realViews(catalog, lang));
  });
  const cases = LANGS.flatMap((lang) => CASES.map((c) => ({ lang, ...c })));

  it.each(cases)('SVG of /$command $text ($lang) has one mark per point, the title, axis titles and source', async ({ lang, id }) => {
    const view = views.get(lang)!.get(id)!;
    const spec = view.chart!;
    const svg = await renderSvg(spec, chartOptionsFor(view, 'light'));
    const want = expectedMarks(spec);
    expect(bars(svg)).toHaveLength(want.bars);
    expect(lineCount(svg)).toBe(want.lines);
    const words = texts(svg);
    expect(words).toContain(spec.title);
    // Every source names its fund and file in the corner.
    for (const s of view.sources) expect(words.some((w) => w.includes(s.fund) && w.includes(s.file))).toBe(true);
    if (view.sources.length === 0) expect(words).toContain(sourceText([], lang));
    // Axis titles in the card's language; every category label drawn.
    const axisTitles = [...svg.matchAll(/class="mark-text role-axis-title"[^>]*>(.*?)<\/g>/g)].flatMap((m) => texts(m[1]!));
    expect(axisTitles.length).toBeGreaterThanOrEqual(1);
    if (lang === 'ja') expect(axisTitles.every((t) => JAPANESE.test(t))).toBe(true);
    else expect(axisTitles.some((t) => JAPANESE.test(t))).toBe(false);
    if (spec.kind !== 'concentration-curve' && spec.kind !== 'lines') {
      for (const x of new Set(spec.series.flatMap((s) => s.points.map((p) => String(p.x))))) expect(words).toContain(x);
    }
    if (spec.series.length > 1) for (const s of spec.series) expect(words).toContain(s.name);
    expect(svg).toContain('font-family="Noto Sans JP"');
    expect(svg).not.toMatch(/font-family="(?!Noto Sans JP")/);
  });

  it.each(cases.flatMap((c) => THEME_NAMES.map((theme) => ({ ...c, theme }))))(
    'PNG of /$command $text ($lang, $theme) is 900 px wide, drawn, with the series colour inside the first bar',
    async ({ lang, id, theme }) => {
      const view = views.get(lang)!.get(id)!;
      const spec = view.chart!;
      const options = chartOptionsFor(view, theme);
      const raster = await renderRaster(spec, options);
      const png = decodePng(raster.png);
      expect(png.width).toBe(900);
      expect(png.height).toBeGreaterThan(250); // one stressed name makes a short chart
      expect(png.height).toBeLessThan(900);
      const colours = THEMES[theme];
      const bg = colours.background.toLowerCase();
      expect(pixelAt(png, 2, 2)).toBe(bg);
      const counts = histogram(png);
      expect(counts.size).toBeGreaterThan(20); // text, axes, marks, anti-aliasing: not blank
      expect(inkCount(png, bg)).toBeGreaterThan(png.width * png.height * 0.02);
      const first = colours.series[0]!.toLowerCase();
      if (expectedMarks(spec).bars > 0) {
        // Where the SVG put the first bar, the PNG shows that bar's colour: the series colour,
        // or vermillion for a loss.
        const svg = raster.svg;
        const bar = firstBarCentre(svg);
        const scale = png.width / svgSize(svg).width;
        const negative = spec.series[0]!.points[0]!.y < 0;
        expect(bar.fill).toBe(negative ? colours.negative.toLowerCase() : first);
        expect(pixelAt(png, bar.x * scale, bar.y * scale)).toBe(bar.fill);
      } else {
        // Lines: a solid run of the first series colour, at least a long stroke's worth.
        expect(counts.get(first) ?? 0).toBeGreaterThan(400);
      }
    },
  );
});

describe('charts without issuer files', () => {
  it.each(LANGS)('the proposed ChartSpec fields draw: marked effective N, top-15 with cumulative line, dated history (%s)', async (lang) => {
    const specs = proposedSpecs(lang);
    const source = sourceText([{ fund: 'SPY', issuer: 'SPDR', file: 'spy.xlsx', asOf: '2026-02-12' }], lang);
    const marked = texts(await renderSvg(specs['hhi-marked'], { lang, theme: 'light', source }));
    expect(marked).toContain(specs['hhi-marked'].marks![0]!.label);
    const top = await renderSvg(specs.top15, { lang, theme: 'dark', source });
    expect(bars(top)).toHaveLength(15);
    expect(lineCount(top)).toBe(1);
    expect(texts(top)).toContain(specs.top15.line!.name);
    const history = await renderSvg(specs.history, { lang, theme: 'light', source });
    expect(lineCount(history)).toBe(2);
    expect(texts(history)).toContain(lang === 'ja' ? '日付' : 'Date');
  });

  it('is pure: the same spec and options give the same vega-lite spec, and no input is changed', () => {
    const spec = proposedSpecs('en').top15;
    const before = JSON.stringify(spec);
    const options = { lang: 'en' as const, theme: 'light' as const, source: 'x' };
    expect(JSON.stringify(chartToVegaLite(spec, options))).toBe(JSON.stringify(chartToVegaLite(spec, options)));
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('refuses a chart with no points, saying which', () => {
    expect(() => chartToVegaLite({ kind: 'bars', title: 'empty', series: [{ name: 'A', points: [] }] }, { lang: 'en', theme: 'light', source: '' })).toThrow(/empty/);
  });

  it('resolves the Noto Sans JP files once per process', () => {
    expect(fontOptions()).toBe(fontOptions());
    expect(fontOptions().loadSystemFonts).toBe(false);
    expect(fontOptions().fontFiles).toHaveLength(2);
  });

  it('draws Japanese as glyphs, not boxes: different kanji give different shapes', () => {
    // A missing glyph is drawn as the same .notdef box (or nothing) whatever the character, so two
    // different characters rendering differently, and with ink, proves the font has them.
    const draw = (s: string) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#fff"/><text x="10" y="45" font-family="Noto Sans JP" font-size="40">${s}</text></svg>`;
      const image = new Resvg(svg, { font: fontOptions() }).render();
      return { width: image.width, height: image.height, rgba: image.pixels };
    };
    const [mei, gara, box] = [draw('銘'), draw('柄'), draw('\u{E000}')];
    expect(inkCount(mei, '#ffffff')).toBeGreaterThan(200);
    expect(inkCount(gara, '#ffffff')).toBeGreaterThan(200);
    expect(mei.rgba.equals(gara.rgba)).toBe(false);
    expect(mei.rgba.equals(box.rgba)).toBe(false);
  });
});
