/**
 * Per-user token bucket, in memory: `capacity` commands at once, refilled at capacity per
 * `windowMs`. Each HTTP worker keeps its own buckets; behind a load balancer a user gets up to
 * capacity × workers — acceptable for politeness limiting (Discord enforces its own limits), and
 * the one piece of state a shared store could later hold.
 */
export interface RateLimiter {
  /** Takes one token; `retryAfterMs` says how long until the next one when refused. */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterMs: number };
}

/** Buckets kept before full ones are forgotten (a full bucket and a missing one behave the same). */
const PRUNE_AT = 10_000;

export function tokenBucket(capacity = 5, windowMs = 10_000): RateLimiter {
  const rate = capacity / windowMs;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, nowMs) {
      if (buckets.size > PRUNE_AT) {
        for (const [k, b] of buckets) if (b.tokens + (nowMs - b.at) * rate >= capacity) buckets.delete(k);
      }
      const bucket = buckets.get(key) ?? { tokens: capacity, at: nowMs };
      bucket.tokens = Math.min(capacity, bucket.tokens + (nowMs - bucket.at) * rate);
      bucket.at = nowMs;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / rate) };
    },
  };
}
