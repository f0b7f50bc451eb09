import path from 'node:path';

/** Where the store lives, read from DATABASE_URL. */
export type StoreTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export const DEFAULT_DATABASE_URL = 'file:./data/topheavy.db';

/**
 * `file:./data/topheavy.db` (or `sqlite:…`, or a bare path) → an embedded SQLite file, resolved
 * against `cwd`; `postgres://…` / `postgresql://…` → PostgreSQL. `:memory:` is allowed for tests.
 */
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL, cwd: string = process.cwd()): StoreTarget {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { kind: 'postgres', url: trimmed };
  const file = trimmed.replace(/^(file|sqlite):(\/\/)?/i, '');
  if (file === '') throw new RangeError(`DATABASE_URL "${url}" names no file: expected file:./data/topheavy.db or postgres://…`);
  if (file === ':memory:') return { kind: 'sqlite', file };
  return { kind: 'sqlite', file: path.resolve(cwd, file) };
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
