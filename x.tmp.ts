import { readFileSync, readdirSync } from 'node:fs';
import { readDoc } from './holdings/doc.ts';
import { rankParsers, detectParser } from './holdings/parsers/index.ts';
const dir = 'test/fixtures/variants';
for (const f of readdirSync(dir).filter((f) => !f.endsWith('.md'))) {
  try {
    const doc = { ...(await readDoc(f, readFileSync(`${dir}/${f}`))), excerpt: true };
    const r = rankParsers(doc).slice(0, 2).map((x) => `${x.parser.format}:${x.detection.score.toFixed(2)}`);
    const h = detectParser(doc).parse(doc, 'X');
    console.log(f, r.join(' '), h.asOf.date, h.positions.length, 'excl', h.excluded.map((e) => `${e.ticker}|${e.name}|${e.reason}`).join(' ; '), h.weightBasis, h.positions[0]!.ticker, h.positions[0]!.sector, h.positions[0]!.country);
  } catch (e) { console.log(f, 'ERR', (e as Error).message); }
}
