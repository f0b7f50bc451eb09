import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog, type Catalog } from '../../holdings/catalog.ts';

/**
 * The real issuer files, beside the repo in ../shared; absent on machines without them. A git
 * worktree sits one folder deeper, so SHARED_RAW can point at the folder instead.
 */
export const RAW = path.resolve(process.env.SHARED_RAW ?? path.join(import.meta.dirname, '../../../shared/data/holdings/raw'));
export const HAS_RAW = existsSync(RAW);
if (!HAS_RAW) console.warn(`[skip] ${RAW} is absent: tests on real issuer files are skipped.`);

let cached: Promise<Catalog> | undefined;
/** The catalog of the real files, loaded once per test file. */
export function rawCatalog(): Promise<Catalog> {
  cached ??= loadCatalog(RAW);
  return cached;
}
