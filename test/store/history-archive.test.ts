import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoreSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { chartOptionsFor, renderPng } from '../../charts/index.ts';
import { CONSOLE_USER, type Context, type Lang } from '../../commands/context.ts';
import type { SnapshotFigures } from '../../commands/history.ts';
import { figureFill, trendLines } from '../../commands/lesson.ts';
import type { Lesson } from '../../lessons/load.ts';
import { createBackfiller } from '../../store/backfill.ts';
import { directoryLoader, replaceDirectory } from '../../store/directory.ts';
import { createFundFetcher } from '../../store/on-demand.ts';
import { Store } from '../../store/store.ts';
import { CALVERT, CIK, DAX, independent, IVW_ENTRY, IVW_REAL, IVW_SEPT, MARCH, SERIES } from './archive-fixtures.ts';
import { startArchiveServer, type ArchiveServer } from './archive-server.ts';
import { tempDir } from './helpers.ts';
import { HAS_SEC } from './sec-server.ts';

const UA = 'topheavy tests ops@example.org';
const FILINGS = [CALVERT, DAX, IVW_SEPT, MARCH, IVW_REAL];
/** Where the cards' charts are written for a person to look at, when set (HISTORY_PNG_DIR=/tmp/history). */
const PNG_DIR = process.env.HISTORY_PNG_DIR;


