import { describe, expect, test, vi } from 'vitest';
import { createHandler, latestLine, type FollowUp } from '../../../bot/discord/interaction.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { commandPayload } from './support.ts';

const card: View = { lang: 'en', title: 'IVV — concentration over 3 report periods since 2019-03-31', tone: 'info', sources: [{ fund: 'IVV', file: 'SEC N-PORT for 2026-06-30', issuer: 'SEC', asOf: '2026-06-30' }] };

describe('Discord shows a backfill’s progress on the deferred message', () => {
  test('latestLine: the latest line at most once a period, in order; stop drops the rest and says whether any was shown', async () => {
    const sent: string[] = [];
    const lines = latestLine(async (l) => void sent.push(l), 30);
    lines.show('1 of 3');
    lines.show('2 of 3');
    await vi.waitFor(() => expect(sent).toEqual(['2 of 3']));
    lines.show('3 of 3');
    expect(await lines.stop()).toBe(true);
    lines.show('late');
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toEqual(['2 of 3']);
    expect(await latestLine(async () => {}, 30).stop()).toBe(false);
  });

  test('GIVEN /history reading 3 quarters WHEN it defers THEN the deferred message shows the latest line, and the card replaces it, its content cleared', async () => {
    const followed: FollowUp[] = [];
    let deferred!: () => void;
    const sent = new Promise<void>((r) => (deferred = r));
    const handler = createHandler({
      context: (lang, requester) => ({ lang, requester }) as unknown as Context,
      dispatch: async (_invocation, ctx) => {
        ctx.progress?.('Reading IVV’s SEC Form N-PORT archive since 2019…');
        await sent;
        for (const n of [1, 2]) ctx.progress?.(`IVV: ${n} of 3 quarters`);
        // One edit a second at most: this waits for the first.
        await vi.waitFor(() => expect(followed).toHaveLength(1), { timeout: 3_000 });
        ctx.progress?.('IVV: 3 of 3 quarters');
        return card;
      },
      chart: null,
      deadlineMs: 10_000,
      followUp: async (f) => void followed.push(f),
    });
    expect(await handler(commandPayload('history', [{ name: 'fund', type: 3, value: 'IVV' }]))).toEqual({ type: 5, data: { flags: 0 } });
    deferred();
    await vi.waitFor(() => expect(followed).toHaveLength(2), { timeout: 5_000 });
    expect(followed[0]!.message).toMatchObject({ content: 'IVV: 2 of 3 quarters', embeds: [] });
    // The last line came with the card: not shown, and the card's edit clears the progress text.
    expect(followed[1]!.message).toMatchObject({ content: '', embeds: [{ title: card.title }] });
    expect(followed.every((f) => f.update === false)).toBe(true);
  });
});
