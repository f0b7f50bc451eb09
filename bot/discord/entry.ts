import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when this module is the one `node bin/run.js <entry.ts>` was asked to run (not when a test imports it). */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[2];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(moduleUrl);
}

/** A required environment variable, or exit with a message that says where to find it. */
export function requireEnv(name: string, hint: string): string {
  const value = process.env[name];
  if (value && value.trim() !== '') return value.trim();
  process.stderr.write(`${name} is not set: ${hint}\n`);
  process.exit(2);
}
