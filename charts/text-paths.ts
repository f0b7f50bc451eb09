import { glyphFor, UNITS, type Face, type Glyph, type GlyphChoice, type Weight } from './fonts.ts';

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
  const ids = new Map<Glyph, string>();
  const drawn = svg.replace(/<text\b([^>]*)>([\s\S]*?)<\/text>/g, (_, attrs: string, body: string) => textElement(attributes(attrs), body, ids));
  if (ids.size === 0) return drawn;
  const defs = [...ids].map(([glyph, id]) => `<path id="${id}" d="${glyph.d}"/>`).join('');
  return drawn.replace(/<svg\b[^>]*>/, (open) => `${open}<defs>${defs}</defs>`);
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

function textElement(a: Map<string, string>, body: string, ids: Map<Glyph, string>): string {
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
    d += lineOutline(line.text, x0, y, size, weight, anchor, ids);
  }
  const keep = ['transform', 'fill', 'opacity', 'fill-opacity', 'stroke', 'stroke-width'].flatMap((k) => (a.has(k) ? [`${k}="${a.get(k)}"`] : []));
  if (!a.has('fill')) keep.push('fill="#000"');
  return d ? `<g ${keep.join(' ')}>${d}</g>` : '';
}

/** One line's glyphs, each a `<use>` of its outline, the line's left edge placed by the anchor (start, middle, end). */
function lineOutline(text: string, x: number, y: number, size: number, weight: Weight, anchor: string, ids: Map<Glyph, string>): string {
  // What every glyph of the line shares, formatted once.
  const tail = ` ${+y.toFixed(2)}) scale(${+(size / UNITS).toFixed(5)})"/>`;
  const use = (glyph: Glyph, gx: number) => {
    let id = ids.get(glyph);
    if (!id) ids.set(glyph, (id = `glyph${ids.size}`));
    return `<use href="#${id}" transform="translate(${+gx.toFixed(2)}${tail}`;
  };
  const glyphs: (GlyphChoice & { ch: string })[] = [];
  for (const ch of text) if (ch !== '\n' && ch !== '\t') glyphs.push({ ...glyphFor(ch, weight), ch });
  const at: number[] = [];
  let pen = 0;
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i]!;
    const prev = glyphs[i - 1];
    if (prev && prev.font === g.font) pen += kerning(g.font, prev.glyph, g.glyph) * (size / g.font.unitsPerEm);
    at.push(pen);
    pen += g.glyph.advanceWidth * (size / g.font.unitsPerEm);
  }
  const left = x + (anchor === 'middle' ? -pen / 2 : anchor === 'end' ? -pen : 0);
  let out = '';
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i]!;
    out += g.ch === ELLIPSIS && latin(glyphs[i - 1]?.ch) ? ellipsis(g, weight, left + at[i]!, size, use) : use(g.glyph, left + at[i]!);
  }
  return out;
}

const ELLIPSIS = '\u2026';
const latin = (ch: string | undefined) => ch !== undefined && ch.codePointAt(0)! < 0x2e80;

/** Pair kerning in font units, looked up once per pair (opentype.js walks the GPOS lookups each time). */
const kerns = new WeakMap<Glyph, Map<Glyph, number>>();
function kerning(font: Face, left: Glyph, right: Glyph): number {
  let row = kerns.get(left);
  if (!row) kerns.set(left, (row = new Map()));
  let k = row.get(right);
  if (k === undefined) row.set(right, (k = font.getKerningValue(left, right)));
  return k;
}

/**
 * Noto Sans JP maps … to the CJK ellipsis (dots at mid-height), which resvg drew after Japanese; after
 * Latin text (vega's truncation of "Taiwan Semiconduct…") it drew dots on the baseline. Three periods
 * spread over its advance draw the same.
 */
function ellipsis(g: GlyphChoice, weight: Weight, x: number, size: number, use: (glyph: Glyph, x: number) => string): string {
  const dot = glyphFor('.', weight);
  const third = (g.glyph.advanceWidth * size) / g.font.unitsPerEm / 3;
  const inset = (third - (dot.glyph.advanceWidth * size) / dot.font.unitsPerEm) / 2;
  return [0, 1, 2].map((k) => use(dot.glyph, x + k * third + inset)).join('');
}
