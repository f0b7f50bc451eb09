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
    const weights = new Array<number>(n);
    const sectors = new Array<string | null>(n);
    const countries = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const p = h.positions[i]!;
      weights[i] = p.weight;
      sectors[i] = p.sector;
      countries[i] = p.country;
    }
    // Tickers only when a command matches what a person typed: compacting 10,000 of them was a
    // third of a first /hhi, which never reads them.
    let tickers: string[] | undefined;
    columns = {
      weights,
      sectors,
      countries,
      get tickers() {
        tickers ??= h.positions.map((p) => compactTicker(p.ticker));
        return tickers;
      },
    };
    cache.set(h, columns);
  }
  return columns;
}
