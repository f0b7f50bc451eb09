/**
 * The seam between the fund directory (which knows funds by name) and the on-demand fetcher (which
 * downloads a fund's holdings from its issuer or the SEC and stores them as a snapshot). Commands
 * see only these types; the runtime wires a real fetcher in.
 */

/** A fund the directory knows but the store does not hold yet: what a fetcher needs to find its holdings. */
export interface FundRef {
  /** The ticker the snapshot is stored under (upper case): 'IVW', 'SPY'. */
  fund: string;
  /** Display name, for progress lines. */
  name: string;
  /** SEC CIK of the registrant or trust, when known. */
  cik: number | null;
  /** SEC series id ('S000004311'); null for unit investment trusts (SPY, QQQ, DIA) and non-US funds. */
  seriesId: string | null;
  /** The issuer family when known ('iShares', 'SPDR', 'Invesco', 'Vanguard', 'ARK', 'Global X', …), for the issuer's own file. */
  issuer: string | null;
}

/** Why a fetch gave nothing; commands turn the code into words in the user's language. */
export type FetchFailure =
  /** SEC_USER_AGENT is unset and the issuer has no usable file. */
  | 'sec-off'
  /** Nothing is known to download for this fund. */
  | 'no-source'
  /** The issuer answered with a challenge page or an unusable file, and N-PORT gave nothing either. */
  | 'refused'
  /** A file was downloaded but refused by its parser (the reason is in `detail`). */
  | 'unreadable'
  /** Timeouts or network errors after the bounded retries. */
  | 'network';

export interface FetchOutcome {
  fund: string;
  status: 'stored' | 'unchanged' | 'failed';
  /** Where the holdings came from, said on the card: the issuer's file, or SEC N-PORT with its report period and filing date. */
  source?: { kind: 'issuer' | 'sec-nport' | 'sec-archive'; url: string; reportDate: string | null; filedDate: string | null };
  failure?: { code: FetchFailure; detail: string };
}

export interface FundFetcher {
  /** Downloads, parses and stores the fund's holdings, one download per fund at a time however many ask. Expected failures resolve with status 'failed', never throw. */
  ensure(ref: FundRef, onProgress?: (line: string) => void): Promise<FetchOutcome>;
}

/** How far a backfill of a fund's N-PORT archive has come: "12 of 27 quarters". */
export interface ArchiveProgress {
  fund: string;
  done: number;
  total: number;
  period?: string;
}

/** What a backfill of a fund's N-PORT archive did (store/backfill.ts does it). */
export interface ArchiveOutcome {
  fund: string;
  status: 'done' | 'failed';
  /** Report periods the archive has since the date asked, oldest first. */
  periods: string[];
  /** Periods downloaded and stored by this call. */
  stored: string[];
  /** Periods whose filing could not be used, with why. */
  skipped: { period: string; detail: string; retry: boolean }[];
  undated: number;
  replaced: number;
  failure?: { code: 'sec-off' | 'no-source' | 'network' | 'unreadable'; detail: string };
}

/** Reads a fund's N-PORT archive into the store, one snapshot per report period since `since` (YYYY-MM-DD). */
export interface ArchiveAccess {
  backfill(ref: FundRef, since: string, onProgress?: (p: ArchiveProgress) => void): Promise<ArchiveOutcome>;
}
