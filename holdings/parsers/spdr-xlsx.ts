import { CASH_NAME, nonEquityReason } from '../asset-class.ts';
import { readDate } from '../cells.ts';
import type { CsvRecord } from '../csv.ts';
import type { LayoutSpec } from '../header.ts';
import type { Profile } from '../reader.ts';
import { cusipRepairNotes, sheetIds } from '../sheet-ids.ts';
import type { AsOf } from '../types.ts';
import { meaningOf } from '../vocabulary.ts';
import { profileParser } from './profile-parser.ts';

/**
 * State Street SPDR daily holdings xlsx: a short "Fund Name:" / "Ticker Symbol:" /
 * "Holdings: As of …" preamble, the table, an optional US DOLLAR cash row, then a disclaimer.
 * Variants read: DIA 14-Feb-2024, SPY Nov 2025 / Feb 2026 (Sector "-" on every row), MDY
 * 31-Jan-2025 (GICS sectors filled in), and a re-save without the preamble (SPY, May 2024:
 * header on row 1, the US DOLLAR row mid-table). Rows the file does not classify (no asset-class
 * column) are sorted by ticker and name: cash, futures ("ESZ5", "S&P MID 400 EMINI MAR 26"),
 * forwards and swaps are excluded with their reason.
 */
const FORMAT = 'spdr-xlsx';
/** Header names for detection (the reader maps columns with the shared vocabulary). */
const FIELDS = {
  Name: { names: ['Name', 'Security Name', 'Holding'], required: true },
  Ticker: { names: ['Ticker', 'Symbol'], required: true },
  Identifier: { names: ['Identifier', 'CUSIP'] },
  SEDOL: { names: ['SEDOL'] },
  // Not "Weight (%)": that is iShares' header (an iShares file re-saved as xlsx has it, with SEDOL and an Asset Class column).
  Weight: { names: ['Weight', '% Weight', 'Percent of Fund'], required: true },
  Sector: { names: ['Sector'] },
  Shares: { names: ['Shares Held', 'Shares'] },
  Currency: { names: ['Local Currency'] },
} as const satisfies LayoutSpec<string>['fields'];
/** How far down detect looks for the header; SPDR puts it on row 5, or row 1 in a trimmed re-save. */
const SPEC: LayoutSpec<keyof typeof FIELDS> = {
  fields: FIELDS,
  signature: ['Identifier', 'Shares Held', 'Local Currency'],
  marker: /Fund Name:|Ticker Symbol:|State Street|SPDR|ssga\.com/,
  within: 20,
};

/**
 * What is SPDR's own, for the one table reader: the preamble (name, ticker, "As of" date), the
 * cash line that may follow the blank row ending the stocks (the disclaimer after it never has a
 * numeric weight), cash printed as "US DOLLAR" with ticker "-", and identifiers Excel turned into numbers.
 */
function profile(repairs: string[]): Profile {
  return {
    issuer: 'SPDR',
    format: FORMAT,
    header: 'the SPDR header',
    scale: 100,
    sheet: true,
    kind: 'an xlsx workbook (SPDR holdings)',
    noDate: 'the SPDR file prints no "As of" date',
    nameRequired: 'none',
    footer: () => false,
    trailing: (record, header) => {
      const at = (m: string): number => header.findIndex((c) => meaningOf(c) === m);
      return typeof record.raw?.[at('weight')] === 'number' && isCashRow((record.cells[at('name')] ?? '').trim(), (record.cells[at('ticker')] ?? '').trim());
    },
    preamble: (_file, records) => readPreamble(records),
    ids: (record, layout) => sheetIds(record, layout, repairs),
    // Futures first: a contract line can have a ticker ("ESZ5") and no sector, like a stock. A line with
    // nothing but text (a 2021 re-save has "The GLD prospectus is available by clicking here." mid-table) is no holding.
    classify: ({ name, ticker, hasId, weight, quantity }) => ({
      reason: ticker === '' && !hasId && weight === null && quantity === null ? TEXT_LINE : (nonEquityReason({ name, ticker, hasId }) ?? (isCashRow(name, ticker) ? 'cash' : null)),
      assetClass: '',
    }),
    finish: (row) => ({ ...row, name: row.name || row.ticker }),
    notes: () => cusipRepairNotes(repairs),
  };
}

export const spdrXlsx = profileParser({ rank: 80, spec: SPEC, profile: () => profile([]) });

/** "Fund Name:", "Ticker Symbol:" (the ticker the file prints wins over the folder or the name typed) and "Holdings: As of …". */
function readPreamble(records: readonly CsvRecord[]): { name?: string; fund?: string; asOf?: AsOf } {
  const out: { name?: string; fund?: string; asOf?: AsOf } = {};
  for (const record of records) {
    const label = (record.cells[0] ?? '').trim().toLowerCase();
    const value = (record.cells[1] ?? '').trim();
    if (!value) continue;
    if (label === 'fund name:') out.name = value;
    else if (label === 'ticker symbol:') out.fund = value;
    else if (label === 'holdings:') {
      const date = readDate(record.raw?.[1] ?? value);
      out.asOf = date ? { date, source: 'file' } : undefined;
    }
  }
  if (out.asOf === undefined) delete out.asOf;
  return out;
}

/** Why a line with text but no ticker, identifier, weight or shares is left out. */
const TEXT_LINE = 'not a holding (a line of text inside the table, with no ticker, weight or shares)';

/** SPDR prints cash as "US DOLLAR" with ticker "-"; a ticker is the surer sign, since some companies have "cash" in their names. */
function isCashRow(name: string, ticker: string): boolean {
  return ticker === '' || ticker === '-' || CASH_NAME.test(name);
}
