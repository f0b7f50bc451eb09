import { describe, expect, test } from 'vitest';
import { createHandler, type FollowUp } from '../../../bot/discord/interaction.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { commandPayload } from './support.ts';

/** A command that holds the CPU for `ms` before yielding, as a cold first command does. */
const blockFor = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

describe('a burst of commands on one process', () => {
  test('GIVEN 40 commands at once, each holding the CPU 30 ms THEN all past the first 4 are deferred before any of them runs, and every card arrives by follow-up', async () => {
    const followUps: FollowUp[] = [];
    let started = 0;
    const handler = createHandler({
      context: (lang, requester) => ({ lang, requester }) as unknown as Context,
      limiter: tokenBucket(10_000, 1_000),
      chart: null,
      deferAbove: 4,
      followUp: async (f) => void followUps.push(f),
      dispatch: async (invocation, ctx) => {
        started++;
        await Promise.resolve();
        blockFor(30);
        return { lang: ctx.lang, title: `card ${invocation.command}`, tone: 'info', sources: [] } satisfies View;
      },
    });
    const startedWhenAnswered: number[] = [];
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        handler(commandPayload('funds', [])).then((r) => {
          startedWhenAnswered.push(started);
          return r;
        }),
      ),
    );
    const deferred = answers.filter((a) => a?.type === 5);
    const direct = answers.filter((a) => a?.type === 4);
    expect(direct).toHaveLength(4);
    expect(deferred).toHaveLength(36);
    // The 36 deferrals were all sent before the deferred commands started: at most the first 4 had run.
    expect(startedWhenAnswered.filter((n) => n <= 4).length).toBeGreaterThanOrEqual(36);
    await new Promise<void>((resolve) => {
      const check = () => (followUps.length >= 36 ? resolve() : setTimeout(check, 10));
      check();
    });
    expect(followUps).toHaveLength(36);
    expect(followUps.every((f) => f.update === false && f.message.embeds?.[0]?.title === 'card funds')).toBe(true);
  });
});
