import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { RAW } from '../support/raw.ts';

/** The real SEC files beside the repo (../shared/data/sources/sec). */
export const SEC_DIR = path.resolve(import.meta.dirname, '../../../shared/data/sources/sec');
export const HAS_SEC = existsSync(path.join(SEC_DIR, 'nport'));
if (!HAS_SEC) console.warn(`[skip] ${SEC_DIR} is absent: tests on real SEC files are skipped.`);

export const nportFile = (name: string) => path.join(SEC_DIR, 'nport', name);

/** A filing as the EDGAR list and the submissions API describe it, served at its real Archives path. */
export interface Filing {
  accession: string;
  form: 'NPORT-P' | 'NPORT-P/A';
  filingDate: string;
  reportDate: string;
  /** Which real primary_doc.xml to serve for it (or, starting with '<', the XML to serve). */
  file: string;
}

/** What one fund (a series, or a trust without series) files. */
export interface Filer {
  cik: number;
  /** The id the filing list is asked by: a series id, or the CIK for unit investment trusts. */
  listId: string;
  filings: Filing[];
}

export type Route =
  | { kind: 'raw'; fund: string; file: string }
  | { kind: 'bytes'; bytes: Uint8Array; type: string }
  | { kind: 'html' }
  | { kind: 'status'; status: number }
  /** Headers only after `ms` (a timeout for a client that waits less). */
  | { kind: 'slow'; ms: number }
  /** These bytes, with this content type (a file that is not a holdings file). */
  | { kind: 'body'; body: string; type: string };

/** The SEC's fund lists, served from the real files on their real paths (/files/…). */
const SEC_LISTS = new Set(['/files/company_tickers_mf.json', '/files/company_tickers.json']);

/**
 * One loopback host standing in for the issuers and the SEC (SYNC_BASE_URL moves them all here):
 * issuer files from ../shared/data/holdings/raw on the issuers' paths, the SEC's filing list (Atom,
 * built on the real PIMCO list's shape), the submissions API and the real primary_doc.xml files on
 * their Archives paths. Every request is counted and every SEC request's arrival time kept.
 */
export interface SecServer {
  base: string;
  route(pathAndQuery: string, route: Route): void;
  /** Requests per path (query included). */
  count(pathAndQuery: string): number;
  /** Requests of any path since the last reset. */
  total(): number;
  /** Requests to the Archives path of this accession (the filing itself). */
  filingDownloads(accession: string): number;
  /** Arrival times (ms, monotonic) of every request to an SEC path. */
  secArrivals(): number[];
  /** The User-Agent of every SEC request. */
  secAgents(): string[];
  reset(): void;
  close(): Promise<void>;
}

const ATOM = readFileSync(path.join(SEC_DIR, 'browse-edgar_series_NPORT-P_atom_PIMCO.xml'), 'latin1');

