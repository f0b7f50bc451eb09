/**
 * Remembers the most recent `capacity` keys, oldest forgotten first. Used to drop Slack's
 * retried deliveries: memory stays bounded however long the bot runs, and a retry arrives within
 * minutes of the original, long before its key could be pushed out.
 */
export class BoundedSet {
  readonly #keys = new Set<string>();
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** True when `key` was already seen; otherwise remembers it and returns false. */
  seen(key: string): boolean {
    if (this.#keys.has(key)) return true;
    this.#keys.add(key);
    // A Set iterates in insertion order, so the first key is the oldest.
    if (this.#keys.size > this.capacity) this.#keys.delete(this.#keys.values().next().value!);
    return false;
  }

  get size(): number {
    return this.#keys.size;
  }
}

/**
 * The identity of one delivery, the same on every retry of it: the event id for Events API
 * callbacks, the team and trigger id for slash commands and button clicks. Undefined when the
 * body carries neither (then nothing is dropped).
 */
export function deliveryKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { event_id?: unknown; trigger_id?: unknown; team_id?: unknown; team?: { id?: unknown } | null; actions?: { action_ts?: unknown }[] };
  if (typeof b.event_id === 'string') return `event:${b.event_id}`;
  const team = typeof b.team_id === 'string' ? b.team_id : typeof b.team?.id === 'string' ? b.team.id : '';
  if (typeof b.trigger_id === 'string') return `trigger:${team}:${b.trigger_id}`;
  const actionTs = b.actions?.[0]?.action_ts;
  return typeof actionTs === 'string' ? `action:${team}:${actionTs}` : undefined;
}
