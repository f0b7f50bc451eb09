import type { CsvRecord } from './csv.ts';

/**
 * Header rows read by what their names mean, not by one remembered spelling: issuers rename
 * columns between years ("Weight (%)", "weight(%)", "% of Net Assets"), people re-save files in
 * Excel (which trims, pads with commas or drops quotes), and columns move. Each layout lists, per
 * field, the names it has been seen under; a header row is the row within the first lines that
 * holds every required field, wherever the columns sit.
 */

/** One field a layout reads, with every header name it has been printed under. */
export interface FieldSpec {
  readonly names: readonly string[];
  readonly required?: boolean;
}

/** A layout's fields by key (weight, ticker, name, …). */
export type FieldSpecs<K extends string> = Readonly<Record<K, FieldSpec>>;

/** A header row as matched against a layout. */
export interface HeaderMatch<K extends string> {
  /** Index of the header in the records given. */
  index: number;
  /** 1-based line of the header in the file. */
  line: number;
  /** Column of each field found. */
  col: Map<K, number>;
  /** Required fields the row lacks (empty for a usable header). */
  missing: K[];
  /** How many of the layout's fields the row holds. */
  found: number;
  /** The row's non-blank cells, trimmed, for error messages. */
  saw: string[];
  /** The row's cells, trimmed, by column. */
  cells: string[];
}

/** The header name a field was found under, as the file prints it (for error messages). */
export function columnName<K extends string>(match: HeaderMatch<K>, field: K): string {
  return match.cells[match.col.get(field) ?? -1] ?? field;
}

/**
 * A header name reduced to what it says: case, spaces, punctuation, "*", "$" and units in
 * parentheses other than "%" do not matter ("Weight (%)" = "weight(%)" = "WEIGHT %";
 * "MARKET VALUE*" = "Market Value ($)"). Letters of any script and digits are kept.
 */
export function headerKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/\((?!%\))[^)]*\)/g, '')
    .replace(/[^\p{L}\p{N}%]/gu, '');
}

/**
 * Matches one row of cells against a layout: each field takes the first column whose name is
 * one of its synonyms. Pure; used on CSV records and on sheet rows alike.
 */
export function matchRow<K extends string>(cells: readonly string[], specs: FieldSpecs<K>): { col: Map<K, number>; missing: K[]; found: number } {
  const keys = cells.map(headerKey);
  const col = new Map<K, number>();
  const used = new Set<number>();
  const missing: K[] = [];
  for (const field of Object.keys(specs) as K[]) {
    const names = new Set(specs[field].names.map(headerKey));
    const at = keys.findIndex((k, j) => k !== '' && !used.has(j) && names.has(k));
    if (at >= 0) {
      col.set(field, at);
      used.add(at);
    } else if (specs[field].required) missing.push(field);
  }
  return { col, missing, found: col.size };
}

/**
 * The header row: among the first `limit` records, the one holding every required field (the
 * first such, if several); else, for the refusal, the row that came closest (fewest required
 * fields missing, then most fields found). null only when no row holds any field at all.
 */
export function findHeaderRow<K extends string>(records: readonly CsvRecord[], specs: FieldSpecs<K>, limit = 40): HeaderMatch<K> | null {
  let best: HeaderMatch<K> | null = null;
  for (let i = 0; i < Math.min(records.length, limit); i++) {
    const record = records[i]!;
    const cells = record.cells.map((c) => c.trim());
    const m = matchRow(cells, specs);
    if (m.found === 0) continue;
    const candidate: HeaderMatch<K> = { index: i, line: record.line, ...m, saw: cells.filter((c) => c !== ''), cells };
    if (m.missing.length === 0) return candidate;
    if (!best || m.missing.length < best.missing.length || (m.missing.length === best.missing.length && m.found > best.found)) best = candidate;
  }
  return best;
}

/** "no weight column; saw SEDOL, HOLDINGS, TICKER, % OF FUNDS*, SECTOR" (at most 12 names). */
export function missingText(match: { missing: readonly string[]; saw: readonly string[] }): string {
  const saw = match.saw.length > 12 ? [...match.saw.slice(0, 12), '…'] : match.saw;
  return `no ${match.missing.join(', no ')} column; saw ${saw.join(', ')}`;
}

/** What a parser makes of a file before reading it: how well it fits, and if not, why not. */
export interface Detection {
  /** 0 when the layout cannot read the file; higher is a better fit. */
  score: number;
  /** The header line looked at, or null when none was found. */
  line: number | null;
  /** Required fields missing from that header. */
  missing: string[];
  /** The header's names, as printed. */
  saw: string[];
}

/** A layout's header, as detection sees it. */
export interface LayoutSpec<K extends string> {
  fields: FieldSpecs<K>;
  /** Header names no other issuer prints; each one found raises the score. */
  signature: readonly string[];
  /** Text in the preamble or footer that only this issuer writes (a strong sign, not a requirement). */
  marker?: RegExp;
  /** How many records to search for the header. */
  within?: number;
}

export const HEADER_SEARCH_LINES = 40;

/**
 * Scores a layout against decoded records: 0 unless a header row holds every required field;
 * then the share of the layout's fields found, plus up to 2 for its signature names and 1 for
 * its marker text. Returns the nearest header either way, so a refusal can say what was missing.
 */
export function examineRecords<K extends string>(records: readonly CsvRecord[], text: string, spec: LayoutSpec<K>): Detection {
  const header = findHeaderRow(records, spec.fields, spec.within ?? HEADER_SEARCH_LINES);
  if (!header) return { score: 0, line: null, missing: [], saw: [] };
  const detection = { line: header.line, missing: header.missing, saw: header.saw };
  if (header.missing.length > 0) return { score: 0, ...detection };
  const names = new Set(header.cells.map(headerKey));
  const signature = spec.signature.length === 0 ? 0 : spec.signature.filter((s) => names.has(headerKey(s))).length / spec.signature.length;
  const marker = spec.marker?.test(text) ? 1 : 0;
  // Generic names (Name, Ticker, Weight) fit many issuers: a layout claims a file only with one of its own traits.
  if (spec.signature.length > 0 && signature === 0 && marker === 0) return { score: 0, ...detection };
  const total = Object.keys(spec.fields).length;
  return { score: header.found / total + 2 * signature + marker, ...detection };
}
