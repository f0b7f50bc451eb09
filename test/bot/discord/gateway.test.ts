import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { AttachmentBuilder, AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Client, GatewayIntentBits, MessageFlags, type Interaction } from 'discord.js';
import { handleGatewayInteraction, payloadOf } from '../../../bot/discord/gateway-adapter.ts';
import { createHandler } from '../../../bot/discord/interaction.ts';
import { dm } from '../../../bot/discord/messages.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import { t } from '../../../commands/messages.ts';
import { dispatch } from '../../../bot/dispatch.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Context, Requester } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { autocompletePayload, buttonPayload, commandPayload, runtimeFor } from './support.ts';

// A client that never logs in: interactions are built from recorded payload shapes, and the
// methods that would call Discord (reply, update, deferReply, editReply, respond) are stubbed.
const client = new Client({ intents: [GatewayIntentBits.Guilds] });
afterAll(() => client.destroy());

/** discord.js builds interactions itself, so their constructors are not public in its types; the runtime accepts (client, raw payload). */
function build<T>(cls: unknown, raw: unknown): T {
  return new (cls as unknown as new (client: Client, data: unknown) => T)(client, raw);
}

let catalog: Catalog;
beforeAll(async () => {
  if (HAS_RAW) catalog = await rawCatalog();
});

function stub<T extends object>(interaction: T): T & Record<'reply' | 'update' | 'deferReply' | 'deferUpdate' | 'editReply' | 'respond' | 'deleteReply' | 'followUp', ReturnType<typeof vi.fn>> {
  const fns = ['reply', 'update', 'deferReply', 'deferUpdate', 'editReply', 'respond', 'deleteReply', 'followUp'] as const;
  for (const name of fns) Object.defineProperty(interaction, name, { value: vi.fn(async () => undefined) });
  return interaction as never;
}

describe('payloadOf: discord.js interaction → the shared handler payload', () => {
  test('a slash command keeps token, locales, ids, options and Manage Server from resolved permissions', () => {
    const i = build<ChatInputCommandInteraction>(ChatInputCommandInteraction, commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }], { locale: 'ja', guild_locale: 'en-US' }) as never);
    const p = payloadOf(i) as Record<string, any>;
    expect(p).toMatchObject({
      type: 2,
      token: 'interaction-token',
      application_id: '333333333333333333',
      locale: 'ja',
      guild_locale: 'en-US',
      guild_id: '444444444444444444',
      channel_id: '555555555555555555',
      data: { name: 'hhi', options: [{ name: 'fund', type: 3, value: 'VT' }] },
    });
    expect((BigInt(p.member.permissions) & 0x20n) === 0x20n).toBe(true);
  });

  test('a member without Manage Server is not an admin', () => {
    const raw = commandPayload('funds', [], { member: { ...commandPayload('funds', []).member, permissions: '0' } });
    const p = payloadOf(build<ChatInputCommandInteraction>(ChatInputCommandInteraction, raw as never)) as Record<string, any>;
    expect(p.member.permissions).toBe('0');
  });

  test('a DM command has a user and no member', () => {
    const raw = { ...commandPayload('funds', []), guild_id: undefined, member: undefined, user: { id: '999', username: 'dm', discriminator: '0', global_name: null, avatar: null } };
    const p = payloadOf(build<ChatInputCommandInteraction>(ChatInputCommandInteraction, raw as never)) as Record<string, any>;
    expect(p.member).toBeUndefined();
    expect(p.user.id).toBe('999');
  });
});

describe.skipIf(!HAS_RAW)('handleGatewayInteraction with the real catalog', () => {
  const seen: Requester[] = [];
  const handler = () =>
    createHandler({
      context: (lang, requester) => {
        seen.push(requester);
        return runtimeFor(catalog).context(lang, requester);
      },
      dispatch: (inv, ctx) => dispatch(inv, ctx, memoryLogger()),
      limiter: tokenBucket(1000, 1000),
    });

  test('/hhi VT from a Japanese client → reply with a Japanese card that cannot ping', async () => {
    const i = stub(build<ChatInputCommandInteraction>(ChatInputCommandInteraction, commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }], { locale: 'ja' }) as never));
    await handleGatewayInteraction(i as unknown as Interaction, handler());
    expect(i.reply).toHaveBeenCalledTimes(1);
    const options = i.reply.mock.calls[0]![0];
    expect(options.allowedMentions).toEqual({ parse: [] });
    expect(options.embeds[0].fields.map((f: { name: string }) => f.name)).toContain('実効銘柄数');
    expect(options.flags).toBeUndefined();
    // The chart rides along as a discord.js attachment the embed points at.
    expect(options.embeds[0].image).toEqual({ url: 'attachment://chart.png' });
    expect(options.files).toHaveLength(1);
    expect(options.files[0]).toBeInstanceOf(AttachmentBuilder);
    expect(options.files[0].name).toBe('chart.png');
    expect((options.files[0].attachment as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(seen.at(-1)).toEqual({ platform: 'discord', userId: '111111111111111111', serverId: '444444444444444444', channelId: '555555555555555555', isAdmin: true });
  });

  test('an unknown fund → ephemeral reply', async () => {
    const i = stub(build<ChatInputCommandInteraction>(ChatInputCommandInteraction, commandPayload('hhi', [{ name: 'fund', type: 3, value: 'NOPE' }]) as never));
    await handleGatewayInteraction(i as unknown as Interaction, handler());
    expect(i.reply.mock.calls[0]![0].flags).toBe(MessageFlags.Ephemeral);
  });

  test('autocomplete → respond() with at most 25 choices', async () => {
    const i = stub(build<AutocompleteInteraction>(AutocompleteInteraction, autocompletePayload('overlap', 'fund1', 'S') as never));
    await handleGatewayInteraction(i as unknown as Interaction, handler());
    const choices = i.respond.mock.calls[0]![0] as { value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]!.value.startsWith('S')).toBe(true);
  });

  test('a button that updates its card → update()', async () => {
    const i = stub(build<ButtonInteraction>(ButtonInteraction, buttonPayload('upd:hhi:fund=QQQ') as never));
    await handleGatewayInteraction(i as unknown as Interaction, handler());
    expect(i.update).toHaveBeenCalledTimes(1);
    expect(i.update.mock.calls[0]![0].embeds[0].title).toContain('QQQ');
  });
});

