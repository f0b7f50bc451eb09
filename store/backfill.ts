import type { ArchiveAccess, ArchiveOutcome, ArchiveProgress, FundRef } from './fund-fetch.ts';
import { fillFromPeers } from '../holdings/catalog.ts';
import { HoldingsFileError } from '../holdings/errors.ts';
import { NportRefusal } from '../holdings/parsers/nport-xml.ts';
import {
  ARCHIVE_PAGE,
  archiveListPath,
  filingsPerPeriod,
  pageReportDates,
  parseFilingList,
  primaryDocPath,
  reportDatesFrom,
  submissionsPages,
  submissionsPath,
  type FilingEntry,
} from '../holdings/sec-filings.ts';
import type { Holdings, HoldingsOrigin } from '../holdings/types.ts';
import { FundLeases } from './coordination.ts';
import { DownloadError } from './download.ts';
import { createSecClient, fetchLimits, type SecClient, type SecClientOptions } from './sec-client.ts';
import type { Store } from './store.ts';

/**
 * The fund's N-PORT archive, one snapshot per report period: every NPORT-P of the series since
 * `since`, the latest filed for each period (an amendment replaces what it amends), each parsed by
 * the streaming parser and stored as a snapshot whose source kind is 'sec-archive'. Filings never
 * change, so a period whose chosen filing is stored (by a backfill or by the on-demand fetch) is
 * never downloaded again. One backfill per fund at a time: in this process concurrent asks share
 * one promise; across processes a lease in the store (its own key, so an on-demand fetch of the
 * same fund is not held up), and whoever waited finds the other's periods stored.
 *
 * Requests: the series' filing list (100 a page), the filer's submissions (report dates; older
 * pages only where a listed filing is not dated yet), then one per period to store. All through
 * the shared SEC budget.
 */
export interface BackfillOptions extends SecClientOptions {
  /** Entries per filing-list page (EDGAR allows 100; tests page smaller). */
  listPage?: number;
  /** Stored funds whose sectors fill a new snapshot's gaps (N-PORT carries no sectors). */
  peers?: () => readonly Holdings[];
  /** Called after periods were stored (the runtime reloads its in-memory copy). */
  onStored?: (fund: string) => void | Promise<void>;
  /**
   * An archive read this recently (in this process, from the same or an earlier `since`) is
   * answered from the store without asking the SEC again (default 12 h: a new period is filed
   * about once a quarter).
   */
  freshForMs?: number;
  now?: () => Date;
}

export type BackfillProgress = ArchiveProgress;
export type BackfillOutcome = ArchiveOutcome;

export interface Backfiller extends ArchiveAccess {
  readonly secEnabled: boolean;
  /** The SEC client (benches read its time spent waiting on the budget). */
  readonly sec: SecClient;
}

const SEC_OFF = 'SEC sources are off: set SEC_USER_AGENT to a name and contact address, as the SEC asks of every automated client';

