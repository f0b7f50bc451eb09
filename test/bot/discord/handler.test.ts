import { describe, expect, test } from 'vitest';
import { createHandler, langOf, requesterOf, type FollowUp } from '../../../bot/discord/interaction.ts';
import { interactionPayload } from '../../../bot/discord/payload.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import type { Invocation } from '../../../bot/dispatch.ts';
import type { Context, Lang, Requester } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { buttonPayload, commandPayload } from './support.ts';

/** A handler whose dispatch only records what it was asked and answers with a fixed card. */
function recording(overrides: Partial<Parameters<typeof createHandler>[0]> = {}) {
  const calls: { invocation: Invocation; lang: Lang; requester: Requester }[] = [];
  const handler = createHandler({
    context: (lang, requester) => ({ lang, requester }) as unknown as Context,
    dispatch: async (invocation, ctx) => {
      calls.push({ invocation, lang: ctx.lang, requester: ctx.requester });
      return { lang: ctx.lang, title: `ran ${invocation.command}`, tone: 'info', sources: [] } satisfies View;
    },
    ...overrides,
  });
  return { handler, calls };
}

describe('interaction handler', () => {
  test('slash options map back to the zod shape: fund1…fundN → funds[], in order', async () => {
    const { handler, calls } = recording();
    await handler(
      commandPayload('overlap', [
        { name: 'fund2', type: 3, value: 'QQQ' },
        { name: 'fund1', type: 3, value: ' VOO ' },
        { name: 'mix', type: 3, value: '60/40' },
      ]),
    );
    expect(calls[0]!.invocation).toEqual({ command: 'overlap', options: { funds: ['VOO', 'QQQ'], mix: '60/40' } });
  });

  test.each([
    [{ locale: 'ja' }, 'ja'],
    [{ locale: 'en-US', guild_locale: 'ja' }, 'en'],
    [{ guild_locale: 'ja' }, 'ja'],
    [{}, 'en'],
  ] as const)('locale %j → %s', (p, lang) => {
    expect(langOf(p)).toBe(lang);
  });

  test('requester: member id, guild, channel, Manage Server bit; a DM user is not an admin', () => {
    const guild = interactionPayload.parse(commandPayload('funds', []));
    expect(requesterOf(guild)).toEqual({ platform: 'discord', userId: '111111111111111111', serverId: '444444444444444444', channelId: '555555555555555555', isAdmin: true });
    const dm = interactionPayload.parse({ type: 2, user: { id: '9' }, channel_id: '8', data: { name: 'funds' } });
    expect(requesterOf(dm)).toEqual({ platform: 'discord', userId: '9', serverId: null, channelId: '8', isAdmin: false });
  });

  test('button ids: lesson opens a lesson, cmd posts, upd and page replace the card', async () => {
    const { handler, calls } = recording();
    expect((await handler(buttonPayload('lesson:hhi-and-effective-n')))?.type).toBe(4);
    expect(calls.at(-1)!.invocation).toEqual({ command: 'lesson', text: 'hhi-and-effective-n' });
    expect((await handler(buttonPayload('cmd:overlap:funds=VOO,QQQ')))?.type).toBe(4);
    expect(calls.at(-1)!.invocation).toEqual({ command: 'overlap', text: 'funds=VOO,QQQ' });
    expect((await handler(buttonPayload('upd:hhi:fund=VT')))?.type).toBe(7);
    expect((await handler(buttonPayload('page:2:funds:')))?.type).toBe(7);
    const unknown = await handler(buttonPayload('something-else'));
    expect(unknown).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  test('an error on a button that would update → a new ephemeral message; the card stays', async () => {
    const handler = createHandler({
      context: (lang, requester) => ({ lang, requester }) as unknown as Context,
      dispatch: async (_inv, ctx) => ({ lang: ctx.lang, title: 'Error', tone: 'error', summary: 'no', sources: [], ephemeral: true }),
    });
    expect(await handler(buttonPayload('upd:hhi:fund=NOPE'))).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  test('rate limit: 5 per 10 s per user, then a friendly ephemeral reply; other users unaffected; refills', async () => {
    let now = 1_000_000;
    const { handler, calls } = recording({ limiter: tokenBucket(5, 10_000), clock: () => now });
    const ask = (user = '111111111111111111') => handler(commandPayload('funds', [], { member: { user: { id: user }, permissions: '0' } }));
    for (let i = 0; i < 5; i++) expect((await ask())?.type).toBe(4);
    const refused = await ask();
    expect(refused).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(JSON.stringify(refused)).toMatch(/Try again in 2 s/);
    expect(calls).toHaveLength(5);
    expect((await ask('someone-else'))?.type).toBe(4);
    now += 2_000;
    await ask();
    expect(calls).toHaveLength(7);
  });

  test('deadline: a command slower than the deadline → type 5 now, the card through followUp later', async () => {
    const followed: FollowUp[] = [];
    const handler = createHandler({
      context: (lang, requester) => ({ lang, requester }) as unknown as Context,
      dispatch: (_inv, ctx) => new Promise((resolve) => setTimeout(() => resolve({ lang: ctx.lang, title: 'late', tone: 'info', sources: [] }), 50)),
      deadlineMs: 5,
      followUp: async (f) => void followed.push(f),
    });
    const first = await handler(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]));
    expect(first).toEqual({ type: 5, data: { flags: 0 } });
    expect(followed).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(followed).toHaveLength(1);
    expect(followed[0]).toMatchObject({ applicationId: '333333333333333333', token: 'interaction-token', update: false, message: { embeds: [{ title: 'late' }] } });
  });

  test('a fast command is answered at once (no deferral, no follow-up)', async () => {
    const followed: FollowUp[] = [];
    const { handler } = recording({ followUp: async (f) => void followed.push(f), deadlineMs: 50 });
    expect((await handler(commandPayload('funds', [])))?.type).toBe(4);
    expect(followed).toHaveLength(0);
  });

  test('not an interaction → null (HTTP 400); a modal submit → an ephemeral "not supported"', async () => {
    const { handler, calls } = recording();
    expect(await handler({ hello: 'world' })).toBeNull();
    expect(await handler('text')).toBeNull();
    expect(await handler({ type: 5, data: {} })).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(calls).toHaveLength(0);
  });
});
