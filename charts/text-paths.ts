import { glyphFor, type GlyphChoice, type Weight } from './fonts.ts';

/**
 * vega's SVG with every `<text>` replaced by the outline of its glyphs (`<path>`), laid out with
 * Noto Sans JP's own advances and kerning, so resvg draws shapes only and needs no font at all.
 * resvg turns text into these same outlines itself, but resvg-js 2.6 re-reads the font files for
 * every label; here fonts are parsed once per process (fonts.ts).
 *
 * Handles what vega writes: `text-anchor`, `transform` (the baseline origin, maybe rotated),
 * `font-size`, `font-weight`, `fill`, `opacity`/`fill-opacity`, and multi-line text as `<tspan>`s
 * with `x` and `dy`. Purely textual: the picture's geometry is vega's.
 */
export function textToPaths(svg: string): string {
  return svg.replace(/<text\b([^>]*)>([\s\S]*?)<\/text>/g, (_, attrs: string, body: string) => textElement(attributes(attrs), body));
}

function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(/([\w:-]+)="([^"]*)"/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** The five XML entities and numeric references, decoded (vega escapes labels). */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:(amp|lt|gt|quot|apos|#39)|#x([0-9a-f]+)|#(\d+));/gi, (e, named: string | undefined, hex: string | undefined, dec: string | undefined) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" } as Record<string, string>)[named!] ?? e;
  });
}

interface Line {
  text: string;
  /** Where the line starts (tspan `x`), else after the previous line. */
  x: number | null;
  dy: number;
}

function linesOf(body: string): Line[] {
  if (!body.includes('<tspan')) return [{ text: decodeEntities(body), x: null, dy: 0 }];
  return [...body.matchAll(/<tspan\b([^>]*)>([^<]*)<\/tspan>/g)].map((m) => {
    const a = attributes(m[1]!);
    return { text: decodeEntities(m[2]!), x: a.has('x') ? Number(a.get('x')) : null, dy: Number(a.get('dy') ?? 0) };
  });
}

function textElement(a: Map<string, string>, body: string): string {
  const size = parseFloat(a.get('font-size') ?? '') || 12;
  const fw = a.get('font-weight');
  const weight: Weight = fw === 'bold' || fw === 'bolder' || Number(fw) >= 600 ? 1 : 0;
  const anchor = a.get('text-anchor') ?? 'start';
  let y = Number(a.get('y') ?? 0);
  let x0 = Number(a.get('x') ?? 0);
  let d = '';
  for (const line of linesOf(body)) {
    y += line.dy;
    if (line.x !== null) x0 = line.x;
    d += lineOutline(line.text, x0, y, size, weight, anchor);
  }
  const keep = ['transform', 'fill', 'opacity', 'fill-opacity', 'stroke', 'stroke-width'].flatMap((k) => (a.has(k) ? [`${k}="${a.get(k)}"`] : []));
  if (!a.has('fill')) keep.push('fill="#000"');
  return d ? `<path ${keep.join(' ')} d="${d}"/>` : '';
}

/** One line's glyph outlines, its left edge placed by the anchor (start, middle, end). */
function lineOutline(text: string, x: number, y: number, size: number, weight: Weight, anchor: string): string {
  const glyphs = [...text].filter((ch) => ch !== '\n' && ch !== '\t').map((ch) => ({ ...glyphFor(ch, weight), ch }));
  const at: number[] = [];
  let pen = 0;
  glyphs.forEach((g, i) => {
    const prev = glyphs[i - 1];
    if (prev && prev.font === g.font) pen += g.font.getKerningValue(prev.glyph, g.glyph) * (size / g.font.unitsPerEm);
    at.push(pen);
    pen += (g.glyph.advanceWidth ?? 0) * (size / g.font.unitsPerEm);
  });
  const shift = anchor === 'middle' ? -pen / 2 : anchor === 'end' ? -pen : 0;
  return glyphs.map((g, i) => (g.ch === ELLIPSIS ? ellipsis(g, weight, x + shift + at[i]!, y, size) : g.glyph.getPath(x + shift + at[i]!, y, size).toPathData(2))).join('');
}

const ELLIPSIS = '\u2026';

/**
 * Noto Sans JP maps … to the CJK ellipsis (dots at mid-height); shaped for a Latin label, as vega's
 * truncation ellipsis is, resvg drew dots on the baseline. Three periods spread over its advance
 * draw the same.
 */
function ellipsis(g: GlyphChoice, weight: Weight, x: number, y: number, size: number): string {
  const dot = glyphFor('.', weight);
  const third = ((g.glyph.advanceWidth ?? 0) * size) / g.font.unitsPerEm / 3;
  const inset = (third - ((dot.glyph.advanceWidth ?? 0) * size) / dot.font.unitsPerEm) / 2;
  return [0, 1, 2].map((k) => dot.glyph.getPath(x + k * third + inset, y, size).toPathData(2)).join('');
}
