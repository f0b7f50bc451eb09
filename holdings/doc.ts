import { HoldingsFileError } from './errors.ts';
import { checkZip } from './zip-guard.ts';
import { decodeText, type TextEncoding } from './encoding.ts';

/** A cell value as a parser sees it. */
export type Cell = string | number | Date | null;

/** A holdings file, decoded once, handed to every parser's `detect` and to the one that reads it. */
export type Doc = (
  | { kind: 'text'; file: string; encoding: TextEncoding; text: string }
  | { kind: 'sheet'; file: string; sheet: string; /** rows[i] is row i + 1 */ rows: Cell[][] }
) & {
  /**
   * Set only for a known excerpt of a real file (test fixtures keep 20–40 real rows): its
   * weights cannot add up to a whole fund, so the whole-fund check is skipped and a note says so.
   */
  excerpt?: boolean;
};

/** Files larger than this are refused before they are read. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** An xlsx whose parts would unzip to more than this is refused (a zip bomb guard). */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

/** Decodes a file's bytes: xlsx (zip) → the first sheet's rows; text → its encoding told by content (see decodeText). BOM removed. */
export async function readDoc(file: string, bytes: Uint8Array): Promise<Doc> {
  if (bytes.length === 0) throw new HoldingsFileError(file, null, 'a holdings file with a table', 'an empty file');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new HoldingsFileError(file, null, `a file under ${MAX_FILE_BYTES / 1024 / 1024} MB`, `${bytes.length} bytes`);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return readSheet(file, bytes);
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new HoldingsFileError(file, null, `text in one encoding (tried ${decoded.tried}; save it as UTF-8)`, 'bytes that fit none, or more than one');
  const { encoding } = decoded;
  let { text } = decoded;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw new HoldingsFileError(file, null, 'a text (CSV) or xlsx holdings file', 'binary data');
  return { kind: 'text', file, encoding, text };
}

async function readSheet(file: string, bytes: Uint8Array): Promise<Doc> {
  // Bounded by what the parts really inflate to, not by the sizes the zip declares.
  const zip = await checkZip(bytes, MAX_UNZIPPED_BYTES);
  if (!zip.ok) throw new HoldingsFileError(file, null, zip.expected, zip.found);
  // Loaded here, not at the top: exceljs is large, and a start-up with only CSV files (or none new) never needs it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new HoldingsFileError(file, null, 'a readable xlsx workbook (save it again from Excel as .xlsx)', workbookProblem(error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new HoldingsFileError(file, null, 'a workbook with at least one sheet', 'no sheets');
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = row.values as unknown[];
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c]));
    rows[number - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { kind: 'sheet', file, sheet: sheet.name, rows };
}

/**
 * The reader's failure in plain words: its own messages ("2:1395: undefined entity.", "Bug :
 * uncompressed data size mismatch") mean nothing to the person who uploaded the file.
 */
export function workbookProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const xml = /^(\d+):(\d+):/.exec(message) ?? /Line: (\d+)\s+Column: (\d+)/i.exec(message);
  if (xml) return `malformed XML at line ${xml[1]}, column ${xml[2]}`;
  if (/zip|crc|size mismatch|end of data|signature/i.test(message)) return 'a damaged zip';
  return 'a workbook the reader could not open';
}

function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if (v.result !== undefined) return cellValue(v.result);
    if (v.text !== undefined) return cellValue(v.text);
  }
  return String(value);
}

/** A cell as trimmed text: '' for empty, numbers in JS notation, dates as ISO days. */
export function sheetText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}
