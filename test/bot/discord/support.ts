import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Context, Lang, Requester } from '../../../commands/context.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { contextFor } from '../../support/context.ts';

/** A fresh Ed25519 key pair standing in for the application's (the portal keeps the private half). */
export function testKeys(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

/** Headers Discord would send: signature over timestamp ‖ body. */
export function signedHeaders(body: string, privateKey: KeyObject, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

/** The runtime's `context()`, over the real catalog with the fixed test clock. */
export function runtimeFor(catalog: Catalog): { context(lang: Lang, requester: Requester): Context } {
  return { context: (lang, requester) => ({ ...contextFor(catalog, lang), requester }) };
}

/** Recorded payload shapes, trimmed from real Discord interactions (ids made up; the member has Manage Server, 0x20). */
export const USER = { id: '111111111111111111', username: 'tester', discriminator: '0', global_name: 'Tester', avatar: null };
export const MEMBER = { user: USER, roles: [], permissions: '2248473465835105', joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 };

/** A fresh snowflake-like id per interaction: the server refuses an id it has already answered. */
let nextId = 222222222222222222n;
export const interactionId = (): string => String(nextId++);

export function commandPayload(name: string, options: { name: string; type: number; value: string | number | boolean }[], extra: Record<string, unknown> = {}) {
  return {
    id: interactionId(),
    application_id: '333333333333333333',
    type: 2,
    token: 'interaction-token',
    version: 1,
    guild_id: '444444444444444444',
    channel_id: '555555555555555555',
    channel: { id: '555555555555555555', type: 0, guild_id: '444444444444444444', name: 'general' },
    member: MEMBER,
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': '444444444444444444' },
    context: 0,
    data: { id: '666666666666666666', name, type: 1, options },
    ...extra,
  };
}

export function buttonPayload(customId: string, extra: Record<string, unknown> = {}) {
  return {
    ...commandPayload('', []),
    type: 3,
    message: {
      id: '777777777777777777',
      channel_id: '555555555555555555',
      type: 20,
      content: '',
      author: { ...USER, id: '333333333333333333', bot: true },
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: '2026-11-22T00:00:00.000Z',
      edited_timestamp: null,
      flags: 0,
    },
    data: { custom_id: customId, component_type: 2 },
    ...extra,
  };
}

export function autocompletePayload(name: string, option: string, typed: string) {
  return { ...commandPayload(name, []), type: 4, data: { id: '666666666666666666', name, type: 1, options: [{ name: option, type: 3, value: typed, focused: true }] } };
}
