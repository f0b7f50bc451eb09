import type { Holdings } from '../holdings/types.ts';

export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];

/** A fund that can be asked about, with what a `/funds` listing shows. */
export interface FundSummary {
  fund: string;
  name: string;
  issuer: string;
  file: string;
  asOf: string | null;
  positions: number;
}

/** Where commands get holdings. The catalog of HOLDINGS_DIR today; the store once it lands. */
export interface HoldingsSource {
  list(): FundSummary[];
  get(fund: string): Holdings | undefined;
  /** Files that could not be loaded, said in words a person can act on. */
  problems(): { fund: string; file: string; message: string }[];
  /** Where the data came from, for empty-state messages (e.g. the HOLDINGS_DIR path). */
  describe(): string;
}

export interface Context {
  lang: Lang;
  data: HoldingsSource;
  now: Date;
  /** Holdings older than this many days get a visible warning. */
  staleAfterDays: number;
}
