import type { Doc } from './doc.ts';
import type { Detection } from './header.ts';
import type { Holdings, Issuer } from './types.ts';

/** One issuer layout: how to recognise it and how to read it. */
export interface HoldingsParser {
  /** Stable id, e.g. "ishares-csv"; stored as `Holdings.format`. */
  readonly format: string;
  readonly issuer: Issuer;
  /**
   * How complete this layout is, 0–100, used only to choose between two files of one fund that
   * are equally fresh (a full issuer table beats a two-column export).
   */
  readonly rank: number;
  /**
   * How well this layout fits the decoded file (side-effect free): detection scores every parser
   * and takes the best; a score of 0 carries the header looked at and the fields it lacks.
   */
  examine(doc: Doc): Detection;
  /** examine(doc).score > 0. */
  detect(doc: Doc): boolean;
  /** Reads the file; throws HoldingsFileError naming file, line and what was expected. */
  parse(doc: Doc, fund: string): Holdings;
}
