import type { LayoutSpec } from '../header.ts';
import { disclaimerLine, type Profile } from '../reader.ts';
import { profileParser } from './profile-parser.ts';

const FORMAT = 'ark-csv';
/**
 * Header names by meaning, for detection (the reader maps columns with the shared vocabulary). ARK has printed "market value ($)" / "weight (%)" (2021–2024) and
 * "market value($)" / "weight(%)" (2020, plain unquoted numbers, dates as "8/7/2020"); both reduce
 * to the same key in holdings/header.ts.
 */
const FIELDS = {
  date: { names: ['date', 'as of date'], required: true },
  fund: { names: ['fund'], required: true },
  company: { names: ['company', 'name'], required: true },
  ticker: { names: ['ticker'], required: true },
  cusip: { names: ['cusip'] },
  shares: { names: ['shares'] },
  marketValue: { names: ['market value ($)', 'market value'] },
  weight: { names: ['weight (%)', 'weight', 'weight %'], required: true },
} as const satisfies LayoutSpec<string>['fields'];
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = { fields: FIELDS, signature: ['fund', 'company'], marker: /ARK Investment Management/, within: 10 };
/**
 * The cash sweep ARK holds: a Treasury money-market fund ("GOLDMAN FS TRSY OBLIG INST 468"),
 * printed with no ticker. Only rows without a ticker are tested, so a listed stock is never
 * taken for cash by its name.
 */
const MONEY_MARKET = /\b(TRSY|TREAS(URY)?|OBLIG|GOVT|GOVERNMENT|MONEY MARKET|MMF|LIQUIDITY|CASH)\b/i;

/**
 * ARK Invest holdings CSV: header on line 1, a date and the fund on every row, a one-cell
 * disclaimer at the end. Variants read: ARKQ 2020-08-07 (unquoted numbers, "weight(%)",
 * "8/7/2020"), ARKK 2021-12-03 and 2024-06-04 ("$1,712,125,698.80", "9.98%"), and the "cleaned"
 * re-save without the footer. Read by the one table reader with this profile: what is ARK's own
 * is its cash sweep (a money-market fund printed with no ticker) and its disclaimer.
 */
const PROFILE: Profile = {
  format: FORMAT,
  issuer: 'ARK',
  kind: 'an ARK CSV',
  scale: 100,
  header: 'the ARK header',
  noDate: 'the file has no date column',
  nameRequired: 'every row',
  footer: disclaimerLine,
  classify: ({ name, ticker }) => (ticker === '' && MONEY_MARKET.test(name) ? { reason: 'money-market fund (cash)', assetClass: 'money market' } : { reason: null, assetClass: '' }),
  // The file names the fund only by its ticker ("ARKK"); a longer name would be our invention.
  notes: () => ['The file prints no sector or country for its holdings.'],
};

export const arkCsv = profileParser({ rank: 90, spec: SPEC, profile: () => PROFILE });
