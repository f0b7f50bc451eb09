import { fillFromPeers } from '../holdings/catalog.ts';
import { readDoc } from '../holdings/doc.ts';
import { HoldingsFileError } from '../holdings/errors.ts';
import { detectParser } from '../holdings/parsers/index.ts';
import type { Holdings } from '../holdings/types.ts';
import { alertsForStored } from './alert-check.ts';
import type { AlertCrossing } from './alerts.ts';
import { download, DownloadError, problemOf, type DownloadLimits } from './download.ts';
import { checksumOf, latestHoldings } from './import.ts';
import { CURATED } from './curated-funds.ts';
import type { DirectoryProblem } from './data-lines.ts';
import { DIRECTORY_MAX_AGE_MS, refreshDirectoryIfStale } from './directory-command.ts';
import { readDirectory } from './directory.ts';
import { DirectoryIndex } from './directory-search.ts';
import type { FetchOutcome, FetchProgress, FundRef } from './fund-fetch.ts';
import type { OnDemandFetcher } from './on-demand.ts';
import { findSource, FUND_SOURCES, sourceUrl, type FundSource } from './sources.ts';
import type { Store } from './store.ts';
import type { SnapshotMeta } from './types.ts';

export type SyncStatus = 'downloading' | 'parsing' | 'progress' | 'stored' | 'unchanged' | 'failed' | 'skipped';

/** The snapshot a failed sync left in place, so the user knows how old the answers now are. */
export interface KeptSnapshot {
  asOf: string | null;
  importedAt: string;
  /** Whole days from the snapshot's as-of date (else its import) to now. */
  ageDays: number;
}

export interface SyncEvent {
  fund: string;
  status: SyncStatus;
  url?: string;
  file?: string;
  attempt?: number;
  bytes?: number;
  asOf?: string | null;
  positions?: number;
  snapshotId?: number;
  /** failed / skipped: why, in words a person can act on. */
  message?: string;
  /** failed: the last good snapshot, still served; null when the store has none for this fund. */
  kept?: KeptSnapshot | null;
  /** progress: a step of a fetch (the issuer failed and N-PORT answers instead, a filing being read), said through the catalogue. */
  progress?: FetchProgress;
  /** stored / unchanged / failed: what the issuer did when its file was not used. */
  fallback?: FetchOutcome['fallback'];
  /** failed: why, as data (the catalogue words it; `message` is the English sentence). */
  failure?: FetchOutcome['failure'];
  /** failed / skipped: the issuer publishes no file at a public URL (`env` names the override, when there is one). */
  noUrl?: { issuer: string; env?: string };
  /** failed (fund 'directory'): why the SEC's fund lists could not be refreshed. */
  directory?: DirectoryProblem;
}

export interface SyncSummary {
  stored: SyncEvent[];
  unchanged: SyncEvent[];
  failed: SyncEvent[];
  skipped: SyncEvent[];
  /** Alert rules the newly stored snapshots crossed. */
  alerts: AlertCrossing[];
}

export interface SyncOptions extends Partial<DownloadLimits> {
  /** Funds to sync; default: every known fund whose issuer has a URL (the others are skipped, saying why). */
  funds?: readonly string[];
  /** Where base-URL overrides (SYNC_BASE_URL, ISHARES_BASE_URL, …) are read. */
  env?: NodeJS.ProcessEnv;
  onEvent?: (event: SyncEvent) => void;
  /** For the age of a kept snapshot. */
  now?: Date;
  /**
   * Refreshes the funds people asked about (stored on demand, from an issuer file or SEC N-PORT)
   * besides the fixed list; without it only the fixed list is synced. With SEC sources on, the
   * fixed list goes through it too, so every issuer failure falls back to N-PORT, and the SEC's
   * fund lists in the directory are refreshed when older than a week.
   */
  fetcher?: OnDemandFetcher;
}

/** Issuers' CDNs turn away clients that send no User-Agent; this one says who is asking. */
const USER_AGENT = 'topheavy-holdings-sync/0.1 (education bot; daily holdings download)';

/**
 * Downloads each fund's current file from its issuer, checks that it parses as a holdings file,
 * and stores it as a snapshot in one transaction (the same bytes again: "unchanged"). A fund that
 * fails for any reason keeps its last good snapshot; the event says why and how old that one is.
 * Never throws for a fund's failure; one fund's trouble does not stop the others.
 */
