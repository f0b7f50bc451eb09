/** A weight attached to a key: a security identity, a sector, a country. `null` = unknown. */
export interface KeyedWeight {
  readonly key: string | null;
  readonly weight: number;
}

/** A weight under a known key, as returned by the aggregating functions. */
export interface KeyWeight {
  key: string;
  weight: number;
}
