import { isLocalHost, sameSitePolicy, urlProblem, type UrlPolicy } from './url-policy.ts';

/** How one download is bounded: every limit is an option so tests can make them small. */
export interface DownloadLimits {
  /** Per attempt, covering the headers and the whole body. */
  timeoutMs: number;
  /** Attempts in all (1 = no retry). */
  tries: number;
  /** Wait before the 2nd attempt; doubled before each later one. */
  backoffMs: number;
  /** Bodies larger than this are refused while streaming, before they are held in memory. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: DownloadLimits = { timeoutMs: 15_000, tries: 3, backoffMs: 500, maxBytes: 20 * 1024 * 1024 };

export type DownloadFailure = 'timeout' | 'http' | 'network' | 'too-large' | 'truncated' | 'refused-host';

/** Redirects followed at most; each one is checked against the download's host policy. */
export const MAX_REDIRECTS = 5;

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly reason: DownloadFailure,
    message: string,
    /** Whether another attempt could succeed: network trouble, timeouts and 5xx, never 4xx or size. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The kind (and HTTP status) of a failed download, for the user's message and the log line. */
export function problemOf(error: DownloadError): { kind: DownloadFailure; status?: number } {
  return error.status === undefined ? { kind: error.reason } : { kind: error.reason, status: error.status };
}

export interface Downloaded {
  bytes: Uint8Array;
  contentType: string | null;
  attempts: number;
}

export interface DownloadOptions extends Partial<DownloadLimits> {
  headers?: Record<string, string>;
  /**
   * When set (and no `policy` is), the URL and every redirect may reach only these hosts
   * (host[:port]); private addresses only when the first URL is itself local.
   */
  allowedHosts?: readonly string[];
  /** Called before each attempt (progress lines; tests count them). */
  onAttempt?: (attempt: number) => void;
  /** Which hosts the URL and every redirect may reach; default: the first URL's site, public addresses only (see sameSitePolicy). */
  policy?: UrlPolicy;
}

/**
 * GETs a URL with a timeout per attempt, bounded retries with exponential backoff (only for
 * failures another attempt could cure) and a size limit enforced while the body streams in.
 * Throws the last attempt's DownloadError, its message saying how many attempts were made.
 */
export async function download(url: string, options: DownloadOptions = {}): Promise<Downloaded> {
  return withRetries(url, options, false, async (limits, controller, policy, attempt) => {
    const response = await open(url, limits, options.headers ?? {}, controller, policy);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const bytes = await readCapped(response, limits.maxBytes, controller);
    // fetch already fails a body cut short of its Content-Length; this keeps the promise if it does not.
    if (Number.isFinite(declared) && bytes.length < declared) {
      throw new DownloadError('truncated', `the body ended after ${bytes.length} of ${declared} bytes`, true);
    }
    return { bytes, contentType: response.headers.get('content-type'), attempts: attempt };
  });
}

/**
 * The retry loop both downloads share: per attempt a timeout that aborts the request (and whatever
 * reads its body), backoff doubling between attempts, and only retryable failures tried again.
 * Errors that are neither a DownloadError, a timeout nor network trouble are the caller's own
 * (a parser refusing a streamed body): passed through when `passThrough`, else counted as network.
 */
async function withRetries<T>(
  url: string,
  options: DownloadOptions,
  passThrough: boolean,
  attemptOnce: (limits: DownloadLimits, controller: AbortController, policy: UrlPolicy, attempt: number) => Promise<T>,
): Promise<T> {
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(options) };
  const policy = policyOf(url, options);
  let last: DownloadError | undefined;
  for (let attempt = 1; attempt <= limits.tries; attempt++) {
    if (attempt > 1) await sleep(limits.backoffMs * 2 ** (attempt - 2));
    options.onAttempt?.(attempt);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limits.timeoutMs);
    try {
      return await attemptOnce(limits, controller, policy, attempt);
    } catch (error) {
      if (error instanceof DownloadError) last = error;
      else if (timedOut) last = new DownloadError('timeout', `no complete answer within ${seconds(limits.timeoutMs)}`, true);
      else if (!passThrough || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TypeError' || 'cause' in error))) last = new DownloadError('network', describe(error), true);
      else throw error;
      if (!last.retryable) break;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }
  const tried = limits.tries > 1 && last!.retryable ? ` (tried ${limits.tries} times)` : '';
  throw new DownloadError(last!.reason, `${last!.message}${tried}`, last!.retryable, last!.status);
}

/**
 * Sends the request through `fetchChecked` (every redirect checked against the policy) and checks
 * the status and declared size.
 */
async function open(url: string, limits: DownloadLimits, headers: Record<string, string>, controller: AbortController, policy: UrlPolicy): Promise<Response> {
  const response = await fetchChecked(url, headers, policy, controller.signal);
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    const retryable = response.status >= 500 || response.status === 429;
    throw new DownloadError('http', `HTTP ${response.status} ${response.statusText}`.trim(), retryable, response.status);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new DownloadError('too-large', `the file is ${declared} bytes, over the ${mb(limits.maxBytes)} limit`, false);
  }
  return response;
}

