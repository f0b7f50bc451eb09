import { describe, expect, test } from 'vitest';
import { buildHoldings, type FileMeta, type RawRow } from '../../holdings/build.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';

const meta: FileMeta = {
  fund: 'TEST', name: 'Test Fund', issuer: 'iShares', format: 'test-csv', file: 'TEST.csv',
  asOf: { date: '2026-01-02', source: 'file' }, weightBasis: 'reported-weight',
};

function row(line: number, ticker: string, weight: number | null, extra: Partial<RawRow> = {}): RawRow {
  return {
    line, ticker, name: `${ticker} INC`, keep: 'equity', assetClass: 'Equity', reportedWeight: weight, marketValue: null,
    industry: null, sector: null, sectorSource: null, country: 'US', exchange: null, ids: {}, ...extra,
  };
}

describe('buildHoldings', () => {
  test('GIVEN equity 0.60 + 0.38 and cash 0.02 THEN equity is normalised over 0.98 and cash is excluded with its reason', () => {
    const h = buildHoldings(meta, [
      row(2, 'AAA', 0.6),
      row(3, 'BBB', 0.38),
      row(4, 'USD', 0.02, { keep: { reason: 'cash' }, assetClass: 'Cash' }),
    ]);
    expect(h.positions.map((p) => p.ticker)).toEqual(['AAA', 'BBB']);
    expect(h.positions[0]!.weight).toBeCloseTo(0.6 / 0.98, 12);
    expect(h.positions[1]!.weight).toBeCloseTo(0.38 / 0.98, 12);
    expect(h.excluded).toEqual([
      { line: 4, ticker: 'USD', name: 'USD INC', assetClass: 'Cash', reason: 'cash', reportedWeight: 0.02, marketValue: null },
    ]);
    expect(h.reportedEquityWeight).toBeCloseTo(0.98, 12);
    expect(h.reportedTotalWeight).toBeCloseTo(1, 12);
    expect(h.notes.join(' ')).toContain('÷ 98.00%');
  });

  test('GIVEN market-value basis THEN weights are market value shares, whatever was printed', () => {
    const h = buildHoldings({ ...meta, weightBasis: 'market-value', basisReason: 'test rounds' }, [
      row(2, 'AAA', 0.7, { marketValue: 300 }),
      row(3, 'BBB', 0.29, { marketValue: 100 }),
      row(4, 'CCC', null, { marketValue: 0 }),
    ]);
    expect(h.positions.map((p) => p.weight)).toEqual([0.75, 0.25, 0]);
    expect(h.notes[0]).toContain('because test rounds');
  });

  test('GIVEN market-value basis and a file whose printed weights cover only 40% THEN it refuses (a top-10 extract)', () => {
    const rows = [row(2, 'AAA', 0.3, { marketValue: 300 }), row(3, 'BBB', 0.1, { marketValue: 100 })];
    expect(() => buildHoldings({ ...meta, weightBasis: 'market-value', basisReason: 'x' }, rows)).toThrow(
      'TEST.csv: expected printed weights that cover a whole fund (60.00%–110.00% even with small weights rounded away); found "40.00% over 2 rows"',
    );
  });

  test('GIVEN rows sorted small first THEN positions come out largest first', () => {
    const h = buildHoldings(meta, [row(2, 'S', 0.1), row(3, 'L', 0.9)]);
    expect(h.positions.map((p) => p.ticker)).toEqual(['L', 'S']);
  });

  test('GIVEN no equity rows THEN it refuses, naming the file', () => {
    expect(() => buildHoldings(meta, [row(2, 'USD', 1, { keep: { reason: 'cash' } })])).toThrow(/TEST\.csv: expected at least one equity row/);
  });

  test('GIVEN the same row twice THEN it refuses, naming both lines', () => {
    expect(() => buildHoldings(meta, [row(2, 'AAA', 0.5), row(3, 'AAA', 0.5)])).toThrow(
      'TEST.csv, line 3: expected each security once; this row repeats line 2 exactly; found "AAA"',
    );
  });

  test.each([
    [[0.2, 0.2], '40.00%'],
    [[0.9, 0.9], '180.00%'],
  ])('GIVEN printed weights %j THEN it refuses rather than normalise a partial file (%s)', (weights, shown) => {
    const rows = weights.map((w, i) => row(i + 2, `T${i}`, w));
    expect(() => buildHoldings(meta, rows)).toThrow(HoldingsFileError);
    expect(() => buildHoldings(meta, rows)).toThrow(shown);
  });

  test('GIVEN a negative equity weight THEN the error names its line', () => {
    expect(() => buildHoldings(meta, [row(2, 'AAA', 1.01), row(3, 'BBB', -0.01)])).toThrow(/line 3: expected a weight of zero or more/);
  });

  test('GIVEN an equity row without a weight THEN the error names its line', () => {
    expect(() => buildHoldings(meta, [row(2, 'AAA', 1), row(5, 'BBB', null)])).toThrow(/line 5: expected a weight for equity row BBB/);
  });
});
