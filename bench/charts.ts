/**
 * Chart render time per chart, after warm-up: spec → vega-lite → SVG (vega, headless) → PNG
 * (resvg, Noto Sans JP). Target under 60 ms each. Called from bench/run.ts; also runnable alone:
 * `npx tsx bench/charts.ts`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dispatch } from '../bot/dispatch.ts';
import { catalogSource } from '../bot/data-source.ts';
import { memoryLogger } from '../bot/log.ts';
import { chartOptionsFor, renderPng, renderSvg, sourceText, type ChartInput, type ChartOptions } from '../charts/index.ts';
import { CONSOLE_USER, type Context } from '../commands/context.ts';
import { loadCatalog } from '../holdings/catalog.ts';
import { measure, report } from './harness.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
const TARGET_MS = 60;

export async function benchCharts(): Promise<void> {
  console.log('\n== charts: render time per chart after warm-up (PNG = SVG + resvg), baseline: the SVG step alone ==');
  const catalog = await loadCatalog(RAW);
  const charts: { name: string; spec: ChartInput; options: ChartOptions }[] = [];
  for (const lang of ['en', 'ja'] as const) {
    const ctx: Context = { lang, requester: CONSOLE_USER, data: catalogSource(catalog), now: new Date(), staleAfterDays: 30 };
    for (const [command, text] of [
      ['hhi', 'VT'],
      ['overlap', 'VOO QQQ'],
      ['portfolio', '"VT 60, QQQ 30, SOXX 10"'],
      ['compare', 'SPY'],
      ['stress', 'IVV top10 -25%'],
      ['loop', ''],
    ] as const) {
      const view = await dispatch({ command, text }, ctx, memoryLogger());
      if (view.chart) charts.push({ name: `/${command} ${text} (${lang})`, spec: view.chart, options: chartOptionsFor(view, 'light') });
    }
  }
  if (charts.length === 0) {
    console.log('No charts: no holdings found (set HOLDINGS_DIR); charting the stylised /loop only.');
  }
  // /history (lines over dates) is not a command yet: a hand-made spec of the same shape.
  const dates = ['2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31', '2026-06-30'];
  charts.push({
    name: 'history-shaped lines, dark (en)',
    spec: { kind: 'lines', title: 'SPY', series: [{ name: 'Top-10 weight', points: dates.map((x, i) => ({ x, y: 0.36 + i / 100 })) }] },
    options: { lang: 'en', theme: 'dark', source: sourceText([{ fund: 'SPY', issuer: 'SPDR', file: 'spy.xlsx', asOf: '2026-06-30' }], 'en') },
  });
  for (const c of charts) {
    report(
      await measure(`png ${c.name}`.slice(0, 44), () => renderPng(c.spec, c.options), { runs: 30, warmup: 5 }),
      await measure('svg only', () => renderSvg(c.spec, c.options), { runs: 30, warmup: 5 }),
      { ms: TARGET_MS },
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchCharts();
