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
export function firstBarCentre(svg: string): { x: number; y: number; fill: string } {
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
    if (!selfClose || !attrs.includes('aria-roledescription="bar"')) continue;
    const d = /d="M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)/.exec(attrs);
    const fill = /fill="(#[0-9a-fA-F]{6})"/.exec(attrs);
    if (!d || !fill) throw new Error(`unexpected bar path: ${attrs}`);
    const [x, y, w, h] = [1, 2, 3, 4].map((i) => Number(d[i]));
    return { x: dx + x! + w! / 2, y: dy + y! + h! / 2, fill: fill[1]!.toLowerCase() };
  }
  throw new Error('no bar in the SVG');
}
