import { nonEquityReason } from '../asset-class.ts';
import type { RawRow } from '../build.ts';
import { readDate } from '../cells.ts';
import { isBlank, type CsvRecord } from '../csv.ts';
import { HoldingsFileError } from '../errors.ts';
import type { LayoutSpec } from '../header.ts';
import type { Profile } from '../reader.ts';
import { profileParser } from './profile-parser.ts';
import type { AsOf, Identifiers } from '../types.ts';

/**
 * iShares holdings CSV. Variants read (each kept as a fixture or a file in ../shared):
 * - 2023–2026 download (IVV, ACWI, SOXX): BOM, 9-line preamble ("Fund Holdings as of,"Nov 18,
 *   2025""), header on line 10 with 15 columns and "Quantity", every cell quoted, blank line,
 *   ~11-line legal footer.
 * - 2021–2022 download (ACWI Mar 2022): same preamble and footer, "Shares" instead of "Quantity".
 * - 2021 without preamble (URTH): 18 columns with CUSIP, ISIN, SEDOL; FX-forward rows.
 * - Excel re-saves (EEM 2022): BOM, no preamble, cells unquoted, numbers without quotes, Korean
 *   codes that lost their leading zero ("5930"), a "\u00a0,,,,," row where the footer was.
 * - Canadian iShares (XWD 2022): columns in another order ("Weight (%)" third), no "Asset Class",
 *   "Location of Risk", ISIN and SEDOL: rows are classified by sector ("Cash and/or Derivatives")
 *   and by name/ticker (holdings/asset-class.ts).
 * - Headers renamed by hand (ITOT 2020: "symbol", "sector", "market_cap"), CRLF line ends.
 * - Trimmed re-saves without preamble or footer (ACWI 2025, with an "ESH5" futures row).
 * Columns are found by meaning, in any order; a file with the preamble must still end its table
 * with a blank line (else it was cut short); a trimmed file relies on the whole-fund weight check.
 */
const FORMAT = 'ishares-csv';
/** Header names for detection (the reader maps columns with the shared vocabulary). */
const FIELDS = {
  ticker: { names: ['Ticker', 'Symbol', 'Issuer Ticker', 'Ticker Symbol'], required: true },
  name: { names: ['Name', 'Security Name', 'Holding Name', 'Description'], required: true },
  sector: { names: ['Sector', 'GICS Sector'] },
  assetClass: { names: ['Asset Class', 'Asset Class Type'] },
  marketValue: { names: ['Market Value', 'Market Value ($)', 'market_cap', 'Market Cap', 'Market Value (USD)'] },
  weight: { names: ['Weight (%)', 'Weight', '% Weight', '% of Net Assets', '% of Fund', 'Weight %', 'Percent of Fund'], required: true },
  notional: { names: ['Notional Value'] },
  shares: { names: ['Quantity', 'Shares', 'Shares Held', 'Par Value', 'Nominal'] },
  price: { names: ['Price', 'Market Price'] },
  location: { names: ['Location', 'Location of Risk', 'Country'] },
  exchange: { names: ['Exchange', 'Market'] },
  cusip: { names: ['CUSIP'] },
  isin: { names: ['ISIN'] },
  sedol: { names: ['SEDOL'] },
  currency: { names: ['Currency', 'Market Currency'] },
} as const satisfies LayoutSpec<string>['fields'];
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = {
  fields: FIELDS,
  signature: ['Asset Class', 'Notional Value', 'Location', 'Location of Risk', 'Accrual Date', 'FX Rate', 'Market Currency'],
  marker: /Fund Holdings as of|BlackRock|iShares/,
  within: 20,
};
const AS_OF_LABEL = 'Fund Holdings as of';

/**
 * Why each non-equity asset class is left out. iShares puts these rows inside the table, so
 * every one of them is recorded with its reason rather than dropped.
 */
const REASONS: Readonly<Record<string, string>> = {
  'cash': 'cash',
  'money market': 'money-market fund (cash sweep)',
  'futures': 'futures (notional exposure, not a holding)',
  'cash collateral and margins': 'collateral and margin (cash)',
  'fx': 'FX forward',
};
/** iShares' sector label for cash, futures and FX lines. */
const CASH_SECTOR = /^cash and\/or derivatives$/i;

/**
 * What is iShares' own, for the one table reader: the preamble (fund name, "Fund Holdings as of",
 * and a download's blank line before its legal footer), weights by market value (the printed ones
 * are rounded to 0.01%), its asset classes (every row must print one), and where a file prints
 * none, its "Cash and/or Derivatives" sector, then the name and ticker.
 */
