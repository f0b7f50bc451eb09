/**
 * The part of opentype.js 1.3 that charts/ uses. Its DefinitelyTyped package pulls in the DOM lib
 * (for canvas drawing), which changes fetch's and FormData's types across the whole project.
 */
declare module 'opentype.js' {
  interface Path {
    toPathData(decimalPlaces?: number): string;
  }
  interface Glyph {
    advanceWidth?: number;
    getPath(x: number, y: number, fontSize: number): Path;
  }
  interface Font {
    unitsPerEm: number;
    glyphs: { get(index: number): Glyph };
    charToGlyphIndex(ch: string): number;
    charToGlyph(ch: string): Glyph;
    getKerningValue(left: Glyph, right: Glyph): number;
  }
  /** `lowMemory`: glyphs and cmap read from the file when asked for, not built up front (~1.5 MB of heap for the 1.4 MB subset instead of ~9.5 MB). */
  function parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
  export type { Font, Glyph, Path };
}
