/**
 * Start-up against a bare `node -e 0`, in the same run and interleaved with it so both meet the
 * same machine load: one-shot `topheavy hhi VT --json` from a filled store (target ≤ 8×, and
 * < 130 MB RSS), the console's prompt ready (≤ 12×), `topheavy help` (≤ 5×). Medians of RUNS wall
 * times; peak RSS read from /proc just before each child exits. Runs what `npm start` runs
 * (bin/topheavy.js: the build in dist/ when it is current).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../test/store/helpers.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/topheavy.js');

interface Run {
  ms: number;
  peakMb: number;
}

/** Starts node with `args`; resolves when `ready` matches stdout (then closes stdin) or at exit. */
function time(args: string[], env: NodeJS.ProcessEnv, ready?: RegExp): Promise<Run> {
  const peakHook = path.join(env.BENCH_TMP!, 'peak.cjs');
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // A preloaded hook prints the child's own high-water mark as it exits (a few lines of CommonJS).
    const child = spawn(process.execPath, ['--require', peakHook, ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let ms = 0;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (ready && !ms && ready.test(out)) {
        ms = performance.now() - start;
        child.stdin.end();
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!ms) ms = performance.now() - start;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(-400)}`));
      resolve({ ms, peakMb: Number(err.match(/PEAK (\d+)/)?.[1] ?? NaN) / 1024 });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStartup(raw: string, runs: number): Promise<void> {
  console.log(`\n== start-up: wall time against a bare \`node -e 0\` in the same run (median of ${runs}, interleaved) ==`);
  const tmp = tempDir('topheavy-bench-start-');
  const env = { ...process.env, HOLDINGS_DIR: raw, DATABASE_URL: `file:${path.join(tmp.dir, 'bench.db')}`, STORE_REFRESH_SECONDS: '0', BENCH_TMP: tmp.dir };
  writeFileSync(
    path.join(tmp.dir, 'peak.cjs'),
    `process.on('exit', () => { const s = require('fs').readFileSync('/proc/self/status', 'utf8'); process.stderr.write('\\nPEAK ' + s.match(/VmHWM:\\s+(\\d+)/)[1] + '\\n'); });\n`,
  );
  try {
    // Fill the store once (and remember each file's size and mtime), as a first start would.
    await time([BIN, 'funds'], env);
    const cases = [
      { label: 'node -e 0', args: ['-e', '0'] },
      { label: 'topheavy hhi VT --json', args: [BIN, 'hhi', 'VT', '--json'], target: 8, rssTarget: 130 },
      { label: 'console prompt ready', args: [BIN], ready: /type \/help for commands/, target: 12 },
      { label: 'topheavy help', args: [BIN, 'help'], target: 5 },
    ];
    const results = cases.map(() => [] as Run[]);
    for (let r = 0; r < runs; r++) for (const [i, c] of cases.entries()) results[i]!.push(await time(c.args, env, c.ready));
    const base = median(results[0]!.map((x) => x.ms));
    for (const [i, c] of cases.entries()) {
      const ms = median(results[i]!.map((x) => x.ms));
      const peak = Math.max(...results[i]!.map((x) => x.peakMb));
      const ratio = ms / base;
      const goal = c.target ? ` | ${ratio.toFixed(1)}× node, target ≤ ${c.target}×: ${ratio <= c.target ? 'met' : 'MISSED'}` : '';
      const rss = c.rssTarget ? `, target < ${c.rssTarget} MB: ${peak < c.rssTarget ? 'met' : 'MISSED'}` : '';
      console.log(`${c.label.padEnd(28)} median ${ms.toFixed(0).padStart(6)} ms  peak RSS ${peak.toFixed(0).padStart(4)} MB${rss}${goal}`);
    }
  } finally {
    tmp.remove();
  }
}
