import type { Holdings } from '../holdings/types.ts';
import type { DirectoryIndex } from '../store/directory-search.ts';
import type { ArchiveAccess, FundFetcher } from '../store/fund-fetch.ts';

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
  /**
   * A number that changes whenever what list(), get(), previous() and problems() return may have
   * changed (an import, a refresh that found new snapshots). Surfaces cache finished answers per
   * generation; a source without it is never cached.
   */
  generation?(): number;
}

/** Who asked, where: filled by each surface; the console uses a fixed local user. */
export interface Requester {
  platform: 'discord' | 'slack' | 'console';
  /** Platform user id (Discord user id, Slack user id, or "console"). */
  userId: string;
  /** Discord guild id or Slack team id; null in DMs and on the console. */
  serverId: string | null;
  /** Channel id, when the command came from a channel. */
  channelId: string | null;
  /** Whether the platform says this user administers the server (Discord Manage Server, Slack admin). */
  isAdmin: boolean;
}

export const CONSOLE_USER: Requester = { platform: 'console', userId: 'console', serverId: null, channelId: null, isAdmin: true };

export interface Context {
  lang: Lang;
  requester: Requester;
  data: HoldingsSource;
  now: Date;
  /** Holdings older than this many days get a visible warning. */
  staleAfterDays: number;
  /** A file the user sent with the command (Discord attachment option, Slack file share), filled by the surface; read() downloads it. */
  attachment?: { filename: string; size: number; read(): Promise<Uint8Array> };
  /** The fund directory (names → funds and indexes); absent where there is no store (plain catalogs in tests and benches). */
  directory?: DirectoryAccess;
  /** Downloads a fund the directory knows but the store lacks; absent: on-demand fetching is off. */
  fetcher?: FundFetcher;
  /** Reads a fund's SEC N-PORT archive into the store (/history); absent: history shows what is stored. */
  archive?: ArchiveAccess;
  /** Where progress lines of slow work go (a download): the console prints them; Discord defers on the first. */
  progress?: (line: string) => void;
}

/** The directory as loaded from the store (the curated funds and indexes at least; null only where there is none). */
export interface DirectoryAccess {
  index(): Promise<DirectoryIndex | null>;
  /** Brings in the SEC's fund lists if they are missing (SEC_USER_AGENT set); resolves true when the directory changed. */
  fill?(onDownload?: () => void): Promise<boolean>;
}
