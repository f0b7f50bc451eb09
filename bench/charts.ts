/**
 * Chart render time per chart, after warm-up: spec → vega-lite → SVG (vega, headless) → PNG
 * (labels as Noto Sans JP outlines, then resvg), beside the SVG step alone. Every card chart kind,
 * in both languages: running total (/hhi), overlap and heat map (/overlap), stacked bars
 * (/portfolio), bar panels (/compare), bars (/stress), lines (/loop), and line panels (/history of
 * 28 quarterly periods, one fund and two). Target under 60 ms each; a line says MISSED when the
 * target is missed or no PNG came out. Called from bench/run.ts; also runnable alone:
 * `npx tsx bench/charts.ts`.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dispatch } from '../bot/dispatch.ts';
import { catalogSource } from '../bot/data-source.ts';
import { memoryLogger } from '../bot/log.ts';
import { chartOptionsFor, renderPng, renderSvg, sourceText, type ChartInput, type ChartOptions } from '../charts/index.ts';
import { historyChart } from '../commands/chart-specs.ts';
import { CONSOLE_USER, type Context } from '../commands/context.ts';
import { referenceRules, type SnapshotFigures } from '../commands/history.ts';
import { loadCatalog } from '../holdings/catalog.ts';
import { measure, report, type Measurement } from './harness.ts';

const RAW = path.resolve(process.env.HOLDINGS_DIR ?? path.join(import.meta.dirname, '../../shared/data/holdings/raw'));
const TARGET_MS = 60;

export async function benchCharts(): Promise<void> {
  console.log(`\n== charts: render time per chart after warm-up (PNG = SVG + outlines + resvg), baseline: the SVG step alone; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores ==`);
  const catalog = await loadCatalog(RAW);
  const charts: { name: string; spec: ChartInput; options: ChartOptions }[] = [];
  for (const lang of ['en', 'ja'] as const) {
    const ctx: Context = { lang, requester: CONSOLE_USER, data: catalogSource(catalog), now: new Date(), staleAfterDays: 30 };
    for (const [command, text] of [
      ['hhi', 'VT'],
      ['overlap', 'VOO QQQ'],
      ['overlap', 'VT VTI ACWI URTH'],
      ['portfolio', '"VT 60, QQQ 30, SOXX 10"'],
      ['compare', 'SPY'],
      ['stress', 'IVV top10 -25%'],
      ['loop', ''],
    ] as const) {
      const view = await dispatch({ command, text }, ctx, memoryLogger());
      if (view.chart) charts.push({ name: `/${command} ${text} (${lang})`, spec: view.chart, options: chartOptionsFor(view, 'light') });
      else console.log(`${`png /${command} ${text} (${lang})`.slice(0, 44).padEnd(44)} MISSED: no chart (${view.summary ?? view.title})`);
    }
    // /history over 28 quarters, as the archive backfill stores them (bench/backfill.ts draws the
    // same chart from a real backfill over loopback): one fund, and two on one chart, dark.
    for (const funds of [['IVW'], ['IVW', 'QQQ']]) {
      const spec = historyChart(lang, funds.map((fund, k) => quarters(fund, k)), referenceRules(lang))!;
      const source = sourceText(funds.map((fund) => ({ fund, issuer: 'SEC N-PORT', file: 'primary_doc.xml', asOf: '2025-12-31' })), lang);
      charts.push({ name: `/history ${funds.join(' ')}, 28 periods (${lang})`, spec, options: { lang, theme: 'dark', source } });
    }
  }
  for (const c of charts) {
    const name = `png ${c.name}`.slice(0, 44);
    let png: Measurement | null = null;
    let failure = '';
    try {
      const drawn = await renderPng(c.spec, c.options);
      if (drawn.subarray(1, 4).toString('latin1') !== 'PNG') failure = 'not a PNG';
      else png = await measure(name, () => renderPng(c.spec, c.options), { runs: 30, warmup: 5 });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (!png) {
      console.log(`${name.padEnd(44)} MISSED: no PNG (${failure})`);
      continue;
    }
    report(png, await measure('svg only', () => renderSvg(c.spec, c.options), { runs: 30, warmup: 5 }), { ms: TARGET_MS });
  }
}

/** 28 quarter ends from 2019-03-31, figures drifting as a growth fund's did; the largest name changes twice. */
function quarters(fund: string, k: number): { fund: string; figures: SnapshotFigures[]; labels: string[] } {
  const labels = Array.from({ length: 28 }, (_, i) => `${2019 + Math.floor(i / 4)}-${['03-31', '06-30', '09-30', '12-31'][i % 4]}`);
  const figures = labels.map((asOf, i): SnapshotFigures => ({
    asOf,
    file: 'primary_doc.xml',
    importedAt: '2026-01-01T00:00:00Z',
    count: 300 - i,
    effectiveN: 60 - i * 1.2 + k * 20 + (i % 3),
    top10: 0.34 + i * 0.01 - k * 0.05,
    largest: 0.06 + i * 0.003,
    sourceKind: 'sec-archive',
    largestName: i < 9 ? 'Microsoft Corp' : i < 20 ? 'Apple Inc' : 'NVIDIA Corp',
  }));
  return { fund, figures, labels };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchCharts();
