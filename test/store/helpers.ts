import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../store/store.ts';

/** A temp folder removed by the returned function. */
export function tempDir(prefix = 'topheavy-store-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a TypeScript child under tsx, as the bot itself runs (no build). */
export function spawnTs(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, script), ...args], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Resolves with everything the child printed once `pattern` appears on its stdout; rejects if it exits first. */
export function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stdout: ${out} stderr: ${err}`)), timeoutMs);
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!pattern.test(out)) reject(new Error(`child exited (${code}) before ${pattern}; stdout: ${out} stderr: ${err}`));
    });
  });
}

/** The most SEC requests that arrived within any one second. */
export function busiestSecond(arrivals: readonly number[]): number {
  const t = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Stores on files in a folder known later (a temp dir made in beforeAll), all closed by `closeAll`. */
export function storesIn(dir: () => string): { open(name: string): Promise<Store>; closeAll(): Promise<void> } {
  const opened: Store[] = [];
  return {
    open: async (name) => {
      const s = await Store.open(`file:${path.join(dir(), name)}`);
      opened.push(s);
      return s;
    },
    closeAll: async () => {
      for (const s of opened.splice(0)) await s.close();
    },
  };
}
