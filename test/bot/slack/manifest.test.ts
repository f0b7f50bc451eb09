import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../../commands/registry.ts';
import { buildManifest, usageHint } from '../../../bot/slack/manifest.ts';

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
      expect(declared.description).toBe(c.description.en);
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
