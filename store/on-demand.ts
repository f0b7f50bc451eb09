import { fillFromPeers } from '../holdings/catalog.ts';
import { fundKey } from '../holdings/fund-name.ts';
import { readDoc } from '../holdings/doc.ts';
import { HoldingsFileError } from '../holdings/errors.ts';
import { detectParser } from '../holdings/parsers/index.ts';
import { NportRefusal } from '../holdings/parsers/nport-xml.ts';
import { chooseFiling, filingListPath, parseFilingList, primaryDocPath, reportDatesFrom, submissionsPath } from '../holdings/sec-filings.ts';
import type { Holdings, HoldingsOrigin } from '../holdings/types.ts';
import { FundLeases } from './coordination.ts';
import { download, DownloadError, problemOf } from './download.ts';
import type { DownloadProblem, FetchFailure, FetchOutcome, FetchProgress, FundFetcher, FundRef, IssuerProblem } from './fund-fetch.ts';
import { createSecClient, fetchLimits, type SecClientOptions } from './sec-client.ts';
import { checksumOf } from './import.ts';
import { createSectorLabels, wantsSectorLabels } from './sector-labels.ts';
import { onDemandSources, sourceUrl, type FundSource } from './sources.ts';
import type { Store } from './store.ts';
import type { SnapshotMeta } from './types.ts';

export interface FundFetcherOptions extends SecClientOptions {
  /** A snapshot downloaded this recently is answered without downloading again (default 12 h). */
  freshForMs?: number;
  /** Stored funds whose sectors fill a new snapshot's gaps (N-PORT carries no sectors). */
  peers?: () => readonly Holdings[];
  /** Fill missing sectors from the Select Sector SPDR files (fetched on first need, kept in the store); default true. */
  sectorLabels?: boolean;
  /** Called after a snapshot is stored (the runtime reloads its in-memory copy). */
  onStored?: (fund: string) => void | Promise<void>;
  now?: () => Date;
}

export interface OnDemandFetcher extends FundFetcher {
  /** Like ensure, but downloads even when a recent snapshot is stored (`data sync`). */
  refresh(ref: FundRef, onProgress?: (event: FetchProgress) => void): Promise<FetchOutcome>;
  /** Whether SEC sources are on (SEC_USER_AGENT set). */
  readonly secEnabled: boolean;
}

const ISSUER_UA = 'topheavy-holdings-sync/0.1 (education bot; daily holdings download)';
const SEC_OFF = 'SEC sources are off: set SEC_USER_AGENT to a name and contact address (for example "topheavy admin@example.com"), as the SEC asks of every automated client';

type Failed = { code: FetchFailure; detail: string; download?: DownloadProblem };
type Progress = (event: FetchProgress) => void;
/** A filing chosen from the SEC's list: where it is and what it reports. */
interface NportFiling {
  accession: string;
  url: string;
  origin: HoldingsOrigin & { kind: 'sec-nport' };
}

/**
 * An issuer file dated within this many days is taken without asking the SEC whether its N-PORT is
 * newer: an N-PORT is filed weeks after its report period, so a file this recent is the newer one.
 * An older file (or one older than the N-PORT already stored) costs two small SEC look-ups.
 */
