import type { Requester } from './context.ts';

/** Funds remembered per reader, most recent first. */
const PER_READER = 5;
/** Readers remembered at most; the oldest is forgotten first. */
const READERS = 10_000;

const recent = new Map<string, string[]>();

const keyOf = (r: Requester) => `${r.platform}:${r.serverId ?? ''}:${r.userId}`;

/**
 * Notes that a reader asked about a fund (the holdings a card was made from: ACWI for オルカン), so
 * a quiz can start with the funds they care about. In memory, per process: a restart forgets.
 */
export function noteAsked(requester: Requester, fund: string): void {
  const key = keyOf(requester);
  const funds = [fund, ...(recent.get(key) ?? []).filter((f) => f !== fund)].slice(0, PER_READER);
  recent.delete(key);
  recent.set(key, funds);
  if (recent.size > READERS) recent.delete(recent.keys().next().value!);
}

/** The funds a reader asked about, most recent first; empty for a new reader. */
export function askedFunds(requester: Requester): readonly string[] {
  return recent.get(keyOf(requester)) ?? [];
}
