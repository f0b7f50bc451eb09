import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoreSource } from '../../../bot/data-source.ts';
import type { Store } from '../../../store/store.ts';
import { storedDates, storeWithFutureSnapshot } from '../../support/dated-snapshots.ts';
import { tempDir } from '../../store/helpers.ts';
import { actionBody, commandBody, signedHeaders, startFakeSlack, startLoopbackSlack, type FakeSlack, type LoopbackSlack } from './support.ts';

const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';
const ALL = ['OTHR 2099-01-01', 'TEST 2026-01-30', 'TEST 2099-01-01'];

const tmp = tempDir('topheavy-slack-remove-');
let store: Store;
let source: StoreSource;
let fake: FakeSlack;
let bot: LoopbackSlack;

beforeAll(async () => {
  ({ store, source } = await storeWithFutureSnapshot(tmp.dir, 'slack-remove.db'));
  fake = await startFakeSlack();
  fake.admins.add(ADMIN);
  fake.locales.set(MEMBER, 'ja-JP');
  bot = await startLoopbackSlack(source, fake.url, { chart: null });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await store?.close();
  tmp.remove();
});

let n = 0;
/** Posts a signed request, then waits for the reply on its own response_url; returns the reply's text and blocks. */
async function ask(make: (responseUrl: string) => string): Promise<{ body: Record<string, unknown>; text: string }> {
  const path = `/respond/remove-${++n}`;
  const body = make(`${fake.url}${path}`);
  const res = await fetch(bot.url, { method: 'POST', headers: signedHeaders(body), body });
  expect(res.status).toBe(200);
  await res.text();
  const [reply] = await fake.waitFor(path);
  await bot.slack.drained();
  return { body: reply!.body, text: JSON.stringify(reply!.body.blocks) };
}

const command = (text: string, user: string) => ask((url) => commandBody('remove-snapshot', text, url, { user }));

/** The button of a reply, as Slack would post it back when pressed. */
function buttonOf(body: Record<string, unknown>): { action_id: string; value: string } {
  const actions = (body.blocks as { type: string; elements?: { type: string; action_id: string; value: string }[] }[]).find((b) => b.type === 'actions');
  const button = actions?.elements?.find((e) => e.type === 'button');
  if (!button) throw new Error(`no button in ${JSON.stringify(body.blocks)}`);
  return { action_id: button.action_id, value: button.value };
}

describe('/remove-snapshot on Slack: workspace admins remove a bad snapshot, after confirming', () => {
  test('a member who is not a workspace admin is refused in Japanese (their locale), also when pressing an admin’s button; nothing is removed', async () => {
    const refused = await command('TEST as-of=2099-01-01', MEMBER);
    expect(refused.body.response_type).toBe('ephemeral');
    expect(refused.text).toMatch(/サーバー管理者.*何も削除していません/);
    const preview = await command('TEST as-of=2099-01-01', ADMIN);
    const pressed = await ask((url) => actionBody(buttonOf(preview.body), url, { user: MEMBER }));
    expect(pressed.text).toMatch(/サーバー管理者.*何も削除していません/);
    expect(await storedDates(store)).toEqual(ALL);
  });

  test('unknown fund and unknown date are refused saying what is stored; nothing is removed', async () => {
    expect((await command('NOPE', ADMIN)).text).toContain('No snapshot of NOPE is stored');
    expect((await command('TEST as-of=2030-01-01', ADMIN)).text).toContain('TEST has no snapshot dated 2030-01-01, so nothing was removed. Stored as-of dates: 2026-01-30, 2099-01-01.');
    expect((await command('TEST as-of=2099-01-01 confirm=123456789abc', ADMIN)).text).toContain('This confirmation code does not match what is stored now');
    expect(await storedDates(store)).toEqual(ALL);
  });

  test('an admin asks, sees fund, date and file; the Remove button replaces the preview with the result; only that snapshot goes', async () => {
    const preview = await command('TEST as-of=2099-01-01', ADMIN);
    expect(preview.body.response_type).toBe('ephemeral');
    expect(preview.text).toContain('Remove this snapshot of TEST?');
    expect(preview.text).toContain('Afterwards TEST is answered from TEST_holdings.csv, as of 2026-01-30.');
    expect(preview.text).toMatch(/TEST_holdings_2099\.csv +2099-01-01 +4 /);
    expect(await storedDates(store)).toEqual(ALL);
    const button = buttonOf(preview.body);
    expect(button.action_id).toBe('cmd:remove-snapshot:update');
    expect(button.value).toMatch(/^TEST as-of=2099-01-01 confirm=[0-9a-f]{12}$/);

    const done = await ask((url) => actionBody(button, url, { user: ADMIN }));
    expect(done.body.replace_original).toBe(true);
    expect(done.text).toContain('Removed 1 snapshot of TEST');
    expect(done.text).toContain('TEST is now answered from TEST_holdings.csv, as of 2026-01-30.');
    expect(await storedDates(store)).toEqual(['OTHR 2099-01-01', 'TEST 2026-01-30']);
    // /hhi reads what is left at once.
    const hhi = await ask((url) => commandBody('hhi', 'TEST', url, { user: MEMBER }));
    expect(hhi.text).toContain('2026-01-30');
    expect(hhi.text).not.toContain('2099-01-01');
  });

  test('a confirmation code is bound to the person shown the preview: another admin typing it removes nothing', async () => {
    fake.admins.add('U0OTHERADMIN');
    const preview = await command('OTHR', ADMIN);
    const code = /confirm=([0-9a-f]{12})/.exec(buttonOf(preview.body).value)![1];
    const other = await command(`OTHR confirm=${code}`, 'U0OTHERADMIN');
    expect(other.text).toContain('This confirmation code does not match');
    expect(await storedDates(store)).toEqual(['OTHR 2099-01-01', 'TEST 2026-01-30']);
    // Typed by the admin who saw it, the second command removes every OTHR snapshot (no date given).
    const done = await command(`OTHR confirm=${code}`, ADMIN);
    expect(done.text).toContain('Removed 1 snapshot of OTHR');
    expect(done.text).toContain('No snapshot of OTHR is left');
    expect(await storedDates(store)).toEqual(['TEST 2026-01-30']);
  });
});