const NPORT_LAG_DAYS = 30;

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

  /** The issuer's own file, or what the issuer did instead (each problem falls back to N-PORT). */
  const fromIssuer = async (ref: FundRef, source: FundSource, url: string, progress: Progress): Promise<{ holdings: Holdings; checksum: string } | { problem: IssuerProblem }> => {
    progress({ kind: 'issuer', fund: ref.fund, issuer: issuerName(source, ref) });
    let got;
    try {
      got = await download(url, { ...limits, headers: { 'user-agent': ISSUER_UA, accept: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, */*;q=0.5' }, allowedHosts: [new URL(url).host] });
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      return { problem: downloadProblem(error) };
    }
    if (looksLikeHtml(got.bytes, got.contentType)) return { problem: { kind: 'html' } };
    let holdings: Holdings;
    try {
      const doc = await readDoc(source.file, got.bytes);
      holdings = detectParser(doc).parse(doc, ref.fund);
    } catch (error) {
      if (!(error instanceof HoldingsFileError)) throw error;
      return { problem: { kind: 'unreadable', detail: error.message } };
    }
    // Never store one fund's holdings under another's ticker: the ticker the file prints, and its issuer, must fit.
    const own = holdings.fundInFile === undefined ? null : fundKey(holdings.fundInFile);
    if (own && own !== ref.fund) return { problem: { kind: 'other-fund', found: own } };
    if (source.site.issuer !== 'Unknown' && holdings.issuer !== source.site.issuer) return { problem: { kind: 'other-fund', found: `${holdings.issuer} (${holdings.format})` } };
    return { holdings, checksum: checksumOf(got.bytes) };
  };

  /** The fund's latest N-PORT-P by report period (the filing list, then the filer's report dates): two SEC requests, no filing downloaded. */
  const latestNport = async (ref: FundRef): Promise<NportFiling | Failed> => {
    const listId = ref.seriesId ?? ref.cik;
    if (listId === null) return { code: 'no-source', detail: `no SEC series id or CIK is known for ${ref.fund}` };
    let entries;
    try {
      const list = await secClient.get(`${secClient.base('www')}${filingListPath(listId)}`, 'application/atom+xml, text/xml');
      entries = parseFilingList(new TextDecoder('latin1').decode(list.bytes));
    } catch (error) {
      if (error instanceof DownloadError) return { code: 'network', detail: `the SEC filing list for ${listId}: ${error.message}`, download: problemOf(error) };
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
    return { accession: chosen.accession, url, origin: { kind: 'sec-nport', url, reportDate: chosen.reportDate, filedDate: chosen.filingDate } };
  };

  /** Downloads and parses one N-PORT filing, streaming (size-capped, hashed as it goes), checked against the series asked for. */
  const readNport = async (ref: FundRef, filing: NportFiling, progress: Progress): Promise<{ holdings: Holdings; checksum: string; origin: HoldingsOrigin } | Failed> => {
    progress({ kind: 'nport-read', fund: ref.fund, accession: filing.accession, filed: filing.origin.filedDate ?? '' });
    try {
      const { filing: parsed, checksum } = await secClient.readFiling(filing.url, ref.fund, `${filing.accession}/primary_doc.xml`, { seriesId: ref.seriesId, cik: ref.cik });
      return { holdings: parsed.holdings, checksum, origin: { ...filing.origin, reportDate: parsed.reportDate } };
    } catch (error) {
      if (error instanceof NportRefusal) return { code: 'unreadable', detail: `SEC N-PORT ${filing.accession} cannot be used: ${error.detail}` };
      if (error instanceof HoldingsFileError) return { code: 'unreadable', detail: error.message };
      if (error instanceof DownloadError) return { code: 'network', detail: `SEC N-PORT ${filing.accession}: ${error.message}`, download: problemOf(error) };
      throw error;
    }
  };

  /** The fund's latest N-PORT when it reports a later period than the issuer's file dated `asOf`; null when the file is the newer (or nothing says otherwise). */
  const newerNport = async (ref: FundRef, asOf: string | null, latest: SnapshotMeta | undefined): Promise<{ filing: NportFiling; reportDate: string } | null> => {
    if (asOf === null || (ref.seriesId === null && ref.cik === null)) return null;
    const storedNport = latest?.sourceKind === 'sec-nport' ? latest.asOf : null;
    const recent = new Date(now().getTime() - NPORT_LAG_DAYS * 86_400_000).toISOString().slice(0, 10);
    if (asOf >= recent && (storedNport === null || storedNport <= asOf)) return null;
    const filing = await latestNport(ref);
    if ('code' in filing) return null;
    const reportDate = filing.origin.reportDate;
    return reportDate !== null && reportDate > asOf ? { filing, reportDate } : null;
  };

  const store_ = async (ref: FundRef, h: Holdings, checksum: string, found: HoldingsOrigin, progress: (e: FetchProgress) => void): Promise<FetchOutcome> => {
    const origin: HoldingsOrigin = { ...found, lookup: { cik: ref.cik, seriesId: ref.seriesId, issuer: ref.issuer } };
    const peers = options.peers?.() ?? [];
    // A file without sectors (N-PORT) also takes them from the Select Sector SPDR files, fetched once and kept in the store.
    const labels = sectorLabels && wantsSectorLabels(h) ? await sectorLabels.donors(progress) : [];
    fillFromPeers([h, ...[...peers, ...labels].filter((p) => p.fund !== h.fund).map((p) => structuredClone(p))]);
    let result;
    try {
      result = await store.importHoldings({ ...h, origin }, checksum);
    } catch (error) {
      // The store's guard (a future date, a figure that is not finite and sane) refuses with its reason.
      if (error instanceof HoldingsFileError) return fail(h.fund, 'unreadable', error.message);
      throw error;
    }
    if (result.status === 'stored') await options.onStored?.(h.fund);
    return { fund: h.fund, status: result.status, source: { kind: origin.kind, url: origin.url, reportDate: origin.reportDate, filedDate: origin.filedDate } };
  };

  const run = async (ref: FundRef, force: boolean, progress: Progress): Promise<FetchOutcome> => {
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
      const asked = { ...ref, fund };
      let problem: { issuer: string; problem: IssuerProblem } | undefined;
      let filing: NportFiling | Failed | undefined;
      for (const source of onDemandSources(fund, ref.issuer, now())) {
        const url = sourceUrl(source, env);
        if (url === null) continue;
        const got = await fromIssuer(asked, source, url, progress);
        if ('problem' in got) {
          // Global X walks back day by day: a missing day is kept only until a better reason comes.
          if (!problem || got.problem.kind !== 'status' || got.problem.status !== 404) problem = { issuer: issuerName(source, ref), problem: got.problem };
          continue;
        }
        const older = secClient.userAgent ? await newerNport(asked, got.holdings.asOf.date, latest) : null;
        if (older === null) return await store_(ref, got.holdings, got.checksum, { kind: 'issuer', url, reportDate: got.holdings.asOf.date, filedDate: null }, progress);
        filing = older.filing;
        problem = { issuer: issuerName(source, ref), problem: { kind: 'older', asOf: got.holdings.asOf.date, nport: older.reportDate } };
        break;
      }
      const fallback = problem ? { fallback: problem } : {};
      // A failure says what the issuer did first, then what the SEC did; an N-PORT refusal keeps its own code.
      const failed = (f: Failed): FetchOutcome => ({
        ...fail(fund, problem && f.code !== 'unreadable' && f.code !== 'sec-off' ? 'refused' : f.code, [...(problem ? [problemText(problem)] : []), f.detail].join('; '), f.download),
        ...fallback,
      });
      if (!secClient.userAgent) return failed({ code: problem || ref.seriesId || ref.cik ? 'sec-off' : 'no-source', detail: SEC_OFF });
      // Said only once N-PORT can answer: with SEC sources off the failure says both halves itself.
      if (problem) progress({ kind: 'fallback', fund, issuer: problem.issuer, problem: problem.problem });
      if (!filing) {
        progress({ kind: 'nport-lookup', fund });
        filing = await latestNport(asked);
      }
      if ('code' in filing) return failed(filing);
      // The same filing is already stored: nothing to download (filings never change once filed).
      if (latest && latest.sourceUrl === filing.url) return { ...unchanged(fund, latest), ...fallback };
      const sec = await readNport(asked, filing, progress);
      if ('code' in sec) return failed(sec);
      return { ...(await store_(ref, sec.holdings, sec.checksum, sec.origin, progress)), ...fallback };
    } finally {
      await leases.release(fund);
    }
  };

  const single = (ref: FundRef, force: boolean, onProgress?: Progress): Promise<FetchOutcome> => {
    const key = `${force ? 'refresh' : 'ensure'}:${ref.fund.toUpperCase()}`;
    const running = inFlight.get(key);
    if (running) return running;
    const p = run(ref, force, onProgress ?? (() => {})).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  };

  const fetcher: OnDemandFetcher = {
    secEnabled: secClient.userAgent !== null,
    ensure: (ref, onProgress) => single(ref, false, onProgress),
    refresh: (ref, onProgress) => single(ref, true, onProgress),
  };
  const sectorLabels = options.sectorLabels === false ? null : createSectorLabels(store, { ensure: fetcher.ensure, now });
  return fetcher;
}

function unchanged(fund: string, meta: SnapshotMeta): FetchOutcome {
  return {
    fund,
    status: 'unchanged',
    ...(meta.sourceKind && meta.sourceUrl ? { source: { kind: meta.sourceKind as NonNullable<FetchOutcome['source']>['kind'], url: meta.sourceUrl, reportDate: meta.asOf, filedDate: null } } : {}),
  };
}

function fail(fund: string, code: FetchFailure, detail: string, download?: DownloadProblem): FetchOutcome {
  return { fund, status: 'failed', failure: { code, detail, ...(download ? { download } : {}) } };
}

/** The issuer a source belongs to, by name (Global X's files are read by the generic reader, so its site says 'Unknown'). */
function issuerName(source: FundSource, ref: FundRef): string {
  return source.site.issuer === 'Unknown' ? (ref.issuer ?? 'the issuer') : source.site.issuer;
}

function downloadProblem(error: DownloadError): IssuerProblem {
  if (error.reason === 'http' && error.status !== undefined) return { kind: 'status', status: error.status };
  if (error.reason === 'timeout') return { kind: 'timeout' };
  return { kind: 'network', detail: error.message };
}

/** The issuer's problem in a failure's detail (English, for logs and `data sync`; the chat user reads the catalogue's words). */
function problemText({ issuer, problem: p }: { issuer: string; problem: IssuerProblem }): string {
  const what: Record<IssuerProblem['kind'], string> = {
    html: 'answered with an HTML page (a bot check or a web page), not a holdings file',
    status: `answered HTTP ${'status' in p ? p.status : ''}`,
    timeout: 'did not answer in time',
    network: `could not be reached (${'detail' in p ? p.detail : ''})`,
    unreadable: `sent a file that is not a holdings file (${'detail' in p ? p.detail : ''})`,
    'other-fund': `sent the holdings of ${'found' in p ? p.found : 'another fund'}`,
    older: `sent a file as of ${'asOf' in p ? p.asOf : ''}, older than the N-PORT for ${'nport' in p ? p.nport : ''}`,
  };
  return `${issuer} ${what[p.kind]}`;
}

/** An HTML page where a file was expected: a bot check, a login wall, a "temporarily unavailable" page sent with 200. */
export function looksLikeHtml(bytes: Uint8Array, contentType: string | null): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || (!!contentType?.includes('text/html') && head.startsWith('<'));
}


/**
 * Limits read from the environment: FETCH_TIMEOUT_SECONDS (issuer files and SEC look-ups, default
 * 15), NPORT_TIMEOUT_SECONDS (default 120), FETCH_MAX_MB (default 20), NPORT_MAX_MB (default 600),
 * SECTOR_FILES=off (no Select Sector SPDR downloads for N-PORT sectors).
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
  if (env.SECTOR_FILES?.trim().toLowerCase() === 'off') opts.sectorLabels = false;
  return opts;
}
