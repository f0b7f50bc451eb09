/**
 * What `topheavy data …` and the console's start-up, sync and background work print, as data: the
 * store says what happened, and the surface says it in the reader's language through the message
 * catalogue (commands/messages-data.ts), as FetchProgress does for a fetch. The store never words a
 * line itself, so `--lang ja` reaches every one of them.
 */
import type { AlertCrossing } from './alerts.ts';
import type { DownloadProblem, FetchProgress } from './fund-fetch.ts';
import type { ImportEvent, ImportSummary } from './import.ts';
import type { SyncEvent, SyncSummary } from './sync.ts';

/** Why a refresh of the fund directory failed; `message` is the English sentence (also the log's). */
export type DirectoryProblem = { message: string } & (
  | { kind: 'sec-off' }
  | { kind: 'busy' }
  | { kind: 'refused'; detail: string }
  | { kind: 'download'; download: DownloadProblem; detail: string }
  | { kind: 'missing'; path: string }
  | { kind: 'file'; detail: string }
);

/** What is wrong with a `topheavy data …` command line. */
export type UsageProblem =
  | { kind: 'one-fund' }
  | { kind: 'unknown-option'; option: string }
  | { kind: 'not-ticker'; typed: string }
  | { kind: 'bad-date'; got: string }
  | { kind: 'bad-year'; got: string };

export type DataLine =
  /** The usage of `topheavy data`, after what was wrong when something was. */
  | { kind: 'usage'; problem?: UsageProblem }
  | { kind: 'progress'; progress: FetchProgress }
  | { kind: 'sync'; event: SyncEvent }
  /** `where`: the store, named after `data sync`'s summary; absent on the console's `--sync`. */
  | { kind: 'sync-summary'; summary: SyncSummary; where?: string }
  | { kind: 'import'; event: ImportEvent }
  | { kind: 'import-summary'; summary: Pick<ImportSummary, 'stored' | 'unchanged' | 'failed'>; where: string }
  | { kind: 'import-empty'; target: string }
  | { kind: 'alert'; alert: AlertCrossing }
  | { kind: 'removed'; fund: string; file: string; asOf: string | null; positions: number }
  | { kind: 'removed-summary'; count: number; where: string }
  | { kind: 'remove-none'; fund: string; asOf?: string; where: string }
  | { kind: 'backfill-progress'; fund: string; done: number; total: number; period?: string }
  | { kind: 'backfill-no-ids'; fund: string; where: string }
  | { kind: 'backfill-failed'; fund: string; detail: string | null }
  | { kind: 'backfill-skipped'; fund: string; period: string; detail: string }
  | { kind: 'backfill-done'; fund: string; since: string; periods: number; stored: number; already: number; skipped: number; replaced: number; where: string }
  | { kind: 'directory-url'; url: string }
  | { kind: 'directory-flagged'; lines: string[] }
  | { kind: 'directory-stored'; stored: number; series: number; classes: number; uits: number; curated: number; where: string }
  | { kind: 'directory-failed'; problem: DirectoryProblem; background?: boolean };

/** One line in the reader's language (commands/messages-data.ts `sayData`). */
export type SayLine = (line: DataLine) => string;
