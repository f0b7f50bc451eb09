import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** A temp folder of SQLite stores for one test file: `open(name)` opens one there, `close()` closes them all and removes the folder. */
export function storeFolder(prefix: string): { open: (name: string) => Promise<Store>; dir: () => string; close: () => Promise<void> } {
  // Made on first use: a skipped suite leaves no folder behind.
  let tmp: ReturnType<typeof tempDir> | undefined;
  const dir = () => (tmp ??= tempDir(prefix)).dir;
  const opened: Store[] = [];
  return {
    dir,
    open: async (name) => {
      const s = await Store.open(`file:${path.join(dir(), name)}`);
      opened.push(s);
      return s;
    },
    close: async () => {
      for (const s of opened) await s.close();
      tmp?.remove();
    },
  };
}

/**
 * A loopback HTTP server for stand-in sources; `hold(res)` keeps a response unanswered (a stalled
 * download) until `close()`, which ends those too.
 */
export async function startLocalServer(handler: (req: IncomingMessage, res: ServerResponse, hold: (res: ServerResponse) => void) => void): Promise<{ base: string; close: () => Promise<void> }> {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => handler(req, res, (r) => void held.push(r)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const r of held) r.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
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
