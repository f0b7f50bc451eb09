import { readFileSync } from 'node:fs';

/**
 * A filing's equity (asset categories EC and EP) straight from the raw primary_doc.xml with
 * regular expressions, independent of the streaming parser: weight = valUSD over the equity
 * total, summed by ticker (compacted: BRK.B = BRKB).
 */
export function equityWeightsFromXml(file: string): Map<string, number> {
  const xml = readFileSync(file, 'utf8');
  const values = new Map<string, number>();
  let total = 0;
  for (const [, body] of xml.matchAll(/<invstOrSec>([\s\S]*?)<\/invstOrSec>/g)) {
    const cat = /<assetCat>(\w+)<\/assetCat>/.exec(body!)?.[1];
    if (cat !== 'EC' && cat !== 'EP') continue;
    const ticker = compactTicker(/<ticker value="([^"]*)"/.exec(body!)?.[1] ?? '');
    const value = Number(/<valUSD>([^<]+)<\/valUSD>/.exec(body!)![1]);
    values.set(ticker, (values.get(ticker) ?? 0) + value);
    total += value;
  }
  return new Map([...values].map(([k, v]) => [k, v / total]));
}

/** "BRK.B", "brk/b" → "BRKB". */
export const compactTicker = (ticker: string) => ticker.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Effective N and top-10 weight of a set of weights, the plain way. */
export function plainFigures(weights: Iterable<number>): { count: number; effectiveN: number; top10: number } {
  const w = [...weights].sort((a, b) => b - a);
  return { count: w.length, effectiveN: 1 / w.reduce((s, x) => s + x * x, 0), top10: w.slice(0, 10).reduce((s, x) => s + x, 0) };
}