export async function syncFunds(store: Store, options: SyncOptions = {}): Promise<SyncSummary> {
  const env = options.env ?? process.env;
  const now = options.now ?? new Date();
  const summary: SyncSummary = { stored: [], unchanged: [], failed: [], skipped: [], alerts: [] };
  const emit = (e: SyncEvent) => {
    options.onEvent?.(e);
    if (e.status === 'stored' || e.status === 'unchanged' || e.status === 'failed' || e.status === 'skipped') summary[e.status].push(e);
  };
  const wanted = options.funds?.map((f) => f.toUpperCase());
  // Every fund anyone asked about: its latest snapshot says how it was looked up.
  const asked = new Map<string, SnapshotMeta>();
  if (options.fetcher) for (const s of await store.latestSnapshots()) if (s.sourceLookup && !findSource(s.fund)) asked.set(s.fund, s);
  const targets: (FundSource | string)[] = wanted ? wanted.map((f) => findSource(f) ?? f) : [...FUND_SOURCES, ...asked.keys()];
  let peers: Holdings[] | undefined;
  const sec = options.fetcher?.secEnabled ? options.fetcher : undefined;
  let index: DirectoryIndex | undefined;
  if (sec) {
    // Weekly is plenty for the SEC's lists; the directory then knows the series of every fund below.
    const refreshed = await refreshDirectoryIfStale(store, env, DIRECTORY_MAX_AGE_MS, () => emit({ fund: 'directory', status: 'progress', progress: { kind: 'directory' } }));
    if (refreshed.status === 'failed') emit({ fund: 'directory', status: 'failed', message: refreshed.message, directory: refreshed.problem, kept: null });
    const entries = await readDirectory(store);
    index = new DirectoryIndex(entries.length > 0 ? entries : CURATED);
  }
  for (const target of targets) {
    const onDemand = typeof target === 'string' ? asked.get(target) : undefined;
    if (onDemand && options.fetcher) {
      emit(await refreshAsked(store, options.fetcher, onDemand, emit, now));
      continue;
    }
    // The issuer's file first; any failure (a web page, 4xx/5xx, a timeout, a file that does not parse, another
    // fund's file, one older than the fund's N-PORT) falls back to N-PORT, said in one line. A fund whose issuer
    // has no public URL goes to N-PORT only when named (in "sync everything" it is skipped, as below).
    if (sec && index && typeof target !== 'string' && (wanted || sourceUrl(target, env) !== null)) {
      emit(await refreshFixed(store, sec, target, index, emit, now));
      continue;
    }
    if (typeof target === 'string') {
      const message = `no download source is known for ${target}; known: ${FUND_SOURCES.map((s) => s.fund).join(', ')}`;
      emit({ fund: target, status: 'failed', message, failure: { code: 'no-source', detail: message }, kept: await keptSnapshot(store, target, now) });
      continue;
    }
    const url = sourceUrl(target, env);
    if (url === null) {
      const message = `${target.site.issuer} has no public URL for this file: ${target.site.note ?? `set ${target.site.env}`}`;
      const noUrl = { issuer: target.site.issuer, ...(target.site.env ? { env: target.site.env } : {}) };
      // Asked for by name, a fund we cannot fetch is a failure; in "sync everything" it is only skipped.
      if (wanted) emit({ fund: target.fund, status: 'failed', file: target.file, message, noUrl, kept: await keptSnapshot(store, target.fund, now) });
      else emit({ fund: target.fund, status: 'skipped', file: target.file, message, noUrl });
      continue;
    }
    peers ??= await latestHoldings(store);
    const { holdings, ...result } = await syncOne(store, target, url, options, emit, peers);
    if (result.status === 'failed') emit({ ...result, kept: await keptSnapshot(store, target.fund, now) });
    else emit(result);
    // The next funds fill their missing sectors from this one too, as a folder import would.
    if (result.status === 'stored' && holdings) peers = [...peers.filter((p) => p.fund !== target.fund), holdings];
  }
  summary.alerts = await alertsForStored(store, summary.stored);
  return summary;
}

