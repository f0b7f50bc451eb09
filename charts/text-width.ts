import * as vega from 'vega';

/**
 * Text widths for vega's layout (legend spacing, label limits, title bounds). Without a canvas,
 * vega guesses 0.8 em per character: too wide for Latin text and too narrow for Japanese, whose
 * glyphs are a full em, so Japanese titles and legends overran their space. These per-character
 * advances are close to Noto Sans JP's own. Layout only: no figure is computed here.
 */
export function estimateWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    // CJK, full-width forms, and the symbols a Japanese font draws a full em wide: arrows (→),
    // math signs (×), the em dash and ellipsis (—, …), box drawing.
    if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60)) em += 1;
    else if ((c >= 0x2190 && c <= 0x22ff) || (c >= 0x2500 && c <= 0x25ff) || c === 0x2014 || c === 0x2026 || c === 0xd7) em += 1;
    else if (ch === ' ') em += 0.23;
    else if (/[ilj.,:;'|!()\[\]\/]/.test(ch)) em += 0.28;
    else if (/[mwMW%@]/.test(ch)) em += 0.85;
    else if (/[A-Z]/.test(ch)) em += 0.65;
    else if (/[0-9]/.test(ch)) em += 0.57;
    else em += 0.53;
  }
  return em * fontSize;
}

/** Noto Sans JP Bold runs up to ~5% wider than the regular advances above (measured with resvg). */
export const BOLD_WIDTH = 1.06;

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}
interface TextMetrics {
  width: (item: TextItem, text: string) => number;
}

let installed = false;
/**
 * Points vega's text measurement at `estimateWidth`. vega supports replacing `textMetrics.width`
 * (vl-convert does the same); it is process-wide, so it is done once, and only the estimate is
 * replaced: with no canvas in Node there is no measurement to lose.
 */
export function installTextWidth(): void {
  if (installed) return;
  const metrics = (vega as unknown as { textMetrics?: TextMetrics }).textMetrics;
  if (!metrics) throw new Error('vega.textMetrics is missing: the installed vega is not the 5.x this module was written for.');
  metrics.width = (item, text) => {
    const line = text == null ? '' : String(text).trim();
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    const width = estimateWidth(line, item.fontSize != null ? Number(item.fontSize) || 0 : 11) * (bold ? BOLD_WIDTH : 1);
    // A label with a limit is drawn cut to it (vega's own width does the same): without this, the
    // layout kept room for the whole of a long name and pushed the chart 150 px to the right.
    // vega's truncation asks whether a width is *below* the limit, so capping at it keeps that exact.
    const limit = Number(item.limit) || 0;
    return limit > 0 ? Math.min(width, limit) : width;
  };
  installed = true;
}

/**
 * Breaks a line of text into lines no wider than `maxWidth` (by `estimateWidth`), after a space or
 * Japanese punctuation where it can, else between any two characters (a long file name). Used for
 * titles and the source line, which must be shown whole, never cut off.
 */
export function wrapText(text: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const token of text.split(/(?<=[\s、・：，）)_])/)) {
    if (estimateWidth((line + token).trim(), fontSize) <= maxWidth) {
      line += token;
      continue;
    }
    push();
    for (const ch of token) {
      if (estimateWidth(line + ch, fontSize) > maxWidth) push();
      line += ch;
    }
  }
  push();
  return lines.length > 0 ? lines : [''];
}
