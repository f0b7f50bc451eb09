/**
 * Renders every chart kind, from the real issuer files, in both languages and both themes, to
 * /tmp/topheavy-charts/ (or the folder given) for a person to look at:
 * `npx tsx test/charts/gallery.ts [out-dir]`. Not a test (no .test.ts): it writes files. Every
 * chart is a real command's View: no made-up number ever sits above a real source line.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chartOptionsFor, renderPng, type Theme } from '../../charts/index.ts';
import { HAS_RAW, RAW, rawCatalog } from '../support/raw.ts';
import { realViews } from './cases.ts';

if (!HAS_RAW) {
  console.error(`No issuer files at ${RAW} (set SHARED_RAW): the gallery draws only real data, so there is nothing to draw.`);
  process.exit(1);
}
const OUT = process.argv[2] ?? '/tmp/topheavy-charts';
await mkdir(OUT, { recursive: true });
const catalog = await rawCatalog();
for (const lang of ['en', 'ja'] as const) {
  const views = await realViews(catalog, lang);
  for (const theme of ['light', 'dark'] as Theme[]) {
    for (const [id, view] of views) {
      const file = path.join(OUT, `${id}-${lang}-${theme}.png`);
      await writeFile(file, (await renderPng(view.chart!, chartOptionsFor(view, theme)))!);
      console.log(file);
    }
  }
}
