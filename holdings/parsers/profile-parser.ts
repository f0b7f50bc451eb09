import type { Doc } from '../doc.ts';
import type { Detection, LayoutSpec } from '../header.ts';
import type { HoldingsParser } from '../parser.ts';
import { readWithProfile, type Profile } from '../reader.ts';
import { examineSheet, examineText, headRecords, requireHeader } from '../table.ts';

/**
 * An issuer's layout as the one table reader reads it with the issuer's profile: recognised by
 * its header (a text or a sheet layout, as the profile says), then by `fits`, the issuer's own
 * further test where its header names are generic; with `ownHeader`, a text table that lacks the
 * issuer's header is refused for that, not read as if it were the issuer's. `profile` makes the
 * profile for one file (a profile may count what it meets in a file).
 */
export function profileParser<K extends string>(options: {
  rank: number;
  spec: LayoutSpec<K>;
  profile: () => Profile;
  ownHeader?: boolean;
  fits?: (doc: Doc, detection: Detection) => boolean;
}): HoldingsParser {
  const { format, issuer, sheet } = options.profile();
  const parser: HoldingsParser = {
    format,
    issuer,
    rank: options.rank,
    examine(doc) {
      const d = sheet ? examineSheet(doc, options.spec) : examineText(doc, options.spec);
      return d.score === 0 || !options.fits || options.fits(doc, d) ? d : { ...d, score: 0 };
    },
    detect: (doc) => parser.examine(doc).score > 0,
    parse(doc, fund) {
      if (options.ownHeader && doc.kind === 'text') requireHeader(doc.file, headRecords(doc), options.spec, format);
      return readWithProfile(doc, fund, options.profile());
    },
  };
  return parser;
}
