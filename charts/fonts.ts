import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { FONT_FAMILY } from './theme.ts';

/** Regular for labels, Bold for titles: the two weights vega asks for. */
const FULL = ['400Regular/NotoSansJP_400Regular.ttf', '700Bold/NotoSansJP_700Bold.ttf'];
/** The same two weights cut down by scripts/subset-chart-font.py (1.4 MB instead of 5.4 MB each). */
const SUBSET = ['NotoSansJP-Regular-subset.ttf', 'NotoSansJP-Bold-subset.ttf'];
/** assets/fonts at the repository root, found from charts/ (the sources) or from any depth of dist/ (the build). */
const ASSETS = path.join(packageRoot(import.meta.dirname), 'assets', 'fonts');

function packageRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return path.dirname(dir);
  }
}

type FontOptions = NonNullable<ResvgRenderOptions['font']>;
let full: FontOptions | undefined;
let subset: { options: FontOptions; covers: Set<string> } | null | undefined;

function optionsFor(fontFiles: string[]): FontOptions {
  return Object.freeze({ fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY });
}

/**
 * resvg's font options, resolved once per process. There are no CJK system fonts on our machines,
 * so system fonts are off and Noto Sans JP is the only family: every label, Latin or Japanese, is
 * drawn with it and never falls back to boxes.
 *
 * resvg-js 2.6 takes font *paths* and re-reads them for every render, and that read grows with the
 * font: the full 5.4 MB faces cost about 45 ms of a ~55 ms render, the 1.4 MB subsets about 12 ms.
 * So a chart whose text the subset covers (Latin, kana, level-1 kanji: nearly all) gets the subset;
 * any other chart, e.g. one naming a company with a rare kanji, gets the full font from npm.
 */
export function fontOptions(text = ''): FontOptions {
  subset ??= loadSubset();
  if (subset && [...text].every((ch) => subset!.covers.has(ch) || ch === '\n' || ch === '\t')) return subset.options;
  return fullFont();
}

function fullFont(): FontOptions {
  if (full) return full;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-jp'));
  const fontFiles = FULL.map((f) => path.join(dir, f));
  const missing = fontFiles.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`chart fonts missing (${missing.join(', ')}): run npm ci to install @expo-google-fonts/noto-sans-jp`);
  full = optionsFor(fontFiles);
  return full;
}

function loadSubset(): { options: FontOptions; covers: Set<string> } | null {
  const files = SUBSET.map((f) => path.join(ASSETS, f));
  const chars = path.join(ASSETS, 'subset-chars.txt');
  if (!files.every(existsSync) || !existsSync(chars)) return null;
  return { options: optionsFor(files), covers: new Set(readFileSync(chars, 'utf8')) };
}
