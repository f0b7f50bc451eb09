import type { HoldingsParser } from '../parser.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import { HEADER_SEARCH_LINES, missingText, type Detection } from '../header.ts';
import { allocationXlsx } from './allocation-xlsx.ts';
import { columnMeaning } from './column-meaning.ts';
import { layoutOf, LayoutRefusal } from '../reader.ts';
import { arkCsv } from './ark-csv.ts';
import { globalxCsv } from './globalx-csv.ts';
import { invescoCsv } from './invesco-csv.ts';
import { isharesCsv } from './ishares-csv.ts';
import { jpxTopixCsv } from './jpx-topix-csv.ts';
import { nikkei225Csv } from './nikkei225-csv.ts';
import { schwabXlsx } from './schwab-xlsx.ts';
import { spdrXlsx } from './spdr-xlsx.ts';
import { vanguardCsv } from './vanguard-csv.ts';
import { yomiuri333Csv } from './yomiuri333-csv.ts';

/** Every layout we read, tried in this order by `detectParser`; each `detect` refuses the others' files. */
export const PARSERS: readonly HoldingsParser[] = [
  isharesCsv,
  vanguardCsv,
  invescoCsv,
  arkCsv,
  jpxTopixCsv,
  nikkei225Csv,
  globalxCsv,
  yomiuri333Csv,
  spdrXlsx,
  schwabXlsx,
  allocationXlsx,
];

/** One parser's verdict on a file, as detection ranks them. */
export interface Ranked {
  parser: HoldingsParser;
  detection: Detection;
}

/** Every parser's detection of the document, best first (score, then the order of PARSERS). */
export function rankParsers(doc: Doc): Ranked[] {
  return PARSERS.map((parser, order) => ({ parser, detection: parser.examine(doc), order }))
    .sort((a, b) => b.detection.score - a.detection.score || a.order - b.order)
    .map(({ parser, detection }) => ({ parser, detection }));
}

/**
 * The best-scoring parser for the document. When none can read it, a HoldingsFileError names the
 * file, the header line looked at (or that none was found), and for the nearest layout which
 * required columns are missing and what the header holds, with the runner-up's reason too.
 */
export function detectParser(doc: Doc): HoldingsParser {
  const ranked = rankParsers(doc);
  const best = ranked[0];
  if (best && best.detection.score > 0) return best.parser;
  // No layout recognises the file as its issuer's (a re-save lost the preamble and renamed the
  // columns), but if exactly one layout finds every column it needs, the columns say enough.
  const complete = ranked.filter((r) => r.detection.line !== null && r.detection.missing.length === 0);
  if (complete.length === 1) return complete[0]!.parser;
  // No issuer's layout: the table is read by what its columns mean, where they are clear.
  const layout = layoutOf(doc);
  if (!(layout instanceof LayoutRefusal)) return columnMeaning;
  if (layout.specific) throw new HoldingsFileError(doc.file, layout.line, layout.expected, layout.found);
  const near = ranked
    .filter((r) => r.detection.line !== null)
    .sort((a, b) => a.detection.missing.length - b.detection.missing.length || b.detection.saw.length - a.detection.saw.length);
  const [first, second] = near;
  if (!first) {
    throw new HoldingsFileError(
      doc.file,
      null,
      `a holdings table in one of these layouts: ${PARSERS.map((p) => p.format).join(', ')}`,
      `no header found in the first ${HEADER_SEARCH_LINES} lines`,
    );
  }
  const why = (r: Ranked): string =>
    r.detection.missing.length > 0 ? `${r.parser.format}: ${missingText(r.detection)}` : `${r.parser.format}: the header fits, but not this issuer's file (${r.detection.saw.slice(0, 6).join(', ')}…)`;
  throw new HoldingsFileError(
    doc.file,
    first.detection.line,
    'a holdings header with a name, a ticker or code, and a weight column',
    `${why(first)}${second && second.detection.line !== null ? `; next nearest ${why(second)}` : ''}`,
  );
}
