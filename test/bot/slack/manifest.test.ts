import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../../commands/registry.ts';
import { buildManifest, manifestArgs, manifestYaml, slackWording, usageHint } from '../../../bot/slack/manifest.ts';

const file = path.resolve(import.meta.dirname, '../../../slack-manifest.yaml');
const manifest = parse(readFileSync(file, 'utf8')) as {
  features: { slash_commands: { command: string; usage_hint?: string; url: string; description: string }[]; app_home: { home_tab_enabled: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; event_subscriptions: { bot_events: string[] } };
};

describe('slack-manifest.yaml', () => {
  test("declares exactly the registry's commands, in its order", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
  });

  test('each command carries the usage hint and description derived from its schema', () => {
    for (const c of COMMANDS) {
      const declared = manifest.features.slash_commands.find((s) => s.command === `/${c.name}`)!;
      expect(declared.usage_hint ?? '').toBe(usageHint(c));
      expect(declared.description).toBe(slackWording(c.description.en));
      expect(declared.description).not.toMatch(/\bserver/i);
      expect(declared.url).toMatch(/\/slack\/events$/);
    }
  });

  test('is what the generator prints today (regenerate with bot/slack/print-manifest.ts when commands change)', () => {
    expect(manifest).toEqual(buildManifest(COMMANDS));
  });

  test('interactivity, the Home tab and only the scopes the features use', () => {
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true, request_url: expect.stringMatching(/\/slack\/events$/) });
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // Admins DM the bot a file to import: the Messages tab must accept messages.
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'message.channels', 'message.im']);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['channels:history', 'chat:write', 'commands', 'files:read', 'files:write', 'im:history', 'users:read']);
  });
});

describe('print-manifest: the public URL is an argument, not 20 edits', () => {
  test('--url https://host puts host/slack/events in every place Slack sends to; --socket declares none', () => {
    const args = manifestArgs(['--url', 'https://bot.example.org/']);
    expect(args).toEqual({ host: 'https://bot.example.org', socketMode: false });
    const yaml = manifestYaml(COMMANDS, 'https://bot.example.org');
    const urls = [...yaml.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    // One per command, interactivity and events.
    expect(urls).toEqual(Array(COMMANDS.length + 2).fill('https://bot.example.org/slack/events'));
    expect(yaml).not.toContain('example.com');
    const socket = parse(manifestYaml(COMMANDS, undefined, true)) as { settings: { socket_mode_enabled: boolean }; features: { slash_commands: object[] } };
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toMatch(/url/);
    expect(socket.features.slash_commands).toHaveLength(COMMANDS.length);
  });

  test.each([
    [['--url', 'http://bot.example.org'], 'Slack sends requests only to https addresses: --url https://bot.example.org'],
    [['--url', 'https://bot.example.org/slack/events'], '--url takes the address without a path (the bot listens on /slack/events): --url https://bot.example.org'],
    [['--url'], '--url needs your public address, e.g. --url https://topheavy.example.org (got "").'],
    [['https://bot.example.org'], 'Unknown argument "https://bot.example.org": use --url https://your.host (HTTP mode) or --socket (Socket Mode).'],
  ])('%j → one line saying what to write', (argv, error) => {
    expect(manifestArgs(argv)).toEqual({ error });
  });

  test('/import tells Slack users how a file is imported there; /alerts says workspace', () => {
    expect(usageHint(COMMANDS.find((c) => c.name === 'import')!)).toMatch(/cannot carry a file: share the file in a DM with the bot, with the message "import TICKER"/);
    expect(manifest.features.slash_commands.find((c) => c.command === '/alerts')!.description).toMatch(/^This workspace’s concentration alerts/);
  });
});
