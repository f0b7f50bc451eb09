/**
 * The seam between the fund directory (which knows funds by name) and the on-demand fetcher (which
 * downloads a fund's holdings from its issuer or the SEC and stores them as a snapshot). It lives
 * in store/ beside the fetcher, so the store never imports a command; commands see only these
 * types, and turn progress and failures into words in the reader's language (the catalogue).
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

/** What an issuer did instead of giving a usable, current holdings file (each falls back to SEC N-PORT). */
export type IssuerProblem =
  /** A web page (a bot check, a login wall) where the file was expected. */
  | { kind: 'html' }
  /** An HTTP error status after the bounded retries (404: no file at the issuer's URL pattern). */
  | { kind: 'status'; status: number }
  | { kind: 'timeout' }
  /** Connection refused, reset, cut short, too large. */
  | { kind: 'network'; detail: string }
  /** Bytes that are not a holdings file our parsers read (file, line, what was expected). */
  | { kind: 'unreadable'; detail: string }
  /** A holdings file of another fund (or another issuer's file) at this fund's URL. */
  | { kind: 'other-fund'; found: string }
  /** A file that parses, dated before the report period of the fund's latest N-PORT. */
  | { kind: 'older'; asOf: string | null; nport: string };

/** Progress of one fetch, as data: the command or the operator's console says it in the reader's language. */
export type FetchProgress =
  | { kind: 'issuer'; fund: string; issuer: string }
  | { kind: 'fallback'; fund: string; issuer: string; problem: IssuerProblem }
  | { kind: 'nport-lookup'; fund: string }
  | { kind: 'nport-read'; fund: string; accession: string; filed: string }
  /** The SEC's fund lists (company_tickers_mf.json, company_tickers.json) are being downloaded into the directory. */
  | { kind: 'directory' }
  /** The Select Sector SPDR files are being read for GICS sectors (a file without sectors, such as N-PORT, takes them). */
  | { kind: 'sector-files' }
  /** Some of those files could not be had: which (their tickers; the message names their sectors in the reader's language), and the telling reason (what the issuer did, or the failure's words). */
  | { kind: 'sector-files-failed'; funds: string[]; fund: string; why: { issuer: string; problem: IssuerProblem } | string };

export interface FetchOutcome {
  fund: string;
  status: 'stored' | 'unchanged' | 'failed';
  /** Where the holdings came from, said on the card: the issuer's file, or SEC N-PORT with its report period and filing date. */
  source?: { kind: 'issuer' | 'sec-nport' | 'sec-archive'; url: string; reportDate: string | null; filedDate: string | null };
  failure?: { code: FetchFailure; detail: string; download?: DownloadProblem };
  /** Set when the issuer's file was not used: what the issuer did (the answer then came from N-PORT, or nothing did). */
  fallback?: { issuer: string; problem: IssuerProblem };
}

export interface FundFetcher {
  /** Whether SEC sources are on (SEC_USER_AGENT set): N-PORT, and the SEC's fund lists for the directory. */
  readonly secEnabled?: boolean;
  /** Downloads, parses and stores the fund's holdings, one download per fund at a time however many ask. Expected failures resolve with status 'failed', never throw. */
  ensure(ref: FundRef, onProgress?: (event: FetchProgress) => void): Promise<FetchOutcome>;
}

/**
 * What went wrong with the download itself, when that is why a fetch failed: the user is told
 * the kind in their language and the log line carries it (store/download.ts DownloadFailure,
 * plus 'challenge' for an HTML bot-check page where a file was expected).
 */
export interface DownloadProblem {
  kind: 'refused-host' | 'too-large' | 'timeout' | 'http' | 'network' | 'truncated' | 'challenge';
  status?: number;
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
