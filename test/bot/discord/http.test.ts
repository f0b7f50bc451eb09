import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { dispatch } from '../../../src/bot/dispatch.ts';
import { startHttpServer, type RunningHttpServer } from '../../../src/bot/discord/http.ts';
import { tokenBucket } from '../../../src/bot/discord/rate-limit.ts';
import { publicKeyToHex } from '../../../src/bot/discord/verify.ts';
import { memoryLogger } from '../../../src/bot/log.ts';
import { decimal, integer, percent } from '../../../src/commands/format.ts';
import type { Catalog } from '../../../src/holdings/catalog.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { contextFor } from '../../support/context.ts';
import { autocompletePayload, buttonPayload, commandPayload, runtimeFor, signedHeaders, testKeys } from './support.ts';

const keys = testKeys();
let catalog: Catalog;
let server: RunningHttpServer;
let second: RunningHttpServer;
let dispatched = 0;

beforeAll(async () => {
  if (!HAS_RAW) return;
  catalog = await rawCatalog();
  const options = {
    runtime: runtimeFor(catalog),
    // The portal's form of the key: 64 hex characters.
    publicKey: publicKeyToHex(keys.publicKey),
    host: '127.0.0.1',
    handler: {
      // One test user sends many commands here; the per-user limit has its own tests (handler.test.ts).
      limiter: tokenBucket(10_000, 1_000),
      dispatch: (inv: Parameters<typeof dispatch>[0], ctx: Parameters<typeof dispatch>[1]) => {
        dispatched++;
        return dispatch(inv, ctx, memoryLogger());
      },
    },
  };
  server = await startHttpServer(options);
  second = await startHttpServer(options);
});
afterAll(async () => {
  await server?.close();
  await second?.close();
});

async function post(body: string, headers: Record<string, string>, url = server.url): Promise<{ status: number; json: any }> {
  const r = await fetch(url, { method: 'POST', body, headers });
  return { status: r.status, json: await r.json() };
}
const signedPost = (payload: unknown, url = server.url) => {
  const body = JSON.stringify(payload);
  return post(body, signedHeaders(body, keys.privateKey), url);
};
const field = (embed: APIEmbed, name: string) => embed.fields?.find((f) => f.name === name)?.value;

