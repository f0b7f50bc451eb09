import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import opentype from 'opentype.js';
import { describe, expect, it, vi } from 'vitest';
import { glyphFor, parsedFonts, UNITS } from '../../charts/fonts.ts';
import { renderSvg } from '../../charts/render.ts';
import { decodeEntities, textToPaths } from '../../charts/text-paths.ts';
import { inkCount } from './pixels.ts';

const SUBSET = ['assets/fonts/NotoSansJP-Regular-subset.ttf', 'assets/fonts/NotoSansJP-Bold-subset.ttf'];
const svgOf = (w: number, h: number, body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#fff"/>${body}</svg>`;

/** The SVG drawn as the charts draw it: text turned into outlines, resvg given no font at all. */
function drawOutlined(svg: string) {
  const image = new Resvg(textToPaths(svg), { font: { loadSystemFonts: false, fontFiles: [] } }).render();
  return { width: image.width, height: image.height, rgba: image.pixels };
}
/** The same SVG drawn by resvg's own text engine with the subset font (how charts were drawn before). */
function drawByResvg(svg: string) {
  const image = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: SUBSET, defaultFontFamily: 'Noto Sans JP' } }).render();
  return { width: image.width, height: image.height, rgba: image.pixels };
}
const char = (ch: string) => drawOutlined(svgOf(120, 60, `<text transform="translate(10,45)" font-family="Noto Sans JP" font-size="40">${ch}</text>`));

/** Pixels whose red differs by more than a quarter of the range. */
function differing(a: { rgba: Buffer }, b: { rgba: Buffer }): number {
  let n = 0;
  for (let i = 0; i < a.rgba.length; i += 4) if (Math.abs(a.rgba[i]! - b.rgba[i]!) > 64) n++;
  return n;
}

describe('chart text as glyph outlines: fonts parsed once, the subset first, the full face for what it lacks', () => {
  // First: no font is parsed yet, so every one parsed here is timed by the fake clock.
  it('keeps glyphs, not fonts: a parsed font is dropped 30 s after its last look-up; outlines, advances and kerning stay', () => {
    vi.useFakeTimers();
    try {
      const nu = glyphFor('ぬ', 0);
      expect(parsedFonts()).toBeGreaterThan(0);
      vi.advanceTimersByTime(30_001);
      expect(parsedFonts()).toBe(0);
      // Asked again, the same glyph, without parsing the font again.
      expect(glyphFor('ぬ', 0)).toBe(nu);
      expect(parsedFonts()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    // What was kept is what opentype.js gives from the font itself, parsed here on its own.
    const bytes = readFileSync(SUBSET[0]!);
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const scale = UNITS / font.unitsPerEm;
    for (const ch of ['A', 'ぬ', '銘']) {
      const { glyph } = glyphFor(ch, 0);
      expect(glyph.d).toBe(font.charToGlyph(ch).getPath(0, 0, UNITS).toPathData(0));
      expect(glyph.advanceWidth).toBeCloseTo((font.charToGlyph(ch).advanceWidth ?? 0) * scale, 6);
    }
    const [a, v, t, o] = ['A', 'V', 'T', 'o'].map((ch) => glyphFor(ch, 0));
    const kern = (l: string, r: string) => font.getKerningValue(font.charToGlyph(l), font.charToGlyph(r)) * scale;
    expect(kern('A', 'V')).toBeLessThan(0);
    expect(a!.font.getKerningValue(a!.glyph, v!.glyph)).toBe(kern('A', 'V'));
    expect(t!.font.getKerningValue(t!.glyph, o!.glyph)).toBe(kern('T', 'o'));
    expect(a!.font.getKerningValue(a!.glyph, glyphFor('ぬ', 0).glyph)).toBe(kern('A', 'ぬ'));
  });

  it('takes Latin, kana and level-1 kanji from the subset (parsed once), a rarer kanji from the full face', () => {
    const subset = glyphFor('N', 0).font;
    expect(glyphFor('集', 0).font).toBe(subset);
    expect(glyphFor('ト', 0).font).toBe(subset);
    expect(glyphFor('髙', 0).font).not.toBe(subset);
    expect(glyphFor('髙', 0).glyph).not.toBe(glyphFor('鑽', 0).glyph);
    expect(glyphFor('N', 1).font).not.toBe(subset);
  });

  it('draws 髙 and 鑽 (not in the subset) as two real glyphs, and a character no face has as the placeholder', () => {
    const [a, b, box, mei] = [char('髙'), char('鑽'), char('\u{E000}'), char('銘')];
    expect(inkCount(a, '#ffffff')).toBeGreaterThan(200);
    expect(inkCount(b, '#ffffff')).toBeGreaterThan(200);
    expect(a.rgba.equals(b.rgba)).toBe(false);
    expect(inkCount(box, '#ffffff')).toBeGreaterThan(0);
    expect(box.rgba.equals(mei.rgba)).toBe(false);
  });

  it('puts the outlines where resvg drew the text: anchors, bold, rotation, tspans, Japanese', () => {
    const body = [
      '<text transform="translate(10,30)" font-family="Noto Sans JP" font-size="14px" fill="#1d1d1f">Largest 15 of 10,024 holdings</text>',
      '<text text-anchor="middle" transform="translate(200,60)" font-family="Noto Sans JP" font-size="20px" font-weight="bold" fill="#1d1d1f">VT: top 10 = 22.3%</text>',
      '<text text-anchor="end" transform="translate(390,90)" font-family="Noto Sans JP" font-size="14px" fill="#5f6368">出典 — 上位10銘柄の比率</text>',
      '<text text-anchor="middle" transform="translate(30,200) rotate(-90)" font-family="Noto Sans JP" font-size="12px" fill="#000">Weight of the top name</text>',
      '<text text-anchor="end" transform="translate(390,130)" font-family="Noto Sans JP" font-size="13px" fill="#333"><tspan>QQQ：Invesco qqq_holdings.csv</tspan><tspan x="0" dy="16">（2025-09-26時点）</tspan></text>',
    ].join('');
    const svg = svgOf(400, 260, body);
    const ours = drawOutlined(svg);
    const theirs = drawByResvg(svg);
    const ink = inkCount(theirs, '#ffffff');
    expect(ink).toBeGreaterThan(3000);
    expect(inkCount(ours, '#ffffff')).toBeGreaterThan(ink * 0.9);
    // Anti-aliasing and sub-pixel advances differ a little; a misplaced line or anchor would differ by thousands.
    expect(differing(ours, theirs)).toBeLessThan(ink * 0.05);
  });

  it('decodes the entities vega writes, and leaves no <text> in a real chart SVG', async () => {
    expect(decodeEntities('TEST &lt;A&amp;B&gt; &#x9ad9;&#39;&quot;&#38;')).toBe('TEST <A&B> 髙\'"&');
    const svg = await renderSvg(
      { kind: 'bars', title: 'TEST <A&B>', series: [{ name: 'S', points: [{ x: '髙島屋', y: 0.1 }] }] },
      { lang: 'ja', theme: 'light', source: '出典' },
    );
    expect(svg).toContain('<text');
    const outlined = textToPaths(svg);
    expect(outlined).not.toContain('<text');
    expect(outlined).not.toContain('<tspan');
  });
});
