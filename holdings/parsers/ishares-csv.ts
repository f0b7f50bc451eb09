import { nonEquityReason } from '../asset-class.ts';
import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { countryCode } from '../countries.ts';
import { csvRecords, isBlank, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import { columnName, type HeaderMatch, type LayoutSpec } from '../header.ts';
import type { HoldingsParser } from '../parser.ts';
import { sectorFromLabel } from '../sectors.ts';
import { examineText, requireHeader } from '../table.ts';
import type { AsOf, Holdings, Identifiers } from '../types.ts';

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

export const isharesCsv: HoldingsParser = {
  format: FORMAT,
  issuer: 'iShares',
  rank: 90,
  examine: (doc) => examineText(doc, SPEC),
  detect: (doc) => examineText(doc, SPEC).score > 0,
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'an iShares CSV'), fund, doc.excerpt === true);
  },
};

function parseText(file: string, text: string, fund: string, excerpt: boolean): Holdings {
  const records = csvRecords(file, text);
  const header = requireHeader(file, records, SPEC, FORMAT);
  const headerRecord = records[header.index]!;
  const preamble = readPreamble(file, records.slice(0, header.index));

  const rows: RawRow[] = [];
  let i = header.index + 1;
  for (; i < records.length && !isBlank(records[i]!); i++) {
    const record = records[i]!;
    if (isProse(record)) break;
    requireWidth(file, record, headerRecord);
    rows.push(readRow(file, record, header));
  }
  // A download closes the table with a blank (or one-space) line before the legal footer; one
  // that runs into the end of the file was cut short. A trimmed re-save (no preamble) has neither.
  if (preamble.downloaded && i >= records.length) {
    throw new HoldingsFileError(file, records.at(-1)?.line ?? null, 'a blank line closing the holdings table (the file looks truncated)', 'the end of the file');
  }

  const equity = rows.filter((r) => r.keep === 'equity');
  const zero = equity.filter((r) => r.reportedWeight === 0).length;
  // 0.01% printed can be anything from 0.005% to 0.015%: a 3× spread on the smallest rows.
  const tiny = equity.filter((r) => r.reportedWeight !== null && r.reportedWeight <= 0.0001 + 1e-12).length;
  const count = (n: number): string => n.toLocaleString('en-US');
  const byValue = header.col.has('marketValue');
  const meta: FileMeta = {
    fund,
    name: preamble.name ?? fund,
    issuer: 'iShares',
    format: FORMAT,
    file,
    excerpt,
    asOf: preamble.asOf,
    weightBasis: byValue ? 'market-value' : 'reported-weight',
    // Rounded weights flatten the tail: every small holding reads as 0.00 or 0.01, which skews HHI.
    ...(byValue
      ? {
          basisReason:
            zero > 0
              ? `the file prints weights rounded to 0.01%, which rounds small holdings to 0.00 (${count(zero)} of its ${count(equity.length)} equity rows print 0.00)`
              : `the file prints weights rounded to 0.01%, too coarse for small holdings (${count(tiny)} of its ${count(equity.length)} equity rows print 0.01 or less)`,
        }
      : {}),
    notes: [...preamble.notes, ...(header.col.has('assetClass') ? [] : ['The file has no "Asset Class" column: cash, futures and FX rows were recognised by sector, name and ticker.']), ...labelNotes(equity)],
  };
  return buildHoldings(meta, rows);
}

interface Preamble {
  name?: string;
  asOf: AsOf;
  notes: string[];
  /** True when the iShares preamble is there, i.e. the file is as downloaded rather than trimmed. */
  downloaded: boolean;
}

/** Fund name (line 1) and as-of date from the lines above the header; trimmed files have none. */
function readPreamble(file: string, records: readonly CsvRecord[]): Preamble {
  const content = records.filter((r) => !isBlank(r));
  if (content.length === 0) {
    return {
      asOf: { date: null, reason: 'the file has no preamble (older or trimmed iShares layout), so it prints no as-of date' },
      notes: ['The file has no preamble (older or trimmed iShares layout): it names neither the fund nor an as-of date.'],
      downloaded: false,
    };
  }
  const out: Preamble = { asOf: { date: null, reason: `the preamble has no "${AS_OF_LABEL}" line` }, notes: [], downloaded: true };
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

function readRow(file: string, record: CsvRecord, header: HeaderMatch<Field>): RawRow {
  const cell = (field: Field): string => (record.cells[header.col.get(field) ?? -1] ?? '').trim();
  const at = (field: Field) => ({ file, line: record.line, column: columnName(header, field) });
  const name = cell('name');
  const ticker = cell('ticker');
  const label = orNull(cell('sector'));
  const weight = readNumber(cell('weight'), at('weight'));
  const identifiers = ids(cell('cusip'), cell('isin'), cell('sedol'));
  let assetClass = cell('assetClass');
  let reason: string | null;
  if (header.col.has('assetClass')) {
    // An unlabelled row could be a stock or cash; guessing either way would move the weights silently.
    if (assetClass === '') throw new HoldingsFileError(file, record.line, `an asset class in "${columnName(header, 'assetClass')}"`, record.cells.join(','));
    reason = assetClass.toLowerCase() === 'equity' ? null : (REASONS[assetClass.toLowerCase()] ?? `not equity (asset class "${assetClass}")`);
  } else {
    // No asset class printed (Canadian files, trimmed re-saves): iShares' own sector label for
    // cash and derivatives, then the name and ticker, decide. Quantity is not used: a stock the
    // fund holds none of today (a delisted line) is still a stock with zero weight.
    reason = label !== null && CASH_SECTOR.test(label) ? (nonEquityReason({ name, ticker, hasId: true }) ?? `cash or derivative (sector "${label}")`) : nonEquityReason({ name, ticker, hasId: Object.keys(identifiers).length > 0 });
    assetClass = reason === null ? 'Equity' : '';
  }
  const isEquity = reason === null;
  if (isEquity && name === '') throw new HoldingsFileError(file, record.line, `a holding name in "${columnName(header, 'name')}"`, record.cells.join(','));
  const sector = isEquity ? sectorFromLabel(label, 'gics-sector') : null;
  return {
    line: record.line,
    ticker,
    name: name || ticker,
    keep: reason === null ? 'equity' : { reason },
    assetClass,
    reportedWeight: weight === null ? null : weight / 100,
    marketValue: header.col.has('marketValue') ? readNumber(cell('marketValue'), at('marketValue')) : null,
    industry: isEquity ? label : null,
    sector,
    // iShares spells one sector its own way ("Communication"); say when the GICS name is ours.
    sectorSource: sector === null ? null : sector === label ? 'file' : 'mapped',
    country: countryCode(orNull(cell('location'))),
    exchange: orNull(cell('exchange')),
    ids: isEquity ? identifiers : {},
  };
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

function orNull(text: string): string | null {
  return text === '' || text === '-' ? null : text;
}
