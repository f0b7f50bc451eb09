import { describe, expect, test, vi } from 'vitest';
import { suggestDirectoryFunds } from '../../../bot/discord/autocomplete.ts';
import { createHandler, type FollowUp, type MessageResponse } from '../../../bot/discord/interaction.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { CURATED } from '../../../store/curated-funds.ts';
import { DirectoryIndex } from '../../../store/directory-search.ts';
import { autocompletePayload, commandPayload } from './support.ts';

const card: View = { lang: 'en', title: 'SOXX concentration', tone: 'moderate', sources: [{ fund: 'SOXX', file: 'SOXX_holdings.csv', issuer: 'iShares', asOf: '2026-08-03' }] };
const noFunds = { list: () => [], get: () => undefined, problems: () => [], describe: () => 'nowhere' };

/** A handler whose command reports a download (its first progress line), then waits for `release`. */
function fetchingHandler(deadlineMs: number) {
  const followed: FollowUp[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const handler = createHandler({
    context: (lang, requester) => ({ lang, requester }) as unknown as Context,
    dispatch: async (_invocation, ctx) => {
      ctx.progress?.('Fetching the holdings of SOXX…');
      await released;
      return card;
    },
    chart: null,
    deadlineMs,
    followUp: async (f) => void followed.push(f),
  });
  return { handler, followed, release };
}

describe('Discord and the fund directory', () => {
  test('GIVEN a command that starts a download WHEN it runs THEN type 5 goes at once (long before the deadline), and one edit brings the card', async () => {
    const { handler, followed, release } = fetchingHandler(10_000);
    // The command is still waiting (not released) and the deadline is 10 s away: only the download made it defer.
    const first = await handler(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'SOXX' }]));
    expect(first).toEqual({ type: 5, data: { flags: 0 } });
    expect(followed).toEqual([]);
    release();
    await vi.waitFor(() => expect(followed).toHaveLength(1));
    expect(followed[0]).toMatchObject({ applicationId: '333333333333333333', token: 'interaction-token', update: false, message: { embeds: [{ title: 'SOXX concentration' }] } });
  });

  test('GIVEN a command with no download WHEN it is quick THEN it answers with the card (type 4), no deferral', async () => {
    const handler = createHandler({
      context: (lang, requester) => ({ lang, requester }) as unknown as Context,
      dispatch: async () => card,
      chart: null,
      deadlineMs: 10_000,
      followUp: async () => {},
    });
    const r = (await handler(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'SOXX' }]))) as MessageResponse;
    expect(r.type).toBe(4);
  });

  test('fund autocomplete searches the directory: オルカン, sp500 and semis give choices that resolve to those funds', async () => {
    const index = new DirectoryIndex(CURATED);
    const ctx = { data: noFunds, directory: { index: async () => index } };
    const orukan = await suggestDirectoryFunds('オルカン', ctx, 'ja');
    expect(orukan[0]).toEqual({ name: 'eMAXIS Slim 全世界株式（オール・カントリー）', value: 'eMAXISSlim全世界株式（オール・カントリー）' });
    // The value typed back resolves to exactly that fund.
    const back = index.resolve(orukan[0]!.value);
    expect(back.kind === 'one' && back.entry.key).toBe('jp:emaxis-slim-all-country');
    expect((await suggestDirectoryFunds('sp500', ctx, 'en'))[0]).toEqual({ name: 'S&P 500', value: 'S&P500' });
    expect((await suggestDirectoryFunds('semis', ctx, 'en')).map((c) => c.value).sort()).toEqual(['SMH', 'SOXX']);
  });

  test('the autocomplete interaction answers type 8 with directory choices, at most 25', async () => {
    const index = new DirectoryIndex(CURATED);
    const handler = createHandler({ context: (lang, requester) => ({ lang, requester, data: noFunds, directory: { index: async () => index } }) as unknown as Context, chart: null });
    const r = (await handler(autocompletePayload('hhi', 'fund', 'eMAXIS'))) as { type: number; data: { choices: { name: string; value: string }[] } };
    expect(r.type).toBe(8);
    expect(r.data.choices.length).toBeGreaterThan(3);
    expect(r.data.choices.length).toBeLessThanOrEqual(25);
    expect(r.data.choices.every((c) => /eMAXIS/.test(c.name))).toBe(true);
  });
});