/** The real Atom list with its entries replaced by these filings (newest filing first, as EDGAR lists them). */
export function atomFor(filer: Filer): string {
  const template = /<entry>[\s\S]*?<\/entry>/.exec(ATOM)![0];
  const head = ATOM.slice(0, ATOM.indexOf('<entry>'));
  const entries = [...filer.filings]
    .sort((a, b) => (a.filingDate < b.filingDate ? 1 : -1))
    .map((f) => {
      const bare = f.accession.replace(/-/g, '');
      return template
        .replace(/0001099263-26-007248/g, f.accession)
        .replace(/000109926326007248/g, bare)
        .replace(/\/data\/810893\//g, `/data/${filer.cik}/`)
        .replace(/2026-05-29/g, f.filingDate)
        .replace(/term="NPORT-P"/, `term="${f.form}"`)
        .replace(/<filing-type>NPORT-P<\/filing-type>/, `<filing-type>${f.form}</filing-type>`);
    });
  return `${head}${entries.join('')}</feed>`;
}

/** The submissions API's shape (data.sec.gov/submissions/CIK##########.json), `filings.recent` columns only. */
export function submissionsFor(cik: number, filers: readonly Filer[]): string {
  const all = filers.filter((f) => f.cik === cik).flatMap((f) => f.filings);
  return JSON.stringify({
    cik: String(cik),
    filings: {
      recent: {
        accessionNumber: all.map((f) => f.accession),
        filingDate: all.map((f) => f.filingDate),
        reportDate: all.map((f) => f.reportDate),
        form: all.map((f) => f.form),
        primaryDocument: all.map(() => 'xslFormNPORT-P_X01/primary_doc.xml'),
      },
    },
  });
}

export async function startSecServer(filers: readonly Filer[]): Promise<SecServer> {
  const routes = new Map<string, Route>();
  const counts = new Map<string, number>();
  const arrivals: number[] = [];
  const agents: string[] = [];
  const server = http.createServer((req, res) => {
    // Built per request: a test may add a filing while the server runs.
    const lists = new Map(filers.map((f) => [`/cgi-bin/browse-edgar?action=getcompany&CIK=${f.listId}&type=NPORT-P&dateb=&owner=include&count=10&output=atom`, f]));
    const docs = new Map<string, string>(filers.flatMap((f) => f.filings.map((g) => [`/Archives/edgar/data/${f.cik}/${g.accession.replace(/-/g, '')}/primary_doc.xml`, g.file] as const)));
    const url = req.url ?? '';
    counts.set(url, (counts.get(url) ?? 0) + 1);
    if (/^\/(cgi-bin|submissions|Archives|files)\//.test(url)) {
      arrivals.push(performance.now());
      agents.push(String(req.headers['user-agent'] ?? ''));
    }
    if (SEC_LISTS.has(url)) {
      const bytes = readFileSync(path.join(SEC_DIR, path.basename(url)));
      return void res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes);
    }
    const list = lists.get(url);
    if (list) return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(Buffer.from(atomFor(list), 'latin1'));
    const subs = /^\/submissions\/CIK(\d{10})\.json$/.exec(url);
    if (subs) return void res.writeHead(200, { 'content-type': 'application/json' }).end(submissionsFor(Number(subs[1]), filers));
    const doc = docs.get(url);
    if (doc) {
      // A file name from the SEC folder, or (a test's tampered copy) the XML itself.
      const bytes = doc.startsWith('<') ? Buffer.from(doc) : readFileSync(nportFile(doc));
      return void res.writeHead(200, { 'content-type': 'text/xml', 'content-length': bytes.length }).end(bytes);
    }
    const route = routes.get(url);
    if (route?.kind === 'raw') {
      const dir = path.join(RAW, route.fund);
      const name = readdirSync(dir).find((f) => f.toLowerCase() === route.file.toLowerCase());
      if (name) {
        const bytes = readFileSync(path.join(dir, name));
        return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
      }
    }
    if (route?.kind === 'bytes') return void res.writeHead(200, { 'content-type': route.type, 'content-length': route.bytes.length }).end(route.bytes);
    if (route?.kind === 'html') {
      // What bot-protected issuers send: a challenge page with status 200 instead of the file.
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser before accessing the site.</body></html>');
    }
    if (route?.kind === 'status') return void res.writeHead(route.status, { 'content-type': 'text/plain' }).end('no');
    if (route?.kind === 'body') return void res.writeHead(200, { 'content-type': route.type }).end(route.body);
    if (route?.kind === 'slow') {
      const timer = setTimeout(() => !res.destroyed && res.writeHead(503).end(), route.ms);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    route: (p, r) => void routes.set(p, r),
    count: (p) => counts.get(p) ?? 0,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    filingDownloads: (accession) => [...counts].filter(([p]) => p.includes(`/${accession.replace(/-/g, '')}/primary_doc.xml`)).reduce((s, [, n]) => s + n, 0),
    secArrivals: () => [...arrivals],
    secAgents: () => [...agents],
    reset: () => {
      counts.clear();
      arrivals.length = 0;
      agents.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Equity (EC, EP) valUSD by security straight from the raw XML, with regular expressions: independent of the streaming parser. */
export function independentFigures(file: string) {
  const xml = readFileSync(nportFile(file), 'utf8');
  const values: { ticker: string; value: number }[] = [];
  for (const [, body] of xml.matchAll(/<invstOrSec>([\s\S]*?)<\/invstOrSec>/g)) {
    const cat = /<assetCat>(\w+)<\/assetCat>/.exec(body!)?.[1];
    if (cat !== 'EC' && cat !== 'EP') continue;
    values.push({ ticker: /<ticker value="([^"]*)"/.exec(body!)?.[1] ?? '', value: Number(/<valUSD>([^<]+)<\/valUSD>/.exec(body!)![1]) });
  }
  const total = values.reduce((s, v) => s + v.value, 0);
  const w = values.map((v) => ({ ticker: v.ticker, w: v.value / total })).sort((a, b) => b.w - a.w);
  return {
    count: w.length,
    hhi: w.reduce((s, x) => s + x.w * x.w, 0),
    effectiveN: 1 / w.reduce((s, x) => s + x.w * x.w, 0),
    top10: w.slice(0, 10).reduce((s, x) => s + x.w, 0),
    largest: w[0]!,
  };
}
