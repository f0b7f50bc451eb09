import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartOptionsFor, chartToVegaLite, renderRaster, renderSvg, sourceText, textToPaths, THEMES, type ChartInput, type Theme } from '../../charts/index.ts';
import type { Lang } from '../../commands/context.ts';
import type { View } from '../../commands/view.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { CASES, realViews, type CaseId } from './cases.ts';
import { decodePng, histogram, inkCount, inkInColumns, pixelAt } from './pixels.ts';
import { bars, firstBarCentre, lineCount, svgSize, texts } from './svg.ts';

const LANGS: Lang[] = ['en', 'ja'];
const THEME_NAMES: Theme[] = ['light', 'dark'];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const IDS: CaseId[] = [...CASES.map((c) => c.id), 'history-spy'];

/** What each chart must draw, read from the spec alone: bars = points, lines = series, cells = points. */
function expectedMarks(spec: ChartInput): { bars: number; lines: number; cells: number } {
  const points = spec.series.reduce((n, s) => n + s.points.length, 0);
  switch (spec.kind) {
    case 'lines':
    case 'line-panels':
      return { bars: 0, lines: spec.series.length, cells: 0 };
    case 'heatmap':
      return { bars: 0, lines: 0, cells: points };
    default:
      return { bars: points, lines: 0, cells: 0 };
  }
}

/** A category label as drawn: whole, or cut to a prefix ending in an ellipsis. */
function drawn(words: readonly string[], label: string): boolean {
  return words.some((w) => w === label || (w.endsWith('…') && label.startsWith(w.slice(0, -1).trimEnd())));
}

describe.skipIf(!HAS_RAW)('charts of the real command Views', () => {
  const views = new Map<Lang, Map<CaseId, View>>();
  beforeAll(async () => {
    const catalog = await rawCatalog();
    for (const lang of LANGS) views.set(lang, await realViews(catalog, lang));
  }, 120_000);
  const cases = LANGS.flatMap((lang) => IDS.map((id) => ({ lang, id })));

  it.each(cases)('SVG of $id ($lang) has one mark per point, the title, axis titles and source', async ({ lang, id }) => {
    const view = views.get(lang)!.get(id)!;
    const spec = view.chart!;
    const svg = await renderSvg(spec, chartOptionsFor(view, 'light'));
    const want = expectedMarks(spec);
    expect(bars(svg)).toHaveLength(want.bars);
    expect(lineCount(svg)).toBe(want.lines);
    expect(svg.match(/aria-roledescription="rect mark"/g) ?? []).toHaveLength(want.cells);
    const words = texts(svg);
    // The title may wrap: its lines, joined, are the spec's title.
    expect(words.join(' ')).toContain(spec.title.split(' ').slice(0, 2).join(' '));
    // Every source names its fund and file in the corner (a long file name may wrap onto the next line).
    const corner = words.join('');
    for (const s of view.sources) {
      expect(corner).toContain(s.fund);
      expect(corner.replace(/\s/g, '')).toContain(s.file.replace(/\s/g, ''));
    }
    if (view.sources.length === 0) expect(words).toContain(sourceText([], lang));
    // Axis titles, where the kind has them, in the card's language.
    const axisTitles = [...svg.matchAll(/class="mark-text role-axis-title"[^>]*>(.*?)<\/g>/g)].flatMap((m) => texts(m[1]!));
    if (lang === 'ja') expect(axisTitles.every((t) => JAPANESE.test(t))).toBe(true);
    else expect(axisTitles.some((t) => JAPANESE.test(t))).toBe(false);
    // Every category drawn (cut with an ellipsis where long), and every series named.
    if (spec.kind !== 'lines') for (const x of new Set(spec.series.flatMap((s) => s.points.map((p) => String(p.x))))) expect(drawn(words, x), x).toBe(true);
    if (spec.series.length > 1) for (const s of spec.series) expect(words).toContain(s.name);
    expect(svg).toContain('font-family="Noto Sans JP"');
    expect(svg).not.toMatch(/font-family="(?!Noto Sans JP")/);
  });

  it.each(cases.flatMap((c) => THEME_NAMES.map((theme) => ({ ...c, theme }))))(
    'PNG of $id ($lang, $theme) is 900 px wide, drawn, with the right colour inside the first bar or cell',
    async ({ lang, id, theme }) => {
      const view = views.get(lang)!.get(id)!;
      const spec = view.chart!;
      const raster = await renderRaster(spec, chartOptionsFor(view, theme));
      const png = decodePng(raster.png);
      expect(png.width).toBe(900);
      expect(png.height).toBeGreaterThan(250);
      expect(png.height).toBeLessThan(1600);
      const colours = THEMES[theme];
      const bg = colours.background.toLowerCase();
      expect(pixelAt(png, 2, 2)).toBe(bg);
      // Nothing drawn in the outer 8 px of the 16 px padding: no title or label runs off the image
      // (the layout's widths are estimates; this looks at what resvg actually drew).
      expect(inkInColumns(png, 0, 8, bg)).toBe(0);
      expect(inkInColumns(png, png.width - 8, png.width, bg)).toBe(0);
      const counts = histogram(png);
      expect(counts.size).toBeGreaterThan(20); // text, axes, marks, anti-aliasing: not blank
      expect(inkCount(png, bg)).toBeGreaterThan(png.width * png.height * 0.02);
      const first = colours.series[0]!.toLowerCase();
      const want = expectedMarks(spec);
      if (want.bars + want.cells > 0) {
        // Where the SVG put the first bar (or cell), the PNG shows its colour: the series colour,
        // vermillion for a lone series' loss, a shade between the heat-map ends for a cell.
        const svg = raster.svg;
        const bar = firstBarCentre(svg, want.cells > 0 ? 'rect mark' : 'bar');
        const scale = png.width / svgSize(svg).width;
        if (want.bars > 0) {
          const negative = spec.series.length === 1 && spec.series[0]!.points[0]!.y < 0;
          expect(bar.fill).toBe(negative ? colours.negative.toLowerCase() : first);
        }
        // A cell has its figure printed in the middle: look above the text, inside the cell's border.
        const y = want.cells > 0 ? bar.y - bar.h / 2 + 6 : bar.y;
        expect(pixelAt(png, bar.x * scale, y * scale)).toBe(bar.fill);
      } else {
        // Lines: a solid run of the first series colour, at least a long stroke's worth.
        expect(counts.get(first) ?? 0).toBeGreaterThan(400);
      }
    },
  );
});

