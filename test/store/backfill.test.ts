import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FundRef } from '../../store/fund-fetch.ts';
import { createBackfiller, type BackfillOptions, type BackfillProgress } from '../../store/backfill.ts';
import { runDataCommand } from '../../store/data-command.ts';
import { sayData } from '../../commands/messages-data.ts';
import { replaceDirectory } from '../../store/directory.ts';
import { startArchiveServer, type ArchiveFiling, type ArchiveServer } from './archive-server.ts';
import { AMENDMENT, CALVERT, CIK, DAX, independent, IVW_ENTRY, IVW_REAL, MARCH, SERIES, SPY, STORED } from './archive-fixtures.ts';
import { busiestSecond, storesIn, tempDir } from './helpers.ts';
import { HAS_SEC } from './sec-server.ts';

const UA = 'topheavy tests ops@example.org';
const IVW: FundRef = { fund: 'IVW', name: 'iShares S&P 500 Growth ETF', cik: CIK, seriesId: SERIES, issuer: null };

describe.skipIf(!HAS_SEC)('N-PORT archive backfill through a loopback SEC serving real filings on the real paths', () => {
  const filings: ArchiveFiling[] = [CALVERT, DAX, SPY, MARCH, IVW_REAL];
  let server: ArchiveServer;
  let tmp: ReturnType<typeof tempDir>;
  const stores = storesIn(() => tmp.dir);
  const open = stores.open;
  const options = (extra: Partial<BackfillOptions> = {}): BackfillOptions => ({ env: { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base }, timeoutMs: 2_000, tries: 2, backoffMs: 10, listPage: 2, ...extra });

  beforeAll(async () => {
    // Two filings in the submissions API's `recent`, the rest on its `files` page; two entries per list page.
    server = await startArchiveServer(CIK, SERIES, filings, 2);
    tmp = tempDir('topheavy-backfill-');
  });
  afterAll(async () => {
    await stores.closeAll();
    await server?.close();
    tmp?.remove();
  });

  test('since 2019: one snapshot per period, each equal to an independent reading of its file; a second ask makes no request; an amendment replaces its original', async () => {
    const store = await open('one.db');
    const backfiller = createBackfiller(store, options());
    const seen: BackfillProgress[] = [];
    server.reset();
    const first = await backfiller.backfill(IVW, '2019-01-01', (p) => seen.push(p));
    expect(first).toMatchObject({
      status: 'done',
      periods: ['2021-09-30', '2024-01-31', '2025-12-31', '2026-03-31', '2026-06-30'],
      stored: ['2021-09-30', '2024-01-31', '2026-03-31', '2026-06-30'],
      undated: 0,
      replaced: 0,
    });
    expect(first.skipped).toEqual([{ period: '2025-12-31', detail: expect.stringMatching(/^0000940400-26-000103\/primary_doc\.xml: .*equity/), retry: false }]);
    expect(seen.map((p) => `${p.done}/${p.total}`)).toEqual(['0/5', '1/5', '2/5', '3/5', '4/5', '5/5']);
    // The `files` page was read: the two oldest filings are dated only there.
    expect(server.paths()).toContain(`/submissions/CIK0001100663-submissions-001.json`);
    expect(new Set(server.agents())).toEqual(new Set([UA]));
    const snaps = await store.snapshots('IVW');
    const usable = filings.filter((f) => f !== SPY);
    expect(snaps.map((s) => [s.asOf, s.sourceKind])).toEqual(usable.map((f) => [f.reportDate, 'sec-archive']));
    for (const [i, s] of snaps.entries()) {
      const want = independent(server.bytesOf(usable[i]!));
      const w = await store.weightsOf(s.id);
      expect(s.asOf).toBe(want.period);
      expect(w.length).toBe(want.count);
      expect(1 / w.reduce((a, x) => a + x * x, 0)).toBeCloseTo(want.effectiveN, 6);
      expect(w.slice(0, 10).reduce((a, x) => a + x, 0)).toBeCloseTo(want.top10, 9);
    }

    // Asked again: answered from what the first read found, without a single request.
    server.reset();
    const again = await backfiller.backfill(IVW, '2024-01-01');
    expect(again.periods).toEqual(['2024-01-31', '2025-12-31', '2026-03-31', '2026-06-30']);
    expect(again.stored).toEqual([]);
    expect(server.paths()).toEqual([]);

    // Another process (no memory of the first read) lists the archive again but downloads no filing.
    server.reset();
    const other = await createBackfiller(store, options()).backfill(IVW, '2019-01-01');
    expect(other.stored).toEqual([]);
    // The refused filing is read again (another process does not know it was refused), nothing else.
    expect(server.paths().filter((p) => p.includes('primary_doc.xml'))).toEqual([`/Archives/edgar/data/${CIK}/${SPY.accession.replace(/-/g, '')}/primary_doc.xml`]);

    // The SEC publishes an amendment of 2026-03-31: only it is downloaded, and it replaces the original.
    filings.push(AMENDMENT);
    server.reset();
    const amended = await createBackfiller(store, options()).backfill(IVW, '2019-01-01');
    expect(amended).toMatchObject({ stored: ['2026-03-31'], replaced: 1 });
    expect(server.paths().filter((p) => p.includes('primary_doc.xml') && !p.includes(SPY.accession.replace(/-/g, '')))).toEqual([
      `/Archives/edgar/data/${CIK}/${AMENDMENT.accession.replace(/-/g, '')}/primary_doc.xml`,
    ]);
    const march = (await store.snapshots('IVW')).filter((s) => s.asOf === '2026-03-31');
    expect(march).toHaveLength(1);
    expect(march[0]!.sourceUrl).toContain(AMENDMENT.accession.replace(/-/g, ''));
    const want = independent(server.bytesOf(AMENDMENT));
    const w = await store.weightsOf(march[0]!.id);
    expect(w.length).toBe(want.count);
    expect(1 / w.reduce((a, x) => a + x * x, 0)).toBeCloseTo(want.effectiveN, 6);
    filings.pop();
  });

  test('10 concurrent asks to one backfiller, and a second backfiller (another lease holder) at once, make one backfill: each filing downloaded once', async () => {
    // Two backfillers on one store stand for two processes: each holds leases under its own owner id.
    const store = await open('concurrent.db');
    const a = createBackfiller(store, options());
    const b = createBackfiller(store, options());
    server.reset();
    const outcomes = await Promise.all([...Array.from({ length: 10 }, () => a.backfill(IVW, '2019-01-01')), b.backfill(IVW, '2019-01-01')]);
    for (const f of filings.filter((f) => f !== SPY)) expect(server.filingDownloads(f.accession)).toBe(1);
    // The ten share one outcome; the other waited for the lease and found every period stored.
    expect(new Set(outcomes.slice(0, 10)).size).toBe(1);
    expect(outcomes.map((o) => o.stored.length).sort()).toEqual([0, ...Array(10).fill(STORED)].sort());
    expect((await store.snapshots('IVW')).length).toBe(STORED);
  });

  test('a long archive (12 quarters, 21 requests) never brings the SEC more than 10 requests in any second', async () => {
    const files = [CALVERT, DAX, IVW_REAL];
    const quarters = Array.from({ length: 12 }, (_, i) => {
      const y = 2023 + Math.floor(i / 4);
      const end = ['03-31', '06-30', '09-30', '12-31'][i % 4]!;
      const period = `${y}-${end}`;
      const filed = `${y}-${['05-28', '08-28', '11-27', '02-27'][i % 4]!}`.replace(/^(\d+)-02-27$/, (_, yy: string) => `${Number(yy) + 1}-02-27`);
      return { ...files[i % 3]!, accession: `0000940400-${String(y).slice(2)}-5${String(i).padStart(5, '0')}`, filingDate: filed, reportDate: period, servedPeriod: period };
    });
    const long = await startArchiveServer(CIK, SERIES, quarters, 5);
    try {
      const store = await open('long.db');
      const outcome = await createBackfiller(store, { ...options(), env: { SEC_USER_AGENT: UA, SYNC_BASE_URL: long.base } }).backfill(IVW, '2019-01-01');
      expect(outcome.stored).toHaveLength(12);
      // 7 list pages (2 per page, the last one short), the submissions and its files page, 12 filings.
      expect(long.arrivals().length).toBe(21);
      expect(busiestSecond(long.arrivals())).toBeLessThanOrEqual(10);
    } finally {
      await long.close();
    }
  });

  test('`topheavy data backfill IVW --since 2024`: the fund found in the directory, one summary line, the refused filing named; bad arguments exit 2', async () => {
    const url = `file:${path.join(tmp.dir, 'cli.db')}`;
    const store = await open('cli.db');
    await replaceDirectory(store, [IVW_ENTRY]);
    const io = { out: [] as string[], err: [] as string[] };
    const run = (args: string[]) => runDataCommand(['backfill', ...args], { databaseUrl: url, out: (l) => io.out.push(l), err: (l) => io.err.push(l), tty: false, env: { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base }, say: sayData('en') });
    expect(await run(['ivw', '--since', '2024'])).toBe(0);
    expect(io.err).toEqual([expect.stringMatching(/^IVW 2025-12-31: 0000940400-26-000103\/primary_doc\.xml: /)]);
    expect(io.out).toEqual([`IVW: 4 report periods since 2024; 3 stored now, 0 already stored, 1 skipped. Store: ${store.where}`]);
    expect((await store.snapshots('IVW')).map((x) => x.asOf)).toEqual(['2024-01-31', '2026-03-31', '2026-06-30']);
    expect(await run(['IVW', '--since', '24'])).toBe(2);
    expect(await run([])).toBe(2);
    expect(await run(['NOPE'])).toBe(1);
    expect(io.err.at(-1)).toMatch(/^NOPE: no SEC series id or CIK is known/);
  });
});
