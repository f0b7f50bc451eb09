import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import opentype, { type Font, type Glyph } from 'opentype.js';

/** Regular for labels, Bold for titles: the two weights vega asks for. */
const FULL = ['400Regular/NotoSansJP_400Regular.ttf', '700Bold/NotoSansJP_700Bold.ttf'] as const;
/** The same two weights cut down by scripts/subset-chart-font.py (1.4 MB instead of 5.4 MB each). */
const SUBSET = ['NotoSansJP-Regular-subset.ttf', 'NotoSansJP-Bold-subset.ttf'] as const;
/** assets/fonts at the repository root, found from charts/ (the sources) or from any depth of dist/ (the build). */
const ASSETS = path.join(packageRoot(import.meta.dirname), 'assets', 'fonts');

function packageRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return path.dirname(dir);
  }
}

export type Weight = 0 | 1;

/** The size outlines are made at (integers suffice), scaled to each label's font size. */
export const UNITS = 1000;

/** What laying out and drawing a glyph needs of its face: opentype.js's Font, or the stand-in below. */
export interface Face {
  unitsPerEm: number;
  getKerningValue(left: Glyph, right: Glyph): number;
}

/** A face to draw one character with, and the glyph it has for it. */
export interface GlyphChoice {
  font: Face;
  glyph: Glyph;
}

const faces = new Map<string, Font>();

function face(file: string, keep = true): Font {
  let font = faces.get(file);
  if (!font) {
    if (!existsSync(file)) throw new Error(`chart font missing (${file}): run npm ci to install @expo-google-fonts/noto-sans-jp`);
    const bytes = readFileSync(file);
    font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (keep) faces.set(file, font);
  }
  return font;
}

const subsets: (Font | null | undefined)[] = [];
function subsetFace(weight: Weight): Font | null {
  if (subsets[weight] === undefined) {
    const file = path.join(ASSETS, SUBSET[weight]);
    subsets[weight] = existsSync(file) ? face(file) : null;
  }
  return subsets[weight];
}

/**
 * The full face, parsed when a character is missing from the subset and dropped 30 s after its last
 * use: parsed, one weight holds ~40 MB of heap, for a few rare kanji a process may draw once a day.
 */
const fullFaces: ({ font: Font; timer: NodeJS.Timeout } | undefined)[] = [];
function fullFace(weight: Weight): Font {
  let held = fullFaces[weight];
  if (held) clearTimeout(held.timer);
  const font = held?.font ?? face(path.join(path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp')), FULL[weight]), false);
  fullFaces[weight] = held = { font, timer: setTimeout(() => (fullFaces[weight] = undefined), 30_000).unref() };
  return held.font;
}

/** A glyph of the full face, detached from it: its advance and its outline, made now. */
const DETACHED: Face = { unitsPerEm: UNITS, getKerningValue: () => 0 };
function detach(font: Font, glyph: Glyph): GlyphChoice {
  const stub: Glyph = {
    advanceWidth: ((glyph.advanceWidth ?? 0) * UNITS) / font.unitsPerEm,
    getPath: () => {
      throw new Error('a detached glyph has only its outline (outlineOf)');
    },
  };
  outlines.set(stub, outlineOf(glyph));
  return { font: DETACHED, glyph: stub };
}

/** Each glyph's outline at 1000 units to the em (y flipped for SVG by opentype.js), made once per process. */
const outlines = new WeakMap<Glyph, string>();
export function outlineOf(glyph: Glyph): string {
  let d = outlines.get(glyph);
  if (d === undefined) {
    d = glyph.getPath(0, 0, UNITS).toPathData(0);
    outlines.set(glyph, d);
  }
  return d;
}

/**
 * The glyph that draws `ch` in Noto Sans JP of the given weight. Fonts are read and parsed once per
 * process (resvg-js 2.6 re-read the font files for every label of every chart: ~2.5 ms a label).
 * The 1.4 MB subset (Latin, kana, level-1 kanji: nearly every label) is parsed first; the full 5.4 MB
 * face from npm only when a label has a character the subset lacks (e.g. a company's rare kanji),
 * character by character. A character neither has gets the subset's placeholder glyph (.notdef).
 */
export function glyphFor(ch: string, weight: Weight): GlyphChoice {
  const key = weight + ch;
  let choice = chosen.get(key);
  if (!choice) {
    choice = choose(ch, weight);
    chosen.set(key, choice);
  }
  return choice;
}
const chosen = new Map<string, GlyphChoice>();

function choose(ch: string, weight: Weight): GlyphChoice {
  const subset = subsetFace(weight);
  if (subset && subset.charToGlyphIndex(ch) > 0) return { font: subset, glyph: subset.charToGlyph(ch) };
  const full = fullFace(weight);
  if (full.charToGlyphIndex(ch) > 0 || !subset) return detach(full, full.charToGlyph(ch));
  return { font: subset, glyph: subset.glyphs.get(0) };
}
