/**
 * A new user's first minute, as the README tells it: a fresh store, no holdings folder, no
 * `topheavy data directory`, the README's run command (`npm start` = `node bin/topheavy.js`) with
 * SEC_USER_AGENT set. A loopback host stands in for the SEC and the issuers (SYNC_BASE_URL), serving
 * the real SEC files (../shared/data/sources/sec) and issuer files (../shared/data/holdings/raw) on
 * their real paths, and counts every request.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { consoleSession, oneShot, userEnv } from '../support/cli-child.ts';
import { HAS_RAW, RAW } from '../support/raw.ts';
import { tempDir } from './helpers.ts';
import { HAS_SEC, independentFigures, startSecServer, type SecServer } from './sec-server.ts';

const UA = 'topheavy tests ops@example.org';
const IVW_FILE = 'IVW_2026-06-30_primary_doc.xml';
/** IVW's real filing (PROVENANCE.md), listed under its real series and filer. */
const FILERS = [{ cik: 1100663, listId: 'S000004311', filings: [{ accession: '0000940400-26-035157', form: 'NPORT-P' as const, filingDate: '2026-08-25', reportDate: '2026-06-30', file: IVW_FILE }] }];
/** iShares' ACWI download path: the real ACWI file stands in for オルカン (eMAXIS Slim All Country tracks the same index). */
const ACWI_PATH = '/us/products/239600/ishares-msci-acwi-etf/1467271812596.ajax?fileType=csv&fileName=ACWI_holdings&dataType=fund';

describe.skipIf(!HAS_SEC || !HAS_RAW)('the first minute: a fresh store answers any fund through the SEC and issuer stand-ins', () => {
  let server: SecServer;
  let tmp: ReturnType<typeof tempDir>;
  const truth = HAS_SEC ? independentFigures(IVW_FILE) : undefined;
  const online = (db: string) => userEnv({ SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base, DATABASE_URL: `file:${path.join(tmp.dir, db)}`, HOLDINGS_DIR: path.join(tmp.dir, 'no-holdings') });

  beforeAll(async () => {
    server = await startSecServer(FILERS);
    server.route(ACWI_PATH, { kind: 'raw', fund: 'ACWI', file: 'ACWI_holdings.csv' });
    tmp = tempDir('topheavy-first-minute-');
  });
  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });
  beforeEach(() => server.reset());

  test('`topheavy hhi IVW --json` from an empty store answers from N-PORT with the figures computed here from the raw XML; a second process downloads nothing', async () => {
    const first = await oneShot(['hhi', 'IVW', '--json'], online('oneshot.db'));
    expect(first.code, first.stderr).toBe(0);
    const data = JSON.parse(first.stdout) as { fund: string; asOf: string; count: number; hhi: number; effectiveN: number; top10: number; largest: { ticker: string; weight: number } };
    expect(data.fund).toBe('IVW');
    expect(data.asOf).toBe('2026-06-30');
    expect(data.count).toBe(truth!.count);
    expect(data.hhi).toBeCloseTo(truth!.hhi, 12);
    expect(data.effectiveN).toBeCloseTo(truth!.effectiveN, 9);
    expect(data.top10).toBeCloseTo(truth!.top10, 12);
    expect(data.largest.ticker).toBe(truth!.largest.ticker);
    // The directory came from the SEC's lists (nobody ran `data directory`), then the filing: each once.
    expect(server.count('/files/company_tickers_mf.json')).toBe(1);
    expect(server.count('/files/company_tickers.json')).toBe(1);
    expect(server.filingDownloads('0000940400-26-035157')).toBe(1);
    expect(first.stderr).toMatch(/Downloading the SEC’s fund lists/);
    expect(first.stderr).toMatch(/IVW: reading SEC N-PORT 0000940400-26-035157/);

    server.reset();
    const second = await oneShot(['hhi', 'IVW', '--json'], online('oneshot.db'));
    expect(second.code, second.stderr).toBe(0);
    expect((JSON.parse(second.stdout) as { effectiveN: number }).effectiveN).toBeCloseTo(truth!.effectiveN, 9);
    expect(server.total()).toBe(0);
  }, 180_000);

  test('the console started as the README says answers /hhi IVW and /hhi オルカン in one session (ACWI stands in, and the card says so)', async () => {
    const chat = consoleSession(online('console.db'));
    try {
      const ivw = await chat.ask('/hhi IVW', /● IVW —[\s\S]*\n> /);
      expect(ivw).toMatch(/fetched just now from its SEC Form N-PORT for 2026-06-30, filed 2026-08-25/);
      expect(ivw).toContain(`${truth!.count} holdings`);
      expect(ivw).not.toMatch(/No holdings are loaded/);
      const orukan = await chat.ask('/hhi オルカン', /● ACWI —[\s\S]*\n> /);
      expect(orukan).toMatch(/Stand-in: eMAXIS Slim[^\n]* is shown with the holdings of ACWI/);
      expect(orukan).toContain('2,292 holdings');
    } finally {
      await chat.quit();
    }
    // One download of each list (the background fill and the first ask shared it), one filing, one ACWI file.
    expect(server.count('/files/company_tickers_mf.json')).toBe(1);
    expect(server.filingDownloads('0000940400-26-035157')).toBe(1);
    expect(server.count(ACWI_PATH)).toBe(1);

    // A second console on the same store: the same answers, and not one request to the stand-in.
    server.reset();
    const again = consoleSession(online('console.db'));
    try {
      expect(await again.ask('/hhi IVW', /● IVW —[\s\S]*\n> /)).toContain(`${truth!.count} holdings`);
      expect(await again.ask('/hhi オルカン', /● ACWI —[\s\S]*\n> /)).toContain('2,292 holdings');
    } finally {
      await again.quit();
    }
    expect(server.total()).toBe(0);
  }, 240_000);

  test('the console fetches the SEC lists in the background at start, before anyone asks (the prompt does not wait for them)', async () => {
    const chat = consoleSession(online('warm.db'));
    try {
      const started = Date.now();
      while (server.count('/files/company_tickers.json') === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
      expect(server.count('/files/company_tickers_mf.json')).toBe(1);
      expect(server.count('/files/company_tickers.json')).toBe(1);
      // Nothing else: no issuer file, no filing, until a fund is named.
      expect(server.total()).toBe(2);
    } finally {
      await chat.quit();
    }
  }, 90_000);

  test('offline, as the README says (HOLDINGS_DIR=../shared/data/holdings/raw, a fresh store, no other command): オルカン and "eMAXIS Slim 米国株式" answer through their stand-ins', async () => {
    const chat = consoleSession(userEnv({ HOLDINGS_DIR: RAW, DATABASE_URL: `file:${path.join(tmp.dir, 'offline.db')}` }));
    try {
      const orukan = await chat.ask('/hhi オルカン', /● ACWI —[\s\S]*\n> /, 150_000);
      expect(orukan).toMatch(/Stand-in: eMAXIS Slim[^\n]* is shown with the holdings of ACWI/);
      const sp500 = await chat.ask('/hhi "eMAXIS Slim 米国株式"', /● IVV —[\s\S]*\n> /);
      expect(sp500).toMatch(/Stand-in: [^\n]* is shown with the holdings of IVV/);
      expect(`${orukan}${sp500}`).not.toMatch(/No holdings|I don't have holdings/);
    } finally {
      await chat.quit();
    }
    expect(server.total()).toBe(0);
  }, 240_000);
});
