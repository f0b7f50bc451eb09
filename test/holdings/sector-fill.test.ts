import { describe, expect, test } from 'vitest';
import { fillFromPeers } from '../../holdings/catalog.ts';
import { peerFillNote, sectorDonors } from '../../holdings/sector-fill.ts';
import type { Holdings, Position } from '../../holdings/types.ts';

function pos(ticker: string, weight: number, sector: Position['sector']): Position {
  return {
    ticker, name: `${ticker} Inc`, weight, reportedWeight: null, marketValue: null, sector, sectorSource: sector && 'file', industry: null,
    country: 'US', countrySource: 'file', exchange: null, assetClass: 'equity', ids: {},
  };
}

function fund(code: string, date: string | null, positions: Position[]): Holdings {
  return {
    fund: code, name: code, issuer: 'Unknown', format: 'hand-made', file: `${code}.csv`,
    asOf: date ? { date, source: 'file' } : { date: null, reason: 'no date printed' },
    weightBasis: 'reported-weight', reportedEquityWeight: null, reportedTotalWeight: null, positions, excluded: [], notes: [],
  };
}

describe('the sector fill note, written and read back', () => {
  test('GIVEN donors with and without a date THEN the card reads back the same funds, dates and counts', () => {
    const donors = [{ fund: 'IVV', asOf: '2025-11-18', count: 140 }, { fund: 'BRK.B', asOf: null, count: 1 }, { fund: 'XLRE', asOf: '2025-11-18', count: 3 }];
    const note = peerFillNote('sector', 144, 147, '97.14%', donors);
    expect(sectorDonors({ notes: ['Weights are normalised.', note] })).toEqual(donors);
    // A country note is not a sector note.
    expect(sectorDonors({ notes: [peerFillNote('country', 1, 2, '3%', donors)] })).toEqual([]);
  });

  test('GIVEN a Select Sector SPDR fund whose file prints no sector, and another fund without one THEN only the Select Sector fund gives its GICS sector', () => {
    const nport = fund('NPRT', '2026-06-30', [pos('AAPL', 0.5, null), pos('META', 0.3, null), pos('XOM', 0.2, null)]);
    const xlk = fund('XLK', '2025-11-18', [pos('AAPL', 1, null)]);
    const plain = fund('PLAIN', '2026-01-01', [pos('XOM', 1, null)]);
    const xlc = fund('XLC', '2025-11-18', [pos('META', 1, null)]);
    fillFromPeers([nport, xlk, plain, xlc]);
    expect(nport.positions.map((p) => [p.ticker, p.sector, p.sectorSource])).toEqual([
      ['AAPL', 'Information Technology', 'peer'],
      ['META', 'Communication Services', 'peer'],
      ['XOM', null, null],
    ]);
    expect(sectorDonors(nport).map((d) => d.fund).sort()).toEqual(['XLC', 'XLK']);
  });
});
