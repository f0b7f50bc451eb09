/**
 * The N-PORT archive backfill over loopback: 28 quarterly filings of 500 holdings each (IVW's real
 * layout, holdings repeated with fresh names; bench/fetch.ts builds them) served on the SEC's real
 * paths, read with the SEC budget at its default (8 requests a second): wall time and the share
 * of it spent waiting on the budget; parse time per filing beside a bare SAX pass over the same
 * bytes; the /history chart's render time beside its SVG step. Each line says MISSED when what it
 * measures did not happen. Runnable alone: `npx tsx bench/backfill.ts`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StoreSource } from '../bot/data-source.ts';
import { dispatch } from '../bot/dispatch.ts';
import { memoryLogger } from '../bot/log.ts';
import { chartOptionsFor, renderPng, renderSvg } from '../charts/index.ts';
import { CONSOLE_USER } from '../commands/context.ts';
import { once, parseNport } from '../holdings/parsers/nport-xml.ts';
import { XmlTokenizer } from '../holdings/xml-stream.ts';
import { createBackfiller } from '../store/backfill.ts';
import { Store } from '../store/store.ts';
import { startArchiveServer, type ArchiveFiling } from '../test/store/archive-server.ts';
import { SEC_DIR } from '../test/store/sec-server.ts';
import { syntheticFiling } from './fetch.ts';
import { measure, report } from './harness.ts';

const FILINGS = 28;
const HOLDINGS = 500;

export async function benchBackfill(): Promise<void> {
  if (!existsSync(path.join(SEC_DIR, 'nport'))) {
    console.log(`${SEC_DIR} is absent: skipped (MISSED).`);
    return;
  }
  const base = syntheticFiling(HOLDINGS);
  const filings: ArchiveFiling[] = Array.from({ length: FILINGS }, (_, i) => {
    const year = 2019 + Math.floor(i / 4);
    const period = `${year}-${['03-31', '06-30', '09-30', '12-31'][i % 4]}`;
    const filed = i % 4 === 3 ? `${year + 1}-02-27` : `${year}-${['05-29', '08-28', '11-27'][i % 4]}`;
    const bytes = Buffer.from(base.replace(/<repPdDate>[^<]*<\/repPdDate>/, `<repPdDate>${period}</repPdDate>`), 'utf8');
    return { accession: `0000940400-${String(year).slice(2)}-7${String(i).padStart(5, '0')}`, form: 'NPORT-P', filingDate: filed, reportDate: period, file: 'synthetic', bytes };
  });
  // The newest 20 in the submissions API's `recent`, the rest on its `files` page, as EDGAR pages a busy trust.
  const server = await startArchiveServer(1100663, 'S000004311', filings, 20);
  const store = await Store.open(':memory:');
  try {
    const backfiller = createBackfiller(store, { env: { SEC_USER_AGENT: 'topheavy bench ops@example.org', SYNC_BASE_URL: server.base } });
    const start = performance.now();
    const outcome = await backfiller.backfill({ fund: 'IVW', name: 'iShares S&P 500 Growth ETF', cik: 1100663, seriesId: 'S000004311', issuer: null }, '2019-01-01');
    const wall = performance.now() - start;
    const requests = server.paths().length;
    const ok = outcome.status === 'done' && outcome.stored.length === FILINGS;
    const waited = backfiller.sec.waitedMs;
    console.log(
      `${`backfill ${FILINGS} filings × ${HOLDINGS} holdings (loopback)`.padEnd(44)} wall ${(wall / 1000).toFixed(2)} s, ${requests} SEC requests, ${((100 * waited) / wall).toFixed(0)}% of it waiting on the SEC budget (8/s) | ${ok ? `${outcome.stored.length} periods stored` : `MISSED: ${outcome.stored.length} of ${FILINGS} stored (${outcome.failure?.detail ?? outcome.skipped[0]?.detail ?? ''})`}`,
    );

    const bytes = filings[0]!.bytes!;
    let parsed = 0;
    const ours = await measure(`N-PORT parse, ${HOLDINGS} holdings (${(bytes.length / 1024).toFixed(0)} KB)`, async () => {
      parsed = (await parseNport(once(bytes), { fund: 'IVW', file: 'bench.xml' })).holdings.positions.length;
    }, { runs: 40, warmup: 5 });
    const bare = await measure('bare SAX pass (decode + tokenize)', () => {
      const t = new XmlTokenizer({ open() {}, text() {}, close() {} });
      t.write(new TextDecoder().decode(bytes));
      t.end();
    }, { runs: 40, warmup: 5 });
    report(ours, bare);
    if (parsed !== HOLDINGS) console.log(`N-PORT parse: MISSED (${parsed} holdings parsed, ${HOLDINGS} expected)`);

    const source = new StoreSource(store, 'bench');
    await source.refresh();
    const view = await dispatch({ command: 'history', text: 'IVW since=2019' }, { lang: 'en', requester: CONSOLE_USER, data: source, now: new Date(), staleAfterDays: 100_000 }, memoryLogger());
    if (!view.chart || view.chart.series[0]!.points.length !== FILINGS) {
      console.log(`/history IVW chart: MISSED (${view.chart ? `${view.chart.series[0]!.points.length} points` : view.summary})`);
      return;
    }
    const options = chartOptionsFor(view, 'light');
    report(
      await measure(`png /history IVW, ${FILINGS} periods`, () => renderPng(view.chart!, options), { runs: 30, warmup: 5 }),
      await measure('svg only', () => renderSvg(view.chart!, options), { runs: 30, warmup: 5 }),
      { ms: 60 },
    );
  } finally {
    await store.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchBackfill();
