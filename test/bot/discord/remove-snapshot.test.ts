import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applicationCommands } from '../../../bot/discord/commands.ts';
import { startHttpServer, type RunningHttpServer } from '../../../bot/discord/http.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import type { StoreSource } from '../../../bot/data-source.ts';
import { dispatch } from '../../../bot/dispatch.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Store } from '../../../store/store.ts';
import { storedDates, storeWithFutureSnapshot } from '../../support/dated-snapshots.ts';
import { NOW } from '../../support/context.ts';
import { tempDir } from '../../store/helpers.ts';
import { buttonPayload, commandPayload, MEMBER, signedHeaders, testKeys } from './support.ts';

const keys = testKeys();
const tmp = tempDir('topheavy-discord-remove-');
let store: Store;
let source: StoreSource;
let bot: RunningHttpServer;
const ALL = ['OTHR 2099-01-01', 'TEST 2026-01-30', 'TEST 2099-01-01'];

beforeAll(async () => {
  ({ store, source } = await storeWithFutureSnapshot(tmp.dir, 'discord-remove.db'));
  bot = await startHttpServer({
    runtime: { context: (lang, requester) => ({ lang, requester, data: source, now: NOW, staleAfterDays: 30 }) },
    publicKey: keys.publicKey,
    host: '127.0.0.1',
    handler: { limiter: tokenBucket(10_000, 1_000), deadlineMs: 10_000, chart: null, followUp: async () => {}, dispatch: (inv, ctx) => dispatch(inv, ctx, memoryLogger()) },
  });
});
afterAll(async () => {
  await bot?.close();
  await store?.close();
  tmp.remove();
});

/** Members as Discord sends them: Manage Server (0x20) only, Administrator (0x8) only, neither. */
const MANAGER = { ...MEMBER, permissions: '32' };
const ADMINISTRATOR = { ...MEMBER, permissions: '8' };
const PLAIN = { ...MEMBER, permissions: '2147483648' };

function removal(options: Record<string, string>, member: Record<string, unknown>, locale = 'en-US') {
  return commandPayload('remove-snapshot', Object.entries(options).map(([name, value]) => ({ name, type: 3, value })), { member, locale });
}

async function send(payload: unknown): Promise<any> {
  const body = JSON.stringify(payload);
  const r = await fetch(bot.url, { method: 'POST', body, headers: signedHeaders(body, keys.privateKey) });
  expect(r.status).toBe(200);
  return r.json();
}

describe('/remove-snapshot on Discord: admins remove a bad snapshot, after confirming', () => {
  test('registration: hidden from members without Manage Server; fund (autocompleted), as-of and confirm options', () => {
    const json = applicationCommands().find((c) => c.name === 'remove-snapshot')!;
    expect(json.default_member_permissions).toBe('32');
    expect(json.name_localizations?.ja).toBe('スナップショット削除');
    expect(json.options).toEqual([
      expect.objectContaining({ type: 3, name: 'fund', required: true, autocomplete: true }),
      expect.objectContaining({ type: 3, name: 'as-of', required: false }),
      expect.objectContaining({ type: 3, name: 'confirm', required: false }),
    ]);
  });

  test('a member without Manage Server or Administrator is refused in their language, for the command and for the button; nothing is removed', async () => {
    const ja = await send(removal({ fund: 'TEST', 'as-of': '2099-01-01' }, PLAIN, 'ja'));
    expect(ja.type).toBe(4);
    expect(ja.data.flags & 64).toBe(64);
    expect(ja.data.embeds[0].description).toMatch(/サーバー管理者.*何も削除していません/);
    expect(ja.data.components ?? []).toEqual([]);
    // An admin's preview button pressed by someone else: the press is checked like the command.
    const preview = await send(removal({ fund: 'TEST', 'as-of': '2099-01-01' }, MANAGER));
    const customId = preview.data.components[0].components[0].custom_id as string;
    const pressed = await send(buttonPayload(customId, { member: PLAIN }));
    expect(pressed.data.embeds[0].description).toMatch(/^Only server admins .* Nothing was removed\.$/);
    expect(await storedDates(store)).toEqual(ALL);
  });

  test('unknown fund, unknown date, a malformed date and a wrong code are refused, each saying why; nothing is removed', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ fund: 'NOPE' }, /^No snapshot of NOPE is stored/],
      [{ fund: 'TEST', 'as-of': '2030-01-01' }, /^TEST has no snapshot dated 2030-01-01, so nothing was removed\. Stored as-of dates: 2026-01-30, 2099-01-01\.$/],
      [{ fund: 'TEST', 'as-of': '2099/01/01' }, /^“2099\/01\/01” is not a date: write the as-of date as YYYY-MM-DD/],
      [{ fund: 'TEST', 'as-of': '2099-01-01', confirm: '000000000000' }, /^This confirmation code does not match what is stored now.*Nothing was removed\. Run `\/remove-snapshot TEST as-of=2099-01-01`/],
    ];
    for (const [options, said] of cases) {
      const answer = await send(removal(options, MANAGER));
      expect(answer.data.embeds[0].title).toBe('That did not work');
      expect(answer.data.embeds[0].description).toMatch(said);
      expect(answer.data.flags & 64).toBe(64);
    }
    expect(await storedDates(store)).toEqual(ALL);
  });

  test('an Administrator asks, sees fund, date and file with a Remove button; pressing it removes that snapshot alone and /hhi falls back to the one before', async () => {
    const preview = await send(removal({ fund: 'TEST', 'as-of': '2099-01-01' }, ADMINISTRATOR));
    const embed = preview.data.embeds[0];
    expect(embed.title).toBe('Remove this snapshot of TEST?');
    expect(embed.description).toContain('Nothing is removed yet.');
    expect(embed.description).toContain('Afterwards TEST is answered from TEST_holdings.csv, as of 2026-01-30.');
    expect(embed.description).toMatch(/TEST_holdings_2099\.csv +2099-01-01 +4 /);
    expect(preview.data.flags & 64).toBe(64);
    // The first step changed nothing.
    expect(await storedDates(store)).toEqual(ALL);
    const button = preview.data.components[0].components[0];
    expect(button.label).toBe('Remove');
    expect(button.custom_id).toMatch(/^upd:remove-snapshot:TEST as-of=2099-01-01 confirm=[0-9a-f]{12}$/);

    const done = await send(buttonPayload(button.custom_id, { member: ADMINISTRATOR }));
    expect(done.data.embeds[0].title).toBe('Removed 1 snapshot of TEST');
    expect(done.data.embeds[0].description).toContain('TEST is now answered from TEST_holdings.csv, as of 2026-01-30.');
    expect(done.data.embeds[0].description).toMatch(/TEST_holdings_2099\.csv +2099-01-01 +4 /);
    expect(await storedDates(store)).toEqual(['OTHR 2099-01-01', 'TEST 2026-01-30']);

    // Every command reads what is left at once.
    const hhi = await send(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'TEST' }]));
    expect(JSON.stringify(hhi.data.embeds)).toContain('2026-01-30');
    expect(JSON.stringify(hhi.data.embeds)).not.toContain('2099-01-01');
    // The same button again: that snapshot is gone, so the code matches nothing and nothing more goes.
    const again = await send(buttonPayload(button.custom_id, { member: ADMINISTRATOR }));
    expect(again.data.embeds[0].description).toMatch(/^TEST has no snapshot dated 2099-01-01/);
    expect(await storedDates(store)).toEqual(['OTHR 2099-01-01', 'TEST 2026-01-30']);
  });
});