async function syncOne(
  store: Store,
  source: FundSource,
  url: string,
  options: SyncOptions,
  emit: (e: SyncEvent) => void,
  peers: readonly Holdings[],
): Promise<SyncEvent & { holdings?: Holdings }> {
  const base = { fund: source.fund, url, file: source.file };
  let bytes: Uint8Array;
  let contentType: string | null;
  try {
    ({ bytes, contentType } = await download(url, {
      timeoutMs: options.timeoutMs,
      tries: options.tries,
      backoffMs: options.backoffMs,
      maxBytes: options.maxBytes,
      headers: { 'user-agent': USER_AGENT, accept: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, */*;q=0.5' },
      onAttempt: (attempt) => emit({ ...base, status: 'downloading', attempt }),
    }));
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    return { ...base, status: 'failed', message: `download failed: ${error.message}`, failure: { code: 'network', detail: error.message, download: problemOf(error) } };
  }
  const checksum = checksumOf(bytes);
  const known = await store.findByChecksum(source.fund, checksum);
  if (known) return { ...base, status: 'unchanged', bytes: bytes.length, asOf: known.asOf, positions: known.positions };
  emit({ ...base, status: 'parsing', bytes: bytes.length });
  let h: Holdings;
  try {
    h = await parseDownloaded(source, bytes, contentType);
  } catch (error) {
    if (!(error instanceof HoldingsFileError)) throw error;
    return unusable(base, bytes.length, error);
  }
  // Clones: fillFromPeers writes into every fund it is given, and the peers are other funds' stored values.
  fillFromPeers([h, ...peers.filter((p) => p.fund !== source.fund).map((p) => structuredClone(p))]);
  let result: Awaited<ReturnType<Store['importHoldings']>>;
  try {
    result = await store.importHoldings(h, checksum);
  } catch (error) {
    if (!(error instanceof HoldingsFileError)) throw error;
    return unusable(base, bytes.length, error);
  }
  return { ...base, status: result.status, bytes: bytes.length, asOf: result.snapshot.asOf, positions: result.snapshot.positions, snapshotId: result.snapshot.id, holdings: h };
}

function unusable(base: { fund: string; url: string; file: string }, bytes: number, error: HoldingsFileError): SyncEvent {
  return { ...base, status: 'failed', bytes, message: `not a usable holdings file: ${error.message}`, failure: { code: 'unreadable', detail: error.message } };
}

/**
 * Validation: the bytes must be a holdings file of the expected issuer. An HTML page (a login
 * wall, a "temporarily unavailable" page sent with 200) and a body cut short both fail here.
 */
async function parseDownloaded(source: FundSource, bytes: Uint8Array, contentType: string | null): Promise<Holdings> {
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || (contentType?.includes('text/html') && head.startsWith('<'))) {
    throw new HoldingsFileError(source.file, null, `the ${source.site.issuer} holdings file`, `an HTML page (${contentType ?? 'no content type'})`);
  }
  const doc = await readDoc(source.file, bytes);
  const h = detectParser(doc).parse(doc, source.fund);
  if (h.issuer !== source.site.issuer) {
    throw new HoldingsFileError(source.file, null, `a ${source.site.issuer} holdings file`, `a ${h.issuer} file (${h.format})`);
  }
  return h;
}

/** A fund first fetched on demand, fetched again the same way (issuer file, else SEC N-PORT). */
async function refreshAsked(store: Store, fetcher: OnDemandFetcher, meta: SnapshotMeta, emit: (e: SyncEvent) => void, now: Date): Promise<SyncEvent> {
  const lookup = meta.sourceLookup!;
  emit({ fund: meta.fund, status: 'downloading', url: meta.sourceUrl ?? undefined });
  return refreshThrough(store, fetcher, { fund: meta.fund, name: meta.name, cik: lookup.cik, seriesId: lookup.seriesId, issuer: lookup.issuer }, emit, now);
}

/** A fund of the fixed list, fetched like an asked-about one: its SEC ids from the directory, its issuer from the list. */
async function refreshFixed(store: Store, fetcher: OnDemandFetcher, source: FundSource, index: DirectoryIndex, emit: (e: SyncEvent) => void, now: Date): Promise<SyncEvent> {
  const entry = index.byTicker(source.fund).find((e) => e.kind === 'fund');
  const ref: FundRef = { fund: source.fund, name: entry?.nameEn ?? source.fund, cik: entry?.cik ?? null, seriesId: entry?.seriesId ?? null, issuer: source.site.issuer };
  emit({ fund: source.fund, status: 'downloading', file: source.file });
  return refreshThrough(store, fetcher, ref, emit, now);
}

async function refreshThrough(store: Store, fetcher: OnDemandFetcher, ref: FundRef, emit: (e: SyncEvent) => void, now: Date): Promise<SyncEvent> {
  const outcome = await fetcher.refresh(ref, (p) => {
    if (p.kind === 'fallback' || p.kind === 'nport-read') emit({ fund: ref.fund, status: 'progress', progress: p });
  });
  const url = outcome.source?.url;
  const fallback = outcome.fallback ? { fallback: outcome.fallback } : {};
  if (outcome.status === 'failed') {
    const failure = outcome.failure ? { failure: outcome.failure } : {};
    return { fund: ref.fund, status: 'failed', url, message: outcome.failure?.detail ?? 'download failed', kept: await keptSnapshot(store, ref.fund, now), ...fallback, ...failure };
  }
  const latest = (await store.snapshots(ref.fund)).at(-1);
  return { fund: ref.fund, status: outcome.status, url, asOf: latest?.asOf ?? null, positions: latest?.positions, snapshotId: latest?.id, ...fallback };
}

async function keptSnapshot(store: Store, fund: string, now: Date): Promise<KeptSnapshot | null> {
  const all = await store.snapshots(fund);
  const latest: SnapshotMeta | undefined = all[all.length - 1];
  if (!latest) return null;
  const from = Date.parse(latest.asOf ? `${latest.asOf}T00:00:00Z` : latest.importedAt);
  return { asOf: latest.asOf, importedAt: latest.importedAt, ageDays: Math.max(0, Math.floor((now.getTime() - from) / 86_400_000)) };
}
