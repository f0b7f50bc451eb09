import { nonEquityReason } from '../asset-class.ts';
import { readDate } from '../cells.ts';
import type { CsvRecord } from '../csv.ts';
import { HoldingsFileError } from '../errors.ts';
import { headerKey, type FieldSpecs, type LayoutSpec } from '../header.ts';
import { disclaimerLine, type Profile } from '../reader.ts';
import { profileParser } from './profile-parser.ts';
import type { Holdings } from '../types.ts';

/**
 * Global X "full holdings" CSV (AIQ, 2026): line 1 the fund name, line 2
 * "Fund Holdings Data as of MM/DD/YYYY", the header on line 3, Bloomberg-style tickers
 * ("700 HK", "SIE GR"; bare for US listings), currency and cash rows with no ticker anywhere in
 * the table, quoted numbers with thousands separators, one quoted disclaimer as the last line.
 * Reads the header by meaning (the weight column has also been printed as "Weight", "% of Net
 * Assets" and "Percent of Net Assets"; SEDOL, price and shares are optional), with or without
 * the two preamble lines.
 */
const FORMAT = 'globalx-csv';
const FIELDS = {
  weight: { names: ['% of Net Assets', 'Percent of Net Assets', '% Net Assets', 'Weight', 'Weight (%)', '% Weight', '% of Fund'], required: true },
  ticker: { names: ['Ticker', 'Symbol', 'Ticker Symbol'], required: true },
  name: { names: ['Name', 'Security Name', 'Holding Name', 'Description'], required: true },
  sedol: { names: ['SEDOL'] },
  isin: { names: ['ISIN'] },
  cusip: { names: ['CUSIP'] },
  price: { names: ['Market Price ($)', 'Market Price', 'Price'] },
  shares: { names: ['Shares Held', 'Shares', 'Quantity', 'Shares/Par'] },
  marketValue: { names: ['Market Value ($)', 'Market Value', 'Notional Value'] },
} as const satisfies FieldSpecs<string>;
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = { fields: FIELDS, signature: ['% of Net Assets', 'Shares Held', 'Market Price ($)'], marker: /Fund Holdings Data as of/, within: 20 };
/* Global X's columns are generic names other issuers print too, so a file counts as Global X only with its preamble line or two of its own header names. */
const AS_OF = /^\s*Fund Holdings Data as of\b/i;

/**
 * Bloomberg exchange codes → ISO country of the listing. The ticker's last word is the code
 * ("700 HK"); a ticker without one is a US listing. This is where the shares trade, not where
 * the company is based (an ADR such as TSM counts as US), and positions say 'mapped'.
 */
export const BLOOMBERG_EXCHANGE: Readonly<Record<string, string>> = {
  US: 'US', UN: 'US', UW: 'US', UQ: 'US', UA: 'US', UR: 'US', UP: 'US', UF: 'US', UV: 'US',
  HK: 'HK', GR: 'DE', GY: 'DE', GF: 'DE', GH: 'DE', GM: 'DE', JP: 'JP', JT: 'JP', LN: 'GB',
  KS: 'KR', KQ: 'KR', TT: 'TW', TW: 'TW', FH: 'FI', IM: 'IT', NA: 'NL', SW: 'CH', SE: 'CH', VX: 'CH',
  FP: 'FR', SM: 'ES', SQ: 'ES', CN: 'CA', CT: 'CA', AU: 'AU', AT: 'AU', SS: 'SE', DC: 'DK', NO: 'NO',
  BB: 'BE', ID: 'IE', IT: 'IL', SP: 'SG', IN: 'IN', IB: 'IN', IS: 'IN', CH: 'CN', C1: 'CN', C2: 'CN',
  BZ: 'BR', MM: 'MX', SJ: 'ZA', AV: 'AT', PL: 'PT', PW: 'PL', TB: 'TH', MK: 'MY', IJ: 'ID', PM: 'PH',
  NZ: 'NZ', TI: 'TR', AB: 'SA', QD: 'QA', UH: 'AE', DU: 'AE', CI: 'CL', PE: 'PE', CB: 'CO', GA: 'GR',
};

