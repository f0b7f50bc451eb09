/**
 * `npm run discord:register [-- --dry-run]`: replaces the application's slash commands with the
 * ones derived from the zod schemas. Env: DISCORD_TOKEN, DISCORD_APPLICATION_ID; DISCORD_GUILD_ID
 * registers in one server only (visible at once, good for testing); without it, globally.
 * `--dry-run` prints what would be registered and sends nothing (no token needed). Every failure
 * is one line saying what to do, and exit code 1.
 */
import { REST, Routes } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { applicationCommands } from './commands.ts';
import { isEntryPoint } from './entry.ts';

/** Where the command set goes: one guild, or every server the app is in. */
export function registrationRoute(applicationId: string, guildId?: string): `/${string}` {
  return guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
}

/** Discord's REST API; DISCORD_API_URL points elsewhere (a test's stand-in). */
const DISCORD_API = 'https://discord.com/api';

export async function registerCommands(options: { token: string; applicationId: string; guildId?: string; api?: string }): Promise<number> {
  const body = applicationCommands();
  // One retry and 15 s: a person is waiting at the terminal.
  const rest = new REST({ version: '10', api: options.api ?? DISCORD_API, retries: 1, timeout: 15_000 }).setToken(options.token);
  // PUT replaces the whole set, so a removed command disappears instead of lingering.
  const result = (await rest.put(registrationRoute(options.applicationId, options.guildId), { body })) as unknown[];
  return result.length;
}

/**
 * The dry run's report: where the set would go, then one line per command with its options
 * (`*` = required) and its Japanese name, as Discord would receive them.
 */
export function dryRunText(commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[], applicationId: string | undefined, guildId: string | undefined): string {
  const route = registrationRoute(applicationId ?? 'DISCORD_APPLICATION_ID', guildId);
  const scope = guildId ? `in server ${guildId} (visible at once)` : 'globally (every server the app is in)';
  const lines = [`Dry run: would register ${commands.length} commands ${scope} with PUT ${route}; nothing was sent.`];
  for (const c of commands) {
    const options = (c.options ?? []).map((o) => `${o.name}${'required' in o && o.required ? '*' : ''}`);
    const ja = c.name_localizations?.ja ? ` (ja: /${c.name_localizations.ja})` : '';
    lines.push(`  /${c.name}${ja}  ${options.length ? options.join(' ') : '-'}  — ${c.description}`);
  }
  return lines.join('\n');
}

/** Any failure of a registration as one line: what happened and what to do. */
export function failureLine(error: unknown, guildId: string | undefined, api = DISCORD_API): string {
  const e = error as { status?: number; code?: unknown; message?: string; cause?: { code?: string; message?: string } } | null;
  const status = typeof e?.status === 'number' ? e.status : undefined;
  if (status === 401) return 'Discord refused the token (401): reset it under Developer Portal → your application → Bot, and set DISCORD_TOKEN to the new one.';
  if (status === 403)
    return guildId
      ? `Discord refused access to server ${guildId} (403): add the bot to that server with the applications.commands scope (README → Discord), or check DISCORD_GUILD_ID.`
      : 'Discord refused access (403): check that DISCORD_TOKEN is the bot token of DISCORD_APPLICATION_ID.';
  if (status === 404) return 'Discord does not know that application or server (404): check DISCORD_APPLICATION_ID (General Information) and DISCORD_GUILD_ID.';
  if (status === 429) return 'Discord is rate-limiting registrations (429): wait a minute and run it again.';
  if (status !== undefined) return `Discord answered ${status}: ${oneLine(e?.message ?? '')}. Run with --dry-run to see what would be sent.`;
  const code = e?.cause?.code ?? (typeof e?.code === 'string' ? e.code : undefined);
  const what = code ?? oneLine(e?.cause?.message ?? e?.message ?? String(error));
  return `Could not reach Discord at ${new URL(api).host} (${what}): check this machine's internet connection, DNS or proxy, then run it again.`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The command line: 0 registered (or dry run), 1 failed, 2 a setting is missing. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const guildId = env.DISCORD_GUILD_ID?.trim() || undefined;
  if (argv.includes('--dry-run')) {
    out.write(`${dryRunText(applicationCommands(), env.DISCORD_APPLICATION_ID?.trim() || undefined, guildId)}\n`);
    return 0;
  }
  const token = env.DISCORD_TOKEN?.trim();
  const applicationId = env.DISCORD_APPLICATION_ID?.trim();
  if (!token || !applicationId) {
    err.write(
      !token
        ? 'DISCORD_TOKEN is not set: copy the bot token from the Developer Portal → your application → Bot (or run with --dry-run to see what would be registered).\n'
        : 'DISCORD_APPLICATION_ID is not set: copy "Application ID" from the Developer Portal → General Information.\n',
    );
    return 2;
  }
  const api = env.DISCORD_API_URL?.trim() || DISCORD_API;
  try {
    const count = await registerCommands({ token, applicationId, api, ...(guildId ? { guildId } : {}) });
    out.write(`Registered ${count} commands ${guildId ? `in server ${guildId}` : 'globally (they can take up to an hour to appear)'}.\n`);
    return 0;
  } catch (error) {
    err.write(`${failureLine(error, guildId, api)}\n`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(3));