describe('charts without issuer files', () => {
  const spec: ChartInput = {
    kind: 'bars',
    title: 'T: a message',
    series: [{ name: 'A', points: [{ x: 'X', y: 0.1 }, { x: 'Y', y: -0.05 }] }],
  };

  it('is pure: the same spec and options give the same vega-lite spec, and no input is changed', () => {
    const before = JSON.stringify(spec);
    const options = { lang: 'en' as const, theme: 'light' as const, source: 'x' };
    expect(JSON.stringify(chartToVegaLite(spec, options))).toBe(JSON.stringify(chartToVegaLite(spec, options)));
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('refuses a chart with no points, saying which', () => {
    expect(() => chartToVegaLite({ kind: 'bars', title: 'empty', series: [{ name: 'A', points: [] }] }, { lang: 'en', theme: 'light', source: '' })).toThrow(/empty/);
  });

  it('refuses a running total without one total per point', () => {
    const bad: ChartInput = { kind: 'running-total', title: 'short', series: [{ name: 'A', points: [{ x: 'X', y: 0.1 }, { x: 'Y', y: 0.05 }] }], line: { name: 'sum', points: [{ x: 'X', y: 0.1 }] } };
    expect(() => chartToVegaLite(bad, { lang: 'en', theme: 'light', source: '' })).toThrow(/one total per point/);
  });

  it('draws Japanese as glyphs, not boxes: different kanji give different shapes', () => {
    // A missing glyph is drawn as the same .notdef box (or nothing) whatever the character, so two
    // different characters rendering differently, and with ink, proves the font has them.
    const draw = (s: string) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#fff"/><text x="10" y="45" font-family="Noto Sans JP" font-size="40">${s}</text></svg>`;
      const image = new Resvg(textToPaths(svg), { font: { loadSystemFonts: false } }).render();
      return { width: image.width, height: image.height, rgba: image.pixels };
    };
    const [mei, gara, box] = [draw('銘'), draw('柄'), draw('\u{E000}')];
    expect(inkCount(mei, '#ffffff')).toBeGreaterThan(200);
    expect(inkCount(gara, '#ffffff')).toBeGreaterThan(200);
    expect(mei.rgba.equals(gara.rgba)).toBe(false);
    expect(mei.rgba.equals(box.rgba)).toBe(false);
  });
});
