import { stringify } from 'yaml';
import type { Command } from '../../commands/define.ts';
import { usage } from '../../commands/parse-text.ts';
import { SLACK_EVENTS_PATH } from './app.ts';

/** Placeholder host in the committed manifest; replaced by the operator's public URL. */
export const MANIFEST_HOST = 'https://topheavy.example.com';

/** Slack says "workspace" where Discord says "server". */
export function slackWording(text: string): string {
  return text.replace(/\bserver(’s|'s)?\b/g, (_, s: string | undefined) => `workspace${s ?? ''}`).replace(/\bServer\b/g, 'Workspace');
}

/**
 * "/overlap" → "<funds…> [mix=…]  e.g. VOO QQQ": the hint Slack shows after the command name, from
 * the schema. A slash command cannot carry a file, so /import's hint says how a file is imported
 * on Slack instead (a message `import TICKER` with the file attached).
 */
export function usageHint(command: Command): string {
  if (command.name === 'import') return 'TICKER  (Slack commands cannot carry a file: share the file in a DM with the bot, with the message "import TICKER")';
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
export function buildManifest(commands: readonly Command[], host = MANIFEST_HOST, socketMode = false): Record<string, unknown> {
  const url = `${host}${SLACK_EVENTS_PATH}`;
  // Socket Mode: Slack sends everything over the bot's own connection, so no URL is declared.
  const at = (fields: Record<string, unknown>) => (socketMode ? {} : fields);
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
        ...at({ url }),
        description: slackWording(c.description.en),
        ...(usageHint(c) ? { usage_hint: usageHint(c) } : {}),
        should_escape: false,
      })),
    },
    oauth_config: { scopes: { bot: ['channels:history', 'chat:write', 'commands', 'files:read', 'files:write', 'im:history', 'users:read'] } },
    settings: {
      event_subscriptions: { ...at({ request_url: url }), bot_events: ['app_home_opened', 'message.channels', 'message.im'] },
      interactivity: { is_enabled: true, ...at({ request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as YAML, with a header saying how it was made and for which mode. */
export function manifestYaml(commands: readonly Command[], host = MANIFEST_HOST, socketMode = false): string {
  const how = socketMode
    ? '# Socket Mode: no public URL; run with SLACK_APP_TOKEN (xapp-…, connections:write).'
    : host === MANIFEST_HOST
      ? `# ${host} is a placeholder: generate your own with --url https://your.host (HTTP mode) or --socket (Socket Mode).`
      : `# HTTP mode: Slack sends commands, buttons and events to ${host}${SLACK_EVENTS_PATH}.`;
  return `# Slack app manifest for topheavy. Generated from the command registry:\n#   npm run --silent slack:manifest -- --url https://your.host > slack-manifest.yaml\n${how}\n${stringify(buildManifest(commands, host, socketMode), { lineWidth: 0 })}`;
}

/**
 * print-manifest's arguments: `--url https://host[/]` (HTTP mode) or `--socket`; the committed
 * file is made with neither. An http URL is refused (Slack sends only to https), as is a path.
 */
export function manifestArgs(argv: readonly string[]): { host: string; socketMode: boolean } | { error: string } {
  const socketMode = argv.includes('--socket');
  const i = argv.findIndex((a) => a === '--url' || a.startsWith('--url='));
  const unknown = argv.find((a, j) => a !== '--socket' && j !== i && !(j === i + 1 && argv[i] === '--url'));
  if (unknown !== undefined) return { error: `Unknown argument "${unknown}": use --url https://your.host (HTTP mode) or --socket (Socket Mode).` };
  if (i < 0) return { host: MANIFEST_HOST, socketMode };
  if (socketMode) return { error: 'Use either --url (HTTP mode) or --socket (Socket Mode), not both.' };
  const raw = argv[i]!.startsWith('--url=') ? argv[i]!.slice(6) : argv[i + 1];
  let url: URL;
  try {
    url = new URL(raw ?? '');
  } catch {
    return { error: `--url needs your public address, e.g. --url https://topheavy.example.org (got "${raw ?? ''}").` };
  }
  if (url.protocol !== 'https:') return { error: `Slack sends requests only to https addresses: --url https://${url.host}` };
  if (url.pathname !== '/' || url.search) return { error: `--url takes the address without a path (the bot listens on ${SLACK_EVENTS_PATH}): --url ${url.origin}` };
  return { host: url.origin, socketMode: false };
}