const PROFILE: Profile = {
  format: FORMAT,
  issuer: 'iShares',
  kind: 'an iShares CSV',
  scale: 100,
  header: 'the iShares header',
  noDate: `the preamble has no "${AS_OF_LABEL}" line`,
  nameRequired: 'equity rows',
  classRequired: true,
  rowsOptional: true,
  keepsDash: true,
  footer: isProse,
  preamble: readPreamble,
  ids: (record, layout) => ids(...(['cusip', 'isin', 'sedol'] as const).map((m) => (record.cells[layout.col.get(m) ?? -1] ?? '').trim()) as [string, string, string]),
  classify: ({ name, ticker, label, hasLabel, sector, hasId }) => {
    if (hasLabel) return { reason: label.toLowerCase() === 'equity' ? null : (REASONS[label.toLowerCase()] ?? `not equity (asset class "${label}")`), assetClass: label };
    // No asset class printed (Canadian files, trimmed re-saves): iShares' own sector label for
    // cash and derivatives, then the name and ticker, decide. Quantity is not used: a stock the
    // fund holds none of today (a delisted line) is still a stock with zero weight.
    const reason = CASH_SECTOR.test(sector) ? (nonEquityReason({ name, ticker, hasId: true }) ?? `cash or derivative (sector "${sector}")`) : nonEquityReason({ name, ticker, hasId });
    return { reason, assetClass: reason === null ? 'Equity' : '' };
  },
  finish: (row) => ({ ...row, name: row.name || row.ticker }),
  // Rounded weights flatten the tail: every small holding reads as 0.00 or 0.01, which skews HHI.
  byValue(rows) {
    const equity = rows.filter((r) => r.keep === 'equity');
    const zero = equity.filter((r) => r.reportedWeight === 0).length;
    // 0.01% printed can be anything from 0.005% to 0.015%: a 3× spread on the smallest rows.
    const tiny = equity.filter((r) => r.reportedWeight !== null && r.reportedWeight <= 0.0001 + 1e-12).length;
    const count = (n: number): string => n.toLocaleString('en-US');
    return zero > 0
      ? `the file prints weights rounded to 0.01%, which rounds small holdings to 0.00 (${count(zero)} of its ${count(equity.length)} equity rows print 0.00)`
      : `the file prints weights rounded to 0.01%, too coarse for small holdings (${count(tiny)} of its ${count(equity.length)} equity rows print 0.01 or less)`;
  },
  notes: (rows, layout) => [
    ...(layout.col.has('assetClass') ? [] : ['The file has no "Asset Class" column: cash, futures and FX rows were recognised by sector, name and ticker.']),
    ...labelNotes(rows.filter((r) => r.keep === 'equity')),
  ],
};

export const isharesCsv = profileParser({ rank: 90, spec: SPEC, profile: () => PROFILE });

/** Fund name (line 1) and as-of date from the lines above the header; trimmed files have none, and need not close their table. */
function readPreamble(file: string, records: readonly CsvRecord[]): { name?: string; asOf: AsOf; notes: string[]; closed?: string } {
  const content = records.filter((r) => !isBlank(r));
  if (content.length === 0) {
    return {
      asOf: { date: null, reason: 'the file has no preamble (older or trimmed iShares layout), so it prints no as-of date' },
      notes: ['The file has no preamble (older or trimmed iShares layout): it names neither the fund nor an as-of date.'],
    };
  }
  // A download closes the table with a blank (or one-space) line before the legal footer.
  const out: { name?: string; asOf: AsOf; notes: string[]; closed?: string } = { asOf: { date: null, reason: `the preamble has no "${AS_OF_LABEL}" line` }, notes: [], closed: 'a blank line closing the holdings table (the file looks truncated)' };
  const [first = ''] = content[0]!.cells.map((c) => c.trim());
  if (first !== '' && !first.startsWith(AS_OF_LABEL) && content[0]!.cells.slice(1).every((c) => c.trim() === '')) out.name = first;
  for (const r of content) {
    const label = r.cells[0]?.trim() ?? '';
    if (!label.startsWith(AS_OF_LABEL)) continue;
    const raw = (label === AS_OF_LABEL ? (r.cells[1] ?? '') : label.slice(AS_OF_LABEL.length).replace(/^[:\s]+/, '')).trim();
    const date = readDate(raw);
    // A printed but unreadable date must not pass as "no date".
    if (!date) throw new HoldingsFileError(file, r.line, `a date such as "Nov 18, 2025" after "${AS_OF_LABEL}"`, raw);
    out.asOf = { date, source: 'file' };
  }
  return out;
}

/** A one-cell line of prose after the table (a footer left without its blank line). */
function isProse(record: CsvRecord): boolean {
  const filled = record.cells.filter((c) => c.trim() !== '');
  return filled.length === 1 && (filled[0] ?? '').trim().length > 60;
}

/** Labels the parser could not map, so a reader knows why a sector or country is missing. */
function labelNotes(equity: readonly RawRow[]): string[] {
  const notes: string[] = [];
  const sectors = [...new Set(equity.filter((r) => r.sector === null).map((r) => r.industry ?? '(blank)'))];
  if (sectors.length > 0) notes.push(`Sector labels with no GICS sector we know of (sector left unknown): ${sectors.join('; ')}.`);
  const places = equity.filter((r) => r.country === null).length;
  if (places > 0) notes.push(`${places === 1 ? '1 equity row has' : `${places} equity rows have`} a Location with no ISO country code we know of (country left unknown).`);
  return notes;
}

/**
 * Identifiers, where the file prints them. They are kept only when they already have the right
 * shape: the URTH file keeps leading zeros ("037833100"), so nothing is padded (a CUSIP that
 * Excel cut to "37833100" is dropped rather than guessed).
 */
function ids(cusip: string, isin: string, sedol: string): Identifiers {
  const out: Identifiers = {};
  if (/^[0-9A-Z]{9}$/.test(cusip)) out.cusip = cusip;
  if (/^[A-Z]{2}[0-9A-Z]{10}$/.test(isin)) out.isin = isin;
  if (/^[0-9A-Z]{7}$/.test(sedol)) out.sedol = sedol;
  return out;
}