describe('the deadline through the gateway: defer, then edit', () => {
  const card: View = { lang: 'en', title: 'Slow card', tone: 'info', summary: 'done', sources: [] };
  const slow = (view: View) => () => new Promise<View>((resolve) => setTimeout(() => resolve(view), 60));
  const ctx = (lang: 'en' | 'ja', requester: Requester) => ({ lang, requester }) as unknown as Context;

  test('a slow command → deferReply() now, editReply() with the card later', async () => {
    const handler = createHandler({ context: ctx, dispatch: slow(card), deadlineMs: 10 });
    const i = stub(build<ChatInputCommandInteraction>(ChatInputCommandInteraction, commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]) as never));
    await handleGatewayInteraction(i as unknown as Interaction, handler);
    expect(i.deferReply).toHaveBeenCalledTimes(1);
    expect(i.reply).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(i.editReply).toHaveBeenCalledTimes(1));
    expect(i.editReply.mock.calls[0]![0].embeds[0].title).toBe('Slow card');
  });

  test('a slow error → the public placeholder is deleted and the error arrives ephemeral', async () => {
    const handler = createHandler({ context: ctx, dispatch: slow({ ...card, tone: 'error', ephemeral: true }), deadlineMs: 10 });
    const i = stub(build<ChatInputCommandInteraction>(ChatInputCommandInteraction, commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]) as never));
    await handleGatewayInteraction(i as unknown as Interaction, handler);
    await vi.waitFor(() => expect(i.followUp).toHaveBeenCalledTimes(1));
    expect(i.deleteReply).toHaveBeenCalledTimes(1);
    expect(i.followUp.mock.calls[0]![0].flags).toBe(MessageFlags.Ephemeral);
  });

  test('an edit that still fails after discord.js retried it → the reader is told, ephemeral and in their language; the failure is logged', async () => {
    const log = memoryLogger();
    const handler = createHandler({ context: ctx, dispatch: slow(card), deadlineMs: 10, log });
    const i = stub(build<ChatInputCommandInteraction>(ChatInputCommandInteraction, commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }], { locale: 'ja' }) as never));
    i.editReply.mockRejectedValue(new Error('503 Service Unavailable'));
    await handleGatewayInteraction(i as unknown as Interaction, handler);
    await vi.waitFor(() => expect(i.followUp).toHaveBeenCalledTimes(1));
    expect(i.followUp.mock.calls[0]![0]).toMatchObject({ content: t('ja', dm.followUpLost()), flags: MessageFlags.Ephemeral });
    await vi.waitFor(() => expect(log.lines.map((l) => l.message)).toContain('discord follow-up failed'));
  });

  test('a card in time but a slow chart → reply() with the card, then editReply() adding the chart file', async () => {
    const charted: View = { ...card, chart: { kind: 'bars', title: 'T', series: [{ name: 'A', points: [{ x: 'a', y: 0.5 }] }] } };
    const png = Buffer.from('\x89PNG fake', 'latin1');
    const handler = createHandler({
      context: ctx,
      dispatch: async () => charted,
      chart: () => new Promise((resolve) => setTimeout(() => resolve(png), 60)),
      deadlineMs: 10,
    });
    const i = stub(build<ChatInputCommandInteraction>(ChatInputCommandInteraction, commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]) as never));
    await handleGatewayInteraction(i as unknown as Interaction, handler);
    expect(i.reply).toHaveBeenCalledTimes(1);
    expect(i.reply.mock.calls[0]![0].files).toBeUndefined();
    await vi.waitFor(() => expect(i.editReply).toHaveBeenCalledTimes(1));
    const edit = i.editReply.mock.calls[0]![0];
    expect(edit.embeds[0].image).toEqual({ url: 'attachment://chart.png' });
    expect(edit.files[0].name).toBe('chart.png');
    expect(edit.files[0].attachment).toBe(png);
    // discord.js adds the file's own metadata to this list; ours is left out.
    expect(edit.attachments).toEqual([]);
  });

  test('a slow button update → deferUpdate() now, editReply() later', async () => {
    const handler = createHandler({ context: ctx, dispatch: slow(card), deadlineMs: 10 });
    const i = stub(build<ButtonInteraction>(ButtonInteraction, buttonPayload('upd:hhi:fund=VT') as never));
    await handleGatewayInteraction(i as unknown as Interaction, handler);
    expect(i.deferUpdate).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(i.editReply).toHaveBeenCalledTimes(1));
  });
});
