import type { CsvRecord } from '../csv.ts';
import type { FieldSpecs, LayoutSpec } from '../header.ts';
import { SECTOR_BY_NIKKEI36 } from '../nikkei36.ts';
import type { Profile } from '../reader.ts';
import { meaningOf } from '../vocabulary.ts';
import { profileParser } from './profile-parser.ts';

/**
 * Nikkei's official Nikkei 225 weight file (nikkei_stock_average_weight_en.csv, 2025): Shift-JIS
 * (cp932; readDoc decodes it), every cell quoted, header on line 1 ("Date of Data, Code, Company
 * Name, Nikkei Industrial Classification, Sector, Weight"), weights as "9.1513%", 225 rows and a
 * one-cell copyright line. Also reads the Japanese edition's header names (日付, コード, 銘柄名,
 * 業種, セクター, ウエイト) and files re-saved without the footer or the quotes.
 *
 * The Nikkei 225 is PRICE-weighted: a member's weight is its (par-adjusted) share price over the
 * sum of prices, not its market value. The Holdings carry `weighting: 'price'` so every card says so.
 */
const FORMAT = 'nikkei225-csv';
/** Header names for detection (the reader maps columns with the shared vocabulary). */
const FIELDS = {
  date: { names: ['Date of Data', 'Date', '日付', '基準日'] },
  code: { names: ['Code', 'コード', '銘柄コード', '証券コード'], required: true },
  name: { names: ['Company Name', 'Name', '銘柄名', '社名'], required: true },
  industry: { names: ['Nikkei Industrial Classification', 'Industry', '業種', '日経業種分類'] },
  sector: { names: ['Sector', 'セクター'] },
  weight: { names: ['Weight', 'ウエイト', 'ウェイト', '構成比率', 'Weight (%)'], required: true },
} as const satisfies FieldSpecs<string>;
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = {
  fields: FIELDS,
  signature: ['Nikkei Industrial Classification', 'Date of Data'],
  // Nikkei's own words, in the footer: nobody else prints these.
  marker: /copyrightable work of Nikkei|日経平均|日本経済新聞社/,
  within: 10,
};
/** A Tokyo security code: four characters, digits or (since 2024) letters, e.g. "7203", "285A". */
const CODE = /^[0-9][0-9A-Z]{3}$/;

/**
 * What is Nikkei's own, for the one table reader: the industry label sits in "Nikkei Industrial
 * Classification" (業種), mapped to GICS from Nikkei's 36 industries; blank lines may sit inside
 * the table, which ends at the one-cell copyright line; the index is price-weighted; every row a
 * Tokyo-listed stock with its weight.
 */
const PROFILE: Profile = {
  format: FORMAT,
  issuer: 'Nikkei',
  kind: 'a Nikkei 225 weight CSV',
  scale: 100,
  header: 'the Nikkei header',
  noDate: 'the file has no date column',
  nameRequired: 'name and ticker',
  weightRequired: true,
  weighting: 'price',
  columns: { sector: ['Nikkei Industrial Classification', 'Industry', '業種', '日経業種分類'] },
  footer: copyright,
  trailing: (record, header) => !copyright(record, header),
  preamble: () => ({ name: 'Nikkei 225 (Nikkei Stock Average index weights)' }),
  classify: () => ({ reason: null, assetClass: '' }),
  sectorOf: (label) => SECTOR_BY_NIKKEI36[label] ?? null,
  finish: (row) => ({ ...row, country: 'JP', exchange: 'Tokyo Stock Exchange' }),
  notes(rows) {
    const unmapped = [...new Set(rows.filter((r) => r.sector === null).map((r) => r.industry ?? '(blank)'))];
    return [
      'The Nikkei 225 is price-weighted (株価平均型): each weight follows the share price, adjusted by a par-value factor, not the company\'s market value, so a few high-priced shares carry a large share of the index.',
      `These are the index's constituent weights as Nikkei publishes them (${rows.length} members), not an ETF's holdings: a Nikkei 225 ETF (such as 1321) tracks them closely but also holds cash.`,
      'Nikkei states that this material is its copyrighted work and may not be copied or circulated without its permission.',
      "Sectors are Nikkei's 36-industry labels mapped to the nearest GICS sector (an approximation; Nikkei's label is kept as the industry).",
      ...(unmapped.length > 0 ? [`Industry labels with no GICS mapping (sector left unknown): ${unmapped.join('; ')}.`] : []),
    ];
  },
};

// Index weights, not a fund's holdings: a full table, but only a proxy for a Nikkei 225 ETF.
// Another issuer's table is refused for lacking Nikkei's header, not read as if it were Nikkei's.
export const nikkei225Csv = profileParser({ rank: 60, spec: SPEC, profile: () => PROFILE, ownHeader: true });

/** The copyright line is one cell of prose; every data row starts with a date or a code. */
function copyright(record: CsvRecord, header: readonly string[]): boolean {
  const code = (record.cells[header.findIndex((c) => meaningOf(c) === 'ticker')] ?? '').trim();
  return record.cells.filter((c) => c.trim() !== '').length === 1 && !CODE.test(code);
}
