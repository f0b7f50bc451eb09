import { alertFigures, crossedAlerts, trendYears, type AlertCrossing, type AlertFigures } from './alerts.ts';
import type { Store } from './store.ts';
import type { SnapshotMeta } from './types.ts';

/** A trend rule's "then" is the latest snapshot at most this many days before its exact look-back date (a quarter's filings). */
export const TREND_SLACK_DAYS = 120;

/**
 * A snapshot's alert figures, with, for each trend window asked (years), the effective N of the
 * latest dated snapshot between `years` and `years` + TREND_SLACK_DAYS before it (the archive
 * backfill stores one per quarter): none where the store has nothing that far back.
 */
async function figuresOf(store: Store, fund: string, snapshots: readonly SnapshotMeta[], s: SnapshotMeta, windows: readonly number[]): Promise<AlertFigures> {
  const f = alertFigures(fund, s.asOf, await store.weightsOf(s.id));
  if (s.asOf === null || windows.length === 0) return f;
  f.past = {};
  for (const years of windows) {
    const target = new Date(`${s.asOf}T00:00:00Z`);
    target.setUTCFullYear(target.getUTCFullYear() - years);
    const latest = target.toISOString().slice(0, 10);
    const earliest = new Date(target.getTime() - TREND_SLACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    const then = snapshots.filter((x) => x.asOf !== null && x.asOf <= latest && x.asOf >= earliest).at(-1);
    if (then) f.past[years] = { effectiveN: alertFigures(fund, then.asOf, await store.weightsOf(then.id)).effectiveN, asOf: then.asOf! };
  }
  return f;
}

/**
 * The alert rules a just-stored snapshot crosses, against the fund's snapshot before it. Only a
 * snapshot that became the fund's latest can alert: importing last year's file stores history
 * but tells nobody that concentration "changed".
 */
export async function alertsForSnapshot(store: Store, snapshotId: number, fund: string): Promise<AlertCrossing[]> {
  const rules = await store.alerts();
  if (rules.length === 0) return [];
  const snapshots = await store.snapshots(fund);
  const at = snapshots.findIndex((s) => s.id === snapshotId);
  if (at === -1 || at !== snapshots.length - 1) return [];
  const windows = [...new Set(rules.map((r) => trendYears(r.metric)).filter((y): y is number => y !== null))];
  const before = snapshots[at - 1];
  const previous = before && (await figuresOf(store, fund, snapshots, before, windows));
  return crossedAlerts(rules, await figuresOf(store, fund, snapshots, snapshots[at]!, windows), previous);
}

/** The crossings of every snapshot stored in one import or sync, fund by fund. */
export async function alertsForStored(store: Store, stored: readonly { fund: string; snapshotId?: number }[]): Promise<AlertCrossing[]> {
  const out: AlertCrossing[] = [];
  for (const s of stored) if (s.snapshotId !== undefined) out.push(...(await alertsForSnapshot(store, s.snapshotId, s.fund)));
  return out;
}
