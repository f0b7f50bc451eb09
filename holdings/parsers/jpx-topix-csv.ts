import type { LayoutSpec } from '../header.ts';
import type { Profile } from '../reader.ts';
import { sectorFromLabel } from '../sectors.ts';
import { meaningOf } from '../vocabulary.ts';
import { profileParser } from './profile-parser.ts';

const FORMAT = 'jpx-topix-csv';
/** Header names for detection (the reader maps columns with the shared vocabulary). */
const FIELDS = {
  date: { names: ['日付'], required: true },
  name: { names: ['銘柄名'], required: true },
  code: { names: ['コード', '銘柄コード'], required: true },
  sector: { names: ['業種', '33業種区分'] },
  weight: { names: ['TOPIXに占める個別銘柄のウエイト', 'ウエイト', 'ウェイト'], required: true },
  bucket: { names: ['ニューインデックス区分'] },
} as const satisfies LayoutSpec<string>['fields'];
type Field = keyof typeof FIELDS;
const SPEC: LayoutSpec<Field> = { fields: FIELDS, signature: ['TOPIXに占める個別銘柄のウエイト', 'ニューインデックス区分'], marker: /JPX|日本取引所/, within: 10 };
/** A data row starts with the date as YYYYMMDD; the notes below the table start with "（注1）" or prose. */
const DATA_ROW = /^\d{8}$/;

/**
 * JPX's TOPIX constituent weights (topixweight_j.csv, Shift-JIS, decoded by readDoc):
 * one row per stock with its TSE-33 sector and weight, then Japanese notes and a disclaimer.
 * Variants read: 2026-04-30 (six columns), 2024-04-30 (padded with two empty columns, and the
 * first data row carrying "100.00%" in the eighth: a running total JPX printed then). The notes
 * must follow the table: without them the file was cut short. Read by the one table reader with
 * this profile: what is JPX's own is the table's end (the first line without a YYYYMMDD date),
 * the notes that must follow it, its TSE-33 sectors, and every row a Tokyo-listed stock.
 */
const PROFILE: Profile = {
  format: FORMAT,
  issuer: 'JPX',
  kind: 'a JPX TOPIX weight CSV',
  scale: 100,
  header: 'the JPX header',
  noDate: 'the file has no 日付 column',
  nameRequired: 'name and ticker',
  weightRequired: true,
  footer: (record, header) => !DATA_ROW.test((record.cells[header.findIndex((c) => meaningOf(c) === 'date')] ?? '').trim()),
  // JPX always ends the file with notes and a disclaimer; without them the table was cut short.
  preamble: () => ({ name: 'TOPIX (JPX index weights)', closed: "JPX's notes after the weight table (the file looks truncated)" }),
  classify: () => ({ reason: null, assetClass: '' }),
  // Codes kept as printed: four characters, digits or (since 2024) letters such as "130A".
  sectorOf: (label) => sectorFromLabel(label, 'tse33'),
  finish: (row) => ({ ...row, country: 'JP', exchange: 'Tokyo Stock Exchange' }),
  notes(rows) {
    const unmapped = [...new Set(rows.filter((r) => r.sector === null).map((r) => r.industry ?? '(blank)'))];
    return [
      "These are the TOPIX index's constituent weights as JPX publishes them, not an ETF's holdings: a TOPIX ETF (such as 1306) tracks them closely but also holds cash and may differ slightly.",
      'JPX states that its index values and marks are its intellectual property and that any commercial use of JPX-calculated indices (for example, building funds or other financial products on them) needs a licence agreement with JPX.',
      'Sectors are the TSE 33-sector labels JPX prints, mapped to the nearest GICS sector (an approximation; the TSE label is kept as the industry).',
      ...(unmapped.length > 0 ? [`Sector labels with no GICS mapping (sector left unknown): ${unmapped.join('、')}.`] : []),
    ];
  },
};

// Index weights, not a fund's holdings: a full table, but only a proxy for a TOPIX ETF. Another
// issuer's table is refused for lacking JPX's header, not read as if it were JPX's.
export const jpxTopixCsv = profileParser({ rank: 60, spec: SPEC, profile: () => PROFILE, ownHeader: true });
