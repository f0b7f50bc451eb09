import { buildHoldings, type FileMeta, type RawRow } from '../build.ts';
import { csvRecords, isBlank, requireText } from '../csv.ts';
import type { Doc } from '../doc.ts';
import { HoldingsFileError } from '../errors.ts';
import { columnName, findHeaderRow, missingText, type Detection, type FieldSpecs } from '../header.ts';
import { examineText } from '../table.ts';
import type { HoldingsParser } from '../parser.ts';
import type { Holdings } from '../types.ts';

/**
 * A Yomiuri 333 constituent list: any CSV with a security-code column and a name column and no
 * weight column, holding exactly 333 distinct Tokyo codes. The Yomiuri Stock Index (読売株価指数,
 * "Yomiuri 333") is equal-weighted by rule (each member 1/333 at every rebalance), so the list of
 * members is all it takes. The one we know of is user-compiled
 * (noumi0713/theme-radar-yomiuri333, `data/読売333_相対値動きテーマペア.csv`: UTF-8 with BOM,
 * header 相対グループ,側,対向平均相関,対向強度,テーマ,コード,銘柄名, theme annotations), not an
 * official file, and every card says so. A code listed on several rows counts once; two rows
 * giving one code different names are refused.
 */
const FORMAT = 'yomiuri333';
const MEMBERS = 333;
const FIELDS = {
  code: { names: ['コード', '銘柄コード', '証券コード', 'Code', 'Ticker'], required: true },
  name: { names: ['銘柄名', '社名', '会社名', 'Company Name', 'Name'], required: true },
} as const satisfies FieldSpecs<string>;
/** A column that would make the file a weighted list (Nikkei, JPX), which its own parser reads. */
const WEIGHTED = /ウエイト|ウェイト|構成比|weight|%/i;
const CODE = /^[0-9][0-9A-Z]{3}$/;

export const yomiuri333Csv: HoldingsParser = {
  format: FORMAT,
  issuer: 'Unknown',
  rank: 50,
  examine(doc: Doc): Detection {
    const d = examineText(doc, { fields: FIELDS, signature: [], within: 10 });
    if (d.score === 0 || doc.kind !== 'text') return d;
    // Only a list of exactly 333 distinct codes without weights is taken for the Yomiuri 333.
    try {
      return members(doc.file, doc.text).codes.size === MEMBERS ? d : { ...d, score: 0 };
    } catch {
      return { ...d, score: 0 };
    }
  },
  detect: (doc) => yomiuri333Csv.examine(doc).score > 0,
  parse(doc: Doc, fund: string): Holdings {
    const { codes, headerLine } = members(doc.file, requireText(doc, 'a Yomiuri 333 constituent CSV'));
    if (codes.size !== MEMBERS) {
      throw new HoldingsFileError(doc.file, headerLine, `${MEMBERS} distinct security codes under the header (the Yomiuri 333 has ${MEMBERS} members)`, `${codes.size}`);
    }
    const rows: RawRow[] = [...codes.entries()].map(([code, m]) => ({
      line: m.line,
      ticker: code,
      name: m.name,
      keep: 'equity',
      assetClass: '',
      reportedWeight: null,
      marketValue: null,
      industry: null,
      sector: null,
      sectorSource: null,
      country: 'JP',
      exchange: 'Tokyo Stock Exchange',
      ids: {},
    }));
    const repeated = [...codes.values()].filter((m) => m.rows > 1).length;
    const meta: FileMeta = {
      fund,
      name: 'Yomiuri 333 (読売株価指数), equal weights',
      issuer: 'Unknown',
      format: FORMAT,
      file: doc.file,
      excerpt: doc.excerpt === true,
      asOf: { date: null, reason: 'the constituent list prints no date' },
      weightBasis: 'equal',
      weighting: 'equal',
      notes: [
        `Members and names come from a user-compiled list (${doc.file}, from the public repository noumi0713/theme-radar-yomiuri333), not from Yomiuri or its index calculator; check it against the official constituent list before relying on it.`,
        'The Yomiuri 333 is equal-weighted by rule; between rebalances actual weights drift with prices, so these are the weights right after a rebalance.',
        ...(repeated > 0 ? [`${repeated} codes appear on more than one row of the list; each is counted once.`] : []),
        'The list prints no sector for its members.',
      ],
    };
    return buildHoldings(meta, rows);
  },
};

interface Member {
  name: string;
  line: number;
  rows: number;
}

function members(file: string, text: string): { codes: Map<string, Member>; headerLine: number } {
  const records = csvRecords(file, text);
  const header = findHeaderRow(records, FIELDS, 10);
  if (!header) throw new HoldingsFileError(file, null, `${FORMAT}: a header with a code and a name column`, 'no header found in the first 10 lines');
  if (header.missing.length > 0) throw new HoldingsFileError(file, header.line, `${FORMAT}: a header with a code and a name column`, missingText(header));
  if (header.cells.some((c) => WEIGHTED.test(c))) throw new HoldingsFileError(file, header.line, `${FORMAT}: a constituent list without weights`, `a weight column in ${header.saw.join(', ')}`);
  const codes = new Map<string, Member>();
  for (const record of records.slice(header.index + 1)) {
    if (isBlank(record)) continue;
    const code = (record.cells[header.col.get('code')!] ?? '').trim();
    const name = (record.cells[header.col.get('name')!] ?? '').trim();
    if (!CODE.test(code)) throw new HoldingsFileError(file, record.line, `a four-character security code such as "7203" in "${columnName(header, 'code')}"`, code);
    if (name === '') throw new HoldingsFileError(file, record.line, `a name in "${columnName(header, 'name')}"`, record.cells.join(','));
    const seen = codes.get(code);
    if (!seen) codes.set(code, { name, line: record.line, rows: 1 });
    else if (seen.name !== name) throw new HoldingsFileError(file, record.line, `the name line ${seen.line} gives code ${code} (${seen.name})`, name);
    else seen.rows++;
  }
  return { codes, headerLine: header.line };
}
