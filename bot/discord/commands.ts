import { PermissionFlagsBits, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Command } from '../../commands/define.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { JA_COMMAND_NAMES } from './messages.ts';
import { discordOptions, type DiscordOption } from './options.ts';

type OptionBuilder = {
  setName(name: string): OptionBuilder;
  setDescription(text: string): OptionBuilder;
  setNameLocalizations(map: Record<string, string> | null): OptionBuilder;
  setDescriptionLocalizations(map: Record<string, string> | null): OptionBuilder;
  setRequired(required: boolean): OptionBuilder;
};

function common<B extends OptionBuilder>(builder: B, o: DiscordOption): B {
  builder.setName(o.name).setDescription(o.description.en).setRequired(o.required);
  if (o.nameJa) builder.setNameLocalizations({ ja: o.nameJa });
  if (o.description.ja !== o.description.en) builder.setDescriptionLocalizations({ ja: o.description.ja });
  return builder;
}

function bounded<B extends { setMinValue(n: number): unknown; setMaxValue(n: number): unknown }>(builder: B, o: DiscordOption): B {
  if (o.min !== undefined) builder.setMinValue(o.min);
  if (o.max !== undefined) builder.setMaxValue(o.max);
  return builder;
}

/**
 * Commands Discord shows only to members with Manage Server (`default_member_permissions` "32"):
 * those marked `adminOnly` (/import, /remove-snapshot). Server admins can widen that in Server
 * Settings → Integrations; the command still checks the member's permissions itself, so widening
 * it only lets others see a polite refusal.
 */
export const ADMIN_COMMANDS: ReadonlySet<string> = new Set(COMMANDS.filter((c) => c.adminOnly).map((c) => c.name));

/**
 * One command's application-command JSON, built through discord.js's SlashCommandBuilder so
 * that its validators (name pattern, lengths, option order, choice counts) check what we derive
 * from the zod schema: a schema Discord would refuse fails here, in tests, not at registration.
 */
export function commandJson(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = new SlashCommandBuilder().setName(command.name).setDescription(command.description.en.slice(0, 100));
  const ja = JA_COMMAND_NAMES[command.name];
  if (ja) builder.setNameLocalizations({ ja });
  builder.setDescriptionLocalizations({ ja: command.description.ja.slice(0, 100) });
  if (ADMIN_COMMANDS.has(command.name)) builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
  for (const o of discordOptions(command)) {
    switch (o.kind) {
      case 'boolean':
        builder.addBooleanOption((b) => common(b, o));
        break;
      case 'integer':
        builder.addIntegerOption((b) => bounded(common(b, o), o));
        break;
      case 'number':
        builder.addNumberOption((b) => bounded(common(b, o), o));
        break;
      case 'attachment':
        builder.addAttachmentOption((b) => common(b, o));
        break;
      case 'string':
        builder.addStringOption((b) => {
          common(b, o);
          if (o.choices) b.addChoices(...o.choices.map((c) => ({ name: c, value: c })));
          if (o.autocomplete) b.setAutocomplete(true);
          if (o.minLength !== undefined) b.setMinLength(o.minLength);
          if (o.maxLength !== undefined) b.setMaxLength(o.maxLength);
          return b;
        });
        break;
    }
  }
  return builder.toJSON();
}

/** Every command's JSON, as PUT to /applications/{id}/commands (replaces the whole set). */
export function applicationCommands(commands: readonly Command[] = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map(commandJson);
}
