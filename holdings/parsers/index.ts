import type { HoldingsParser } from '../parser.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import { allocationXlsx } from './allocation-xlsx.ts';
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

/** The parser whose `detect` accepts the document, or a HoldingsFileError listing the layouts we know. */
export function detectParser(doc: Doc): HoldingsParser {
  const parser = PARSERS.find((p) => p.detect(doc));
  if (parser) return parser;
  throw new HoldingsFileError(
    doc.file,
    null,
    `a holdings file in one of these layouts: ${PARSERS.map((p) => p.format).join(', ')}`,
    doc.kind === 'sheet' ? `sheet "${doc.sheet}" starting ${JSON.stringify(doc.rows.slice(0, 2))}` : doc.text.slice(0, 80),
  );
}
