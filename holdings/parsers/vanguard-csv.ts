import type { RawRow } from '../build.ts';
import { isBelowPrintedPrecision, readDate } from '../cells.ts';
import type { CsvRecord } from '../csv.ts';
import { HoldingsFileError } from '../errors.ts';
import type { LayoutSpec } from '../header.ts';
import type { Profile } from '../reader.ts';
import { sectorFromLabel } from '../sectors.ts';
import type { AsOf, Identifiers } from '../types.ts';
import { profileParser } from './profile-parser.ts';

/**
 * Vanguard's "Holdings details" CSV. Variants read:
 * - 2025–2026 (VTI, VT): BOM, "Holdings details", fund line "Total World Stock ETF (VT)",
 *   "Equity,as of 05/31/2026", header on line 8 with "SUB-INDUSTRY"; later sections
 *   (short-term reserves, cash) with their own headers; quoted notes and a disclaimer; VT mixes
 *   CRLF and LF.
 * - 2020–2024 (VT Sep 2020, VUG Feb 2024): the same, but "SECTOR" where 2025 prints
 *   "SUB-INDUSTRY" (it holds GICS industry names such as "Software"), and the table followed by
 *   a quoted "** There may be deviations…" note instead of a blank row.
 * - Trimmed (VOO 2026): header on line 1, no preamble, no date.
 * Columns are found by meaning in any order (holdings/header.ts); weights come from
 * "MARKET VALUE*" because "% OF FUNDS*" prints "<0.01%" for thousands of small holdings.
 * The parts the issuer parser before this profile shares with it are exported for the reader
 * bench's baseline (bench/baseline-vanguard-csv.ts), which imports them rather than repeat them.
 */
const FORMAT = 'vanguard-csv';
const FIELDS = {
  sedol: { names: ['SEDOL'] },
  name: { names: ['HOLDINGS', 'Holding', 'Holding name', 'Name'], required: true },
  ticker: { names: ['TICKER', 'Symbol'], required: true },
  weight: { names: ['% OF FUNDS*', '% of fund', '% of net assets', 'Weight'], required: true },
  industry: { names: ['SUB-INDUSTRY', 'SECTOR', 'INDUSTRY', 'Sub-industry', 'Sector'] },
  country: { names: ['COUNTRY', 'Country'] },
  marketValue: { names: ['MARKET VALUE*', 'Market value', 'MARKETVALUE'], required: true },
  shares: { names: ['SHARES', 'Shares'] },
} as const satisfies LayoutSpec<string>['fields'];
type Field = keyof typeof FIELDS;
export const SPEC: LayoutSpec<Field> = {
  fields: FIELDS,
  // Vanguard's own header names only: "MARKET VALUE*" reads as the generic "Market Value" (Roundhill's CHAT file has it).
  signature: ['HOLDINGS', '% OF FUNDS*', 'SECURITYDEPOSITORYRECEIPTTYPE', 'SUB-INDUSTRY'],
  marker: /Holdings details|Vanguard/,
};
/** "Equity,as of 05/31/2026" and "Short-term reserves,as of 05/31/2026". */
export const SECTION_DATE = /^\s*as of\b/i;
/** "Total World Stock ETF (VT)". */
const FUND_LINE = /^\s*\S.*\([A-Z0-9.\-]{1,12}\)\s*$/;

/** Reason recorded for equity rows whose market value is printed as "---". */
export const NO_VALUE = 'no market value printed ("---"), so it cannot be weighted';

/**
 * What is Vanguard's own, for the one table reader: the preamble (fund line, the equity section's
 * title and date), the note or blank row that must close the equity table, the later sections
 * (reserves, cash) read with their own headers and left out, GICS sub-industries mapped to sectors,
 * and weights by market value since "% OF FUNDS*" prints "<0.01%" for thousands of small holdings.
 */
