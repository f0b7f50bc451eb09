import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { isBelowPrintedPrecision, readDate, readNumber } from '../cells.ts';
import { countryCode } from '../countries.ts';
import { csvRecords, findHeader, isBlank, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import type { HoldingsParser } from '../parser.ts';
import { sectorFromLabel } from '../sectors.ts';
import type { Holdings, Identifiers } from '../types.ts';

const FORMAT = 'vanguard-csv';
/** Columns of the equity table; the later sections (reserves, fixed income) lack SUB-INDUSTRY. */
const EQUITY_COLUMNS = ['SEDOL', 'HOLDINGS', 'TICKER', '% OF FUNDS*', 'SUB-INDUSTRY', 'COUNTRY', 'MARKET VALUE*'] as const;
/** Vanguard's "none" marker in TICKER, SEDOL, SUB-INDUSTRY and MARKET VALUE*. */
const NONE = '---';
/** "Equity,as of 05/31/2026" and "Short-term reserves,as of 05/31/2026". */
const SECTION_DATE = /^\s*as of\b/i;
/** "Total World Stock ETF (VT)". */
const FUND_LINE = /^\s*\S.*\([A-Z0-9.\-]{1,12}\)\s*$/;

/** Vanguard's "Holdings details" CSV (VOO, VTI, VT): an equity table, then other sections with their own headers. */
export const vanguardCsv: HoldingsParser = {
  format: FORMAT,
  issuer: 'Vanguard',
  rank: 90,
  detect(doc: Doc): boolean {
    if (doc.kind !== 'text') return false;
    // The header sits on line 1 (VOO) or line 8 (VTI, VT): looking at the first 2 KB is enough and cheap.
    return /^,SEDOL,HOLDINGS,TICKER,% OF FUNDS\*,SUB-INDUSTRY,COUNTRY,/m.test(doc.text.slice(0, 2048));
  },
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'a Vanguard CSV'), fund);
  },
};

interface Table {
  title: string;
  col: Map<string, number>;
}

function parseText(file: string, text: string, fund: string): Holdings {
  const records = csvRecords(file, text);
  const header = findHeader(records, EQUITY_COLUMNS);
  if (!header) {
    throw new HoldingsFileError(file, null, `a Vanguard header with ${EQUITY_COLUMNS.join(', ')}`, records[0]?.cells.join(',') ?? '');
  }
  const preamble = readPreamble(file, records.slice(0, header.index));
  const headerRecord = records[header.index]!;
  const equity: Table = { title: preamble.section ?? '', col: header.col };

  const table: RawRow[] = [];
  let tiny = 0;
  let i = header.index + 1;
  for (; i < records.length && !isBlank(records[i]!); i++) {
    const record = records[i]!;
    requireWidth(file, record, headerRecord);
    if (isBelowPrintedPrecision(record.cells[header.col.get('% OF FUNDS*')!])) tiny++;
    table.push(equityRow(file, record, equity));
  }
  // Every Vanguard download closes the equity table with a blank row and goes on to other
  // sections and a disclaimer; a table that runs into the end of the file was cut short.
  if (i >= records.length) {
    throw new HoldingsFileError(file, records.at(-1)?.line ?? null, 'a blank row closing the equity table (the file looks truncated)', 'the end of the file');
  }
  const rows = [...table, ...laterSections(file, records.slice(i))];

  const notes = sectorNotes(table.filter((r) => r.keep === 'equity'));
  const noValue = table.filter((r) => r.keep !== 'equity').length;
  if (noValue > 0) notes.push(`${equityRows(noValue)} no market value ("---") and ${noValue === 1 ? 'is' : 'are'} left out: ${noValue === 1 ? 'it' : 'they'} cannot be weighted.`);
  const count = (n: number): string => n.toLocaleString('en-US');

  const meta: FileMeta = {
    fund,
    name: preamble.name ?? fund,
    issuer: 'Vanguard',
    format: FORMAT,
    file,
    asOf: preamble.asOf ?? { date: null, reason: 'the file prints no date' },
    weightBasis: 'market-value',
    basisReason:
      tiny > 0
        ? `Vanguard prints weights below 0.01% as "<0.01%" (${count(tiny)} of the ${count(table.length)} rows of its equity table) and rounds the rest to 2 dp`
        : 'Vanguard rounds the printed weights to 2 dp',
    notes,
  };
  return buildHoldings(meta, rows);
}

interface Preamble {
  name?: string;
  asOf?: Holdings['asOf'];
  /** The equity section's title ("Equity"), used as the rows' asset class. */
  section?: string;
}

/** The fund name and the equity section's date, from the lines above the header (VOO has none). */
function readPreamble(file: string, records: readonly CsvRecord[]): Preamble {
  const out: Preamble = {};
  for (const r of records) {
    const [first = '', second = ''] = r.cells.map((c) => c.trim());
    if (SECTION_DATE.test(second)) {
      const date = readDate(second);
      // A printed but unreadable date must not pass as "the file prints no date".
      if (!date) throw new HoldingsFileError(file, r.line, 'a date such as "as of 05/31/2026"', second);
      out.section = first;
      out.asOf = { date, source: 'file' };
    } else if (out.name === undefined && FUND_LINE.test(first) && r.cells.slice(1).every((c) => c.trim() === '')) {
      out.name = first;
    }
  }
  return out;
}

/** Reason recorded for equity rows whose market value is printed as "---". */
const NO_VALUE = 'no market value printed ("---"), so it cannot be weighted';

