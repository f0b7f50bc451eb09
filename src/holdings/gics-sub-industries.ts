import type { GicsSector } from './types.ts';

/** GICS sub-industry (lower case) → sector. Filled in by the Vanguard parser work. */
export const SECTOR_BY_SUB_INDUSTRY: Readonly<Record<string, GicsSector>> = {
  semiconductors: 'Information Technology',
};
