/**
 * Draws the README's chart: each fund's effective number of holdings (1/HHI) beside its holding
 * count, computed from the issuer files in HOLDINGS_DIR (default ../shared/data/holdings/raw).
 * Only these two computed figures per fund are drawn, never the files' own rows.
 *   npx tsx scripts/readme-chart.ts [out.png]   (default docs/effective-n.png)
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chartOptionsFor, renderPng } from '../charts/index.ts';
import { catalogSource } from '../bot/data-source.ts';
import { dispatch } from '../bot/dispatch.ts';
import { CONSOLE_USER } from '../commands/context.ts';
import type { View } from '../commands/view.ts';
import { loadCatalog } from '../holdings/catalog.ts';

const FUNDS = ['VT', 'ACWI', 'IVV', 'QQQ', 'SOXX'];
const dir = path.resolve(process.env.HOLDINGS_DIR ?? '../shared/data/holdings/raw');
const out = path.resolve(process.argv[2] ?? 'docs/effective-n.png');

const data = catalogSource(await loadCatalog(dir));
const ctx = { lang: 'en' as const, requester: CONSOLE_USER, data, now: new Date(), staleAfterDays: 3650 };
const cards: View[] = [];
for (const fund of FUNDS) cards.push(await dispatch({ command: 'hhi', text: fund }, ctx));
const figures = cards.map((v) => v.data as { fund: string; count: number; effectiveN: number });
const view: View = {
  lang: 'en',
  title: 'Effective N',
  tone: 'info',
  sources: cards.flatMap((v) => v.sources),
  chart: {
    kind: 'bars',
    title: `${figures[0]!.fund}'s ${figures[0]!.count.toLocaleString('en-US')} holdings act like ${figures[0]!.effectiveN.toFixed(0)} equal-weighted ones`,
    subtitle: 'Effective number of holdings (1/HHI): how many equal-weighted names each fund acts like',
    yFormat: 'number',
    axes: { y: 'Effective N (1/HHI)' },
    series: [{ name: 'Effective N', points: figures.map((f) => ({ x: `${f.fund} (${f.count.toLocaleString('en-US')} holdings)`, y: Math.round(f.effectiveN * 10) / 10 })) }],
  },
};
await writeFile(out, (await renderPng(view.chart!, chartOptionsFor(view)))!);
console.log(`${out}: ${figures.map((f) => `${f.fund} ${f.effectiveN.toFixed(1)} of ${f.count}`).join(', ')}`);
