import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pairOverlap } from '../../commands/overlap-data.ts';
import type { Holdings, Position } from '../../holdings/types.ts';

const TICKERS = ['AAPL', 'MSFT', 'NVDA', 'BRK.B', 'BRKB', 'GOOGL', 'GOOG', 'AMZN', 'META', 'XOM', 'JPM', 'V', '7203', 'SAP'];

/** A fund of distinct tickers drawn from a small pool (so two funds share some), weights normalised. */
const fundArb = fc
  .uniqueArray(fc.record({ ticker: fc.constantFrom(...TICKERS), raw: fc.integer({ min: 1, max: 10_000 }) }), {
    minLength: 1,
    maxLength: TICKERS.length,
    selector: (p) => p.ticker.replace('.', ''),
  })
  .map((rows) => {
    const total = rows.reduce((s, r) => s + r.raw, 0);
    return rows.map((r) => ({ ticker: r.ticker, weight: r.raw / total }));
  });

function holdings(code: string, rows: { ticker: string; weight: number }[]): Holdings {
  const positions: Position[] = rows.map(({ ticker, weight }) => ({
    ticker, name: `${ticker} INC`, weight, reportedWeight: null, marketValue: null, sector: null, sectorSource: null,
    industry: null, country: 'US', countrySource: 'file', exchange: null, assetClass: 'equity', ids: {},
  }));
  return {
    fund: code, name: code, issuer: 'iShares', format: 'test', file: `${code}.csv`, asOf: { date: '2026-01-01', source: 'file' },
    weightBasis: 'reported-weight', reportedEquityWeight: 1, reportedTotalWeight: 1, positions, excluded: [], notes: [],
  };
}

describe('overlap through identity matching (the path /overlap uses)', () => {
  test('overlap(A, A) = 1 and every name is common', () => {
    fc.assert(
      fc.property(fundArb, (rows) => {
        const a = holdings('A', rows);
        const r = pairOverlap(a, holdings('A2', rows));
        expect(r.weightOverlap).toBeCloseTo(1, 12);
        expect(r.commonCount).toBe(rows.length);
      }),
    );
  });

  test('symmetric: overlap(A, B) = overlap(B, A), shares swap', () => {
    fc.assert(
      fc.property(fundArb, fundArb, (ra, rb) => {
        const ab = pairOverlap(holdings('A', ra), holdings('B', rb));
        const ba = pairOverlap(holdings('B', rb), holdings('A', ra));
        expect(ba.weightOverlap).toBeCloseTo(ab.weightOverlap, 12);
        expect(ba.commonCount).toBe(ab.commonCount);
        expect(ba.shareOfA).toBeCloseTo(ab.shareOfB, 12);
        expect(ab.weightOverlap).toBeGreaterThanOrEqual(0);
        expect(ab.weightOverlap).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  test('independent of row order, and equal to Σ min over compact tickers computed by hand', () => {
    fc.assert(
      fc.property(fundArb, fundArb, fc.integer(), (ra, rb, seed) => {
        const shuffledB = [...rb].sort((x, y) => ((x.ticker.charCodeAt(0) * 31 + seed) % 17) - ((y.ticker.charCodeAt(0) * 31 + seed) % 17));
        const r1 = pairOverlap(holdings('A', ra), holdings('B', rb));
        const r2 = pairOverlap(holdings('A', [...ra].reverse()), holdings('B', shuffledB));
        expect(r2.weightOverlap).toBeCloseTo(r1.weightOverlap, 12);
        const wb = new Map(rb.map((r) => [r.ticker.replace('.', ''), r.weight]));
        const byHand = ra.reduce((s, r) => s + Math.min(r.weight, wb.get(r.ticker.replace('.', '')) ?? 0), 0);
        expect(r1.weightOverlap).toBeCloseTo(byHand, 12);
      }),
    );
  });
});