/**
 * What is Global X's own, for the one table reader: the two preamble lines, weights by market value
 * (the printed ones are rounded to 0.01%), cash and currency rows with no ticker, and Bloomberg
 * tickers whose exchange code tells the listing's country.
 */
const PROFILE: Profile = {
  format: FORMAT,
  issuer: 'Global X',
  kind: 'a Global X CSV',
  scale: 100,
  header: 'the Global X header',
  noDate: 'the file has no "Fund Holdings Data as of" line',
  nameRequired: 'name or ticker',
  readsShares: true,
  byValue: 'Global X prints "% of Net Assets" rounded to 0.01%',
  footer: disclaimerLine,
  preamble: readPreamble,
  classify: ({ name, ticker, quantity, hasId }) => ({
    reason: ticker === '' ? (nonEquityReason({ name, ticker: '' }) ?? 'no ticker (cash or another non-security line)') : nonEquityReason({ name, ticker, quantity, hasId }),
    assetClass: '',
  }),
  finish(row) {
    const { ticker, code } = splitBloomberg(row.ticker);
    const equity = row.keep === 'equity';
    return { ...row, ticker, name: row.name || row.ticker, country: equity ? (code === null ? 'US' : (BLOOMBERG_EXCHANGE[code] ?? null)) : null, countrySource: 'mapped', exchange: code };
  },
  notes(rows) {
    const equity = rows.filter((r) => r.keep === 'equity');
    const foreign = equity.filter((r) => r.country !== 'US').length;
    return [
      `Countries are the listing market read from each Bloomberg ticker's exchange code ("700 HK" → HK; a bare ticker → US), not the company's home: ${foreign} of ${equity.length} equity rows trade outside the US.`,
      'Tickers are kept without the exchange code ("700 HK" → 700, with exchange "HK").',
      'The file prints no sector for its holdings.',
    ];
  },
};

// Line 2 is Global X's own wording; without the preamble, "% of Net Assets" with "Shares Held" and "Market Price ($)" are.
export const globalxCsv = profileParser({
  rank: 90,
  spec: SPEC,
  profile: () => PROFILE,
  fits: (doc, d) => doc.kind === 'text' && (/^\s*"?Fund Holdings Data as of\b/im.test(doc.text.slice(0, 4096)) || SPEC.signature.filter((s) => d.saw.some((c) => headerKey(c) === headerKey(s))).length >= 2),
});

function readPreamble(file: string, records: readonly CsvRecord[]): { name?: string; asOf?: Holdings['asOf'] } {
  const out: { name?: string; asOf?: Holdings['asOf'] } = {};
  for (const r of records) {
    const text = r.cells.map((c) => c.trim()).filter((c) => c !== '').join(' ');
    if (text === '') continue;
    if (AS_OF.test(text)) {
      const date = readDate(text.replace(AS_OF, ''));
      // A printed but unreadable date must not pass as "no date".
      if (!date) throw new HoldingsFileError(file, r.line, 'a date such as "08/28/2026" after "Fund Holdings Data as of"', text);
      out.asOf = { date, source: 'file' };
    } else if (out.name === undefined && r.cells.filter((c) => c.trim() !== '').length === 1) {
      out.name = text;
    }
  }
  return out;
}

/** "700 HK" → 700 on HK; "005930 KS" → 005930 on KS; "NVDA" → NVDA with no code (a US listing). */
export function splitBloomberg(ticker: string): { ticker: string; code: string | null } {
  const m = /^(.+?)\s+([A-Z][A-Z0-9])$/.exec(ticker);
  return m ? { ticker: m[1]!, code: m[2]! } : { ticker, code: null };
}
