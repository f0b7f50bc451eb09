import type { FetchFailure, FetchOutcome, FundFetcher, FundRef } from '../commands/fund-fetch.ts';
import { fillFromPeers } from '../holdings/catalog.ts';
import { readDoc } from '../holdings/doc.ts';
import { HoldingsFileError } from '../holdings/errors.ts';
import { detectParser } from '../holdings/parsers/index.ts';
import { NportRefusal } from '../holdings/parsers/nport-xml.ts';
import { chooseFiling, filingListPath, parseFilingList, primaryDocPath, reportDatesFrom, submissionsPath } from '../holdings/sec-filings.ts';
import type { Holdings, HoldingsOrigin } from '../holdings/types.ts';
import { FundLeases } from './coordination.ts';
import { download, DownloadError } from './download.ts';
import { createSecClient, fetchLimits, type SecClientOptions } from './sec-client.ts';
import { checksumOf } from './import.ts';
import { onDemandSources, sourceUrl, type FundSource } from './sources.ts';
import type { Store } from './store.ts';
import type { SnapshotMeta } from './types.ts';

export interface FundFetcherOptions extends SecClientOptions {
  /** A snapshot downloaded this recently is answered without downloading again (default 12 h). */
  freshForMs?: number;
  /** Stored funds whose sectors fill a new snapshot's gaps (N-PORT carries no sectors). */
  peers?: () => readonly Holdings[];
  /** Called after a snapshot is stored (the runtime reloads its in-memory copy). */
  onStored?: (fund: string) => void | Promise<void>;
  now?: () => Date;
}

export interface OnDemandFetcher extends FundFetcher {
  /** Like ensure, but downloads even when a recent snapshot is stored (`data sync`). */
  refresh(ref: FundRef, onProgress?: (line: string) => void): Promise<FetchOutcome>;
  /** Whether SEC sources are on (SEC_USER_AGENT set). */
  readonly secEnabled: boolean;
}

const ISSUER_UA = 'topheavy-holdings-sync/0.1 (education bot; daily holdings download)';
const SEC_OFF = 'SEC sources are off: set SEC_USER_AGENT to a name and contact address (for example "topheavy admin@example.com"), as the SEC asks of every automated client';

type Failed = { code: FetchFailure; detail: string };

/**
 * Downloads a fund's holdings when someone asks for it: the issuer's own file where a URL pattern
 * is known, else the fund's latest SEC N-PORT-P. One download per fund at a time, in this process
 * (concurrent asks share one promise) and across processes (a lease in the store); SEC requests
 * spaced through a budget in the store. Expected failures resolve as 'failed' with a reason.
 */
