import { readDoc } from './doc.ts';
import { once, parseNport } from './parsers/nport-xml.ts';
import { detectParser } from './parsers/index.ts';
import type { Holdings } from './types.ts';

/**
 * One file's bytes to a snapshot, whatever a user downloaded: an SEC N-PORT `primary_doc.xml`
 * (told by its content, whatever its name) goes to the N-PORT reader, with the same refusals as a
 * filing fetched on demand (a final filing, no holdings, bonds only, equity a small part of net
 * assets) and its report period as the as-of date; anything else to the issuer table parsers.
 * Throws HoldingsFileError (NportRefusal included) naming file, line and what was expected.
 */
export async function readHoldings(file: string, bytes: Uint8Array, fund: string): Promise<{ holdings: Holdings; rank: number }> {
  if (isNportXml(bytes)) return { holdings: (await parseNport(once(bytes), { fund, file })).holdings, rank: NPORT_RANK };
  const doc = await readDoc(file, bytes);
  const parser = detectParser(doc);
  return { holdings: parser.parse(doc, fund), rank: parser.rank };
}

/** A filing lists every holding with values and identifiers, but no sectors: between issuer layouts in completeness. */
const NPORT_RANK = 60;

/**
 * Whether bytes are an EDGAR XML submission (N-PORT's root is <edgarSubmission>): looked for at the
 * start, after a BOM, white space, the XML declaration and comments. A CSV or xlsx never starts so.
 */
export function isNportXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).replace(/^(\uFEFF|ï»¿)/, '');
  return /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*:)?edgarSubmission[\s>]/.test(head);
}
