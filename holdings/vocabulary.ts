import { headerKey } from './header.ts';

/**
 * One vocabulary of what a holdings column means, shared by every issuer: each meaning with
 * every header name it has been printed under by any issuer we have read (iShares, SPDR,
 * Vanguard, Invesco and PowerShares, Schwab, ARK, Global X, JPX, the Tidal/ETF Managers
 * platforms, hand re-saves). A synonym learned from one issuer's file serves every file.
 * Names compare by headerKey: case, spaces, punctuation and units in parentheses do not matter.
 */
export const MEANINGS = [
  'name',
  'ticker',
  'isin',
  'cusip',
  'sedol',
  'identifier',
  'weight',
  'marketValue',
  'shares',
  'price',
  'assetClass',
  'isCash',
  'sector',
  'country',
  'currency',
  'exchange',
  'date',
  'fundTicker',
] as const;
export type Meaning = (typeof MEANINGS)[number];

export const VOCABULARY: Readonly<Record<Meaning, readonly string[]>> = {
  name: ['Name', 'Security Name', 'Holding Name', 'Holding', 'HOLDINGS', 'Holdings Name', 'Description', 'Security Description', 'Company', 'Company Name', 'proper_name', 'Issuer Name', 'Issuer', 'Fund Name', 'Constituent', 'Constituent Name', 'Security', '銘柄名', '銘柄', '会社名'],
  ticker: ['Ticker', 'Symbol', 'Holding Ticker', 'HoldingsTicker', 'Issuer Ticker', 'Ticker Symbol', 'Stock Ticker', 'Trading Symbol', 'Code', 'Local Ticker', 'Bloomberg Ticker', 'Company Ticker', 'コード', '銘柄コード', '証券コード'],
  isin: ['ISIN', 'ISIN Code', 'ISIN Number'],
  cusip: ['CUSIP', 'Cusip Number'],
  sedol: ['SEDOL', 'Sedol Code'],
  identifier: ['Identifier', 'Security Identifier', 'SecurityNum', 'Security Number', 'Security ID', 'Security Identifier Number', 'StockTicker ID'],
  weight: [
    'Weight', 'Weight (%)', '% Weight', 'Weight %', 'Weightings', 'Weighting', 'Portfolio Weight', '% of Net Assets', 'Percent of Net Assets', '% Net Assets',
    '% of Fund', '% of funds', 'Percent of Fund', '% of Assets', '% of Total Net Assets', '% TNA', 'Percent of TNA', 'percent_of_nav', '% of NAV', 'Percent of NAV',
    'NAV %', 'pct_of_nav', 'Allocation', '% of Portfolio', 'Percentage of Fund', 'PercentageOfFund', 'weight_pct', 'Index Weight', 'TOPIXに占める個別銘柄のウエイト', 'ウエイト', 'ウェイト', '構成比率', '組入比率', '比率'
  ],
  marketValue: ['Market Value', 'MarketValue', 'market_value', 'Market Value (USD)', 'Market Value ($)', 'Notional Value', 'Value', 'Base Market Value', 'market_cap', 'Position Value', 'Market Val'],
  shares: ['Shares', 'Quantity', 'Shares Held', 'Shares/Par Value', 'Share/ Par', 'Shares/Par', 'Par Value', 'Nominal', 'Shares Outstanding in Fund', 'Units', 'Share Quantity', 'Number of Shares'],
  price: ['Price', 'Market Price', 'Market Price ($)', 'Closing Price', 'Last Price', 'Share Price', 'Local Price'],
  assetClass: ['Asset Class', 'Asset Class Type', 'Asset Category', 'Security Type', 'Class of Shares', 'Class of shares', 'security_type', 'Instrument Type', 'Investment Type', 'Asset Type', 'Type'],
  isCash: ['is_cash', 'Is Cash', 'Cash', 'Cash Flag'],
  sector: ['Sector', 'GICS Sector', 'Industry', 'SUB-INDUSTRY', 'Sub-industry', 'Sector Classification', 'Industry Sector', 'gics_sector', '業種', '業種名', '33業種区分'],
  country: ['Country', 'Location', 'Location of Risk', 'Country of Risk', 'Domicile', 'Country of Domicile', 'Market of Listing'],
  currency: ['Currency', 'Local Currency', 'Market Currency', 'Trading Currency', 'Base Currency'],
  exchange: ['Exchange', 'Market', 'Listing Exchange', 'Primary Exchange'],
  date: ['Date', 'As of Date', 'As Of', 'holdings_date', 'Holdings Date', 'Date of Data', 'Effective Date', 'Trade Date', 'Position Date', '日付', '基準日'],
  fundTicker: ['Fund Ticker', 'FundTicker', 'Fund', 'Fund Symbol', 'ETF Ticker', 'Account'],
};

const BY_KEY: ReadonlyMap<string, Meaning> = new Map(MEANINGS.flatMap((meaning) => VOCABULARY[meaning].map((name) => [headerKey(name), meaning] as const)));

/** What a header cell means, or null when the vocabulary does not know the name. */
export function meaningOf(header: string): Meaning | null {
  const key = headerKey(header);
  return key === '' ? null : (BY_KEY.get(key) ?? null);
}

/** The fields of a meaning, for messages: "weight" → "weight", "marketValue" → "market value". */
export function meaningText(meaning: Meaning): string {
  return meaning.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/^is /, 'is-');
}
