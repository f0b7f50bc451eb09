import { describe, expect, test } from 'vitest';
import { byCompany, compactTicker, companyName, identityKeys, matchPositions, normaliseName, sharedIds } from '../../holdings/identity.ts';
import type { Holdings, Position } from '../../holdings/types.ts';

function pos(ticker: string, name: string, weight: number, extra: Partial<Position> = {}): Position {
  return {
    ticker, name, weight, reportedWeight: null, marketValue: null, sector: null, sectorSource: null, industry: null,
    country: 'US', countrySource: 'file', exchange: null, assetClass: 'equity', ids: {}, ...extra,
  };
}

function fund(code: string, positions: Position[]): Holdings {
  return {
    fund: code, name: code, issuer: 'iShares', format: 'test', file: `${code}.csv`, asOf: { date: '2026-01-01', source: 'file' },
    weightBasis: 'reported-weight', reportedEquityWeight: 1, reportedTotalWeight: 1, positions, excluded: [], notes: [],
  };
}

describe('tickers and names across issuers', () => {
  test.each([['BRKB'], ['BRK.B'], ['BRK-B'], ['BRK/B'], [' brk.b ']])('%s compacts to BRKB', (t) => {
    expect(compactTicker(t)).toBe('BRKB');
  });

  test('names differing only in case, punctuation and corporate suffixes normalise alike', () => {
    expect(normaliseName('Alphabet Inc. Class A')).toBe(normaliseName('ALPHABET INC CLASS A'));
    expect(normaliseName('NVIDIA Corp')).toBe(normaliseName('NVIDIA CORPORATION'));
    expect(normaliseName('ALPHABET INC CLASS A')).not.toBe(normaliseName('ALPHABET INC CLASS C'));
    expect(companyName('ALPHABET INC CLASS C')).toBe(companyName('Alphabet Inc Class A'));
    expect(companyName('COINBASE GLOBAL INC -CLASS A')).toBe('COINBASE GLOBAL');
  });

  test('a US or Canadian ISIN also yields its CUSIP key', () => {
    const keys = identityKeys(pos('AAPL', 'APPLE INC', 1, { ids: { isin: 'US0378331005', sedol: '2046251' } }));
    expect(keys.slice(0, 3)).toEqual(['isin:US0378331005', 'cusip:037833100', 'sedol:2046251']);
  });
});

describe('matchPositions', () => {
  test('GIVEN BRKB (iShares), BRK/B (Vanguard) and BRK.B (SPDR) THEN all three are one security', () => {
    const ishares = fund('IVV', [pos('BRKB', 'BERKSHIRE HATHAWAY INC CLASS B', 1)]);
    const vanguard = fund('VOO', [pos('BRK/B', 'Berkshire Hathaway Inc', 1, { ids: { sedol: '2073390' } })]);
    const spdr = fund('SPY', [pos('BRK.B', 'BERKSHIRE HATHAWAY INC CL B', 1, { country: null, ids: { sedol: '2073390', cusip: '084670702' } })]);
    expect([...matchPositions(ishares, vanguard)]).toEqual([0]);
    expect([...matchPositions(ishares, spdr)]).toEqual([0]);
    expect([...matchPositions(vanguard, spdr)]).toEqual([0]);
  });

  test('GIVEN local code 7203 in Tokyo and in Riyadh THEN they do not match; SAP in Germany is not Saputo', () => {
    const a = fund('A', [pos('7203', 'TOYOTA MOTOR CORP', 0.5, { country: 'JP' }), pos('SAP', 'SAP', 0.5, { country: 'DE' })]);
    const b = fund('B', [pos('7203', 'AL-ELM INFORMATION SECURITY', 0.5, { country: 'SA' }), pos('SAP', 'SAPUTO INC', 0.5, { country: 'CA' })]);
    expect([...matchPositions(a, b)]).toEqual([-1, -1]);
  });

  test('GIVEN a stronger key disagrees THEN ticker still matches, and each position is matched once', () => {
    const a = fund('A', [pos('GOOGL', 'ALPHABET INC CLASS A', 0.6), pos('GOOG', 'ALPHABET INC CLASS C', 0.4)]);
    const b = fund('B', [pos('GOOG', 'Alphabet Inc Class C', 0.5), pos('GOOGL', 'Alphabet Inc Class A', 0.5)]);
    expect([...matchPositions(a, b)]).toEqual([1, 0]);
  });

  test('sharedIds gives one id per security across three funds', () => {
    const a = fund('A', [pos('NVDA', 'NVIDIA CORP', 1)]);
    const b = fund('B', [pos('MSFT', 'MICROSOFT', 0.5), pos('NVDA ', 'NVIDIA Corp', 0.5)]);
    const c = fund('C', [pos('MSFT', 'Microsoft Corp', 0.5), pos('AAPL', 'Apple', 0.5)]);
    const { ids, size } = sharedIds([a, b, c]);
    const [ka, kb, kc] = ids;
    expect(kb![1]).toBe(ka![0]);
    expect(kc![0]).toBe(kb![0]);
    expect(size).toBe(3);
    expect(new Set([...ka!, ...kb!, ...kc!]).size).toBe(3);
  });
});

describe('byCompany', () => {
  test('merges GOOGL and GOOG into one position with the summed weight and says so', () => {
    const h = fund('T', [pos('NVDA', 'NVIDIA', 0.45), pos('GOOGL', 'ALPHABET INC CLASS A', 0.35), pos('GOOG', 'ALPHABET INC CLASS C', 0.2)]);
    const merged = byCompany(h);
    expect(merged.positions.map((p) => p.ticker)).toEqual(['GOOGL+GOOG', 'NVDA']);
    expect(merged.positions[0]!.weight).toBeCloseTo(0.55, 12);
    expect(merged.positions[0]!.name).toBe('ALPHABET');
    expect(merged.notes.at(-1)).toContain('GOOGL+GOOG');
    expect(h.positions).toHaveLength(3);
  });
});
