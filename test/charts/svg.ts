import { BOLD_WIDTH } from '../../charts/text-width.ts';

/** Small readers over vega's SVG output, enough to count marks and find where a bar was drawn. */

/** Visible lines of text: one per <text>, or one per <tspan> where vega wrote several lines. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].flatMap((m) => {
    const spans = [...m[1]!.matchAll(/<tspan\b[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]!);
    return (spans.length > 0 ? spans : [m[1]!]).map(unescape);
  });
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Bar items (vega marks each with aria-roledescription="bar"). */
export function bars(svg: string): string[] {
  return [...svg.matchAll(/<path\b[^>]*aria-roledescription="bar"[^>]*>/g)].map((m) => m[0]);
}

/** Items of line marks: one <path> per series line. */
export function lineCount(svg: string): number {
  let n = 0;
  for (const m of svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/g)) n += (m[1]!.match(/<path\b/g) ?? []).length;
  return n;
}

export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg\b[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('no svg size');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * Centre of the first bar in SVG coordinates: the bar's own box (its path is "M x,y h w v h …")
 * plus every enclosing group's translate. Vega nests groups with translate() only.
 */
export function firstBarCentre(svg: string, role: 'bar' | 'rect mark' = 'bar'): { x: number; y: number; w: number; h: number; fill: string } {
  const stack: [number, number][] = [];
  let dx = 0;
  let dy = 0;
  for (const m of svg.matchAll(/<(\/?)(g|path)\b([^>]*?)(\/?)>/g)) {
    const [, close, tag, attrs = '', selfClose] = m;
    if (tag === 'g') {
      if (close) [dx, dy] = stack.pop() ?? [0, 0];
      else {
        stack.push([dx, dy]);
        const t = /transform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(attrs);
        if (t) [dx, dy] = [dx + Number(t[1]), dy + Number(t[2])];
      }
      continue;
    }
    if (!selfClose || !attrs.includes(`aria-roledescription="${role}"`)) continue;
    const d = /d="M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)/.exec(attrs);
    const fill = /fill="(#[0-9a-fA-F]{6}|rgb\(\d+, \d+, \d+\))"/.exec(attrs);
    if (!d || !fill) throw new Error(`unexpected bar path: ${attrs}`);
    const [x, y, w, h] = [1, 2, 3, 4].map((i) => Number(d[i]));
    return { x: dx + x! + w! / 2, y: dy + y! + h! / 2, w: Math.abs(w!), h: Math.abs(h!), fill: hex(fill[1]!) };
  }
  throw new Error(`no ${role} in the SVG`);
}

/** "#AABBCC" or "rgb(170, 187, 204)" → "#aabbcc". */
function hex(colour: string): string {
  const rgb = /rgb\((\d+), (\d+), (\d+)\)/.exec(colour);
  return rgb ? `#${[rgb[1], rgb[2], rgb[3]].map((c) => Number(c).toString(16).padStart(2, '0')).join('')}` : colour.toLowerCase();
}

/** A drawn line of text and the box it covers, in SVG coordinates. */
export interface TextBox {
  text: string;
  fontSize: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Every visible text of the SVG with its box, from the layout vega wrote: the enclosing groups'
 * translations, the text's own translate and rotation, its anchor and font size, and its width by
 * the same estimate vega laid it out with. Text that vega hid (opacity 0) is left out. The box
 * runs from the cap height above the baseline to the descender below it.
 */
export function textBoxes(svg: string, width: (text: string, fontSize: number) => number): TextBox[] {
  const out: TextBox[] = [];
  const stack: [number, number][] = [];
  let dx = 0;
  let dy = 0;
  for (const m of svg.matchAll(/<(\/?)(g|text)\b([^>]*?)(\/?)>(?:((?:[^<]|<\/?tspan\b[^>]*>)*)<\/text>)?/g)) {
    const [, close, tag, attrs = '', selfClose, body = ''] = m;
    if (tag === 'g') {
      if (selfClose) continue;
      if (close) [dx, dy] = stack.pop() ?? [0, 0];
      else {
        stack.push([dx, dy]);
        const t = /transform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(attrs);
        if (t) [dx, dy] = [dx + Number(t[1]), dy + Number(t[2])];
      }
      continue;
    }
    if (close || /opacity="0"/.test(attrs)) continue;
    // Several lines are <tspan>s, each dy below the one before.
    const spans = [...body.matchAll(/<tspan\b([^>]*)>([^<]*)<\/tspan>/g)];
    const lines = spans.length > 0 ? spans.map((s) => ({ text: unescape(s[2]!), dy: Number(/dy="([-\d.e]+)"/.exec(s[1]!)?.[1] ?? 0) })) : [{ text: unescape(body), dy: 0 }];
    let lineY = 0;
    for (const line of lines) {
      lineY += line.dy;
      const box = textBox(line.text, attrs, dx, dy + lineY, width);
      if (box) out.push(box);
    }
  }
  return out;
}

function textBox(text: string, attrs: string, dx: number, dy: number, width: (text: string, fontSize: number) => number): TextBox | null {
  {
    if (!text.trim()) return null;
    const fontSize = Number(/font-size="([\d.]+)px"/.exec(attrs)?.[1] ?? 11);
    const anchor = /text-anchor="(start|middle|end)"/.exec(attrs)?.[1] ?? 'start';
    // The transform list (vega writes "translate(x,y) rotate(a) translate(0,d)"), applied to a point
    // from the last operation to the first, as SVG does.
    const ops = [...(/transform="([^"]*)"/.exec(attrs)?.[1] ?? '').matchAll(/(translate|rotate)\(([^)]*)\)/g)].map((m) => ({ op: m[1]!, args: m[2]!.split(/[\s,]+/).map(Number) }));
    const place = (px: number, py: number): readonly [number, number] => {
      let [x, y] = [px, py];
      for (const { op, args } of [...ops].reverse()) {
        if (op === 'translate') [x, y] = [x + (args[0] ?? 0), y + (args[1] ?? 0)];
        else {
          const r = ((args[0] ?? 0) * Math.PI) / 180;
          [x, y] = [x * Math.cos(r) - y * Math.sin(r), x * Math.sin(r) + y * Math.cos(r)];
        }
      }
      return [dx + x, dy + y];
    };
    const w = width(text, fontSize) * (/font-weight="bold"/.test(attrs) ? BOLD_WIDTH : 1);
    const start = anchor === 'end' ? -w : anchor === 'middle' ? -w / 2 : 0;
    // Corners of the box around the baseline: cap height above, descender below.
    const corners = [
      place(start, -0.75 * fontSize),
      place(start + w, -0.75 * fontSize),
      place(start, 0.2 * fontSize),
      place(start + w, 0.2 * fontSize),
    ];
    return {
      text,
      fontSize,
      x0: Math.min(...corners.map((c) => c[0])),
      y0: Math.min(...corners.map((c) => c[1])),
      x1: Math.max(...corners.map((c) => c[0])),
      y1: Math.max(...corners.map((c) => c[1])),
    };
  }
}

/** Pairs of text boxes that overlap by more than `tolerance` px both ways. */
export function overlaps(boxes: readonly TextBox[], tolerance = 0.5): [TextBox, TextBox][] {
  const out: [TextBox, TextBox][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (w > tolerance && h > tolerance) out.push([a, b]);
    }
  }
  return out;
}
