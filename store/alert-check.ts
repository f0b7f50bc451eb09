import { alertFigures, crossedAlerts, type AlertCrossing } from './alerts.ts';
import type { Store } from './store.ts';

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
  const current = snapshots[at]!;
  const before = snapshots[at - 1];
  const previous = before && alertFigures(fund, before.asOf, await store.weightsOf(before.id));
  return crossedAlerts(rules, alertFigures(fund, current.asOf, await store.weightsOf(current.id)), previous);
}

/** The crossings of every snapshot stored in one import or sync, fund by fund. */
export async function alertsForStored(store: Store, stored: readonly { fund: string; snapshotId?: number }[]): Promise<AlertCrossing[]> {
  const out: AlertCrossing[] = [];
  for (const s of stored) if (s.snapshotId !== undefined) out.push(...(await alertsForSnapshot(store, s.snapshotId, s.fund)));
  return out;
}

/** One console line per crossing (the console shows English; chat surfaces pick the server's language). */
export function alertLine(a: AlertCrossing): string {
  return `ALERT ${a.rule.platform}/${a.rule.serverId} → #${a.rule.channelId}: ${a.message.en}`;
}
