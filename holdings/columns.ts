import { compactTicker } from './identity.ts';
import type { Holdings } from './types.ts';

/** A fund's positions as parallel arrays, the shape the analytics functions take. */
export interface Columns {
  weights: number[];
  sectors: (string | null)[];
  countries: (string | null)[];
  /** Tickers compacted for matching what a person types (BRK.B = BRKB). */
  tickers: string[];
}

const cache = new WeakMap<Holdings, Columns>();

/**
 * Columns of a snapshot, built once per Holdings value: a snapshot never changes after loading
 * (sectors and countries are filled from peers before any command reads it), so every command
 * can share these arrays instead of mapping 10,000 positions on each call.
 */
export function columnsOf(h: Holdings): Columns {
  let columns = cache.get(h);
  if (!columns) {
    const n = h.positions.length;
    columns = {
      weights: new Array<number>(n),
      sectors: new Array<string | null>(n),
      countries: new Array<string | null>(n),
      tickers: new Array<string>(n),
    };
    for (let i = 0; i < n; i++) {
      const p = h.positions[i]!;
      columns.weights[i] = p.weight;
      columns.sectors[i] = p.sector;
      columns.countries[i] = p.country;
      columns.tickers[i] = compactTicker(p.ticker);
    }
    cache.set(h, columns);
  }
  return columns;
}
