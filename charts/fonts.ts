import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import opentype, { type Font } from 'opentype.js';

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

/**
 * What drawing a character needs, taken out of the parsed font: its advance and outline at UNITS to
 * the em, and its glyph index (for kerning). Small: the font it came from can be dropped.
 */
export interface Glyph {
  index: number;
  advanceWidth: number;
  /** SVG path data at UNITS to the em, y flipped for SVG (opentype.js). */
  d: string;
}

/** Pair kerning between two glyphs of one face, in UNITS (0 where the face has none). */
export interface Face {
  unitsPerEm: number;
  getKerningValue(left: Glyph, right: Glyph): number;
}

/** A face to draw one character with, and the glyph it has for it. */
export interface GlyphChoice {
  font: Face;
  glyph: Glyph;
}

/**
 * A font file, parsed while characters are being looked up in it and dropped 30 s after the last
 * look-up, while a process draws the same few hundred characters again and again, from `chosen`.
 * Parsed with opentype.js's `lowMemory` (glyphs and character map read from the file when asked
 * for): the 1.4 MB subset holds ~1.5 MB of heap per weight instead of ~9.5 MB, the 5.4 MB full face
 * ~7 MB instead of ~34 MB, and parses in ~11 ms and ~80 ms instead of ~60 ms and ~250 ms.
 */
interface Held {
  file: string;
  font?: Font;
  timer?: NodeJS.Timeout;
}
const IDLE_MS = 30_000;

function parsed(held: Held): Font {
  if (held.timer) clearTimeout(held.timer);
  if (!held.font) {
    if (!existsSync(held.file)) throw new Error(`chart font missing (${held.file}): run npm ci to install @expo-google-fonts/noto-sans-jp`);
    const bytes = readFileSync(held.file);
    held.font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), { lowMemory: true });
  }
  held.timer = setTimeout(() => (held.font = held.timer = undefined), IDLE_MS).unref();
  return held.font;
}

/** A glyph of `font`, copied out of it: advance and outline at UNITS to the em. */
function copy(font: Font, index: number): Glyph {
  const glyph = font.glyphs.get(index);
  return { index, advanceWidth: ((glyph.advanceWidth ?? 0) * UNITS) / font.unitsPerEm, d: glyph.getPath(0, 0, UNITS).toPathData(0) };
}

/**
 * A subset weight: the file, and once parsed, its kerning. Only the GPOS kerning lookups are kept
 * past the font (~0.5 MB): opentype.js's own pair look-up runs on them without the font.
 */
interface Subset extends Held {
  face?: Face;
}
const subsets: Subset[] = SUBSET.map((file) => ({ file: path.join(ASSETS, file) }));
const fulls: Held[] = FULL.map((file) => ({ file: path.join(path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp')), file) }));

/** Font files parsed and held now (tests check they are dropped when idle). */
export function parsedFonts(): number {
  return [...subsets, ...fulls].filter((held) => held.font).length;
}

function subsetFace(held: Subset, font: Font): Face {
  if (!held.face) {
    const position = (font as unknown as { position: { defaultKerningTables?: unknown } }).position;
    const lookups = position.defaultKerningTables;
    const pairs = Object.getPrototypeOf(position) as { getKerningValue(lookups: unknown, left: number, right: number): number };
    const scale = UNITS / font.unitsPerEm;
    // getKerningValue reads only the lookups it is given (and Layout's coverage/class helpers).
    const detached = Object.create(pairs) as typeof pairs;
    held.face = { unitsPerEm: UNITS, getKerningValue: (left, right) => (lookups ? detached.getKerningValue(lookups, left.index, right.index) * scale : 0) };
  }
  return held.face;
}

/** Glyphs of the full face: drawn without kerning (rare kanji beside each other or beside the subset's). */
const UNKERNED: Face = { unitsPerEm: UNITS, getKerningValue: () => 0 };

/**
 * The glyph that draws `ch` in Noto Sans JP of the given weight, made once per process and kept
 * (resvg-js 2.6 re-read the font files for every label of every chart: ~2.5 ms a label). The 1.4 MB
 * subset (Latin, kana, level-1 kanji: nearly every label) is looked in first; the full 5.4 MB face
 * from npm only when a label has a character the subset lacks (e.g. a company's rare kanji). A
 * character neither has gets the subset's placeholder glyph (.notdef). Fonts are parsed for a
 * look-up and dropped when none has come for 30 s; the glyphs made stay, at most CHOSEN of them.
 */
export function glyphFor(ch: string, weight: Weight): GlyphChoice {
  const key = weight + ch;
  let choice = chosen.get(key);
  if (!choice) {
    choice = choose(ch, weight);
    if (chosen.size >= CHOSEN) chosen.clear();
    chosen.set(key, choice);
  }
  return choice;
}
/** Glyphs kept: both weights of the whole subset (~3,700 characters) fit, with room for rare kanji. */
export const CHOSEN = 10_000;
const chosen = new Map<string, GlyphChoice>();

function choose(ch: string, weight: Weight): GlyphChoice {
  const held = subsets[weight]!;
  const subset = existsSync(held.file) ? parsed(held) : null;
  const index = subset ? subset.charToGlyphIndex(ch) : 0;
  if (subset && index > 0) return { font: subsetFace(held, subset), glyph: copy(subset, index) };
  const full = parsed(fulls[weight]!);
  const inFull = full.charToGlyphIndex(ch);
  if (inFull > 0 || !subset) return { font: UNKERNED, glyph: copy(full, inFull) };
  return { font: subsetFace(held, subset), glyph: copy(subset, 0) };
}
