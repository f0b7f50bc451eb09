import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Where a download may go. `isAllowed` sees every URL (the first and each redirect); addresses
 * that are private, loopback or link-local are refused unless `allowPrivate` says otherwise.
 */
export interface UrlPolicy {
  isAllowed(url: URL): boolean;
  allowPrivate: boolean;
}

/** True for IPv4/IPv6 literals in loopback, private, link-local, unspecified, CGNAT and unique-local ranges. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (isIP(ip) === 6) return ip === '::' || ip === '::1' || /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip) || /^ff/.test(ip);
  return false;
}

/** localhost, or an IP literal in a private range. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host));
}

/** The registrable part of a host name, roughly: the last two labels, three under a second-level like co.jp. */
export function siteOf(hostname: string): string {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
  if (isIP(hostname) !== 0 || labels.length <= 2) return hostname.toLowerCase();
  const second = labels[labels.length - 2]!;
  const keep = labels[labels.length - 1]!.length === 2 && /^(co|ne|or|ac|go|com|net|org|gov|edu)$/.test(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/**
 * The default for a download that names no hosts: redirects stay on the first URL's site (an
 * issuer's www → its CDN sub-domain, sec.gov → www.sec.gov), and private addresses are refused
 * unless the first URL itself is local — which only a configured base URL (tests, SYNC_BASE_URL)
 * can make it.
 */
export function sameSitePolicy(first: string): UrlPolicy {
  const start = new URL(first);
  const site = siteOf(start.hostname);
  return { isAllowed: (u) => siteOf(u.hostname) === site && (u.protocol === 'https:' || u.protocol === 'http:'), allowPrivate: isLocalHost(start.hostname) };
}

/** Exact host names (and their https URLs) only, e.g. Discord's CDN. */
export function hostsPolicy(hosts: readonly string[], options: { allowPrivate?: boolean; allowHttp?: boolean } = {}): UrlPolicy {
  const set = new Set(hosts.map((h) => h.toLowerCase()));
  return { isAllowed: (u) => set.has(u.hostname.toLowerCase()) && (u.protocol === 'https:' || (options.allowHttp === true && u.protocol === 'http:')), allowPrivate: options.allowPrivate ?? false };
}

/** Why this URL may not be fetched under the policy, or null when it may. Resolves the host name to check its addresses. */
export async function urlProblem(url: URL, policy: UrlPolicy, resolve: (host: string) => Promise<string[]> = resolveAll): Promise<string | null> {
  if (!policy.isAllowed(url)) return `${url.host} is not an allowed host for this download`;
  if (policy.allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) !== 0 ? [host] : await resolve(host).catch(() => []);
  if (host.toLowerCase() === 'localhost' || addresses.some(isPrivateAddress)) return `${url.host} is a private, loopback or link-local address`;
  return null;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}
