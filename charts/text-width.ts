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
    if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60)) em += 1;
    else if (ch === ' ') em += 0.23;
    else if (/[ilj.,:;'|!()\[\]\/]/.test(ch)) em += 0.28;
    else if (/[mwMW%@]/.test(ch)) em += 0.85;
    else if (/[A-Z]/.test(ch)) em += 0.65;
    else if (/[0-9]/.test(ch)) em += 0.57;
    else em += 0.53;
  }
  return em * fontSize;
}

interface TextItem {
  fontSize?: number;
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
    return estimateWidth(line, item.fontSize != null ? Number(item.fontSize) || 0 : 11);
  };
  installed = true;
}
