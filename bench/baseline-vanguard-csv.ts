import { buildHoldings, type FileMeta, type RawRow } from '../holdings/build.ts';
import { isBelowPrintedPrecision, readNumber } from '../holdings/cells.ts';
import { countryCode } from '../holdings/countries.ts';
import { csvRecords, isBlank, requireText, requireWidth, type CsvRecord } from '../holdings/csv.ts';
import type { Doc } from '../holdings/doc.ts';
import { HoldingsFileError } from '../holdings/errors.ts';
import { columnName, headerKey, matchRow, type HeaderMatch } from '../holdings/header.ts';
import { equityRows, ids, isNote, NO_VALUE, readPreamble, SECTION_DATE, SECTION_REASONS, sectorNotes, SPEC } from '../holdings/parsers/vanguard-csv.ts';
import { sectorFromLabel } from '../holdings/sectors.ts';
import { requireHeader } from '../holdings/table.ts';
import type { Holdings } from '../holdings/types.ts';

/**
 * BENCH-ONLY BASELINE, not used by the bot: the Vanguard CSV parser with its own row loop, as it
 * was at commit 2b60c48af175b46f2115a2a1a65a343940781c86 (holdings/parsers/vanguard-csv.ts), the
 * last before 23fd746 made Vanguard a profile of the one table reader (holdings/reader.ts).
 * Issue 21 requires the reader to parse the largest real file (VT) no slower than 1.2× "today's
 * parser in the same run"; this is that parser, kept so bench/reader.ts can time it beside the
 * reader in one run instead of scaling by a frozen ratio. Its own parts (the equity row loop,
 * the later sections' loop, its number helpers) are as they were; the parts it shared with the
 * profile unchanged (header spec, preamble, notes, SEDOL) are imported from the profile's module
 * rather than repeated. Delete it with the 1.2× target.
 */
const FORMAT = 'vanguard-csv';
type Field = keyof typeof SPEC.fields;
/** Vanguard's "none" marker in TICKER, SEDOL, SUB-INDUSTRY and MARKET VALUE*. */
const NONE = '---';

interface Table {
  title: string;
  header: HeaderMatch<Field>;
}