describe.skipIf(!HAS_SEC)('/history IVW from the N-PORT archive, through a loopback SEC serving real filings', () => {
  let server: ArchiveServer;
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let ctx: (lang: Lang, progress?: (l: string) => void) => Context;

  beforeAll(async () => {
    server = await startArchiveServer(CIK, SERIES, FILINGS, 3);
    tmp = tempDir('topheavy-history-');
    store = await Store.open(`file:${path.join(tmp.dir, 'h.db')}`);
    await replaceDirectory(store, [IVW_ENTRY]);
    const env = { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base };
    const source = new StoreSource(store, tmp.dir);
    await source.refresh();
    const fetcher = createFundFetcher(store, { env, timeoutMs: 2_000, tries: 2, backoffMs: 10, onStored: async () => void (await source.refresh()) });
    const archive = createBackfiller(store, { env, timeoutMs: 2_000, tries: 2, backoffMs: 10 });
    const directory = directoryLoader(store);
    ctx = (lang, progress) => ({ lang, requester: CONSOLE_USER, data: source, now: new Date('2026-12-01T00:00:00Z'), staleAfterDays: 400, directory, fetcher, archive, ...(progress ? { progress } : {}) });
  });
  afterAll(async () => {
    await store?.close();
    await server?.close();
    tmp?.remove();
  });

  test('the first ask fetches the latest filing, then backfills the other periods (the latest is not downloaded twice); the second ask makes no request', async () => {
    const lines: string[] = [];
    server.reset();
    const view = await dispatch({ command: 'history', text: 'IVW' }, ctx('en', (l) => lines.push(l)));
    const snapshots = (view.data as { snapshots: SnapshotFigures[] }).snapshots;
    expect(snapshots.map((s) => s.asOf)).toEqual(FILINGS.map((f) => f.reportDate));
    expect(snapshots.map((s) => s.sourceKind)).toEqual(['sec-archive', 'sec-archive', 'sec-archive', 'sec-archive', 'sec-nport']);
    for (const [i, f] of FILINGS.entries()) {
      const want = independent(server.bytesOf(f));
      expect(snapshots[i]!.count).toBe(want.count);
      expect(snapshots[i]!.effectiveN).toBeCloseTo(want.effectiveN, 6);
      expect(snapshots[i]!.top10).toBeCloseTo(want.top10, 9);
      expect(server.filingDownloads(f.accession)).toBe(1);
    }
    // NVIDIA is IVW's largest holding in the real filing.
    expect(snapshots.at(-1)!.largestName).toBe('NVDA NVIDIA CORP'); // one display name everywhere: ticker and name
    expect(lines).toContain('Reading IVW’s SEC Form N-PORT archive since 2019…');
    // Five periods: the latest counts too (found stored), so the line reaches 5 of 5.
    expect(lines.filter((l) => /^IVW: \d of \d quarters$/.test(l))).toEqual([1, 2, 3, 4, 5].map((n) => `IVW: ${n} of 5 quarters`));
    const first = snapshots[0]!;
    const last = snapshots.at(-1)!;
    expect(view.summary!.split('\n')[0]).toBe(
      `IVW: effective N ${first.effectiveN.toFixed(1)} → ${last.effectiveN.toFixed(1)} since 2021-09-30. From 2021-09-30 to 2026-06-30, effective N went ${first.effectiveN.toFixed(1)} → ${last.effectiveN.toFixed(1)} and the top 10 went ${(first.top10 * 100).toFixed(1)}% → ${(last.top10 * 100).toFixed(1)}%.`,
    );
    expect(view.chart!.series.map((s) => s.points.length)).toEqual([5, 5]);
    expect(view.chart!.series[0]!.rules!.map((r) => r.y)).toEqual([100, 79, 46]);
    expect(view.table!.rows.map((r) => r.at(-1))).toEqual(['SEC N-PORT', 'SEC N-PORT', 'SEC N-PORT', 'SEC N-PORT', 'SEC N-PORT']);

    server.reset();
    const again = await dispatch({ command: 'history', text: 'IVW' }, ctx('ja'));
    expect(server.paths()).toEqual([]);
    expect((again.data as { snapshots: SnapshotFigures[] }).snapshots).toEqual(snapshots);
    expect(again.summary!.split('\n')[0]).toMatch(/^IVW：実効銘柄数 [\d.]+ → [\d.]+（2021-09-30以降）。/);
    await look('history-IVW', [view, again]);
  });

  test('/history IVW NVDA: NVIDIA’s weight and rank in each period that holds it, matched by identifier; absent periods said', async () => {
    const view = await dispatch({ command: 'history', text: 'IVW NVDA' }, ctx('en'));
    const periods = (view.data as { periods: { asOf: string; weight: number | null; rank: number | null }[] }).periods;
    // The real IVW filing names NVIDIA; the two quarters served from it hold it, the others (Calvert, DAX) do not.
    const nvda = (f: typeof IVW_REAL) => {
      const xml = server.bytesOf(f).toString('utf8');
      const secs = xml.split('</invstOrSec>').slice(0, -1).map((c) => c.slice(c.lastIndexOf('<invstOrSec>')));
      const equity = secs.filter((b) => /<assetCat>E[CP]<\/assetCat>/.test(b)).map((b) => ({ nvda: b.includes('<name>NVIDIA CORP</name>'), v: Number(/<valUSD>([^<]+)</.exec(b)![1]) }));
      const total = equity.reduce((s, x) => s + x.v, 0);
      const w = equity.find((x) => x.nvda)!.v;
      return { weight: w / total, rank: 1 + equity.filter((x) => x.v > w).length };
    };
    expect(periods.map((p) => p.asOf)).toEqual(FILINGS.map((f) => f.reportDate));
    expect(periods.map((p) => p.weight === null)).toEqual([true, true, false, true, false]);
    expect(periods[4]!.weight).toBeCloseTo(nvda(IVW_REAL).weight, 9);
    expect(periods[4]!.rank).toBe(nvda(IVW_REAL).rank);
    expect(view.summary).toContain('NVDA NVIDIA CORP is not among the holdings on 2021-09-30, 2024-01-31, 2026-03-31.');
    const ja = await dispatch({ command: 'history', text: 'IVW NVDA' }, ctx('ja'));
    expect(ja.title).toBe('IVWの中のNVDA NVIDIA CORP — 2期のウエイトと順位');
    await look('history-IVW-NVDA', [view, ja]);
  });
});

