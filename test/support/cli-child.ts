/**
 * The README's commands run as a user runs them: `node bin/topheavy.js …` (what `npm start` and
 * `npx topheavy` run) in a child process, one-shot or as the console chat fed one line at a time.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The environment of a fresh clone's user: nothing set but what the README's command sets. */
export function userEnv(set: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STORE_REFRESH_SECONDS: '0', ...set };
  for (const name of ['SEC_USER_AGENT', 'SYNC_BASE_URL', 'HOLDINGS_DIR', 'DATABASE_URL']) if (!(name in set)) delete env[name];
  return env;
}

/** `node bin/topheavy.js ARGS`: what `npx topheavy ARGS` runs. */
export function oneShot(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/topheavy.js', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill(), 90_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The console chat (`npm start`, no command; `args` such as `--lang ja`) fed one line at a time; each answer is awaited by a pattern. */
export function consoleSession(env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(process.execPath, ['bin/topheavy.js', ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  /** Resolves once `done()` holds, polling every 50 ms; rejects after `timeoutMs` or when the child has exited. */
  const until = (done: () => boolean, timeoutMs: number, why: () => string) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (done()) {
          clearInterval(poll);
          resolve();
        } else if (Date.now() - started > timeoutMs || child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(why()));
        }
      }, 50);
    });
  return {
    /** Types a line and resolves with what the console printed after it, once `pattern` appears there. */
    ask: async (line: string, pattern: RegExp, timeoutMs = 90_000) => {
      const from = out.length;
      child.stdin.write(`${line}\n`);
      await until(() => pattern.test(out.slice(from)), timeoutMs, () => `no ${pattern} after "${line}"; stdout: ${out.slice(from)} stderr: ${err}`);
      return out.slice(from).replace(/\s+/g, ' ');
    },
    /** Resolves once `pattern` appears on stderr (a background line). */
    stderrUntil: (pattern: RegExp, timeoutMs = 60_000) => until(() => pattern.test(err), timeoutMs, () => `no ${pattern} on stderr; stderr: ${err}`),
    /** Everything printed so far, stdout then stderr. */
    printed: () => ({ stdout: out, stderr: err }),
    quit: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end('/quit\n');
        setTimeout(() => child.kill(), 10_000).unref();
      }),
  };
}