/**
 * Like `download`, but hands the body to `consume` as it arrives instead of holding it: for files
 * of hundreds of MB (SEC N-PORT). The timeout covers the whole attempt, consumption included; the
 * size limit is enforced chunk by chunk; a retryable failure restarts `consume` from the start.
 * Errors thrown by `consume` itself (a parser's refusal) are passed through, never retried.
 */
export async function downloadStream<T>(
  url: string,
  options: DownloadOptions,
  consume: (body: AsyncIterable<Uint8Array>, contentType: string | null) => Promise<T>,
): Promise<T> {
  return withRetries(url, options, true, async (limits, controller, policy) => {
    const response = await open(url, limits, options.headers ?? {}, controller, policy);
    return consume(capped(response, limits.maxBytes, controller), response.headers.get('content-type'));
  });
}

/** Counts decoded bytes: fetch inflates a gzip/deflate/br Content-Encoding, so a compressed body meets the cap as it inflates (test/store/download-gzip.test.ts). */
async function* capped(response: Response, max: number, controller: AbortController): AsyncIterable<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > max) {
        controller.abort();
        throw new DownloadError('too-large', `the body passed the ${mb(max)} limit while downloading`, false);
      }
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Follows redirects by hand, so each hop is checked against the policy before it is requested: a
 * file host redirecting to 169.254.169.254 or localhost is refused, never fetched. Credentials
 * (Authorization) are not carried to another host.
 */
async function fetchChecked(first: string, headers: Record<string, string>, policy: UrlPolicy, signal: AbortSignal): Promise<Response> {
  let url = new URL(first);
  let sent = headers;
  for (let hop = 0; ; hop++) {
    const problem = await urlProblem(url, policy);
    if (problem) throw new DownloadError('refused-host', hop === 0 ? `refused: ${problem}` : `refused a redirect: ${problem}`, false);
    const response = await fetch(url, { signal, headers: sent, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response;
    await response.body?.cancel().catch(() => {});
    if (hop >= MAX_REDIRECTS) throw new DownloadError('http', `more than ${MAX_REDIRECTS} redirects`, false);
    const next = new URL(location, url);
    if (next.host !== url.host) sent = Object.fromEntries(Object.entries(sent).filter(([k]) => k.toLowerCase() !== 'authorization'));
    url = next;
  }
}

/** The download's host policy: as given, else the listed hosts (host[:port]), else the first URL's site. */
function policyOf(url: string, options: DownloadOptions): UrlPolicy {
  if (options.policy) return options.policy;
  if (options.allowedHosts) {
    const hosts = options.allowedHosts;
    return { isAllowed: (u) => hosts.includes(u.host) && (u.protocol === 'https:' || u.protocol === 'http:'), allowPrivate: isLocalHost(new URL(url).hostname) };
  }
  return sameSitePolicy(url);
}

/** Reads the body chunk by chunk and gives up as soon as it passes `max`: a huge body never sits in memory. */
async function readCapped(response: Response, max: number, controller: AbortController): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      controller.abort();
      await reader.cancel().catch(() => {});
      throw new DownloadError('too-large', `the body passed the ${mb(max)} limit while downloading`, false);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** undici hides the useful part ("ECONNREFUSED", "other side closed") in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '';
  if (/terminated|other side closed|premature close/i.test(`${error.message} ${detail}`)) {
    return `the connection closed before the whole body arrived (${detail || error.message})`;
  }
  return detail && detail !== error.message ? `${error.message}: ${detail}` : error.message;
}

function definedOnly(o: Partial<DownloadLimits>): Partial<DownloadLimits> {
  return Object.fromEntries(Object.entries({ timeoutMs: o.timeoutMs, tries: o.tries, backoffMs: o.backoffMs, maxBytes: o.maxBytes }).filter(([, v]) => v !== undefined));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`);
const seconds = (ms: number) => `${+(ms / 1000).toFixed(2)} s`;
