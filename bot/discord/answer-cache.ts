import type { Context, Lang } from '../../commands/context.ts';
import type { MessageResponse } from './interaction.ts';

/**
 * What a cached answer was made from besides its command, options and language: the generation
 * of the snapshots this process has loaded (it moves on every import, sync, on-demand download,
 * `data remove` and every refresh that picked up another replica's writes), the UTC day (a card's
 * "N days old" line counts whole days) and the staleness threshold. Null when the data source
 * cannot say its generation: then nothing is cached.
 */
export function answerStamp(ctx: Pick<Context, 'data' | 'now' | 'staleAfterDays'>): string | null {
  // Test doubles hand out partial contexts: no data source or clock, no caching.
  const generation = (ctx.data as Context['data'] | undefined)?.generation?.();
  if (generation === undefined || !(ctx.now instanceof Date)) return null;
  return `${generation}|${Math.floor(ctx.now.getTime() / 86_400_000)}|${ctx.staleAfterDays}`;
}

/** The cache key of a slash command: its name, language and options with keys in a fixed order. */
export function answerKey(command: string, lang: Lang, options: Record<string, unknown>): string {
  const sorted = Object.keys(options)
    .sort()
    .map((k) => [k, options[k]]);
  return `${command}\u0000${lang}\u0000${JSON.stringify(sorted)}`;
}

interface Entry {
  response: MessageResponse;
  bytes: number;
  /** The funds the card was made from, noted as asked again on every hit (see noteAsked). */
  funds: readonly string[];
}

export const ANSWER_CAPACITY = 128;
export const ANSWER_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Finished answers of slash commands whose card is a function of (command, options, language,
 * loaded snapshots, day) alone (`cacheable` commands such as /hhi), so that the same `/hhi VT`
 * asked a thousand times between two imports runs, renders and encodes once. A hit returns the
 * very same response object, so the HTTP server also reuses its encoded bytes. The whole cache is
 * dropped when the stamp (answerStamp) moves; within a stamp it is an LRU bounded by count and by
 * bytes (a chart's PNG counts, though it is usually the chart cache's own buffer). Nothing of the
 * request's checks lives here: signature, timestamp, replay ids and rate limits run before it.
 */
export class AnswerCache {
  #stamp = '';
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(
    readonly capacity = ANSWER_CAPACITY,
    readonly maxBytes = ANSWER_MAX_BYTES,
  ) {}

  /** The answer kept for `key` under `stamp`, or undefined (and the cache emptied if the stamp moved). */
  get(key: string, stamp: string): Entry | undefined {
    if (stamp !== this.#stamp) {
      this.clear();
      this.#stamp = stamp;
      return undefined;
    }
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps an answer made under `stamp` (ignored if the stamp has moved on since). Frozen: every hit shares it. */
  set(key: string, stamp: string, response: MessageResponse, funds: readonly string[]): void {
    if (stamp !== this.#stamp) return;
    const bytes = JSON.stringify(response.data).length + (response.files ?? []).reduce((n, f) => n + f.data.length, 0);
    if (bytes > this.maxBytes) return;
    this.#drop(key);
    this.#entries.set(key, { response: Object.freeze(response), bytes, funds });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity && this.#bytes <= this.maxBytes) break;
      this.#drop(oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  stats(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }
}

/**
 * `value` behind a proxy that calls `touched` on any property read (methods stay bound to the
 * real object, whose private fields a proxy cannot reach). A command that reads the directory, the
 * fetcher or the archive may answer from outside the loaded snapshots: its answer is not cached.
 */
export function watchTouch<T extends object>(value: T, touched: () => void): T {
  return new Proxy(value, {
    get(target, property) {
      touched();
      const v = Reflect.get(target, property, target) as unknown;
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
    },
  });
}
