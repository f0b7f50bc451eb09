import type { Holdings } from '../holdings/types.ts';
import type { Store } from './store.ts';

/** One stored snapshot of a fund, without its positions. */
export interface SnapshotMeta {
  id: number;
  fund: string;
  name: string;
  issuer: string;
  format: string;
  file: string;
  asOf: string | null;
  checksum: string;
  importedAt: string;
  positions: number;
  /** How a downloaded snapshot was fetched ('issuer' | 'sec-nport') and from where; null for folder imports. */
  sourceKind: string | null;
  sourceUrl: string | null;
  /** How an on-demand fund was looked up (what `data sync` needs to fetch it again). */
  sourceLookup: { cik: number | null; seriesId: string | null; issuer: string | null } | null;
}

/** What importing one file did: stored a new snapshot, or found the same file already stored. */
export interface ImportResult {
  status: 'stored' | 'unchanged';
  snapshot: SnapshotMeta;
}

/**
 * Oldest first: undated snapshots sort before dated ones (a dated file beats an undated one, as
 * in the catalog), then by as-of date, then by id (the later import of the same day wins).
 */
export function compareSnapshots(a: SnapshotMeta, b: SnapshotMeta): number {
  if (a.asOf !== b.asOf) {
    if (a.asOf === null) return -1;
    if (b.asOf === null) return 1;
    return a.asOf < b.asOf ? -1 : 1;
  }
  return a.id - b.id;
}

/** A snapshot and its equity weights (largest first): enough for every history figure. */
export interface SnapshotWeights {
  meta: SnapshotMeta;
  weights: number[];
}

/**
 * Extra reads a holdings source can offer when it is backed by the store. Commands test for it
 * with `hasHistory` so they still run on a plain catalog (tests, benches) and simply show no history.
 */
export interface SnapshotHistory {
  /** Every snapshot of a fund, oldest first. */
  history(fund: string): Promise<SnapshotWeights[]>;
  /** The snapshot before the one `get(fund)` returns, when the store has one (kept in memory). */
  previous(fund: string): SnapshotWeights | undefined;
  /** One stored snapshot's holdings, by id (names of the largest holding, one company's weight over time). */
  holdingsAt?(snapshotId: number): Promise<Holdings | undefined>;
}

export function hasHistory(source: object): source is SnapshotHistory {
  const s = source as Partial<SnapshotHistory>;
  return typeof s.history === 'function' && typeof s.previous === 'function';
}

/** The store methods a command may use through its holdings source (alert rules, for now). */
export type StoreAccess = Pick<Store, 'alerts' | 'setAlert' | 'removeAlert'>;

/**
 * Whether the holdings source is backed by the store and offers it. Commands test for this rather
 * than importing the runtime, so they still run (and refuse politely) on a plain catalog.
 */
export function hasStore(source: object): source is { store: StoreAccess } {
  const s = (source as { store?: Partial<StoreAccess> }).store;
  return typeof s === 'object' && s !== null && typeof s.alerts === 'function' && typeof s.setAlert === 'function' && typeof s.removeAlert === 'function';
}
