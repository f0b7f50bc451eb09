import { GICS_SECTORS, type GicsSector } from './types.ts';
import { SECTOR_BY_INDUSTRY } from './gics-industries.ts';
import { SECTOR_BY_SUB_INDUSTRY } from './gics-sub-industries.ts';
import { SECTOR_BY_TSE33 } from './tse33.ts';

const BY_LOWER = new Map<string, GicsSector>(GICS_SECTORS.map((s) => [s.toLowerCase(), s]));
/** Sector labels issuers print that are not the GICS spelling. */
const ALIASES: Record<string, GicsSector> = {
  communication: 'Communication Services',
  'communications': 'Communication Services',
  'telecommunication services': 'Communication Services',
  'telecommunications': 'Communication Services',
  'information technology': 'Information Technology',
  technology: 'Information Technology',
  'consumer discretionary': 'Consumer Discretionary',
  'consumer staples': 'Consumer Staples',
  'health care': 'Health Care',
  healthcare: 'Health Care',
  'real estate': 'Real Estate',
};

export type SectorLabelKind = 'gics-sector' | 'gics-sub-industry' | 'tse33';

/**
 * Maps an issuer's classification label to one of the 11 GICS sectors.
 * - `gics-sector`: a sector name in GICS or an issuer's spelling (iShares "Communication").
 * - `gics-sub-industry`: a GICS sub-industry (Vanguard), e.g. "Semiconductors" → Information Technology,
 *   or a GICS industry (Vanguard before 2025), e.g. "Software".
 * - `tse33`: one of the Tokyo Stock Exchange's 33 sectors (JPX), mapped to the nearest GICS sector.
 * Returns null for labels that are not a sector ("-", "Cash and/or Derivatives") or unknown ones.
 */
export function sectorFromLabel(label: string | null | undefined, kind: SectorLabelKind): GicsSector | null {
  if (!label) return null;
  const text = label.trim();
  if (kind === 'tse33') return SECTOR_BY_TSE33[text] ?? null;
  const lower = text.toLowerCase();
  if (kind === 'gics-sub-industry') return SECTOR_BY_SUB_INDUSTRY[lower] ?? SECTOR_BY_INDUSTRY[lower] ?? BY_LOWER.get(lower) ?? null;
  return BY_LOWER.get(lower) ?? ALIASES[lower] ?? null;
}
