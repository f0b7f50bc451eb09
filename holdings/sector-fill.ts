import type { GicsSector, Holdings } from './types.ts';

/**
 * The note `fillFromPeers` leaves on a snapshot whose sectors or countries came from other funds,
 * and the reading of it back: a card states which funds' files its sectors came from, and when.
 * Writer and reader sit together so the wording cannot drift apart.
 */

/** One fund whose file supplied sectors: its ticker and the as-of date of that file. */
export interface SectorDonor {
  fund: string;
  asOf: string | null;
  /** Positions filled from it. */
  count: number;
}

/**
 * The eleven Select Sector SPDR funds. Each holds the S&P 500 companies of one GICS sector, so a
 * company's sector is the fund that holds it (the files themselves print "-" in their Sector column).
 */
export const SELECT_SECTOR_FUNDS: Readonly<Record<string, GicsSector>> = {
  XLK: 'Information Technology',
  XLC: 'Communication Services',
  XLY: 'Consumer Discretionary',
  XLP: 'Consumer Staples',
  XLE: 'Energy',
  XLF: 'Financials',
  XLV: 'Health Care',
  XLI: 'Industrials',
  XLB: 'Materials',
  XLRE: 'Real Estate',
  XLU: 'Utilities',
};

/** The note for one field filled from other funds (see fillFromPeers). */
export function peerFillNote(field: 'sector' | 'country', filled: number, missing: number, weight: string, donors: readonly SectorDonor[]): string {
  const sources = donors.map((d) => `${d.fund} (${d.asOf ?? 'undated'}, ${d.count})`).join(', ');
  return `The file gives no ${field}; ${field === 'sector' ? 'sectors' : 'countries'} for ${filled} of ${missing} positions (${weight} of weight) were taken from ${sources}, matching the same security.`;
}

const SECTOR_NOTE = /^The file gives no sector; .* were taken from (.+), matching the same security\.$/;
const DONOR = /([A-Z0-9][A-Z0-9.\-]*) \((\d{4}-\d{2}-\d{2}|undated), (\d+)\)/g;

/** The funds a snapshot's sectors were taken from, read back from its fill note; [] when none. */
export function sectorDonors(h: Pick<Holdings, 'notes'>): SectorDonor[] {
  for (const note of h.notes) {
    const m = SECTOR_NOTE.exec(note);
    if (!m) continue;
    return [...m[1]!.matchAll(DONOR)].map((d) => ({ fund: d[1]!, asOf: d[2] === 'undated' ? null : d[2]!, count: Number(d[3]) }));
  }
  return [];
}