function equityRow(file: string, record: CsvRecord, table: Table): RawRow {
  const cell = (name: string): string => (record.cells[table.col.get(name) ?? -1] ?? '').trim();
  const at = (column: string) => ({ file, line: record.line, column });
  const name = cell('HOLDINGS');
  if (name === '') throw new HoldingsFileError(file, record.line, 'a holding name in "HOLDINGS"', record.cells.join(','));
  const marketValue = valueOrNone(cell('MARKET VALUE*'), at('MARKET VALUE*'));
  const subIndustry = orNull(cell('SUB-INDUSTRY'));
  const sector = sectorFromLabel(subIndustry, 'gics-sub-industry');
  return {
    line: record.line,
    ticker: orNull(cell('TICKER')) ?? '',
    name,
    keep: marketValue === null ? { reason: NO_VALUE } : 'equity',
    assetClass: table.title,
    reportedWeight: weight(cell('% OF FUNDS*'), at('% OF FUNDS*')),
    marketValue,
    industry: subIndustry,
    sector,
    sectorSource: sector === null ? null : 'mapped',
    country: countryCode(orNull(cell('COUNTRY'))),
    exchange: null,
    ids: ids(cell('SEDOL')),
  };
}

/** Reasons for rows of the sections after the equity table, by their title. */
const SECTION_REASONS: Readonly<Record<string, string>> = {
  'short-term reserves': 'short-term reserves (cash)',
  'fixed income': 'fixed income (not equity)',
};

/**
 * Rows after the equity table: each section has a title line ("Short-term reserves,as of …"),
 * its own header and rows (cash, MKTLIQ, currencies). They are recorded as excluded rows, read
 * with their own header, never the equity one. Quoted notes and the disclaimer are skipped.
 */
function laterSections(file: string, records: readonly CsvRecord[]): RawRow[] {
  const rows: RawRow[] = [];
  let title = '';
  let table: Table | null = null;
  for (const record of records) {
    if (isBlank(record)) continue;
    const cells = record.cells.map((c) => c.trim());
    const [first = '', second = ''] = cells;
    if (SECTION_DATE.test(second)) {
      title = first;
      table = null;
    } else if (cells.includes('HOLDINGS') && cells.includes('% OF FUNDS*')) {
      table = { title, col: new Map(cells.map((c, j) => [c, j])) };
    } else if (first !== '') {
      // A quoted note or the disclaimer: one cell of prose, no data.
      continue;
    } else if (table === null) {
      throw new HoldingsFileError(file, record.line, 'a section title or header before more rows after the equity table', record.cells.join(','));
    } else {
      const row = otherRow(file, record, table);
      if (row) rows.push(row);
    }
  }
  return rows;
}

function otherRow(file: string, record: CsvRecord, table: Table): RawRow | null {
  const cell = (name: string): string => (record.cells[table.col.get(name) ?? -1] ?? '').trim();
  const at = (column: string) => ({ file, line: record.line, column });
  const name = cell('HOLDINGS');
  const marketValue = valueOrNone(cell('MARKET VALUE*'), at('MARKET VALUE*'));
  const reportedWeight = weight(cell('% OF FUNDS*'), at('% OF FUNDS*'));
  // Rows with neither a name nor an amount carry nothing to report.
  if (name === '' && marketValue === null && reportedWeight === null) return null;
  const section = table.title.toLowerCase();
  return {
    line: record.line,
    ticker: orNull(cell('TICKER')) ?? '',
    name,
    keep: { reason: SECTION_REASONS[section] ?? (table.title ? `not equity (section "${table.title}")` : 'not equity (a section after the equity table)') },
    assetClass: table.title,
    reportedWeight,
    marketValue,
    industry: null,
    sector: null,
    sectorSource: null,
    country: null,
    exchange: null,
    ids: ids(cell('SEDOL')),
  };
}

function sectorNotes(kept: readonly RawRow[]): string[] {
  const notes = ['Sectors are mapped from the GICS sub-industry Vanguard prints for each holding.'];
  const none = kept.filter((r) => r.industry === null).length;
  if (none > 0) notes.push(`${equityRows(none)} no sub-industry ("---"), so ${none === 1 ? 'its' : 'their'} sector is unknown.`);
  const unknown = [...new Set(kept.filter((r) => r.industry !== null && r.sector === null).map((r) => r.industry!))];
  if (unknown.length > 0) notes.push(`Sub-industries with no GICS sector we know of (sector left unknown): ${unknown.join('; ')}.`);
  return notes;
}

/** "1 equity row prints" / "20 equity rows print". */
function equityRows(n: number): string {
  return n === 1 ? '1 equity row prints' : `${n.toLocaleString('en-US')} equity rows print`;
}

/** "7.83%" → 0.0783; "<0.01%" → null (rounded away, so unknown). */
function weight(raw: string, at: { file: string; line: number; column: string }): number | null {
  if (isBelowPrintedPrecision(raw)) return null;
  const value = valueOrNone(raw, at);
  return value === null ? null : value / 100;
}

function valueOrNone(raw: string, at: { file: string; line: number; column: string }): number | null {
  return raw === NONE ? null : readNumber(raw, at);
}

function orNull(text: string): string | null {
  return text === '' || text === NONE ? null : text;
}

function ids(sedol: string): Identifiers {
  return /^[0-9A-Z]{7}$/.test(sedol) ? { sedol } : {};
}
