/**
 * Renders every chart, both languages and both themes, to /tmp/topheavy-charts/ for a person to
 * look at: `npx tsx test/charts/gallery.ts`. Not a test (no .test.ts): it writes files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chartOptionsFor, renderPng, sourceText, type Theme } from '../../charts/index.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { proposedSpecs, realViews } from './cases.ts';

const OUT = process.argv[2] ?? '/tmp/topheavy-charts';
await mkdir(OUT, { recursive: true });
for (const lang of ['en', 'ja'] as const) {
  for (const theme of ['light', 'dark'] as Theme[]) {
    if (HAS_RAW) {
      for (const [id, view] of await realViews(await rawCatalog(), lang)) {
        const file = path.join(OUT, `${id}-${lang}-${theme}.png`);
        await writeFile(file, (await renderPng(view.chart!, chartOptionsFor(view, theme)))!);
        console.log(file);
      }
    }
    for (const [id, spec] of Object.entries(proposedSpecs(lang))) {
      const file = path.join(OUT, `${id}-${lang}-${theme}.png`);
      const source = sourceText([{ fund: 'SPY', issuer: 'SPDR', file: 'holdings-daily-us-en-spy.xlsx', asOf: '2026-02-12' }], lang);
      await writeFile(file, await renderPng(spec, { lang, theme, source }));
      console.log(file);
    }
  }
}