export function createBackfiller(store: Store, options: BackfillOptions = {}): Backfiller {
  const sec = createSecClient(store, options);
  const { nportLimits } = fetchLimits(options);
  const pageSize = options.listPage ?? ARCHIVE_PAGE;
  // Long enough for a whole archive of large filings; a killed process frees the fund after it.
  const leaseTtl = nportLimits.timeoutMs * nportLimits.tries * 4 + 60_000;
  const leases = new FundLeases(store, leaseTtl);
  const inFlight = new Map<string, Promise<BackfillOutcome>>();
  const now = options.now ?? (() => new Date());
  const freshForMs = options.freshForMs ?? 12 * 3_600_000;
  /** The last complete read of each fund's archive: when, from which `since`, and its periods. */
  const checked = new Map<string, { at: number; since: string; outcome: BackfillOutcome }>();

  const listFilings = async (listId: string | number, since: string): Promise<FilingEntry[]> => {
    const all: FilingEntry[] = [];
    for (let start = 0; ; start += pageSize) {
      const page = await sec.get(`${sec.base('www')}${archiveListPath(listId, start, pageSize)}`, 'application/atom+xml, text/xml');
      const entries = parseFilingList(new TextDecoder('latin1').decode(page.bytes));
      all.push(...entries);
      // Newest filed first: a page ending before `since` (a period's filing comes after its end) is the last needed.
      if (entries.length < pageSize || entries.every((e) => e.filingDate < since)) return all;
    }
  };

  const reportDates = async (filer: number, entries: readonly FilingEntry[]): Promise<Map<string, string>> => {
    const subs = await sec.get(`${sec.base('data')}${submissionsPath(filer)}`, 'application/json');
    const json: unknown = JSON.parse(new TextDecoder().decode(subs.bytes));
    const dates = reportDatesFrom(json);
    for (const page of submissionsPages(json)) {
      const missing = entries.filter((e) => !dates.has(e.accession));
      if (missing.length === 0) break;
      // Only pages whose filing dates cover a filing still undated.
      if (!missing.some((e) => (!page.filingFrom || e.filingDate >= page.filingFrom) && (!page.filingTo || e.filingDate <= page.filingTo))) continue;
      const got = await sec.get(`${sec.base('data')}/submissions/${page.name}`, 'application/json');
      for (const [a, d] of pageReportDates(JSON.parse(new TextDecoder().decode(got.bytes)))) dates.set(a, d);
    }
    return dates;
  };

  const run = async (ref: FundRef, since: string, progress: (p: BackfillProgress) => void): Promise<BackfillOutcome> => {
    const fund = ref.fund.toUpperCase();
    const outcome: BackfillOutcome = { fund, status: 'done', periods: [], stored: [], skipped: [], undated: 0, replaced: 0 };
    const failed = (code: NonNullable<BackfillOutcome['failure']>['code'], detail: string): BackfillOutcome => ({ ...outcome, status: 'failed', failure: { code, detail } });
    if (!sec.userAgent) return failed('sec-off', SEC_OFF);
    const listId = ref.seriesId ?? ref.cik;
    if (listId === null) return failed('no-source', `no SEC series id or CIK is known for ${fund}`);
    const lease = `${fund}#archive`;
    if (!(await leases.acquire(lease, leaseTtl))) return failed('network', `another process has been reading ${fund}'s archive for too long`);
    try {
      let chosen;
      let filer: number;
      try {
        const entries = await listFilings(listId, since);
        if (entries.length === 0) return failed('no-source', `the SEC lists no N-PORT-P filing for ${listId}`);
        filer = entries.find((e) => e.cik !== null)?.cik ?? ref.cik ?? 0;
        if (!filer) return failed('no-source', `the SEC filing list for ${listId} names no filer CIK`);
        const per = filingsPerPeriod(entries, await reportDates(filer, entries), since);
        chosen = per.chosen;
        outcome.undated = per.undated;
      } catch (error) {
        if (error instanceof DownloadError) return failed('network', `the SEC filing list for ${listId}: ${error.message}`);
        if (error instanceof SyntaxError || error instanceof HoldingsFileError) return failed('unreadable', `the SEC filing list for ${listId} could not be read: ${error.message}`);
        throw error;
      }
      outcome.periods = chosen.map((c) => c.reportDate);
      // Read once, now that the lease is held: another process's periods are stored by now.
      const snapshots = await store.snapshots(fund);
      const storedUrls = new Set(snapshots.map((s) => s.sourceUrl));
      let done = 0;
      progress({ fund, done, total: chosen.length });
      for (const c of chosen) {
        const url = `${sec.base('www')}${primaryDocPath(filer, c.accession)}`;
        if (!storedUrls.has(url)) {
          const file = `${c.accession}/primary_doc.xml`;
          try {
            const { filing, checksum } = await sec.readFiling(url, fund, file);
            const origin: HoldingsOrigin = { kind: 'sec-archive', url, reportDate: filing.reportDate, filedDate: c.filingDate, lookup: { cik: ref.cik, seriesId: ref.seriesId, issuer: ref.issuer } };
            const h: Holdings = { ...filing.holdings, origin };
            fillFromPeers([h, ...(options.peers?.() ?? []).filter((p) => p.fund !== fund).map((p) => structuredClone(p))]);
            await store.importHoldings(h, checksum);
            outcome.stored.push(c.reportDate);
            // An amendment replaces the SEC snapshots of its period read from another filing.
            const stale = snapshots.filter((s) => s.asOf === filing.reportDate && (s.sourceKind === 'sec-archive' || s.sourceKind === 'sec-nport') && s.sourceUrl !== url);
            if (stale.length > 0) outcome.replaced += (await store.removeSnapshots(fund, filing.reportDate, stale.map((s) => s.id))).length;
          } catch (error) {
            if (!(error instanceof NportRefusal || error instanceof HoldingsFileError || error instanceof DownloadError)) throw error;
            outcome.skipped.push({ period: c.reportDate, detail: error instanceof NportRefusal ? `${file}: ${error.detail}` : error.message, retry: error instanceof DownloadError });
          }
        }
        done++;
        progress({ fund, done, total: chosen.length, period: c.reportDate });
      }
      if (outcome.stored.length > 0) await options.onStored?.(fund);
      return outcome;
    } finally {
      await leases.release(lease);
    }
  };

  return {
    sec,
    secEnabled: sec.userAgent !== null,
    backfill(ref, since, onProgress) {
      const fund = ref.fund.toUpperCase();
      const last = checked.get(fund);
      if (last && last.since <= since && now().getTime() - last.at < freshForMs) {
        const periods = last.outcome.periods.filter((p) => p >= since);
        return Promise.resolve({ ...last.outcome, periods, stored: [], replaced: 0 });
      }
      const key = `${fund}:${since}`;
      const running = inFlight.get(key);
      if (running) return running;
      const p = run(ref, since, onProgress ?? (() => {}))
        .then((outcome) => {
          if (outcome.status === 'done' && !outcome.skipped.some((k) => k.retry)) checked.set(fund, { at: now().getTime(), since, outcome });
          return outcome;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, p);
      return p;
    },
  };
}