describe.skipIf(!HAS_SEC)('/history IVW DAXX: two funds’ archives on one chart', () => {
  test('both funds’ periods in date order, one panel per measure, each fund a line', async () => {
    // Two series, each read through its own stand-in; the card then reads both from the store.
    const other = [
      { ...DAX, accession: '0001432353-24-000031' },
      { ...DAX, accession: '0001432353-25-000044', filingDate: '2025-05-28', reportDate: '2025-03-31', servedPeriod: '2025-03-31' },
    ];
    const servers = [await startArchiveServer(CIK, SERIES, [CALVERT, IVW_SEPT, IVW_REAL], 5), await startArchiveServer(1432353, 'S000063351', other, 5)];
    const tmp = tempDir('topheavy-two-');
    const store = await Store.open(`file:${path.join(tmp.dir, 'two.db')}`);
    try {
      const refs = [
        { fund: 'IVW', name: 'IVW', cik: CIK, seriesId: SERIES, issuer: null },
        { fund: 'DAXX', name: 'Global X DAX Germany ETF', cik: 1432353, seriesId: 'S000063351', issuer: null },
      ];
      for (const [i, server] of servers.entries()) await createBackfiller(store, { env: { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base } }).backfill(refs[i]!, '2019-01-01');
      const source = new StoreSource(store, tmp.dir);
      await source.refresh();
      const base = { requester: CONSOLE_USER, data: source, now: new Date('2026-12-01T00:00:00Z'), staleAfterDays: 400 };
      const en = await dispatch({ command: 'history', text: 'IVW DAXX since=2019' }, { ...base, lang: 'en' });
      const funds = (en.data as { funds: { fund: string; snapshots: SnapshotFigures[] }[] }).funds;
      expect(funds.map((f) => [f.fund, f.snapshots.map((x) => x.asOf)])).toEqual([
        ['IVW', ['2021-09-30', '2025-09-30', '2026-06-30']],
        ['DAXX', ['2024-01-31', '2025-03-31']],
      ]);
      expect(en.chart!.series.map((x) => [x.name, x.panel, x.points.length])).toEqual([
        ['IVW effective N', 0, 3],
        ['DAXX effective N', 0, 2],
        ['IVW top 10', 1, 3],
        ['DAXX top 10', 1, 2],
      ]);
      expect(en.chart!.series[1]!.points[0]!.y).toBeCloseTo(independent(servers[1]!.bytesOf(other[0]!)).effectiveN, 6);
      const ja = await dispatch({ command: 'history', text: 'IVW DAXX since=2019' }, { ...base, lang: 'ja' });
      expect(ja.title).toBe('IVWとDAXX — 実効銘柄数と上位10銘柄の推移');
      await look('history-IVW-DAXX', [en, ja]);
    } finally {
      await store.close();
      for (const server of servers) await server.close();
      tmp.remove();
    }
  });
});

describe.skipIf(!HAS_SEC)('lessons show the fund’s own archive line where it is stored', () => {
  test('{{trend FUND}}: first and last N-PORT period with their dates; without an archive, how to get one', async () => {
    const server = await startArchiveServer(CIK, SERIES, [CALVERT, IVW_REAL], 5);
    const tmp = tempDir('topheavy-trend-lesson-');
    const store = await Store.open(`file:${path.join(tmp.dir, 'l.db')}`);
    try {
      await createBackfiller(store, { env: { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base } }).backfill({ fund: 'IVW', name: 'IVW', cik: CIK, seriesId: SERIES, issuer: null }, '2019-01-01');
      const source = new StoreSource(store, tmp.dir);
      await source.refresh();
      const lesson = { placeholders: [{ kind: 'trend', fund: 'IVW' }] } as unknown as Lesson;
      const a = independent(server.bytesOf(CALVERT));
      const b = independent(server.bytesOf(IVW_REAL));
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      for (const lang of ['en', 'ja'] as const) {
        const line = figureFill({ data: source, lang }, await trendLines(lesson, { data: source }))({ kind: 'trend', fund: 'IVW' });
        expect(line).toBe(
          lang === 'en'
            ? `IVW, from its own SEC N-PORT filings (2 periods): top 10 ${pct(a.top10)} on 2021-09-30 → ${pct(b.top10)} on 2026-06-30; effective N ${a.effectiveN.toFixed(1)} → ${b.effectiveN.toFixed(1)}`
            : `IVW（SEC N-PORTの提出書類2期分）：上位10銘柄 2021-09-30時点 ${pct(a.top10)} → 2026-06-30時点 ${pct(b.top10)}、実効銘柄数 ${a.effectiveN.toFixed(1)} → ${b.effectiveN.toFixed(1)}`,
        );
      }
      expect(figureFill({ data: source, lang: 'en' })({ kind: 'trend', fund: 'IVW' })).toBe('IVW: its N-PORT archive is not stored yet (`/history IVW` reads it)');
    } finally {
      await store.close();
      await server.close();
      tmp.remove();
    }
  });
});

/** Writes the cards' charts (light theme) where HISTORY_PNG_DIR says, for a person to look at; always renders them. */
async function look(name: string, views: Awaited<ReturnType<typeof dispatch>>[]): Promise<void> {
  for (const view of views) {
    const png = await renderPng(view.chart!, chartOptionsFor(view));
    expect(png.length).toBeGreaterThan(10_000);
    if (PNG_DIR) {
      mkdirSync(PNG_DIR, { recursive: true });
      writeFileSync(path.join(PNG_DIR, `${name}-${view.lang}.png`), png);
    }
  }
}
