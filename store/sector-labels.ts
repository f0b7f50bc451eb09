import { SELECT_SECTOR_FUNDS } from '../holdings/sector-fill.ts';
import type { Holdings } from '../holdings/types.ts';
import type { Store } from './store.ts';
import type { FetchProgress, IssuerProblem } from './fund-fetch.ts';

/**
 * A public source of GICS sectors for US-listed companies, for snapshots whose file gives none (SEC
 * N-PORT): the eleven Select Sector SPDR funds' daily holdings files. Each fund holds the S&P 500
 * companies of one GICS sector, so a company's sector is the fund that holds it (fillFromPeers
 * applies that). The files are fetched through the on-demand fetcher like any SPDR fund (same URL
 * pattern as SPY, same timeouts, size caps, retries and one download per fund at a time), one fund
 * after another, and stored as ordinary snapshots: a later ask reads them from the store. A stored
 * file younger than `maxAgeMs` (a week: sector membership changes at quarterly rebalances) is not
 * fetched again; a fund whose download failed is not tried again in this process for `retryAfterMs`.
 */

/** What a fetch needs to know of a fund (structurally the fetcher's FundRef). */
export interface SectorFundRef {
  fund: string;
  name: string;
  cik: number | null;
  seriesId: string | null;
  issuer: string | null;
}

export interface SectorLabelOptions {
  /** The fetcher's ensure: downloads and stores one fund, never throws for an expected failure. */
  ensure: (ref: SectorFundRef, onProgress?: (e: FetchProgress) => void) => Promise<{ status: 'stored' | 'unchanged' | 'failed'; failure?: { code: string; detail: string }; fallback?: { issuer: string; problem: IssuerProblem } }>;
  maxAgeMs?: number;
  retryAfterMs?: number;
  now?: () => Date;
}

export interface SectorLabels {
  /**
   * The stored Select Sector SPDR snapshots, fetching those missing or older than maxAgeMs first.
   * Concurrent calls share one run. Problems (a fund that could not be fetched) go to onProgress.
   */
  donors(onProgress?: (e: FetchProgress) => void): Promise<Holdings[]>;
}

const DAY = 86_400_000;

export function createSectorLabels(store: Store, options: SectorLabelOptions): SectorLabels {
  const maxAgeMs = options.maxAgeMs ?? 7 * DAY;
  const retryAfterMs = options.retryAfterMs ?? 3_600_000;
  const now = options.now ?? (() => new Date());
  const failedAt = new Map<string, number>();
  let running: Promise<Holdings[]> | null = null;

  const latest = async (fund: string) => (await store.snapshots(fund)).at(-1);

  const run = async (progress: (e: FetchProgress) => void): Promise<Holdings[]> => {
    const out: Holdings[] = [];
    const failed: { fund: string; problem: { issuer: string; problem: IssuerProblem } | undefined; detail: string }[] = [];
    let announced = false;
    for (const fund of Object.keys(SELECT_SECTOR_FUNDS)) {
      let meta = await latest(fund);
      const t = now().getTime();
      const stale = !meta || t - Date.parse(meta.importedAt) > maxAgeMs;
      const lastFailure = failedAt.get(fund);
      if (stale && (lastFailure === undefined || t - lastFailure > retryAfterMs)) {
        if (!announced) progress({ kind: 'sector-files' });
        announced = true;
        // The fetcher's own lines (one per file, and "trying SEC N-PORT" for a fund looked up by ticker only) would drown the ask: one line says what failed.
        const got = await options.ensure({ fund, name: `${fund} (Select Sector SPDR)`, cik: null, seriesId: null, issuer: 'SPDR' });
        if (got.status === 'failed') {
          failedAt.set(fund, t);
          failed.push({ fund, problem: got.fallback, detail: got.failure?.detail ?? 'no reason given' });
        } else failedAt.delete(fund);
        meta = await latest(fund);
      }
      const h = meta ? await store.readHoldings(meta.id) : undefined;
      if (h) out.push(h);
    }
    if (failed.length > 0) {
      // The telling reason: a refusal or a timeout says more than a file that is not there.
      const missing = (f: (typeof failed)[number]) => f.problem?.problem.kind === 'status' && f.problem.problem.status === 404;
      const why = failed.find((f) => !missing(f)) ?? failed[0]!;
      progress({
        kind: 'sector-files-failed',
        funds: failed.map((f) => f.fund),
        fund: why.fund,
        why: why.problem ?? why.detail,
      });
    }
    return out;
  };

  return {
    donors(onProgress) {
      running ??= run(onProgress ?? (() => {})).finally(() => {
        running = null;
      });
      return running;
    },
  };
}

/** Whether a snapshot still lacks sectors and may take them from the Select Sector SPDR files (not one of those funds itself). */
export function wantsSectorLabels(h: Holdings): boolean {
  return !Object.hasOwn(SELECT_SECTOR_FUNDS, h.fund) && h.positions.some((p) => p.sector === null);
}
