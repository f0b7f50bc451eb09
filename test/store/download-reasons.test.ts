import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context, Lang } from '../../commands/context.ts';
import type { DownloadProblem, FundRef } from '../../store/fund-fetch.ts';
import { md } from '../../commands/messages-directory.ts';
import { UserError } from '../../commands/user-error.ts';
import { parseNport } from '../../holdings/parsers/nport-xml.ts';
import type { Holdings } from '../../holdings/types.ts';
import { createFundFetcher } from '../../store/on-demand.ts';
import { Store } from '../../store/store.ts';
import { startLocalServer, tempDir } from './helpers.ts';
import { HAS_SEC, nportFile } from './sec-server.ts';

/**
 * Issue 22 item 8: a failed download says why (refused host or redirect, too large, timeout,
 * HTTP status, bot-check page) to the user in their language and in the log line; a store that
 * is unavailable (PostgreSQL down, SQLite locked) is a plain "try again in a minute".
 */
const tmp = tempDir('topheavy-reasons-');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let base = '';

beforeAll(async () => {
  server = await startLocalServer((req, res, hold) => {
    const url = req.url ?? '';
    const id = /[?&]CIK=([^&]+)/.exec(url)?.[1];
    if (id === 'S000000801') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (id === 'S000000802') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
    if (id === 'S000000803') return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(Buffer.alloc(3 * 1024 * 1024, 32));
    if (id === 'S000000804') return hold(res);
    // SPDR's own file path answering with a bot-check page, as protected issuers do.
    if (url.includes('holdings-daily-us-en-spy.xlsx')) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>');
    res.writeHead(404).end();
  });
  base = server.base;
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

describe('download failures name their kind', () => {
  const ref = (n: number): FundRef => ({ fund: `WHY${n}`, name: `Why ${n}`, cik: null, seriesId: `S00000080${n}`, issuer: null });
  const cases: [string, FundRef, DownloadProblem, RegExp][] = [
    ['a redirect to 169.254.169.254', ref(1), { kind: 'refused-host' }, /refused a redirect: .*169\.254\.169\.254/],
    ['HTTP 503', ref(2), { kind: 'http', status: 503 }, /HTTP 503/],
    ['a body over the size cap', ref(3), { kind: 'too-large' }, /passed the 1 MB limit/],
    ['no answer in time', ref(4), { kind: 'timeout' }, /no complete answer within 0\.5 s/],
    ['a bot-check page instead of the issuer’s file', { fund: 'SPY', name: 'SPDR S&P 500 ETF Trust', cik: 884394, seriesId: null, issuer: 'SPDR' }, { kind: 'challenge' }, /HTML page \(a bot check/],
  ];

  test.each(cases)('%s: the outcome carries the kind, the detail the driver’s words', async (_name, r, kind, detail) => {
    const store = await Store.open(`file:${path.join(tmp.dir, `${r.fund}.db`)}`);
    try {
      // The bot-check case runs without SEC_USER_AGENT, so the issuer's page is the only source.
      const env = r.issuer ? { SYNC_BASE_URL: base } : { SEC_USER_AGENT: 'topheavy tests ops@example.org', SYNC_BASE_URL: base };
      const outcome = await createFundFetcher(store, { env, timeoutMs: 500, tries: 1, backoffMs: 10, maxBytes: 1024 * 1024 }).ensure(r);
      expect(outcome.status).toBe('failed');
      // An issuer's bot-check page is what the issuer did (the fallback's problem, said in the reader's words); the rest are the download's own kinds.
      if (kind.kind === 'challenge') expect(outcome.fallback?.problem).toEqual({ kind: 'html' });
      else expect(outcome.failure?.download).toEqual(kind);
      expect(outcome.failure?.detail).toMatch(detail);
    } finally {
      await store.close();
    }
  });

  test('each kind reads differently to the user, in English and Japanese, the status named', () => {
    const kinds: DownloadProblem[] = [{ kind: 'refused-host' }, { kind: 'too-large' }, { kind: 'timeout' }, { kind: 'http', status: 503 }, { kind: 'challenge' }, { kind: 'network' }, { kind: 'truncated' }];
    for (const lang of ['en', 'ja'] as const) {
      const texts = kinds.map((k) => md.fetchFailed('QQQ', 'network', 'detail', k)[lang]);
      expect(new Set(texts).size).toBe(kinds.length);
      expect(texts[3]).toMatch(/HTTP 503/);
      for (const text of texts) expect(text).toMatch(lang === 'en' ? /^Could not fetch QQQ’s holdings: / : /^QQQの保有銘柄を取得できませんでした：/);
    }
    expect(md.fetchFailed('QQQ', 'network', 'x', { kind: 'refused-host' }).en).toMatch(/host we do not fetch from/);
    expect(md.fetchFailed('QQQ', 'network', 'x', { kind: 'too-large' }).ja).toMatch(/サイズ上限/);
  });
});

describe.skipIf(!HAS_SEC)('dispatch: reasons in the log, the store unavailable in plain words', () => {
  let dax: Holdings;
  beforeAll(async () => {
    const file = 'DAX_2024-01-31_primary_doc.xml';
    dax = (await parseNport(Readable.from([readFileSync(nportFile(file), 'utf8')]), { fund: 'DAX', file })).holdings;
  });
  /** A context holding DAX whose store-backed history fails as told. */
  const context = (lang: Lang, failure: unknown): Context =>
    ({
      lang,
      requester: { platform: 'console', userId: 'u', serverId: null, channelId: null, isAdmin: false },
      data: {
        list: () => [{ fund: 'DAX', name: dax.name, issuer: dax.issuer, asOf: dax.asOf.date, positions: dax.positions.length }],
        get: (f: string) => (f === 'DAX' ? dax : undefined),
        problems: () => [],
        describe: () => 'test',
        previous: () => undefined,
        history: async () => {
          throw failure;
        },
      },
      now: new Date('2026-12-01T00:00:00Z'),
      staleAfterDays: 30,
    }) as unknown as Context;

  test('a refusal carrying log fields is logged as one structured line with them', async () => {
    const log = memoryLogger();
    const error = new UserError('fetch-network', 'Could not fetch X’s holdings: the file was larger than the size limit.', undefined, { fund: 'X', download: 'too-large' });
    const view = await dispatch({ command: 'history', text: 'DAX' }, context('en', error), log);
    expect(view.summary).toBe(error.message);
    expect(log.lines).toEqual([{ level: 'info', message: 'command refused', fields: { command: 'history', code: 'fetch-network', fund: 'X', download: 'too-large' } }]);
  });

  test.each([
    ['SQLite locked past the busy timeout', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
    ['PostgreSQL refusing connections', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a terminated backend', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
  ])('%s: the plain message in the user’s language, an error line, no apology id', async (_name, failure) => {
    for (const lang of ['en', 'ja'] as const) {
      const log = memoryLogger();
      const view = await dispatch({ command: 'history', text: 'DAX' }, context(lang, failure), log);
      expect(view.summary).toBe(md.storeUnavailable()[lang]);
      expect((view.data as { error: { code: string; id?: string } }).error).toEqual({ code: 'store-unavailable', message: md.storeUnavailable()[lang] });
      expect(log.lines.map((l) => [l.level, l.message, l.fields.error])).toEqual([['error', 'store unavailable', (failure as Error).message]]);
    }
  });
});