function profile(): Profile {
  let section = '';
  let tiny = 0;
  return {
    format: FORMAT,
    issuer: 'Vanguard',
    kind: 'a Vanguard CSV',
    scale: 100,
    header: 'the Vanguard header',
    noDate: 'the file prints no date',
    nameRequired: 'every row',
    footer: isNote,
    preamble: (file, records) => {
      const p = readPreamble(file, records);
      section = p.section ?? '';
      return { ...p, closed: 'a blank row closing the equity table (the file looks truncated)' };
    },
    ids: (record, layout) => ids((record.cells[layout.col.get('sedol') ?? -1] ?? '').trim()),
    classify: ({ marketValue }) => ({ reason: marketValue === null ? NO_VALUE : null, assetClass: section }),
    sectorOf: (label) => sectorFromLabel(label, 'gics-sub-industry'),
    finish(row, record, layout) {
      if (isBelowPrintedPrecision(record.cells[layout.col.get('weight')!])) tiny++;
      return row;
    },
    byValue: (rows) =>
      tiny > 0
        ? `Vanguard prints weights below 0.01% as "<0.01%" (${tiny.toLocaleString('en-US')} of the ${rows.length.toLocaleString('en-US')} rows of its equity table) and rounds the rest to 2 dp`
        : 'Vanguard rounds the printed weights to 2 dp',
    sections: {
      // "Short-term reserves,as of 05/31/2026": the section's title, and its rows' reason to be left out.
      title: (record) => (SECTION_DATE.test(record.cells[1] ?? '') ? (record.cells[0] ?? '').trim() : null),
      reason: (title) => SECTION_REASONS[title.toLowerCase()] ?? (title ? `not equity (section "${title}")` : 'not equity (a section after the equity table)'),
    },
    notes(rows, layout) {
      const notes = sectorNotes(rows.filter((r) => r.keep === 'equity'), layout.headerCells[layout.col.get('sector') ?? -1] ?? 'SUB-INDUSTRY');
      const noValue = rows.filter((r) => r.keep !== 'equity').length;
      if (noValue > 0) notes.push(`${equityRows(noValue)} no market value ("---") and ${noValue === 1 ? 'is' : 'are'} left out: ${noValue === 1 ? 'it' : 'they'} cannot be weighted.`);
      return notes;
    },
  };
}

// Another issuer's table is refused for lacking Vanguard's header, not read as if it were Vanguard's.
export const vanguardCsv = profileParser({ rank: 90, spec: SPEC, profile, ownHeader: true });

/** A quoted one-cell note after the table ("** There may be deviations…"). */
export function isNote(record: CsvRecord): boolean {
  const filled = record.cells.filter((c) => c.trim() !== '');
  return filled.length === 1 && record.cells[0]!.trim() !== '' && !/^\d/.test(record.cells[0]!.trim()) && record.cells.length <= 2;
}

/** The fund name and ticker and the equity section's title and date, from the lines above the header (VOO has none). */
export function readPreamble(file: string, records: readonly CsvRecord[]): { name?: string; fund?: string; asOf?: AsOf; section?: string } {
  const out: { name?: string; fund?: string; asOf?: AsOf; section?: string } = {};
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
      const fund = /\(([A-Z0-9.\-]{1,12})\)\s*$/.exec(first)?.[1];
      if (fund) out.fund = fund;
    }
  }
  return out;
}

/** Reasons for rows of the sections after the equity table, by their title. */
export const SECTION_REASONS: Readonly<Record<string, string>> = {
  'short-term reserves': 'short-term reserves (cash)',
  'fixed income': 'fixed income (not equity)',
};

export function sectorNotes(kept: readonly RawRow[], column: string): string[] {
  const notes = [`Sectors are mapped from the GICS classification Vanguard prints for each holding ("${column}").`];
  const none = kept.filter((r) => r.industry === null).length;
  if (none > 0) notes.push(`${equityRows(none)} no ${column.toLowerCase()} ("---"), so ${none === 1 ? 'its' : 'their'} sector is unknown.`);
  const unknown = [...new Set(kept.filter((r) => r.industry !== null && r.sector === null).map((r) => r.industry!))];
  if (unknown.length > 0) notes.push(`Labels with no GICS sector we know of (sector left unknown): ${unknown.join('; ')}.`);
  return notes;
}

/** "1 equity row prints" / "20 equity rows print". */
export function equityRows(n: number): string {
  return n === 1 ? '1 equity row prints' : `${n.toLocaleString('en-US')} equity rows print`;
}

/** A SEDOL as Vanguard prints it ("---" for none). */
export function ids(sedol: string): Identifiers {
  return /^[0-9A-Z]{7}$/.test(sedol) ? { sedol } : {};
}
