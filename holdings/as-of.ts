import { HoldingsFileError } from './errors.ts';
import type { Holdings } from './types.ts';

/** The latest as-of date a file may carry: tomorrow (UTC), which allows for time zones ahead of UTC. */
export function latestAllowedAsOf(now: Date): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Refuses a file dated in the future (beyond one day): a mistyped or placeholder date such as
 * 2099-12-31 would otherwise become the fund's newest snapshot and hide every real file after it.
 */
export function assertAsOfNotFuture(h: Pick<Holdings, 'file' | 'asOf'>, now: Date): void {
  const date = h.asOf.date;
  if (date === null) return;
  const latest = latestAllowedAsOf(now);
  if (date > latest) throw new HoldingsFileError(h.file, null, `an as-of date no later than ${latest} (a date in the future is a typo or a placeholder)`, date);
}
