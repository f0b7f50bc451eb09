import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FUND_SOURCES } from '../../store/sources.ts';
import { RAW } from '../support/raw.ts';

/** How the fake issuer answers one fund's path. */
export type Behaviour =
  | 'ok'
  /** Headers and body only after `slowMs`. */
  | 'slow'
  | 'status-500'
  | 'status-404'
  /** Promises the whole file (Content-Length) and hangs up half-way. */
  | 'hang-up'
  /** Sends the first 60% of the file as if it were all of it (a consistent Content-Length). */
  | 'cut-short'
  /** A "maintenance" page with status 200. */
  | 'html-200'
  /** The file repeated without end, chunked, no Content-Length: only a limit enforced while streaming stops it. */
  | 'endless';

/**
 * A local stand-in for every issuer: serves the real files from ../shared/data/holdings/raw under
 * the issuers' own URL paths (query strings included), read-only and never copied. Behaviour per
 * fund is switchable, and every request is counted, so tests can prove how often a client retried.
 */
export interface IssuerServer {
  base: string;
  behave(fund: string, behaviour: Behaviour): void;
  requests(fund: string): number;
  resetCounts(): void;
  /** Bytes written on the endless stream before the client hung up. */
  endlessBytes(): number;
  close(): Promise<void>;
}

/** The real file the issuer names `file` (iShares' download is IVV_holdings.csv; the copy in raw/ is ivv_holdings.csv). */
function rawFile(fund: string, file: string): Buffer {
  const dir = path.join(RAW, fund);
  const name = readdirSync(dir).find((f) => f.toLowerCase() === file.toLowerCase());
  if (!name) throw new Error(`${dir} holds no ${file}`);
  return readFileSync(path.join(dir, name));
}

export async function startIssuerServer(slowMs = 2_000): Promise<IssuerServer> {
  const byPath = new Map(FUND_SOURCES.map((s) => [s.path, s]));
  const behaviours = new Map<string, Behaviour>();
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let endless = 0;
  const server = http.createServer((req, res) => {
    const source = byPath.get(req.url ?? '');
    if (!source) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    counts.set(source.fund, (counts.get(source.fund) ?? 0) + 1);
    const bytes = rawFile(source.fund, source.file);
    const type = source.file.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    switch (behaviours.get(source.fund) ?? 'ok') {
      case 'ok':
        res.writeHead(200, { 'content-type': type, 'content-length': bytes.length }).end(bytes);
        return;
      case 'slow': {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) res.writeHead(200, { 'content-type': type, 'content-length': bytes.length }).end(bytes);
        }, slowMs);
        timers.add(t);
        return;
      }
      case 'status-500':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      case 'status-404':
        res.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
        return;
      case 'hang-up':
        res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
        return;
      case 'cut-short': {
        const part = bytes.subarray(0, Math.floor(bytes.length * 0.6));
        res.writeHead(200, { 'content-type': type, 'content-length': part.length }).end(part);
        return;
      }
      case 'html-200':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body>Please try later.</body></html>');
        return;
      case 'endless': {
        res.writeHead(200, { 'content-type': type });
        const pump = () => {
          for (;;) {
            if (res.destroyed) return;
            endless += bytes.length;
            if (!res.write(bytes)) break;
          }
          res.once('drain', pump);
        };
        res.on('close', () => res.removeAllListeners('drain'));
        pump();
        return;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    behave: (fund, behaviour) => void behaviours.set(fund, behaviour),
    requests: (fund) => counts.get(fund) ?? 0,
    resetCounts: () => counts.clear(),
    endlessBytes: () => endless,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
