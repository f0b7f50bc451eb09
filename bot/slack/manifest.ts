import { stringify } from 'yaml';
import type { Command } from '../../commands/define.ts';
import { usage } from '../../commands/parse-text.ts';
import { SLACK_EVENTS_PATH } from './app.ts';

/** Placeholder host in the committed manifest; replaced by the operator's public URL. */
export const MANIFEST_HOST = 'https://topheavy.example.com';

/** "/overlap" → "<funds…> [mix=…]  e.g. VOO QQQ": the hint Slack shows after the command name, from the schema. */
export function usageHint(command: Command): string {
  const parts = usage(command, 'en').split('  (')[0]!.slice(command.name.length + 1).trim();
  const example = (command.examples[0] ?? '').replace(/^\/\S+\s*/, '');
  return parts && example ? `${parts}  e.g. ${example}` : parts;
}

/**
 * The Slack app manifest, derived from the command registry so the two cannot drift: every
 * command with its usage hint, the interactivity and event URLs (all on /slack/events), the Home
 * tab, and only the bot scopes the features use: `commands` (slash commands and response_url
 * replies), `chat:write` (alerts posted to a channel, import replies), `users:read` (the
 * reader's locale and admin flag), `files:write` (charts, uploaded into the channel with
 * files.uploadV2), and for admins' file imports (`import FUND` with a shared file) `files:read`
 * (downloading it), `im:history` and `channels:history` (the `message.im` and
 * `message.channels` events that carry the share). The Messages tab is open so admins can DM
 * the bot a file. Slash-command replies go through response_url and App Home through
 * views.publish, neither of which needs chat:write.
 */
export function buildManifest(commands: readonly Command[], host = MANIFEST_HOST): Record<string, unknown> {
  const url = `${host}${SLACK_EVENTS_PATH}`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'topheavy',
      description: 'How concentrated is your "diversified" index fund? HHI, effective N, top-10, overlap.',
      long_description:
        'topheavy reads the holdings files fund issuers publish and shows how concentrated an index fund really is: HHI, effective number of holdings, top-10 weight, sector and country tilt, and how much two funds repeat each other. Every figure names its fund, file and as-of date. Education, not investment advice.',
      background_color: '#1f2937',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'topheavy', always_online: false },
      slash_commands: commands.map((c) => ({
        command: `/${c.name}`,
        url,
        description: c.description.en,
        ...(usageHint(c) ? { usage_hint: usageHint(c) } : {}),
        should_escape: false,
      })),
    },
    oauth_config: { scopes: { bot: ['channels:history', 'chat:write', 'commands', 'files:read', 'files:write', 'im:history', 'users:read'] } },
    settings: {
      event_subscriptions: { request_url: url, bot_events: ['app_home_opened', 'message.channels', 'message.im'] },
      interactivity: { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

export function manifestYaml(commands: readonly Command[], host = MANIFEST_HOST): string {
  return `# Slack app manifest for topheavy. Generated from the command registry:\n#   node bin/run.js bot/slack/print-manifest.ts > slack-manifest.yaml\n# Replace ${host} with your public URL (HTTP mode), or set socket_mode_enabled: true (Socket Mode).\n${stringify(buildManifest(commands, host), { lineWidth: 0 })}`;
}
