import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_COMMANDS, applicationCommands } from '../../../bot/discord/commands.ts';
import { startHttpServer, type RunningHttpServer } from '../../../bot/discord/http.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import { StoreSource } from '../../../bot/data-source.ts';
import { dispatch } from '../../../bot/dispatch.ts';
import { memoryLogger } from '../../../bot/log.ts';
import { Store } from '../../../store/store.ts';
import { NOW } from '../../support/context.ts';
import { tempDir } from '../../store/helpers.ts';
import { commandPayload, MEMBER, signedHeaders, testKeys } from './support.ts';

const FIXTURE = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/invesco/TEST_holdings.csv'));
const keys = testKeys();
const tmp = tempDir();
let store: Store;
let source: StoreSource;
let bot: RunningHttpServer;
/** Stands in for Discord's CDN: serves the fixture, a 404, and a body that never ends. */
let cdn: Server;
let cdnUrl: string;
const cdnHits: string[] = [];

beforeAll(async () => {
  store = await Store.open(`file:${path.join(tmp.dir, 'discord-import.db')}`);
  source = new StoreSource(store, tmp.dir);
  await source.refresh();
  cdn = createServer((req, res) => {
    cdnHits.push(req.url ?? '');
    if (req.url?.startsWith('/attachments/TEST_holdings.csv')) {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': FIXTURE.length });
      res.end(FIXTURE);
    } else if (req.url?.startsWith('/slow')) {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('Fund Ticker,');
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
  bot = await startHttpServer({
    runtime: { context: (lang, requester) => ({ lang, requester, data: source, now: NOW, staleAfterDays: 30 }) },
    publicKey: keys.publicKey,
    host: '127.0.0.1',
    handler: {
      limiter: tokenBucket(10_000, 1_000),
      // Long enough that every answer here is immediate (no deferral), short attachment timeout for the stalled CDN.
      deadlineMs: 10_000,
      attachmentLimits: { timeoutMs: 500 },
      // The stand-in CDN is on loopback; production takes Discord's CDN hosts only.
      isAllowedAttachmentUrl: (url) => url.startsWith(cdnUrl),
      chart: null,
      followUp: async () => {},
      dispatch: (inv, ctx) => dispatch(inv, ctx, memoryLogger()),
    },
  });
});
afterAll(async () => {
  await bot?.close();
  cdn?.closeAllConnections();
  await new Promise<void>((resolve) => cdn?.close(() => resolve()));
  await store?.close();
  tmp.remove();
});

/** A real /import interaction: the attachment option carries an id, the file itself sits in data.resolved. */
function importPayload(file: string, member: Record<string, unknown> = MEMBER) {
  const p = commandPayload('import', [{ name: 'fund', type: 3, value: 'TEST' }]);
  const attachment = { id: '888888888888888888', filename: 'TEST_holdings.csv', size: FIXTURE.length, url: `${cdnUrl}${file}`, proxy_url: `${cdnUrl}${file}`, content_type: 'text/csv; charset=utf-8', ephemeral: true };
  return {
    ...p,
    member,
    data: { ...p.data, options: [...p.data.options, { name: 'file', type: 11, value: attachment.id }], resolved: { attachments: { [attachment.id]: attachment } } },
  };
}

async function send(payload: unknown): Promise<any> {
  const body = JSON.stringify(payload);
  const r = await fetch(bot.url, { method: 'POST', body, headers: signedHeaders(body, keys.privateKey) });
  expect(r.status).toBe(200);
  return r.json();
}

describe('/import on Discord: an attachment option', () => {
  test('registration: the file is an ATTACHMENT option (type 11) and only Manage Server sees the command by default', () => {
    const json = applicationCommands().find((c) => c.name === 'import')!;
    expect(json.default_member_permissions).toBe('32');
    expect(json.options).toEqual([
      expect.objectContaining({ type: 3, name: 'fund', required: true, autocomplete: true }),
      expect.objectContaining({ type: 11, name: 'file', required: true }),
    ]);
    // Every other command stays open to everyone.
    for (const c of applicationCommands().filter((c) => !ADMIN_COMMANDS.has(c.name))) expect(c.default_member_permissions ?? null).toBeNull();
    expect([...ADMIN_COMMANDS].sort()).toEqual(['import', 'remove-snapshot']);
  });

  test('a member without Manage Server is refused ephemerally and the file is never fetched', async () => {
    const before = cdnHits.length;
    const answer = await send(importPayload('/attachments/TEST_holdings.csv', { ...MEMBER, permissions: '0' }));
    expect(answer.type).toBe(4);
    expect(answer.data.flags & 64).toBe(64);
    expect(answer.data.embeds[0].description).toMatch(/Only server admins/);
    expect(cdnHits.length).toBe(before);
    expect(await store.snapshots()).toHaveLength(0);
  });

  test('an admin’s upload is downloaded from its url, stored, and served by /hhi at once', async () => {
    const answer = await send(importPayload('/attachments/TEST_holdings.csv?ex=1&is=2'));
    expect(answer.type).toBe(4);
    const embed = answer.data.embeds[0];
    expect(embed.title).toMatch(/^Imported TEST/);
    expect(embed.fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Status', value: 'stored' }), expect.objectContaining({ name: 'Positions', value: '4' })]));
    expect(cdnHits).toContain('/attachments/TEST_holdings.csv?ex=1&is=2');
    expect(await store.snapshots('TEST')).toHaveLength(1);
    const hhi = await send(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'TEST' }]));
    expect(hhi.data.embeds[0].title).toMatch(/TEST/);
    expect(hhi.data.flags & 64).toBe(0);
    // Again: unchanged, nothing added.
    const again = await send(importPayload('/attachments/TEST_holdings.csv'));
    expect(again.data.embeds[0].fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Status', value: 'unchanged' })]));
    expect(await store.snapshots('TEST')).toHaveLength(1);
  });

  test('a failed or stalled download is a friendly error and stores nothing new', async () => {
    const missing = await send(importPayload('/gone.csv'));
    expect(missing.data.embeds[0].description).toMatch(/Could not fetch TEST_holdings\.csv .*HTTP 404/);
    const stalled = await send(importPayload('/slow.csv'));
    expect(stalled.data.embeds[0].description).toMatch(/Could not fetch TEST_holdings\.csv .*within/);
    expect(await store.snapshots('TEST')).toHaveLength(1);
  });
});
