import type { GicsSector } from './types.ts';

/** TSE 33-sector name (Japanese, as JPX prints it) → nearest GICS sector. Filled in by the JPX parser work. */
export const SECTOR_BY_TSE33: Readonly<Record<string, GicsSector>> = {
  '電気機器': 'Information Technology',
};
