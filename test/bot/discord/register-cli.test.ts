import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { applicationCommands } from '../../../bot/discord/commands.ts';
import { main } from '../../../bot/discord/register.ts';
import { COMMANDS } from '../../../commands/registry.ts';

/** Runs the register command line in-process and collects what it printed. */
async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) => ({ write: (s: string) => (add(s), true) }) as unknown as NodeJS.WriteStream;
  const code = await main(argv, env, sink((s) => (out += s)), sink((s) => (err += s)));
  return { code, out, err };
}

describe('npm run discord:register', () => {
  test('--dry-run prints every registry command with its options and sends nothing (no token needed)', async () => {
    const { code, out, err } = await run(['--dry-run'], { DISCORD_GUILD_ID: '42' });
    expect(code).toBe(0);
    expect(err).toBe('');
    const [head, ...lines] = out.trimEnd().split('\n');
    expect(head).toBe(`Dry run: would register ${COMMANDS.length} commands in server 42 (visible at once) with PUT /applications/DISCORD_APPLICATION_ID/guilds/42/commands; nothing was sent.`);
    expect(lines.map((l) => /^ {2}\/([\w-]+)/.exec(l)?.[1])).toEqual(COMMANDS.map((c) => c.name));
    // Each line's options are the JSON Discord would receive, required ones starred.
    applicationCommands().forEach((c, i) => {
      const options = (c.options ?? []).map((o) => `${o.name}${'required' in o && o.required ? '*' : ''}`).join(' ') || '-';
      expect(lines[i]).toContain(`  ${options}  — ${c.description}`);
    });
    expect(lines.find((l) => l.startsWith('  /overlap'))).toContain('fund1* fund2* fund3 fund4 fund5 fund6 mix');
  });

  test('an unreachable host is one line saying what to do, and exit code 1', async () => {
    // Port 9 on loopback: nothing listens, the connection is refused at once.
    const { code, out, err } = await run([], { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: 'http://127.0.0.1:9/api' });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe("Could not reach Discord at 127.0.0.1:9 (ECONNREFUSED): check this machine's internet connection, DNS or proxy, then run it again.\n");
  }, 30_000);

  test('a refused token and a missing setting are one line each, with what to do', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
      const refused = await run([], { DISCORD_TOKEN: 'bad', DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: api });
      expect(refused.code).toBe(1);
      expect(refused.err).toBe('Discord refused the token (401): reset it under Developer Portal → your application → Bot, and set DISCORD_TOKEN to the new one.\n');
    } finally {
      server.close();
    }
    const missing = await run([], {});
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(missing.err).toMatch(/^DISCORD_TOKEN is not set: .*--dry-run/);
  });
});
