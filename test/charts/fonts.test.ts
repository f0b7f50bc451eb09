import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { fontOptions } from '../../charts/fonts.ts';
import { renderSvg, svgText } from '../../charts/render.ts';
import { inkCount } from './pixels.ts';

/** One character drawn large with the given font options. */
function draw(ch: string, font: ReturnType<typeof fontOptions>) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#fff"/><text x="10" y="45" font-family="Noto Sans JP" font-size="40">${ch}</text></svg>`;
  const image = new Resvg(svg, { font }).render();
  return { width: image.width, height: image.height, rgba: image.pixels };
}

describe('chart fonts: the fast subset where it covers the text, the full font where it does not', () => {
  it('picks the subset for Latin, kana and level-1 kanji, and the full font for a rarer kanji', () => {
    expect(fontOptions('NVDA 7.84% 集中度 トヨタ 三菱ＵＦＪ').fontFiles!.every((f) => f.includes('subset'))).toBe(true);
    expect(fontOptions('髙島屋').fontFiles!.some((f) => f.includes('subset'))).toBe(false);
  });

  it('the subset lacks 髙 and 鑽 (both draw the same placeholder), the font chosen for them draws two real glyphs', () => {
    const subset = fontOptions('');
    const a = draw('髙', subset);
    const b = draw('鑽', subset);
    expect(a.rgba.equals(b.rgba)).toBe(true);
    const chosen = fontOptions('髙鑽');
    const c = draw('髙', chosen);
    const d = draw('鑽', chosen);
    expect(c.rgba.equals(d.rgba)).toBe(false);
    expect(inkCount(c, '#ffffff')).toBeGreaterThan(200);
  });

  it('reads every label out of a real chart SVG, entities decoded', async () => {
    const svg = await renderSvg(
      { kind: 'bars', title: 'TEST <A&B>', series: [{ name: 'S', points: [{ x: '髙島屋', y: 0.1 }] }] },
      { lang: 'ja', theme: 'light', source: '出典' },
    );
    const text = svgText(svg);
    expect(text).toContain('TEST <A&B>');
    expect(text).toContain('髙島屋');
    expect(text).toContain('出典');
  });
});
