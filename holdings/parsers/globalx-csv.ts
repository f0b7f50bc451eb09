import { nonEquityReason } from '../asset-class.ts';
import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { readDate, readNumber } from '../cells.ts';
import { csvRecords, isBlank, type CsvRecord, requireText, requireWidth } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import { columnName, headerKey, type FieldSpecs, type HeaderMatch, type LayoutSpec } from '../header.ts';
import { examineText, requireHeader } from '../table.ts';
import type { HoldingsParser } from '../parser.ts';
import type { Holdings, Identifiers } from '../types.ts';

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
/** The disclaimer is one long quoted sentence in a single cell; a row cut to one short cell is damage. */
const FOOTER_MIN_CHARS = 40;

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

export const globalxCsv: HoldingsParser = {
  format: FORMAT,
  issuer: 'Global X',
  rank: 90,
  // Line 2 is Global X's own wording; without the preamble, "% of Net Assets" with "Shares Held" and "Market Price ($)" are.
  examine: (doc) => {
    const d = examineText(doc, SPEC);
    if (d.score === 0 || doc.kind !== 'text') return d;
    const own = SPEC.signature.filter((s) => d.saw.some((c) => headerKey(c) === headerKey(s))).length;
    return /^\s*"?Fund Holdings Data as of\b/im.test(doc.text.slice(0, 4096)) || own >= 2 ? d : { ...d, score: 0 };
  },
  detect: (doc) => globalxCsv.examine(doc).score > 0,
  parse(doc: Doc, fund: string): Holdings {
    return parseText(doc.file, requireText(doc, 'a Global X CSV'), fund, doc.excerpt === true);
  },
};

function parseText(file: string, text: string, fund: string, excerpt: boolean): Holdings {
  const records = csvRecords(file, text);
  const header = requireHeader(file, records, SPEC, FORMAT);
  const headerRecord = records[header.index]!;
  const preamble = readPreamble(file, records.slice(0, header.index));

  const rows: RawRow[] = [];
  for (let i = header.index + 1; i < records.length; i++) {
    const record = records[i]!;
    if (isBlank(record) || isFooter(record)) break;
    requireWidth(file, record, headerRecord);
    rows.push(readRow(file, record, header));
  }
  if (rows.length === 0) throw new HoldingsFileError(file, headerRecord.line + 1, 'holding rows under the Global X header', 'none');

  const equity = rows.filter((r) => r.keep === 'equity');
  const foreign = equity.filter((r) => r.country !== 'US').length;
  const byValue = header.col.has('marketValue');
  const meta: FileMeta = {
    fund,
    name: preamble.name ?? fund,
    issuer: 'Global X',
    format: FORMAT,
    file,
    excerpt,
    asOf: preamble.asOf ?? { date: null, reason: 'the file has no "Fund Holdings Data as of" line' },
    weightBasis: byValue ? 'market-value' : 'reported-weight',
    ...(byValue ? { basisReason: 'Global X prints "% of Net Assets" rounded to 0.01%' } : {}),
    notes: [
      `Countries are the listing market read from each Bloomberg ticker's exchange code ("700 HK" → HK; a bare ticker → US), not the company's home: ${foreign} of ${equity.length} equity rows trade outside the US.`,
      'Tickers are kept without the exchange code ("700 HK" → 700, with exchange "HK").',
      'The file prints no sector for its holdings.',
    ],
  };
  return buildHoldings(meta, rows);
}

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

function isFooter(record: CsvRecord): boolean {
  return record.cells.filter((c) => c.trim() !== '').length === 1 && (record.cells[0] ?? '').trim().length >= FOOTER_MIN_CHARS;
}

function readRow(file: string, record: CsvRecord, header: HeaderMatch<Field>): RawRow {
  const cell = (field: Field): string => (record.cells[header.col.get(field) ?? -1] ?? '').trim();
  const at = (field: Field) => ({ file, line: record.line, column: columnName(header, field) });
  const printed = cell('ticker');
  const name = cell('name');
  if (name === '' && printed === '') throw new HoldingsFileError(file, record.line, 'a ticker or a name', record.cells.join(','));
  const weight = readNumber(cell('weight'), at('weight'));
  const shares = header.col.has('shares') ? readNumber(cell('shares'), at('shares')) : null;
  const marketValue = header.col.has('marketValue') ? readNumber(cell('marketValue'), at('marketValue')) : null;
  const ids = identifiers(cell('sedol'), cell('isin'), cell('cusip'));
  const reason = printed === '' ? (nonEquityReason({ name, ticker: '' }) ?? 'no ticker (cash or another non-security line)') : nonEquityReason({ name, ticker: printed, quantity: shares, hasId: Object.keys(ids).length > 0 });
  const { ticker, code } = splitBloomberg(printed);
  const country = code === null ? 'US' : (BLOOMBERG_EXCHANGE[code] ?? null);
  return {
    line: record.line,
    ticker,
    name: name || printed,
    keep: reason === null ? 'equity' : { reason },
    assetClass: '',
    reportedWeight: weight === null ? null : weight / 100,
    marketValue,
    industry: null,
    sector: null,
    sectorSource: null,
    country: reason === null ? country : null,
    countrySource: 'mapped',
    exchange: code,
    ids: reason === null ? ids : {},
  };
}

/** "700 HK" → 700 on HK; "005930 KS" → 005930 on KS; "NVDA" → NVDA with no code (a US listing). */
export function splitBloomberg(ticker: string): { ticker: string; code: string | null } {
  const m = /^(.+?)\s+([A-Z][A-Z0-9])$/.exec(ticker);
  return m ? { ticker: m[1]!, code: m[2]! } : { ticker, code: null };
}

function identifiers(sedol: string, isin: string, cusip: string): Identifiers {
  const out: Identifiers = {};
  if (/^[0-9A-Z]{7}$/.test(sedol)) out.sedol = sedol;
  if (/^[A-Z]{2}[0-9A-Z]{10}$/.test(isin)) out.isin = isin;
  if (/^[0-9A-Z]{9}$/.test(cusip)) out.cusip = cusip;
  return out;
}
