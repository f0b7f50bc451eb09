import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { publicKeyToHex } from '../../bot/discord/verify.ts';
import { testKeys } from './discord/support.ts';

/** Starts an entry point as `npm run …` would and collects what it printed before exiting. */
function start(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'topheavy-startup-'));
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/run.js', entry], { env: { PATH: process.env.PATH ?? '', HOLDINGS_DIR: path.join(dir, 'none'), DATABASE_URL: `file:${dir}/t.db`, PORT: '0', ...env }, timeout: 30_000 }, (error, _stdout, stderr) =>
      // Where dist/ is older than the sources, bin/ says once that it runs them through tsx: not part of the failure.
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr: stderr.replace(/^topheavy[:：] ?[^\n]*tsx[^\n]*\n/, '') }),
    );
  });
}

describe('start-up failures are one line saying what to fix, never a stack trace', () => {
  test('a weak (all-zero) Discord public key', async () => {
    const { code, stderr } = await start('bot/discord/http.ts', { DISCORD_PUBLIC_KEY: '0'.repeat(64) });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/DISCORD_PUBLIC_KEY is a weak key/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 40_000);

  test('a malformed Discord public key', async () => {
    const { code, stderr } = await start('bot/discord/http.ts', { DISCORD_PUBLIC_KEY: 'not-a-key' });
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^the Discord interactions endpoint did not start: DISCORD_PUBLIC_KEY must be 64 hex characters/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }, 40_000);

  test('an unreachable PostgreSQL (nothing listens on 127.0.0.1:1)', async () => {
    const { code, stderr } = await start('bot/discord/http.ts', { DISCORD_PUBLIC_KEY: publicKeyToHex(testKeys().publicKey), DATABASE_URL: 'postgres://bot:secret-password@127.0.0.1:1/topheavy' });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/cannot reach PostgreSQL at .*127\.0\.0\.1:1.* \(ECONNREFUSED\): start the server or fix DATABASE_URL\./);
    // The password never reaches the log.
    expect(stderr).not.toContain('secret-password');
  }, 40_000);

  test('the Slack bot with an unreachable PostgreSQL', async () => {
    const { code, stderr } = await start('bot/slack/main.ts', { SLACK_SIGNING_SECRET: 's', DATABASE_URL: 'postgres://127.0.0.1:1/topheavy' });
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^the Slack bot did not start: cannot reach PostgreSQL/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }, 40_000);
});
