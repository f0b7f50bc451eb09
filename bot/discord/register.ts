/**
 * `npm run discord:register`: replaces the application's slash commands with the ones derived
 * from the zod schemas. Env: DISCORD_TOKEN, DISCORD_APPLICATION_ID; DISCORD_GUILD_ID registers in
 * one server only (visible at once, good for testing); without it, globally.
 */
import { REST, Routes } from 'discord.js';
import { stderrLogger } from '../log.ts';
import { applicationCommands } from './commands.ts';
import { isEntryPoint, requireEnv } from './entry.ts';

/** Where the command set goes: one guild, or every server the app is in. */
export function registrationRoute(applicationId: string, guildId?: string): `/${string}` {
  return guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
}

export async function registerCommands(options: { token: string; applicationId: string; guildId?: string }): Promise<number> {
  const body = applicationCommands();
  const rest = new REST({ version: '10' }).setToken(options.token);
  // PUT replaces the whole set, so a removed command disappears instead of lingering.
  const result = (await rest.put(registrationRoute(options.applicationId, options.guildId), { body })) as unknown[];
  return result.length;
}

async function main(): Promise<void> {
  const token = requireEnv('DISCORD_TOKEN', 'copy the bot token from the Developer Portal → your application → Bot.');
  const applicationId = requireEnv('DISCORD_APPLICATION_ID', 'copy "Application ID" from the Developer Portal → General Information.');
  const guildId = process.env.DISCORD_GUILD_ID?.trim() || undefined;
  const count = await registerCommands({ token, applicationId, ...(guildId ? { guildId } : {}) });
  stderrLogger.info({ count, scope: guildId ? `guild ${guildId}` : 'global' }, 'discord commands registered');
}

if (isEntryPoint(import.meta.url)) await main();