describe.skipIf(!HAS_RAW)('Discord HTTP interactions over loopback, real signed requests', () => {
  test('PING → PONG', async () => {
    const { status, json } = await signedPost({ type: 1, id: '1', application_id: '2', token: 't', version: 1 });
    expect(status).toBe(200);
    expect(json).toEqual({ type: 1 });
  });

  test('/hhi VT → type 4 whose embed shows the figures of the View data and of Σw² recomputed here', async () => {
    const before = dispatched;
    const { status, json } = await signedPost(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]));
    expect(status).toBe(200);
    expect(json.type).toBe(4);
    expect(dispatched).toBe(before + 1);
    expect(json.data.allowed_mentions).toEqual({ parse: [] });
    const embed = json.data.embeds[0] as APIEmbed;
    const view = await dispatch({ command: 'hhi', options: { fund: 'VT' } }, contextFor(catalog, 'en'), memoryLogger());
    const data = view.data as { effectiveN: number; count: number; top10: number };
    expect(field(embed, 'Effective N (1/HHI)')).toBe(decimal(data.effectiveN));
    expect(field(embed, 'Holdings')).toBe(integer(data.count));
    expect(field(embed, 'Top 10')).toBe(percent(data.top10));
    // The same numbers from the positions directly, not via analytics.
    const w = catalog.funds.get('VT')!.holdings.positions.map((p) => p.weight).sort((a, b) => b - a);
    expect(field(embed, 'Effective N (1/HHI)')).toBe(decimal(1 / w.reduce((s, x) => s + x * x, 0)));
    expect(field(embed, 'Holdings')).toBe(integer(w.length));
    expect(embed.fields?.find((f) => f.name === 'Sources')?.value).toContain('VT');
    expect(embed.color).toBeTypeOf('number');
  });

  test('/overlap VOO QQQ (fund1, fund2) → type 4 with the overlap and shared-name table of the View', async () => {
    const { json } = await signedPost(
      commandPayload('overlap', [
        { name: 'fund1', type: 3, value: 'VOO' },
        { name: 'fund2', type: 3, value: 'QQQ' },
      ]),
    );
    expect(json.type).toBe(4);
    const embed = json.data.embeds[0] as APIEmbed;
    const view = await dispatch({ command: 'overlap', options: { funds: ['VOO', 'QQQ'] } }, contextFor(catalog, 'en'), memoryLogger());
    const data = view.data as { weightOverlap: number; commonCount: number; topShared: { min: number }[] };
    expect(field(embed, 'Weight overlap')).toBe(percent(data.weightOverlap));
    expect(field(embed, 'Names in common')).toContain(integer(data.commonCount));
    for (const s of data.topShared.slice(0, 5)) expect(embed.description).toContain(percent(s.min));
  });

  test('autocomplete → type 8 with at most 25 choices, prefix matches first', async () => {
    const { json } = await signedPost(autocompletePayload('hhi', 'fund', 'v'));
    expect(json.type).toBe(8);
    const values = (json.data.choices as { value: string }[]).map((c) => c.value);
    expect(values.length).toBeGreaterThan(0);
    expect(values.length).toBeLessThanOrEqual(25);
    expect(values.slice(0, 3).every((v) => v.startsWith('V'))).toBe(true);
    const empty = await signedPost(autocompletePayload('overlap', 'fund2', ''));
    expect(empty.json.data.choices.length).toBe(Math.min(25, catalog.funds.size));
  });

  test('a button press on a cmd custom id that updates its card → type 7 with the new card', async () => {
    const { json } = await signedPost(buttonPayload('upd:hhi:fund=QQQ'));
    expect(json.type).toBe(7);
    expect(json.data.embeds[0].title).toContain('QQQ');
    const paged = await signedPost(buttonPayload('page:0:funds:'));
    expect(paged.json.type).toBe(7);
    const fresh = await signedPost(buttonPayload('cmd:hhi:fund=SPY'));
    expect(fresh.json.type).toBe(4);
  });

  test('an unknown fund is an ephemeral error reply, never a stack trace', async () => {
    const { json } = await signedPost(commandPayload('hhi', [{ name: 'fund', type: 3, value: '@everyone' }]));
    expect(json.type).toBe(4);
    expect(json.data.flags).toBe(64);
    const text = JSON.stringify(json.data.embeds);
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(text).not.toContain('@everyone');
  });

  describe('refused requests are answered before anything is dispatched', () => {
    const body = JSON.stringify(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]));
    test.each([
      ['a signature from another key', () => signedHeaders(body, testKeys().privateKey), body, 401],
      ['no signature headers', () => ({ 'content-type': 'application/json' }), body, 401],
      ['a timestamp without a signature', () => ({ 'x-signature-timestamp': '1' }), body, 401],
      ['a garbage signature', () => ({ 'x-signature-ed25519': 'zz', 'x-signature-timestamp': '1' }), body, 401],
      ['a tampered body', () => signedHeaders(body, keys.privateKey), body.replace('VT', 'QQ'), 401],
      ['a tampered timestamp', () => ({ ...signedHeaders(body, keys.privateKey), 'x-signature-timestamp': '12345' }), body, 401],
    ] as const)('%s → %i', async (_name, headers, sent, status) => {
      const before = dispatched;
      const r = await post(sent, headers());
      expect(r.status).toBe(status);
      expect(dispatched).toBe(before);
    });

    test('a body over 64 KiB, even signed → 413', async () => {
      const before = dispatched;
      const big = JSON.stringify({ ...commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]), pad: 'x'.repeat(70 * 1024) });
      const r = await post(big, signedHeaders(big, keys.privateKey));
      expect(r.status).toBe(413);
      // Streamed without a content-length: the cap applies while reading, too.
      const stream = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(big));
          c.close();
        },
      });
      const chunked = await fetch(server.url, { method: 'POST', body: stream, headers: signedHeaders(big, keys.privateKey), duplex: 'half' } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(dispatched).toBe(before);
    });

    test('GET and other paths are refused', async () => {
      expect((await fetch(server.url)).status).toBe(405);
      const body2 = JSON.stringify({ type: 1 });
      expect((await fetch(`${server.url}other`, { method: 'POST', body: body2, headers: signedHeaders(body2, keys.privateKey) })).status).toBe(404);
    });

    test('signed but not an interaction → 400', async () => {
      const r = await post('{"hello":1}', signedHeaders('{"hello":1}', keys.privateKey));
      expect(r.status).toBe(400);
    });
  });

  test('two workers on different ports give identical answers', async () => {
    expect(second.port).not.toBe(server.port);
    const payloads = [
      commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]),
      commandPayload('overlap', [
        { name: 'fund1', type: 3, value: 'VOO' },
        { name: 'fund2', type: 3, value: 'QQQ' },
      ]),
      autocompletePayload('hhi', 'fund', 'Q'),
      buttonPayload('upd:hhi:fund=IVV'),
      commandPayload('funds', [], { locale: 'ja' }),
    ];
    for (const p of payloads) {
      const [a, b] = await Promise.all([signedPost(p, server.url), signedPost(p, second.url)]);
      expect(a.status).toBe(200);
      expect(b.json).toEqual(a.json);
    }
  });
});
