/** When the bot syncs by itself: at a UTC time each day, or every N hours; off unless configured. */
export type SyncSchedule = { kind: 'daily'; hour: number; minute: number } | { kind: 'every'; hours: number } | { kind: 'off' };

/**
 * SYNC_DAILY_AT=HH:MM (UTC) wins over SYNC_INTERVAL_HOURS=N; anything else, or nothing, is off.
 * Off by default so tests, benches and one-shot CLI commands never reach the network.
 */
export function parseSyncSchedule(dailyAt: string | undefined, intervalHours: string | undefined): SyncSchedule {
  const daily = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(dailyAt?.trim() ?? '');
  if (daily) return { kind: 'daily', hour: Number(daily[1]), minute: Number(daily[2]) };
  const hours = Number(intervalHours);
  if (intervalHours !== undefined && Number.isFinite(hours) && hours > 0) return { kind: 'every', hours };
  return { kind: 'off' };
}

/** Milliseconds from `now` to the next run (always > 0), or null when off. */
export function nextSyncDelayMs(schedule: SyncSchedule, now: Date): number | null {
  if (schedule.kind === 'off') return null;
  if (schedule.kind === 'every') return schedule.hours * 3_600_000;
  const next = new Date(now);
  next.setUTCHours(schedule.hour, schedule.minute, 0, 0);
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}
