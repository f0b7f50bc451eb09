import { nonEquityReason } from '../asset-class.ts';
import type { LayoutSpec } from '../header.ts';
import type { Profile } from '../reader.ts';
import { profileParser } from './profile-parser.ts';

const FORMAT = 'invesco-csv';
const FIELDS = {
  fundTicker: { names: ['Fund Ticker'] },
  id: { names: ['Security Identifier', 'CUSIP', 'ISIN'] },
  ticker: { names: ['Holding Ticker', 'Ticker'], required: true },
  shares: { names: ['Shares/Par Value', 'Shares'] },
  marketValue: { names: ['MarketValue', 'Market Value'] },
  weight: { names: ['Weight', 'Weight (%)', 'Percent of Fund', '% of Fund'], required: true },
  name: { names: ['Name', 'Security Name'], required: true },
  shareClass: { names: ['Class of Shares', 'Security Type'] },
  sector: { names: ['Sector'] },
  date: { names: ['Date', 'As of Date'] },
} as const satisfies LayoutSpec<string>['fields'];
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = {
  fields: FIELDS,
  signature: ['Fund Ticker', 'Holding Ticker', 'Security Identifier', 'Class of Shares', 'Shares/Par Value'],
  marker: /Invesco/,
  within: 10,
};

/** Classes of shares that are stock: common, ADRs ("American Depository Receipt - NY"), REIT and other shares. */
const EQUITY_CLASS = /common|stock|depositary|depository|\badr\b|\bgdr\b|share|reit|equity/i;
/** Non-equity rows Invesco can list (cash, futures, a money-market sweep), by class or by name. */
const OTHER: readonly { test: RegExp; reason: string }[] = [
  { test: /future/i, reason: 'futures (notional exposure, not a holding)' },
  { test: /money market|treasury (obligations|portfolio)|liquid assets/i, reason: 'money-market fund (cash sweep)' },
  { test: /cash|currency|receivable|payable|u\.?s\.? dollar/i, reason: 'cash' },
];

/**
 * Invesco holdings CSV (QQQ): header on line 1, no preamble, no footer, a Date column on every
 * row, tickers padded on the right ("NVDA "). Variants read: 2020 (QQQ 07/02/2020, "FB" era) and
 * 2025 (QQQ 09/26/2025) print the same ten columns; a file without "Fund Ticker" or "Date" is
 * read with those left unknown. Read by the one table reader with this profile: what is
 * Invesco's own is its "Class of Shares", which decides what is stock.
 */
const PROFILE: Profile = {
  format: FORMAT,
  issuer: 'Invesco',
  kind: 'an Invesco CSV',
  scale: 100,
  header: 'the Invesco header',
  noDate: 'the file has no Date column',
  nameRequired: 'equity rows',
  classify: ({ name, ticker, label, hasLabel }) => ({ reason: classify(label, name, ticker, hasLabel), assetClass: label }),
  notes(rows) {
    const unknown = [...new Set(rows.filter((r) => r.keep === 'equity' && r.sector === null).map((r) => r.industry ?? '(blank)'))];
    return [
      'The file prints no country for its holdings.',
      ...(unknown.length > 0 ? [`Sector labels with no GICS sector we know of (sector left unknown): ${unknown.join('; ')}.`] : []),
    ];
  },
};

export const invescoCsv = profileParser({ rank: 90, spec: SPEC, profile: () => PROFILE });

/**
 * null for equity, else why the row is left out. The class decides first ("Stock Index Futures"
 * is not stock); the name only for rows whose class says nothing, so "Cash America Inc" with
 * class "Common Stock" stays a stock.
 */
function classify(shareClass: string, name: string, ticker: string, hasClassColumn: boolean): string | null {
  const byClass = OTHER.find((o) => o.test.test(shareClass));
  if (byClass) return byClass.reason;
  if (EQUITY_CLASS.test(shareClass)) return null;
  // Names decide only through the shared rules, which want a second signal ("Cash America", "FutureFuel" stay stocks).
  const byName = nonEquityReason({ name, ticker });
  if (byName) return byName;
  // A file without a class column says nothing against a named, tickered row being a stock.
  return !hasClassColumn && ticker !== '' ? null : `not equity (class of shares "${shareClass || 'blank'}")`;
}
