import { MAX_CLOCK_SKEW_SECONDS } from './verify.ts';

/** How long an answered id is kept: twice the timestamp window, so its signature is stale long before it is forgotten. */
export const REPLAY_KEEP_MS = 2 * MAX_CLOCK_SKEW_SECONDS * 1000;

/**
 * Ids claimed beyond this process (store/seen-interactions.ts: a table every replica shares).
 * `claim` resolves true for the first claim of an id within the keep window, false for a repeat.
 */
export interface SharedInteractionIds {
  claim(id: string, nowMs: number): Promise<boolean>;
}

/**
 * Interaction ids already answered, each kept for as long as its signature could still pass the
 * timestamp check (twice the clock window), so a signed request resent verbatim is refused.
 * Memory is bounded twice: expired ids are dropped as new ones arrive, and past `capacity` the
 * oldest id goes first (at Discord's rates a window never holds that many).
 */
export class SeenInteractions {
  /** id → the time it may be forgotten; a Map iterates in insertion order, so the oldest is first. */
  readonly #until = new Map<string, number>();
  constructor(
    readonly capacity = 200_000,
    readonly keepMs = REPLAY_KEEP_MS,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** True when `id` was seen within the window; otherwise remembers it and returns false. */
  seen(id: string, nowMs: number): boolean {
    for (const [old, until] of this.#until) {
      if (until > nowMs && this.#until.size < this.capacity) break;
      this.#until.delete(old);
    }
    const until = this.#until.get(id);
    if (until !== undefined && until > nowMs) return true;
    this.#until.set(id, nowMs + this.keepMs);
    return false;
  }

  get size(): number {
    return this.#until.size;
  }
}
