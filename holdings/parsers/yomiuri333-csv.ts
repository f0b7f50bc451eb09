import type { RawRow } from '../build.ts';
import type { Doc } from '../doc.ts';
import type { FieldSpecs, LayoutSpec } from '../header.ts';
import type { Profile } from '../reader.ts';
import { profileParser } from './profile-parser.ts';

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
/** Header names for detection (the reader maps columns with the shared vocabulary). */
const FIELDS = {
  code: { names: ['コード', '銘柄コード', '証券コード', 'Code', 'Ticker'], required: true },
  name: { names: ['銘柄名', '社名', '会社名', 'Company Name', 'Name'], required: true },
} as const satisfies FieldSpecs<string>;
const SPEC: LayoutSpec<keyof typeof FIELDS> = { fields: FIELDS, signature: [], within: 10 };
const CODE = /^[0-9][0-9A-Z]{3}$/;

/**
 * What is the Yomiuri 333 list's own, for the one table reader: a member list with no weights
 * (equal by the index's rule, 333 members, each counted once), every row a Tokyo code and a name,
 * blank lines skipped to the end of the file, the list's provenance stated on every card.
 */
const PROFILE: Profile = {
  format: FORMAT,
  issuer: 'Unknown',
  kind: 'a Yomiuri 333 constituent CSV',
  scale: 100,
  header: 'the constituent list header',
  noDate: 'the constituent list prints no date',
  nameRequired: 'name and ticker',
  memberList: { count: MEMBERS, index: `the Yomiuri ${MEMBERS}` },
  // Every line is a member: no footer ends the list, and blank lines are passed over to its end.
  footer: () => false,
  trailing: () => true,
  preamble: (file) => ({
    name: 'Yomiuri 333 (読売株価指数), equal weights',
    notes: [
      `Members and names come from a user-compiled list (${file}, from the public repository noumi0713/theme-radar-yomiuri333), not from Yomiuri or its index calculator; check it against the official constituent list before relying on it.`,
      'The Yomiuri 333 is equal-weighted by rule; between rebalances actual weights drift with prices, so these are the weights right after a rebalance.',
    ],
  }),
  classify: () => ({ reason: null, assetClass: '' }),
  tickerShape: { test: (code) => CODE.test(code), expected: 'a four-character security code such as "7203"' },
  finish: (row) => ({ ...row, country: 'JP', exchange: 'Tokyo Stock Exchange' }),
  notes(rows) {
    const repeated = repeatedCodes(rows);
    return [...(repeated > 0 ? [`${repeated} codes appear on more than one row of the list; each is counted once.`] : []), 'The list prints no sector for its members.'];
  },
};

// Only a list of exactly 333 distinct codes without weights is taken for the Yomiuri 333; another
// table is refused for lacking a code and a name column, not read as if it were a member list.
export const yomiuri333Csv = profileParser({ rank: 50, spec: SPEC, profile: () => PROFILE, ownHeader: true, fits: (doc) => readsAsMembers(doc) });

function readsAsMembers(doc: Doc): boolean {
  try {
    yomiuri333Csv.parse(doc, FORMAT);
    return true;
  } catch {
    return false;
  }
}

/** How many codes the list prints on more than one row. */
function repeatedCodes(rows: readonly RawRow[]): number {
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.ticker, (seen.get(r.ticker) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}
