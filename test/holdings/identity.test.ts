import { describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { byCompany, compactTicker, companyName, identityKeys, matchPositions, normaliseName, shareClassKey, sharedIds } from '../../holdings/identity.ts';
import { parseFile } from '../../holdings/catalog.ts';
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

  // Names and codes as Vanguard's VT file prints them (2026): companies that share a first name in
  // one market, which merged while "Group", "Holdings", "REIT" and the legal form were dropped.
  test('GIVEN two companies whose names differ only in Group, Holding(s), REIT or legal form THEN they stay two; share classes still merge', () => {
    const jp = { country: 'JP' };
    const h = fund('VT', [
      pos('9984', 'SoftBank Group Corp', 0.3, jp),
      pos('9434', 'SoftBank Corp', 0.2, jp),
      pos('6366', 'Chiyoda Corp', 0.01, jp),
      pos('8185', 'Chiyoda Co Ltd', 0.01, jp),
      pos('4578', 'Otsuka Holdings Co Ltd', 0.05, jp),
      pos('4768', 'Otsuka Corp', 0.04, jp),
      pos('KEP', 'Keppel Ltd', 0.03, { country: 'SG' }),
      pos('KREIT', 'Keppel REIT', 0.01, { country: 'SG' }),
      pos('HEIA', 'Heineken NV', 0.05, { country: 'NL' }),
      pos('HEIO', 'Heineken Holding NV', 0.03, { country: 'NL' }),
      pos('ATCOA', 'Atlas Copco AB', 0.1, { country: 'SE' }),
      pos('ATCOB', 'Atlas Copco AB', 0.06, { country: 'SE' }),
      pos('HEI', 'HEICO Corp', 0.05),
      pos('HEI/A', 'HEICO Corp Class A', 0.04),
      pos('', '', 0.01),
      pos('', '', 0.01),
    ]);
    const merged = byCompany(h);
    expect(merged.positions.filter((p) => p.ticker.includes('+')).map((p) => p.ticker).sort()).toEqual(['ATCOA+ATCOB', 'HEI+HEI/A']);
    expect(merged.positions).toHaveLength(14);
    expect(merged.positions.find((p) => p.ticker === 'ATCOA+ATCOB')!.weight).toBeCloseTo(0.16, 12);
    expect(merged.positions.find((p) => p.ticker === '9984')!.weight).toBe(0.3);
    expect(shareClassKey('ALPHABET INC CLASS C')).toBe(shareClassKey('Alphabet Inc. Class A'));
    expect(shareClassKey('SoftBank Group Corp')).not.toBe(shareClassKey('SoftBank Corp'));
  });

  const VT = path.resolve(import.meta.dirname, '../../../shared/data/holdings/raw/VT');
  test.skipIf(!existsSync(VT))('GIVEN the real VT file THEN by company every merged group is one name less its class words in one market, SoftBank Group and SoftBank Corp stay apart, and no weight is lost (skipped without ../shared)', async () => {
    const { readdirSync } = await import('node:fs');
    const file = readdirSync(VT).find((f) => /\.csv$/i.test(f))!;
    const h = await parseFile('VT', path.join(VT, file));
    const merged = byCompany(h);
    const total = (xs: readonly Position[]) => xs.reduce((s, p) => s + p.weight, 0);
    expect(total(merged.positions)).toBeCloseTo(total(h.positions), 12);
    const softbank = merged.positions.filter((p) => /^(9984|9434)$/.test(p.ticker));
    expect(softbank.map((p) => p.ticker).sort()).toEqual(['9434', '9984']);
    // Checked from the file's own rows: each merged ticker's parts share one country and one name less class words.
    const groups = merged.positions.filter((p) => p.ticker.includes('+'));
    expect(groups.length).toBeGreaterThan(20);
    for (const g of groups) {
      const parts = h.positions.filter((p) => p.country === g.country && g.ticker.split('+').includes(p.ticker) && companyName(p.name) === g.name);
      expect(new Set(parts.map((p) => p.name.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/CLASS[A-Z]?$/, ''))).size, g.ticker).toBe(1);
    }
  });
});
