import {
  AttachmentBuilder,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import { t } from '../../commands/messages.ts';
import type { FileAttachment } from './chart.ts';
import { dm } from './messages.ts';
import type { DiscordMessage } from './render.ts';
import type { FollowUp, Handler } from './interaction.ts';
import { CALLBACK, INTERACTION, type RawOption } from './payload.ts';

type Handled = ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction;

function rawOptions(options: readonly CommandInteractionOption[]): RawOption[] {
  return options.map((o) => ({
    name: o.name,
    type: o.type,
    ...(o.value !== undefined && o.value !== null ? { value: o.value } : {}),
    ...(o.focused ? { focused: true } : {}),
    ...(o.options ? { options: rawOptions(o.options) } : {}),
  }));
}

/** Attachment options' files (discord.js resolves them onto the option) → `data.resolved.attachments`, as the HTTP payload has them. */
function resolvedOf(options: readonly CommandInteractionOption[]): { resolved?: { attachments: Record<string, { url: string; filename: string; size: number }> } } {
  const attachments: Record<string, { url: string; filename: string; size: number }> = {};
  const visit = (list: readonly CommandInteractionOption[]) => {
    for (const o of list) {
      if (o.attachment) attachments[o.attachment.id] = { url: o.attachment.url, filename: o.attachment.name, size: o.attachment.size };
      if (o.options) visit(o.options);
    }
  };
  visit(options);
  return Object.keys(attachments).length > 0 ? { resolved: { attachments } } : {};
}

/**
 * A discord.js interaction → the payload shape the shared handler reads. Built from the
 * interaction's fields rather than toJSON(), which drops the token, the locales and the
 * member's resolved permissions.
 */
export function payloadOf(interaction: Handled): Record<string, unknown> {
  const permissions = interaction.memberPermissions?.bitfield;
  const base = {
    id: interaction.id,
    application_id: interaction.applicationId,
    token: interaction.token,
    locale: interaction.locale,
    ...(interaction.guildLocale ? { guild_locale: interaction.guildLocale } : {}),
    ...(interaction.guildId ? { guild_id: interaction.guildId } : {}),
    ...(interaction.channelId ? { channel_id: interaction.channelId } : {}),
    user: { id: interaction.user.id },
    ...(interaction.inGuild() ? { member: { user: { id: interaction.user.id }, ...(permissions !== undefined ? { permissions: permissions.toString() } : {}) } } : {}),
  };
  if (interaction.isButton()) return { ...base, type: INTERACTION.component, data: { custom_id: interaction.customId, component_type: interaction.componentType } };
  return {
    ...base,
    type: interaction.isAutocomplete() ? INTERACTION.autocomplete : INTERACTION.command,
    data: { name: interaction.commandName, options: rawOptions(interaction.options.data), ...resolvedOf(interaction.options.data) },
  };
}

/**
 * A rendered message in discord.js's reply options (camelCase allowedMentions, numeric flags).
 * Files become AttachmentBuilders under their own names, so the embed's `attachment://chart.png`
 * finds them; discord.js writes the `attachments` metadata itself, so ours is passed as an empty
 * list, which on an edit also drops a chart the new card no longer has.
 */
function replyOptions(message: DiscordMessage, files: readonly FileAttachment[] = []): InteractionReplyOptions & InteractionUpdateOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
    ...(files.length ? { files: files.map((f) => new AttachmentBuilder(f.data, { name: f.name })) } : {}),
    ...(message.attachments ? { attachments: [] } : {}),
  };
}

/**
 * Runs the shared handler for one gateway interaction and answers through discord.js:
 * reply / update / deferReply / deferUpdate, and later editReply when the handler deferred.
 */
export async function handleGatewayInteraction(interaction: Interaction, handler: Handler): Promise<void> {
  if (!interaction.isChatInputCommand() && !interaction.isAutocomplete() && !interaction.isButton()) return;
  const i = interaction;
  const edit = async (f: FollowUp): Promise<void> => {
    if (i.isAutocomplete()) return;
    if (!f.update && (f.message.flags & MessageFlags.Ephemeral) !== 0) {
      // The placeholder was public; an ephemeral result (an error, a CSV file) replaces it privately.
      await i.deleteReply();
      await i.followUp({ ...replyOptions(f.message, f.files), flags: MessageFlags.Ephemeral });
      return;
    }
    await i.editReply(replyOptions(f.message, f.files));
  };
  // discord.js has already retried the edit (5xx, rate limits); when it still fails, the reader is told.
  const finish = async (f: FollowUp): Promise<void> => {
    try {
      await edit(f);
    } catch (error) {
      if (!i.isAutocomplete()) await i.followUp({ content: t(f.lang ?? 'en', dm.followUpLost()), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }).catch(() => undefined);
      throw error;
    }
  };
  const response = await handler(payloadOf(i), finish);
  if (response === null) return;
  if (i.isAutocomplete()) {
    if (response.type === CALLBACK.autocomplete) await i.respond(response.data.choices);
    return;
  }
  switch (response.type) {
    case CALLBACK.message:
      await i.reply({ ...replyOptions(response.data, response.files), ...(response.data.flags & MessageFlags.Ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
      return;
    case CALLBACK.update:
      if (i.isButton()) await i.update(replyOptions(response.data, response.files));
      else await i.reply(replyOptions(response.data, response.files));
      return;
    case CALLBACK.deferredMessage:
      await i.deferReply();
      return;
    case CALLBACK.deferredUpdate:
      if (i.isButton()) await i.deferUpdate();
      else await i.deferReply();
      return;
    default:
      return;
  }
}
