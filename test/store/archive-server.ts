import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { atomFor, nportFile, type Filing } from './sec-server.ts';

/**
 * A loopback host standing in for the SEC's N-PORT archive of one series, on the real paths:
 * the per-series filing list paged with `start`/`count` (Atom, the real PIMCO list's shape), the
 * trust's submissions API with its `files` page of older filings (the shape of
 * data.sec.gov/submissions/CIK##########.json), and each filing's primary_doc.xml.
 *
 * The filings served are real N-PORT-P files from ../shared/data/sources/sec/nport, but not all of
 * one series (no public repository we could find keeps one series' filings over several
 * periods): each is served with its `<seriesId>` rewritten to the series asked for and, where a
 * filing says so (`servedPeriod`), its `<repPdDate>` rewritten to that period. Holdings are untouched.
 */
export interface ArchiveFiling extends Filing {
  /** The report period the served file states, when it is not the file's own. */
  servedPeriod?: string;
  /** Bytes to serve in place of `file` (the bench's synthetic filings). */
  bytes?: Buffer;
}

export interface ArchiveServer {
  base: string;
  /** The bytes served for a filing (tests compute their figures from these). */
  bytesOf(f: ArchiveFiling): Buffer;
  /** Requests to a filing's primary_doc.xml. */
  filingDownloads(accession: string): number;
  /** Every request path, in arrival order. */
  paths(): string[];
  /** Arrival times (ms, monotonic) of every request. */
  arrivals(): number[];
  agents(): string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startArchiveServer(cik: number, seriesId: string, filings: ArchiveFiling[], recentCount: number): Promise<ArchiveServer> {
  const paths: string[] = [];
  const times: number[] = [];
  const agents: string[] = [];
  const cache = new Map<string, Buffer>();
  const bytesOf = (f: ArchiveFiling): Buffer => {
    const key = `${f.accession}`;
    let b = f.bytes ?? cache.get(key);
    if (!b) {
      let xml = readFileSync(nportFile(f.file), 'utf8').replace(/<seriesId>[^<]*<\/seriesId>/g, `<seriesId>${seriesId}</seriesId>`);
      if (f.servedPeriod) xml = xml.replace(/<repPdDate>[^<]*<\/repPdDate>/, `<repPdDate>${f.servedPeriod}</repPdDate>`);
      b = Buffer.from(xml, 'utf8');
      cache.set(key, b);
    }
    return b;
  };
  const newestFirst = () => [...filings].sort((a, b) => (a.filingDate < b.filingDate ? 1 : a.filingDate > b.filingDate ? -1 : 0));
  const columns = (list: ArchiveFiling[]) => ({
    accessionNumber: list.map((f) => f.accession),
    filingDate: list.map((f) => f.filingDate),
    reportDate: list.map((f) => f.servedPeriod ?? f.reportDate),
    form: list.map((f) => f.form),
    primaryDocument: list.map(() => 'xslFormNPORT-P_X01/primary_doc.xml'),
  });
  const cik10 = String(cik).padStart(10, '0');
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    paths.push(url);
    times.push(performance.now());
    agents.push(String(req.headers['user-agent'] ?? ''));
    // The archive's pages (start, count), and the on-demand fetch's first ten (no start).
    const list = /^\/cgi-bin\/browse-edgar\?action=getcompany&CIK=([^&]+)&type=NPORT-P&dateb=&owner=include(?:&start=(\d+))?&count=(\d+)&output=atom$/.exec(url);
    if (list && list[1] === seriesId) {
      const page = newestFirst().slice(Number(list[2] ?? 0), Number(list[2] ?? 0) + Number(list[3]));
      return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(Buffer.from(atomFor({ cik, listId: seriesId, filings: page }), 'latin1'));
    }
    const all = newestFirst();
    const recent = all.slice(0, recentCount);
    const older = all.slice(recentCount);
    if (url === `/submissions/CIK${cik10}.json`) {
      const files = older.length
        ? [{ name: `CIK${cik10}-submissions-001.json`, filingCount: older.length, filingFrom: older.at(-1)!.filingDate, filingTo: older[0]!.filingDate }]
        : [];
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cik: String(cik), filings: { recent: columns(recent), files } }));
    }
    if (url === `/submissions/CIK${cik10}-submissions-001.json`) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(columns(older)));
    const doc = filings.find((f) => url === `/Archives/edgar/data/${cik}/${f.accession.replace(/-/g, '')}/primary_doc.xml`);
    if (doc) {
      const bytes = bytesOf(doc);
      return void res.writeHead(200, { 'content-type': 'text/xml', 'content-length': bytes.length }).end(bytes);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    bytesOf,
    filingDownloads: (accession) => paths.filter((p) => p.includes(`/${accession.replace(/-/g, '')}/primary_doc.xml`)).length,
    paths: () => [...paths],
    arrivals: () => [...times],
    agents: () => [...agents],
    reset: () => {
      paths.length = 0;
      times.length = 0;
      agents.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
