import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { HAS_RAW, RAW } from '../support/raw.ts';
import { startIssuerServer } from '../store/issuer-server.ts';
import { tempDir } from '../store/helpers.ts';
import { existsSync } from 'node:fs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;
if (!HAS_SCRIPT) console.warn('[skip] util-linux `script` is absent: the pseudo-terminal console test is skipped.');

/** Strips ANSI escapes and carriage returns, so the test reads the screen as a person would. */
const plain = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/**
 * Runs `npm start`'s program under a real pseudo-terminal (util-linux `script`), types each step
 * once the screen shows what it waits for, and returns the whole screen text. Keys go one write
 * per step: readline treats several keys in one chunk as a paste and does not complete a pasted Tab.
 */
function session(steps: { type: string; waitFor: RegExp }[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', 'node bin/topheavy.js', '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, ...env, COLUMNS: '120', LINES: '50', TERM: 'xterm' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let step = 0;
    // Each step waits for text that appears after the previous keystrokes, not anywhere on screen.
    let mark = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`console session stalled at step ${step}; screen so far:\n${plain(screen)}`));
    }, 25_000);
    const advance = () => {
      while (step < steps.length && steps[step]!.waitFor.test(plain(screen).slice(mark))) {
        mark = plain(screen).length;
        child.stdin.write(steps[step]!.type);
        step++;
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      advance();
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(plain(screen));
    });
  });
}

describe.skipIf(!HAS_SCRIPT || !HAS_RAW)('the console chat under a pseudo-terminal', () => {
  test('greets, answers /hhi and /overlap, completes with Tab, switches to Japanese, and leaves on /quit; its chart files are kept', async () => {
    const charts = tempDir('topheavy-charts-');
    const screen = await session(
      [
        { waitFor: /type \/help for commands/, type: '/hhi IVV\r' },
        { waitFor: /Effective N \(1\/HHI\)/, type: '/overlap VOO QQQ\r' },
        { waitFor: /Weight overlap[\s\S]*> $/, type: '/ov' },
        { waitFor: /\/ov/, type: '\t' },
        { waitFor: /erlap/, type: ' IVV SOXX\r' },
        { waitFor: /Overlap: IVV × SOXX/, type: '/lang ja\r' },
        { waitFor: /コンソール/, type: '/hhi VT\r' },
        { waitFor: /実効銘柄数/, type: '/more\r' },
        { waitFor: /\(2\/2\)/, type: '/hhi VTT typo' },
        { waitFor: /typo/, type: '\u0003' },
        { waitFor: /> $/, type: '/quit\r' },
      ],
      // An in-memory store: each session starts empty and leaves no database behind.
      { HOLDINGS_DIR: RAW, DATABASE_URL: 'file::memory:', CHART_DIR: charts.dir },
    );
    // The chart file printed is still there after the session ended.
    const kept = /📈 (\S+\.png)/.exec(screen)?.[1];
    expect(kept && existsSync(kept)).toBe(true);
    charts.remove();
    expect(screen).toContain('IVV — iShares Core S&P 500 ETF: concentration');
    expect(screen).toMatch(/Source: IVV — iShares, ivv_holdings\.csv, as of 2025-11-18/);
    expect(screen).toMatch(/📈 \S*\/\d{4}-\d\d-\d\dT\d{6}-1-hhi\.png/);
    expect(screen).toContain('Overlap: VOO × QQQ');
    expect(screen).toContain('Overlap: IVV × SOXX');
    expect(screen).toMatch(/出典：VT[ —、]+Vanguard/);
    expect(screen).toContain('教育目的の情報であり、投資助言ではありません。');
    // /more showed page 2 of the last card; Ctrl-C cleared the typo, which was never run.
    expect(screen).toContain('VT — Total World Stock ETF (VT)の集中度 (2/2)');
    expect(screen).not.toContain('VTT TYPO');
  }, 40_000);

  test('Ctrl-C on an empty line warns, and a second one leaves', async () => {
    const screen = await session(
      [
        { waitFor: /type \/help for commands/, type: '\u0003' },
        { waitFor: /Ctrl-C again or Ctrl-D to leave/, type: '\u0003' },
      ],
      { HOLDINGS_DIR: RAW, DATABASE_URL: 'file::memory:' },
    );
    expect(screen).toContain('(Ctrl-C again or Ctrl-D to leave)');
  }, 40_000);

  test('a first start with nothing stored asks nothing: the first /hhi IVV fetches that one fund from its issuer and answers', async () => {
    const issuers = await startIssuerServer();
    try {
      const screen = await session(
        [
          { waitFor: /type \/help/, type: '/hhi IVV\r' },
          { waitFor: /Effective N \(1\/HHI\)/, type: '/quit\r' },
        ],
        { HOLDINGS_DIR: path.join(ROOT, 'test/fixtures/empty-holdings'), DATABASE_URL: 'file::memory:', SYNC_BASE_URL: issuers.base, SEC_USER_AGENT: '' },
      );
      expect(screen).not.toMatch(/Download the current files/);
      expect(screen).toMatch(/IVV: downloading the iShares holdings file…/);
      // The card names the file as the issuer's URL delivered it; nothing else was downloaded.
      expect(screen).toMatch(/Source: IVV, iShares, IVV_holdings\.csv, downloaded from the issuer, 2025-11-18/);
      expect(issuers.requests('IVV')).toBe(1);
      expect(issuers.requests('SPY')).toBe(0);
    } finally {
      await issuers.close();
    }
  }, 60_000);

  test('nothing stored, no SEC_USER_AGENT and the issuer gives nothing: /hhi SPY names both ways out, and Ctrl-D leaves', async () => {
    const issuers = await startIssuerServer();
    issuers.behave('SPY', 'status-404');
    try {
      const screen = await session(
        [
          { waitFor: /type \/help/, type: '/hhi SPY\r' },
          { waitFor: /none can be downloaded here/, type: '\u0004' },
        ],
        { HOLDINGS_DIR: path.join(ROOT, 'test/fixtures/empty-holdings'), DATABASE_URL: 'file::memory:', SYNC_BASE_URL: issuers.base, SEC_USER_AGENT: '' },
      );
      // The card wraps at 80 columns, so any space may be a line break.
      expect(screen).toMatch(/set\s+SEC_USER_AGENT\s+to\s+a\s+name\s+and\s+contact\s+address/);
      expect(screen).toMatch(/put\s+issuer\s+files\s+in\s+\S*empty-holdings,\s+one\s+folder\s+per\s+fund/);
    } finally {
      await issuers.close();
    }
  }, 40_000);
});
