import { createHash } from 'node:crypto';
import { parseNport, type NportFiling } from '../holdings/parsers/nport-xml.ts';
import { SEC_HOSTS, type FilingExpectation } from '../holdings/sec-filings.ts';
import { RateBudget } from './coordination.ts';
import { download, DownloadError, downloadStream, type Downloaded, type DownloadLimits } from './download.ts';
import type { Store } from './store.ts';

/**
 * Requests to the SEC, as every part of the bot makes them: the contact User-Agent the SEC asks
 * for, one request budget shared through the store by every process (≤ 10/s), bounded retries,
 * size caps, and N-PORT filings parsed while they stream. The on-demand fetch (latest filing) and
 * the archive backfill (every period) both go through one of these.
 */
export interface SecClient {
  /** SEC_USER_AGENT, or null: SEC sources are off. */
  readonly userAgent: string | null;
  /** The base URL of an SEC host (or SYNC_BASE_URL's stand-in, path and query kept). */
  base(host: keyof typeof SEC_HOSTS): string;
  /** A GET spaced by the shared budget, retried (each retry spaced too) when the failure is retryable. */
  get(url: string, accept: string): Promise<Downloaded>;
  /** Streams one N-PORT filing through the parser; the checksum is of the bytes as served. */
  readFiling(url: string, fund: string, file: string, expect?: FilingExpectation): Promise<{ filing: NportFiling; checksum: string }>;
  /** Milliseconds this client spent waiting on the shared budget (benches report its share). */
  readonly waitedMs: number;
}

/** The fetch limits both fetchers (on-demand, archive backfill) take. */
export interface SecClientOptions {
  /** Where SEC_USER_AGENT, SYNC_BASE_URL and the issuers' *_BASE_URL are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Per request: issuer files and SEC look-ups. */
  timeoutMs?: number;
  /** The N-PORT filing itself (it can be hundreds of MB): a longer timeout. */
  nportTimeoutMs?: number;
  tries?: number;
  backoffMs?: number;
  /** Issuer files and SEC look-ups. */
  maxBytes?: number;
  /** The N-PORT filing, enforced while it streams. */
  nportMaxBytes?: number;
  /**
   * SEC requests per second across every process sharing the store. The SEC allows 10; the default
   * 8 leaves room for the time between taking a slot and the request reaching the SEC, which on a
   * busy machine can reach a few hundred ms and would otherwise let 11 land within one second.
   */
  secPerSecond?: number;
}

/** Per request (default 15 s, 3 tries, 20 MB); the N-PORT filing itself: 120 s, 600 MB. */
export function fetchLimits(options: SecClientOptions): { limits: DownloadLimits; nportLimits: DownloadLimits } {
  const limits: DownloadLimits = {
    timeoutMs: options.timeoutMs ?? 15_000,
    tries: options.tries ?? 3,
    backoffMs: options.backoffMs ?? 500,
    maxBytes: options.maxBytes ?? 20 * 1024 * 1024,
  };
  return { limits, nportLimits: { ...limits, timeoutMs: options.nportTimeoutMs ?? 120_000, maxBytes: options.nportMaxBytes ?? 600 * 1024 * 1024 } };
}

export function createSecClient(store: Store, options: SecClientOptions): SecClient {
  const env = options.env ?? process.env;
  const { limits, nportLimits } = fetchLimits(options);
  const userAgent = env.SEC_USER_AGENT?.trim() || null;
  const budget = new RateBudget(store, 'sec', Math.ceil(1000 / Math.min(10, options.secPerSecond ?? 8)));
  const stand = env.SYNC_BASE_URL?.trim().replace(/\/+$/, '') || null;
  const hosts = [...new Set([...Object.values(SEC_HOSTS), ...(stand ? [stand] : [])].map((u) => new URL(u).host))];
  let waitedMs = 0;
  const wait = async () => {
    const t0 = performance.now();
    await budget.wait();
    waitedMs += performance.now() - t0;
  };
  const once = async (url: string, accept: string) => {
    await wait();
    return download(url, { ...limits, tries: 1, headers: { 'user-agent': userAgent!, accept }, allowedHosts: hosts });
  };
  return {
    userAgent,
    base: (host) => stand ?? SEC_HOSTS[host],
    get waitedMs() {
      return waitedMs;
    },
    async get(url, accept) {
      let last: unknown;
      for (let attempt = 1; attempt <= limits.tries; attempt++) {
        if (attempt > 1) await sleep(limits.backoffMs * 2 ** (attempt - 2));
        try {
          return await once(url, accept);
        } catch (error) {
          last = error;
          if (!(error instanceof DownloadError) || !error.retryable) break;
        }
      }
      throw last;
    },
    async readFiling(url, fund, file, expect) {
      await wait();
      const hash = createHash('sha256');
      const filing = await downloadStream(url, { ...nportLimits, tries: 1, headers: { 'user-agent': userAgent!, accept: 'application/xml, text/xml' }, allowedHosts: hosts }, (body) =>
        parseNport(hashing(body, hash), { fund, file, ...(expect ? { expect } : {}) }),
      );
      return { filing, checksum: hash.digest('hex') };
    },
  };
}

async function* hashing(body: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    hash.update(chunk);
    yield chunk;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