/** The old vanguardCsv.parse: a Vanguard CSV read by its own loops. */
export function parseVanguardBaseline(doc: Doc, fund: string): Holdings {
  const file = doc.file;
  const records = csvRecords(file, requireText(doc, 'a Vanguard CSV'));
  const header = requireHeader(file, records, SPEC, FORMAT);
  const preamble = readPreamble(file, records.slice(0, header.index));
  const headerRecord = records[header.index]!;
  const equity: Table = { title: preamble.section ?? '', header };

  const table: RawRow[] = [];
  let tiny = 0;
  let i = header.index + 1;
  for (; i < records.length && !isBlank(records[i]!) && !isNote(records[i]!); i++) {
    const record = records[i]!;
    requireWidth(file, record, headerRecord);
    if (isBelowPrintedPrecision(record.cells[header.col.get('weight')!])) tiny++;
    table.push(equityRow(file, record, equity));
  }
  // A download closes the equity table with a blank row or a note and goes on to other
  // sections and a disclaimer; a table that runs into the end of the file was cut short.
  if (i >= records.length) {
    throw new HoldingsFileError(file, records.at(-1)?.line ?? null, 'a blank row closing the equity table (the file looks truncated)', 'the end of the file');
  }
  const rows = [...table, ...laterSections(file, records.slice(i))];

  const notes = sectorNotes(table.filter((r) => r.keep === 'equity'), columnName(header, 'industry'));
  const noValue = table.filter((r) => r.keep !== 'equity').length;
  if (noValue > 0) notes.push(`${equityRows(noValue)} no market value ("---") and ${noValue === 1 ? 'is' : 'are'} left out: ${noValue === 1 ? 'it' : 'they'} cannot be weighted.`);
  const count = (n: number): string => n.toLocaleString('en-US');

  const meta: FileMeta = {
    fund,
    fundInFile: /\(([A-Z0-9.\-]{1,12})\)\s*$/.exec(preamble.name ?? '')?.[1],
    name: preamble.name ?? fund,
    issuer: 'Vanguard',
    format: FORMAT,
    file,
    excerpt: doc.excerpt === true,
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

function equityRow(file: string, record: CsvRecord, table: Table): RawRow {
  const { header } = table;
  const cell = (field: Field): string => (record.cells[header.col.get(field) ?? -1] ?? '').trim();
  const at = (field: Field) => ({ file, line: record.line, column: columnName(header, field) });
  const name = cell('name');
  if (name === '') throw new HoldingsFileError(file, record.line, `a holding name in "${columnName(header, 'name')}"`, record.cells.join(','));
  const marketValue = valueOrNone(cell('marketValue'), at('marketValue'));
  const label = orNull(cell('industry'));
  const sector = sectorFromLabel(label, 'gics-sub-industry');
  return {
    line: record.line,
    ticker: orNull(cell('ticker')) ?? '',
    name,
    keep: marketValue === null ? { reason: NO_VALUE } : 'equity',
    assetClass: table.title,
    reportedWeight: weight(cell('weight'), at('weight')),
    marketValue,
    industry: label,
    sector,
    sectorSource: sector === null ? null : 'mapped',
    country: countryCode(orNull(cell('country'))),
    exchange: null,
    ids: ids(cell('sedol')),
  };
}

const OTHER_FIELDS = {
  sedol: SPEC.fields.sedol,
  name: SPEC.fields.name,
  ticker: { names: SPEC.fields.ticker.names },
  weight: SPEC.fields.weight,
  marketValue: { names: SPEC.fields.marketValue.names },
} as const;
type OtherField = keyof typeof OTHER_FIELDS;

/**
 * Rows after the equity table: each section has a title line ("Short-term reserves,as of …"),
 * its own header and rows (cash, MKTLIQ, currencies). They are recorded as excluded rows, read
 * with their own header, never the equity one. Quoted notes and the disclaimer are skipped.
 */
function laterSections(file: string, records: readonly CsvRecord[]): RawRow[] {
  const rows: RawRow[] = [];
  let title = '';
  let col: Map<OtherField, number> | null = null;
  for (const record of records) {
    if (isBlank(record)) continue;
    const cells = record.cells.map((c) => c.trim());
    const [first = '', second = ''] = cells;
    const m = matchRow(cells, OTHER_FIELDS);
    if (SECTION_DATE.test(second)) {
      title = first;
      col = null;
    } else if (m.missing.length === 0 && m.col.has('name') && m.col.has('weight') && cells.some((c) => headerKey(c) === headerKey('HOLDINGS'))) {
      col = m.col;
    } else if (first !== '') {
      // A quoted note or the disclaimer: one cell of prose, no data.
      continue;
    } else if (col === null) {
      throw new HoldingsFileError(file, record.line, 'a section title or header before more rows after the equity table', record.cells.join(','));
    } else {
      const row = otherRow(file, record, title, col);
      if (row) rows.push(row);
    }
  }
  return rows;
}

function otherRow(file: string, record: CsvRecord, title: string, col: Map<OtherField, number>): RawRow | null {
  const cell = (field: OtherField): string => (record.cells[col.get(field) ?? -1] ?? '').trim();
  const at = (column: string) => ({ file, line: record.line, column });
  const name = cell('name');
  const marketValue = valueOrNone(cell('marketValue'), at('MARKET VALUE*'));
  const reportedWeight = weight(cell('weight'), at('% OF FUNDS*'));
  // Rows with neither a name nor an amount carry nothing to report.
  if (name === '' && marketValue === null && reportedWeight === null) return null;
  const section = title.toLowerCase();
  return {
    line: record.line,
    ticker: orNull(cell('ticker')) ?? '',
    name,
    keep: { reason: SECTION_REASONS[section] ?? (title ? `not equity (section "${title}")` : 'not equity (a section after the equity table)') },
    assetClass: title,
    reportedWeight,
    marketValue,
    industry: null,
    sector: null,
    sectorSource: null,
    country: null,
    exchange: null,
    ids: ids(cell('sedol')),
  };
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