export function createFundFetcher(store: Store, options: FundFetcherOptions = {}): OnDemandFetcher {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const { limits, nportLimits } = fetchLimits(options);
  const freshForMs = options.freshForMs ?? 12 * 3_600_000;
  const secClient = createSecClient(store, options);
  const leaseTtl = nportLimits.timeoutMs * nportLimits.tries + 60_000;
  const leases = new FundLeases(store, leaseTtl);
  const inFlight = new Map<string, Promise<FetchOutcome>>();

  const fromIssuer = async (ref: FundRef, source: FundSource, url: string, progress: (l: string) => void): Promise<{ holdings: Holdings; checksum: string } | Failed> => {
    progress(`${ref.fund}: downloading the ${source.site.issuer === 'Unknown' ? ref.issuer ?? 'issuer' : source.site.issuer} holdings file…`);
    let got;
    try {
      got = await download(url, { ...limits, headers: { 'user-agent': ISSUER_UA, accept: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, */*;q=0.5' }, allowedHosts: [new URL(url).host] });
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      return { code: error.reason === 'http' && error.status === 404 ? 'no-source' : 'network', detail: `${url}: ${error.message}` };
    }
    if (looksLikeHtml(got.bytes, got.contentType)) {
      return { code: 'refused', detail: `the issuer answered ${url} with an HTML page (a bot check or a web page), not a holdings file` };
    }
    try {
      const doc = await readDoc(source.file, got.bytes);
      const holdings = detectParser(doc).parse(doc, ref.fund);
      return { holdings, checksum: checksumOf(got.bytes) };
    } catch (error) {
      if (!(error instanceof HoldingsFileError)) throw error;
      return { code: 'unreadable', detail: error.message };
    }
  };

  const fromSec = async (
    ref: FundRef,
    latest: SnapshotMeta | undefined,
    progress: (l: string) => void,
  ): Promise<{ holdings: Holdings; checksum: string; origin: HoldingsOrigin } | { unchanged: SnapshotMeta; origin: HoldingsOrigin } | Failed> => {
    const listId = ref.seriesId ?? ref.cik;
    if (listId === null) return { code: 'no-source', detail: `no SEC series id or CIK is known for ${ref.fund}` };
    progress(`${ref.fund}: looking up its latest SEC Form N-PORT filing…`);
    let entries;
    try {
      const list = await secClient.get(`${secClient.base('www')}${filingListPath(listId)}`, 'application/atom+xml, text/xml');
      entries = parseFilingList(new TextDecoder('latin1').decode(list.bytes));
    } catch (error) {
      if (error instanceof DownloadError) return { code: 'network', detail: `the SEC filing list for ${listId}: ${error.message}` };
      return { code: 'unreadable', detail: `the SEC filing list for ${listId} could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (entries.length === 0) return { code: 'no-source', detail: `the SEC lists no N-PORT-P filing for ${listId}` };
    const filer = entries.find((e) => e.cik !== null)?.cik ?? ref.cik;
    if (filer === null) return { code: 'no-source', detail: `the SEC filing list for ${listId} names no filer CIK` };
    let dates = new Map<string, string>();
    try {
      const subs = await secClient.get(`${secClient.base('data')}${submissionsPath(filer)}`, 'application/json');
      dates = reportDatesFrom(JSON.parse(new TextDecoder().decode(subs.bytes)));
    } catch {
      // Without report dates the newest original filing is taken (chooseFiling says how); not fatal.
    }
    const chosen = chooseFiling(entries, dates)!;
    const url = `${secClient.base('www')}${primaryDocPath(filer, chosen.accession)}`;
    const origin: HoldingsOrigin = { kind: 'sec-nport', url, reportDate: chosen.reportDate, filedDate: chosen.filingDate };
    // The same filing is already stored: nothing to download (filings never change once filed).
    if (latest && latest.sourceUrl === url) return { unchanged: latest, origin };
    progress(`${ref.fund}: reading SEC N-PORT ${chosen.accession} (filed ${chosen.filingDate})…`);
    try {
      const { filing, checksum } = await secClient.readFiling(url, ref.fund, `${chosen.accession}/primary_doc.xml`);
      return { holdings: filing.holdings, checksum, origin: { ...origin, reportDate: filing.reportDate } };
    } catch (error) {
      if (error instanceof NportRefusal) return { code: 'unreadable', detail: `SEC N-PORT ${chosen.accession} cannot be used: ${error.detail}` };
      if (error instanceof HoldingsFileError) return { code: 'unreadable', detail: error.message };
      if (error instanceof DownloadError) return { code: 'network', detail: `SEC N-PORT ${chosen.accession}: ${error.message}` };
      throw error;
    }
  };

  const store_ = async (ref: FundRef, h: Holdings, checksum: string, found: HoldingsOrigin): Promise<FetchOutcome> => {
    const origin: HoldingsOrigin = { ...found, lookup: { cik: ref.cik, seriesId: ref.seriesId, issuer: ref.issuer } };
    const peers = options.peers?.() ?? [];
    fillFromPeers([h, ...peers.filter((p) => p.fund !== h.fund).map((p) => structuredClone(p))]);
    const result = await store.importHoldings({ ...h, origin }, checksum);
    if (result.status === 'stored') await options.onStored?.(h.fund);
    return { fund: h.fund, status: result.status, source: { kind: origin.kind, url: origin.url, reportDate: origin.reportDate, filedDate: origin.filedDate } };
  };

  const run = async (ref: FundRef, force: boolean, progress: (l: string) => void): Promise<FetchOutcome> => {
    const fund = ref.fund.toUpperCase();
    const started = now().getTime();
    const recent = async () => {
      const all = await store.snapshots(fund);
      const latest = all.filter((s) => s.sourceKind !== null).at(-1);
      return { latest, fresh: latest && now().getTime() - Date.parse(latest.importedAt) < freshForMs ? latest : undefined };
    };
    if (!force) {
      // A file the operator imported (HOLDINGS_DIR, `data import`) is never replaced behind their back by an ask.
      const imported = (await store.snapshots(fund)).filter((s) => s.sourceKind === null).at(-1);
      if (imported) return unchanged(fund, imported);
      const { fresh } = await recent();
      if (fresh) return unchanged(fund, fresh);
    }
    if (!(await leases.acquire(fund, leaseTtl))) {
      return { fund, status: 'failed', failure: { code: 'network', detail: `another process has been downloading ${fund} for too long` } };
    }
    try {
      // Another process may have stored it while this one waited for the lease.
      const { latest, fresh } = await recent();
      if (fresh && (!force || Date.parse(fresh.importedAt) >= started)) return unchanged(fund, fresh);
      const tried: Failed[] = [];
      for (const source of onDemandSources(fund, ref.issuer, now())) {
        const url = sourceUrl(source, env);
        if (url === null) continue;
        const got = await fromIssuer({ ...ref, fund }, source, url, progress);
        if ('holdings' in got) {
          return await store_(ref, got.holdings, got.checksum, { kind: 'issuer', url, reportDate: got.holdings.asOf.date, filedDate: null });
        }
        // Global X walks back day by day: a missing day is not worth a line, a refusal is.
        if (got.code !== 'no-source') {
          tried.push(got);
          progress(`${fund}: ${got.detail}; trying SEC N-PORT instead`);
        }
      }
      if (!secClient.userAgent) {
        return fail(fund, tried.length ? 'refused' : ref.seriesId || ref.cik ? 'sec-off' : 'no-source', [...tried.map((t) => t.detail), SEC_OFF].join('; '));
      }
      const sec = await fromSec({ ...ref, fund }, latest, progress);
      if ('unchanged' in sec) return unchanged(fund, sec.unchanged);
      if ('holdings' in sec) return await store_(ref, sec.holdings, sec.checksum, sec.origin);
      const code: FetchFailure = tried.some((t) => t.code === 'refused') && sec.code !== 'unreadable' ? 'refused' : sec.code;
      return fail(fund, code, [...tried.map((t) => t.detail), sec.detail].join('; '));
    } finally {
      await leases.release(fund);
    }
  };

  const single = (ref: FundRef, force: boolean, onProgress?: (line: string) => void): Promise<FetchOutcome> => {
    const key = `${force ? 'refresh' : 'ensure'}:${ref.fund.toUpperCase()}`;
    const running = inFlight.get(key);
    if (running) return running;
    const p = run(ref, force, onProgress ?? (() => {})).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  };

  return {
    secEnabled: secClient.userAgent !== null,
    ensure: (ref, onProgress) => single(ref, false, onProgress),
    refresh: (ref, onProgress) => single(ref, true, onProgress),
  };
}

function unchanged(fund: string, meta: SnapshotMeta): FetchOutcome {
  return {
    fund,
    status: 'unchanged',
    ...(meta.sourceKind && meta.sourceUrl ? { source: { kind: meta.sourceKind as NonNullable<FetchOutcome['source']>['kind'], url: meta.sourceUrl, reportDate: meta.asOf, filedDate: null } } : {}),
  };
}

function fail(fund: string, code: FetchFailure, detail: string): FetchOutcome {
  return { fund, status: 'failed', failure: { code, detail } };
}

/** An HTML page where a file was expected: a bot check, a login wall, a "temporarily unavailable" page sent with 200. */
export function looksLikeHtml(bytes: Uint8Array, contentType: string | null): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || (!!contentType?.includes('text/html') && head.startsWith('<'));
}


/**
 * Limits read from the environment: FETCH_TIMEOUT_SECONDS (issuer files and SEC look-ups, default
 * 15), NPORT_TIMEOUT_SECONDS (default 120), FETCH_MAX_MB (default 20), NPORT_MAX_MB (default 600).
 * SEC_USER_AGENT and SYNC_BASE_URL are read by the fetcher itself from the same env.
 */
export function fetcherOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): FundFetcherOptions {
  const positive = (name: string): number | undefined => {
    const n = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const opts: FundFetcherOptions = { env };
  const t = positive('FETCH_TIMEOUT_SECONDS');
  if (t) opts.timeoutMs = t * 1000;
  const nt = positive('NPORT_TIMEOUT_SECONDS');
  if (nt) opts.nportTimeoutMs = nt * 1000;
  const m = positive('FETCH_MAX_MB');
  if (m) opts.maxBytes = m * 1024 * 1024;
  const nm = positive('NPORT_MAX_MB');
  if (nm) opts.nportMaxBytes = nm * 1024 * 1024;
  return opts;
}
