import type { Detection } from '../header.ts';
import type { HoldingsParser } from '../parser.ts';
import { COLUMN_MEANING, layoutOf, LayoutRefusal, readByMeaning } from '../reader.ts';

/**
 * Any issuer's table read by what its columns mean (holdings/reader.ts): tried only when no
 * issuer layout claims the file, and ranked below every issuer layout for a fund with both.
 */
export const columnMeaning: HoldingsParser = {
  format: COLUMN_MEANING,
  issuer: 'Unknown',
  rank: 50,
  examine(doc): Detection {
    const layout = layoutOf(doc);
    if (layout instanceof LayoutRefusal) return { score: 0, line: layout.line, missing: [], saw: [] };
    return { score: 0.01, line: null, missing: [], saw: layout.headerCells.filter((c) => c !== '') };
  },
  detect: (doc) => columnMeaning.examine(doc).score > 0,
  parse: (doc, fund) => readByMeaning(doc, fund),
};
