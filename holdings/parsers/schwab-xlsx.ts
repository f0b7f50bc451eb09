import { CASH_NAME, nonEquityReason } from '../asset-class.ts';
import type { CsvRecord } from '../csv.ts';
import { headerKey, type LayoutSpec } from '../header.ts';
import type { Profile } from '../reader.ts';
import { cusipRepairNotes, sheetIds } from '../sheet-ids.ts';
import { profileParser } from './profile-parser.ts';

/**
 * Schwab's daily holdings export (SCHD): one sheet, header on row 1. The first column is titled
 * "Fund Name" but holds each holding's name; "% of Assets" is a fraction, not a percent.
 */
const FORMAT = 'schwab-xlsx';
/** Header names for detection (the reader maps columns with the shared vocabulary). */
const FIELDS = {
  'Fund Name': { names: ['Fund Name', 'Name', 'Security Name', 'Description'], required: true },
  CUSIP: { names: ['CUSIP'] },
  Symbol: { names: ['Symbol', 'Ticker'], required: true },
  Quantity: { names: ['Quantity', 'Shares'] },
  '% of Assets': { names: ['% of Assets', '% of Net Assets', 'Weight'], required: true },
  'Market Value': { names: ['Market Value'] },
} as const satisfies LayoutSpec<string>['fields'];
const SPEC: LayoutSpec<keyof typeof FIELDS> = { fields: FIELDS, signature: ['Fund Name', '% of Assets'], marker: /Schwab/, within: 10 };

/**
 * What is Schwab's own, for the one table reader: weights stored as fractions (a cell typed as
 * "4.72%" text is a percent), CUSIPs Excel turned into numbers (rebuilt, check digit verified),
 * a cash row told by its name, no date, and a fund name only where a line above names a Schwab ETF.
 */
function profile(repairs: string[]): Profile {
  return {
    format: FORMAT,
    issuer: 'Schwab',
    kind: 'an xlsx workbook (Schwab holdings)',
    sheet: true,
    scale: 1,
    scaleOf: (cell) => (typeof cell === 'string' && cell.includes('%') ? 100 : 1),
    header: 'the Schwab header',
    noDate: "Schwab's export prints no date",
    nameRequired: 'name or ticker',
    readsShares: true,
    footer: () => false,
    preamble: (_file, records) => ({ ...(fundName(records) ? { name: fundName(records)! } : {}) }),
    classify: ({ name, ticker, quantity }) => {
      const reason = nonEquityReason({ name, ticker, quantity });
      return { reason: reason && CASH_NAME.test(name) ? 'cash' : reason, assetClass: '' };
    },
    ids: (record, layout) => sheetIds(record, layout, repairs),
    finish: (row) => ({ ...row, name: row.name || row.ticker }),
    notes: () => [
      'Weights come from "% of Assets" (printed to 0.01%); the market values are abbreviated ("$4.0B") and too coarse to weight by.',
      ...cusipRepairNotes(repairs),
    ],
  };
}

// Schwab's generic names (Symbol, Quantity) fit other sheets too: its own "% of Assets" is required.
export const schwabXlsx = profileParser({ rank: 80, spec: SPEC, profile: () => profile([]), fits: (_doc, d) => d.saw.some((c) => headerKey(c) === headerKey('% of Assets')) });

/** The export carries no fund name today; take one only if a line above the header names a Schwab fund. */
function fundName(preamble: readonly CsvRecord[]): string | null {
  for (const row of preamble) for (const text of row.cells) if (/^Schwab\b.*\bETF\b/i.test(text)) return text;
  return null;
}
