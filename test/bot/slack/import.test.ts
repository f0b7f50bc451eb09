import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoreSource } from '../../../bot/data-source.ts';
import { importShareOf } from '../../../bot/slack/app.ts';
import { isSlackFileUrl, parseImportText } from '../../../bot/slack/file-share.ts';
import { Store } from '../../../store/store.ts';
import { tempDir } from '../../store/helpers.ts';
import { BOT_TOKEN, commandBody, signedHeaders, startFakeSlack, startLoopbackSlack, triggerId, type Captured, type FakeSlack, type LoopbackSlack } from './support.ts';

const FIXTURE = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/invesco/TEST_holdings.csv'));
const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';

const tmp = tempDir('topheavy-slack-import-');
let store: Store;
let source: StoreSource;
let fake: FakeSlack;
let bot: LoopbackSlack;

beforeAll(async () => {
  store = await Store.open(`file:${path.join(tmp.dir, 'slack-import.db')}`);
  source = new StoreSource(store, tmp.dir);
  await source.refresh();
  fake = await startFakeSlack();
  fake.admins.add(ADMIN);
  bot = await startLoopbackSlack(source, fake.url, {
    chart: null,
    // The fake's file host stands in for files.slack.com; nothing else may receive the token.
    isAllowedFileUrl: (url) => url.startsWith(`${fake.url}/files-pri/`),
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await store?.close();
  tmp.remove();
});

let tsCounter = 0;
/** A fresh message ts, as Slack gives each message. */
const nextTs = () => `1700000${String(++tsCounter).padStart(3, '0')}.000100`;

interface ShareOptions {
  user?: string;
  text?: string;
  channel?: string;
  channelType?: 'channel' | 'im';
  /** Path on the fake file host; the file is served there unless `serve` is false. */
  filePath?: string;
  files?: number;
  botId?: string;
  subtype?: string;
}

/** A `message` event with `subtype: file_share`, wrapped as Slack's event_callback. */
function shareBody(o: ShareOptions = {}): { body: string; ts: string; channel: string } {
  const ts = nextTs();
  const channel = o.channel ?? 'C0TEST';
  const filePath = o.filePath ?? `/files-pri/T0TEST-F${tsCounter}/TEST_holdings.csv`;
  const file = (i: number) => ({
    id: `F${tsCounter}x${i}`,
    name: 'TEST_holdings.csv',
    title: 'TEST_holdings.csv',
    mimetype: 'text/csv',
    filetype: 'csv',
    size: FIXTURE.length,
    url_private: `${fake.url}${filePath}`,
    url_private_download: `${fake.url}${filePath}`,
  });
  const event = {
    type: 'message',
    subtype: o.subtype ?? 'file_share',
    text: o.text ?? 'import TEST',
    user: o.user ?? ADMIN,
    ...(o.botId ? { bot_id: o.botId } : {}),
    channel,
    channel_type: o.channelType ?? 'channel',
    ts,
    event_ts: ts,
    upload: true,
    files: Array.from({ length: o.files ?? 1 }, (_, i) => file(i)),
  };
  const body = JSON.stringify({
    token: 'legacy-verification-token-unused',
    team_id: 'T0TEST',
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: `Ev${triggerId().replace('.', '')}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return { body, ts, channel };
}

async function postEvent(body: string): Promise<number> {
  const res = await fetch(bot.url, { method: 'POST', headers: { ...signedHeaders(body), 'content-type': 'application/json' }, body });
  await res.text();
  return res.status;
}

const count = (p: string) => fake.received.filter((r) => r.path === p).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const blocksText = (r: Captured) => String(r.body.blocks);

/** Shares, then waits for the bot's reply on `replyPath` (chat.postMessage or chat.postEphemeral). */
async function shareAndWait(o: ShareOptions, replyPath: '/api/chat.postMessage' | '/api/chat.postEphemeral') {
  const before = count(replyPath);
  const share = shareBody(o);
  expect(await postEvent(share.body)).toBe(200);
  const replies = await fake.waitFor(replyPath, before + 1);
  await bot.slack.drained();
  return { ...share, reply: replies[before]! };
}

describe('Slack: an admin shares an issuer file with `import FUND`', () => {
  test('GIVEN a workspace admin WHEN they share TEST_holdings.csv with "import TEST" THEN it is downloaded with the bot token, stored, the thread reply says so, and /hhi TEST works', async () => {
    const filePath = '/files-pri/T0TEST-F1/TEST_holdings.csv';
    fake.files.set(filePath, FIXTURE);
    const runs = bot.runs.length;
    const { reply, ts, channel } = await shareAndWait({ filePath }, '/api/chat.postMessage');

    // users.info decided: the admin flag, looked up for this user.
    expect(fake.received.some((r) => r.path === '/api/users.info' && r.body.user === ADMIN)).toBe(true);
    // The file came from url_private_download with the bot token.
    const downloads = fake.received.filter((r) => r.path === filePath);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(bot.runs.slice(runs)).toEqual([{ command: 'import', options: { fund: 'TEST', file: 'TEST_holdings.csv' } }]);

    // A reply in the message's thread, with the card's text and blocks.
    expect(reply.body).toMatchObject({ channel, thread_ts: ts });
    expect(String(reply.body.text)).toMatch(/Imported TEST/);
    expect(String(reply.body.text)).toMatch(/Stored as a new snapshot/);
    expect(blocksText(reply)).toContain('TEST (Invesco)');
    expect(blocksText(reply)).toContain('*Status*\\nstored');

    expect(await store.snapshots('TEST')).toHaveLength(1);
    expect(source.get('TEST')?.positions).toHaveLength(4);

    // Everyone can now ask about it.
    const body = commandBody('hhi', 'TEST', `${fake.url}/respond/hhi-test`, { user: MEMBER });
    await fetch(bot.url, { method: 'POST', headers: signedHeaders(body), body });
    const [hhi] = await fake.waitFor('/respond/hhi-test');
    expect(hhi!.body.response_type).toBe('in_channel');
    expect(JSON.stringify(hhi!.body.blocks)).toContain('Source: TEST — Invesco, TEST_holdings.csv, as of 2026-01-30');
  });

  test('GIVEN the same file shared again (in a DM, as "/import test" in full-width) THEN the reply says unchanged and no snapshot is added', async () => {
    const filePath = '/files-pri/T0TEST-F2/TEST_holdings.csv';
    fake.files.set(filePath, FIXTURE);
    const { reply, ts } = await shareAndWait({ filePath, channel: 'D0ADMIN', channelType: 'im', text: '／ｉｍｐｏｒｔ　ｔｅｓｔ' }, '/api/chat.postMessage');
    expect(reply.body).toMatchObject({ channel: 'D0ADMIN', thread_ts: ts });
    expect(String(reply.body.text)).toMatch(/already stored/);
    expect(blocksText(reply)).toContain('*Status*\\nunchanged');
    expect(fake.received.filter((r) => r.path === filePath)).toHaveLength(1);
    expect(await store.snapshots('TEST')).toHaveLength(1);
  });

  test('GIVEN a member who is not an admin THEN an ephemeral refusal goes to them alone and the file is never downloaded', async () => {
    const filePath = '/files-pri/T0TEST-F3/TEST_holdings.csv';
    fake.files.set(filePath, FIXTURE);
    const posted = count('/api/chat.postMessage');
    const { reply, ts } = await shareAndWait({ filePath, user: MEMBER, text: 'import NEWFUND' }, '/api/chat.postEphemeral');
    expect(reply.body).toMatchObject({ channel: 'C0TEST', user: MEMBER, thread_ts: ts });
    expect(String(reply.body.text)).toMatch(/Only server admins/);
    expect(fake.received.filter((r) => r.path === filePath)).toEqual([]);
    expect(count('/api/chat.postMessage')).toBe(posted);
    expect(await store.snapshots('NEWFUND')).toHaveLength(0);
  });

  test('GIVEN a file URL off Slack’s file hosts THEN the token is not sent there and the admin is told the file could not be fetched', async () => {
    const posted = count('/api/chat.postMessage');
    const before = fake.received.length;
    const share = shareBody({ text: 'import ELSE' });
    const event = JSON.parse(share.body) as { event: { files: { url_private_download: string; url_private: string }[] } };
    event.event.files[0]!.url_private_download = `${fake.url}/elsewhere/TEST_holdings.csv`;
    event.event.files[0]!.url_private = `${fake.url}/elsewhere/TEST_holdings.csv`;
    const ephemerals = count('/api/chat.postEphemeral');
    expect(await postEvent(JSON.stringify(event))).toBe(200);
    const reply = (await fake.waitFor('/api/chat.postEphemeral', ephemerals + 1))[ephemerals]!;
    await bot.slack.drained();
    expect(String(reply.body.text)).toMatch(/Could not fetch TEST_holdings\.csv .*not a Slack file link/);
    expect(fake.received.slice(before).some((r) => r.path.startsWith('/elsewhere/'))).toBe(false);
    expect(count('/api/chat.postMessage')).toBe(posted);
  });

  test('GIVEN two files in one share THEN the admin is asked for exactly one and nothing is downloaded', async () => {
    const before = fake.received.length;
    const { reply } = await shareAndWait({ files: 2, filePath: '/files-pri/T0TEST-F5/TEST_holdings.csv' }, '/api/chat.postEphemeral');
    expect(String(reply.body.text)).toMatch(/exactly one holdings file/);
    expect(fake.received.slice(before).some((r) => r.path.startsWith('/files-pri/'))).toBe(false);
  });

  test('GIVEN a file share without the import keyword, or a bot’s file share THEN nothing runs, nothing is downloaded or posted', async () => {
    const runs = bot.runs.length;
    const before = fake.received.length;
    const plain = shareBody({ text: 'here are the new holdings' });
    const bot1 = shareBody({ botId: 'B0OTHER' });
    const bot2 = shareBody({ subtype: 'bot_message' });
    const noFile = shareBody({ subtype: undefined, text: 'import TEST', files: 0 });
    const edited = JSON.parse(noFile.body) as { event: Record<string, unknown> };
    delete edited.event.subtype;
    for (const body of [plain.body, bot1.body, bot2.body, JSON.stringify(edited)]) expect(await postEvent(body)).toBe(200);
    await sleep(300);
    await bot.slack.drained();
    expect(bot.runs.length).toBe(runs);
    expect(fake.received.slice(before)).toEqual([]);
  });

  test('GIVEN /import as a Slack slash command THEN an admin is pointed to sharing the file with "import FUND"', async () => {
    const body = commandBody('import', 'TEST file=x.csv', `${fake.url}/respond/slash-import`, { user: ADMIN });
    await fetch(bot.url, { method: 'POST', headers: signedHeaders(body), body });
    const [reply] = await fake.waitFor('/respond/slash-import');
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply!.body.blocks)).toContain('with `import TICKER` as the message');
  });
});

describe('Slack import messages, parsed', () => {
  test('the keyword with a fund, in ASCII or full-width, with or without a slash or a leading mention', () => {
    expect(parseImportText('import IVV')).toEqual({ fund: 'IVV' });
    expect(parseImportText('/import ivv')).toEqual({ fund: 'ivv' });
    expect(parseImportText('  Import  VT  ')).toEqual({ fund: 'VT' });
    expect(parseImportText('／ｉｍｐｏｒｔ　ＩＶＶ')).toEqual({ fund: 'IVV' });
    expect(parseImportText('ｉｍｐｏｒｔ　ＱＱＱ')).toEqual({ fund: 'QQQ' });
    expect(parseImportText('<@U0BOT> import IVV')).toEqual({ fund: 'IVV' });
    expect(parseImportText('import')).toEqual({ fund: '' });
    expect(parseImportText('please import IVV')).toBeNull();
    expect(parseImportText('important numbers')).toBeNull();
    expect(parseImportText('')).toBeNull();
    expect(parseImportText(undefined)).toBeNull();
  });

  test('only a person’s file_share with the keyword is an import', () => {
    const base = { type: 'message' as const, subtype: 'file_share', user: 'U1', channel: 'C1', ts: '1.2', text: 'import IVV', files: [{ name: 'a.csv' }] };
    expect(importShareOf(base)).toMatchObject({ fund: 'IVV', user: 'U1', channel: 'C1', ts: '1.2', threadTs: undefined });
    expect(importShareOf({ ...base, thread_ts: '1.0' })?.threadTs).toBe('1.0');
    expect(importShareOf({ ...base, bot_id: 'B1' })).toBeNull();
    expect(importShareOf({ ...base, subtype: 'message_changed' })).toBeNull();
    expect(importShareOf({ ...base, subtype: undefined })).toBeNull();
    expect(importShareOf({ ...base, text: 'look at this' })).toBeNull();
  });

  test('files are fetched only from Slack’s file hosts over https', () => {
    expect(isSlackFileUrl('https://files.slack.com/files-pri/T1-F1/download/ivv.csv')).toBe(true);
    expect(isSlackFileUrl('https://files.slack-gov.com/files-pri/T1-F1/download/ivv.csv')).toBe(true);
    expect(isSlackFileUrl('http://files.slack.com/files-pri/T1-F1/ivv.csv')).toBe(false);
    expect(isSlackFileUrl('https://files.slack.com.evil.example/ivv.csv')).toBe(false);
    expect(isSlackFileUrl('https://evil.example/files.slack.com/ivv.csv')).toBe(false);
    expect(isSlackFileUrl('not a url')).toBe(false);
  });
});
