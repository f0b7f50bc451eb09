import { csvRecords, type CsvRecord } from './csv.ts';
import { sheetText, type Doc } from './doc.ts';
import { HoldingsFileError } from './errors.ts';
import { examineRecords, findHeaderRow, HEADER_SEARCH_LINES, missingText, type Detection, type HeaderMatch, type LayoutSpec } from './header.ts';

/** Detection reads no further than this into a text file: the header sits in the first lines. */
const HEAD_CHARS = 16 * 1024;

/** The first records of a text file, for detection only (a quote left open there reads as no records). */
export function headRecords(doc: Doc & { kind: 'text' }): CsvRecord[] {
  const head = doc.text.length <= HEAD_CHARS ? doc.text : doc.text.slice(0, doc.text.lastIndexOf('\n', HEAD_CHARS) + 1 || HEAD_CHARS);
  return csvRecords(doc.file, head, true);
}

/** A sheet's rows as CSV-like records (1-based row numbers as lines). */
export function sheetRecords(rows: Doc & { kind: 'sheet' }, limit = Infinity): CsvRecord[] {
  return rows.rows.slice(0, limit).map((cells, i) => ({ line: i + 1, cells: cells.map(sheetText), raw: cells }));
}

/** How well a text layout fits a document; a sheet scores 0. */
export function examineText<K extends string>(doc: Doc, spec: LayoutSpec<K>): Detection {
  if (doc.kind !== 'text') return { score: 0, line: null, missing: [], saw: [] };
  const ends = doc.text.length <= 8192 ? doc.text : `${doc.text.slice(0, 4096)}\n${doc.text.slice(-4096)}`;
  return examineRecords(headRecords(doc), ends, spec);
}

/** How well a spreadsheet layout fits a document; a text file scores 0. */
export function examineSheet<K extends string>(doc: Doc, spec: LayoutSpec<K>): Detection {
  if (doc.kind !== 'sheet') return { score: 0, line: null, missing: [], saw: [] };
  const records = sheetRecords(doc, spec.within ?? HEADER_SEARCH_LINES);
  const tail = doc.rows.slice(-120).map((r) => r.map(sheetText).join(' ')).join('\n');
  return examineRecords(records, `${records.map((r) => r.cells.join(' ')).join('\n')}\n${tail}`, spec);
}

/**
 * The header row of a layout, or a refusal naming the file, the line looked at and what was
 * missing ("ishares-csv: no weight column; saw Ticker, Name, …"), or that no header was found.
 */
export function requireHeader<K extends string>(file: string, records: readonly CsvRecord[], spec: LayoutSpec<K>, format: string): HeaderMatch<K> {
  const within = spec.within ?? HEADER_SEARCH_LINES;
  const header = findHeaderRow(records, spec.fields, within);
  const required = (Object.keys(spec.fields) as K[]).filter((k) => spec.fields[k].required);
  const expected = `${format}: a header with ${required.join(', ')} columns`;
  if (!header) throw new HoldingsFileError(file, null, expected, `no header found in the first ${Math.min(within, records.length)} lines`);
  if (header.missing.length > 0) throw new HoldingsFileError(file, header.line, expected, missingText(header));
  return header;
}
