import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { dispatch } from '../../../bot/dispatch.ts';
import { startHttpServer, type RunningHttpServer } from '../../../bot/discord/http.ts';
import type { FollowUp } from '../../../bot/discord/interaction.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import { publicKeyToHex } from '../../../bot/discord/verify.ts';
import { memoryLogger } from '../../../bot/log.ts';
import { decimal, integer, percent } from '../../../commands/format.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { DEFAULT_WIDTH } from '../../../charts/index.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { contextFor } from '../../support/context.ts';
import { autocompletePayload, buttonPayload, commandPayload, runtimeFor, signedHeaders, testKeys } from './support.ts';

const keys = testKeys();
let catalog: Catalog;
let server: RunningHttpServer;
let second: RunningHttpServer;
let dispatched = 0;
/** Chart edits the handler sent after answering (none expected: the charts are ready in time). */
const followUps: FollowUp[] = [];

beforeAll(async () => {
  if (!HAS_RAW) return;
  catalog = await rawCatalog();
  // Load the charts module and its fonts once here, so the first request's chart is not a cold start racing the deadline.
  const { renderViewPng } = await import('../../../charts/index.ts');
  await renderViewPng(await dispatch({ command: 'hhi', text: 'SPY' }, contextFor(catalog, 'en'), memoryLogger()), 'dark');
  const options = {
    runtime: runtimeFor(catalog),
    // The portal's form of the key: 64 hex characters.
    publicKey: publicKeyToHex(keys.publicKey),
    host: '127.0.0.1',
    handler: {
      // One test user sends many commands here; the per-user limit has its own tests (handler.test.ts).
      limiter: tokenBucket(10_000, 1_000),
      // Never the real webhook: a late chart would show up here (and fail the test that looks).
      followUp: async (f: FollowUp) => void followUps.push(f),
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

interface Answer {
  status: number;
  json: any;
  contentType: string;
  /** `files[n]` parts of a multipart answer, in order. */
  files: { field: string; name: string; type: string; bytes: Buffer }[];
}

/** Reads an answer as Discord would: JSON, or multipart with `payload_json` and `files[n]` (parsed by undici, not by our encoder). */
async function post(body: string, headers: Record<string, string>, url = server.url): Promise<Answer> {
  const r = await fetch(url, { method: 'POST', body, headers });
  const contentType = r.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data')) return { status: r.status, json: await r.json(), contentType, files: [] };
  const form = await r.formData();
  const files: Answer['files'] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    files.push({ field, name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { status: r.status, json: JSON.parse(String(form.get('payload_json'))), contentType, files };
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
    expect(field(embed, 'Effective N (1/HHI)')).toMatch(new RegExp(`^${decimal(data.effectiveN)} of ${integer(data.count)} · HHI `));
    expect(embed.description).toContain(percent(data.top10, 1));
    // The same numbers from the positions directly, not via analytics.
    const w = catalog.funds.get('VT')!.holdings.positions.map((p) => p.weight).sort((a, b) => b - a);
    expect(field(embed, 'Effective N (1/HHI)')!.startsWith(`${decimal(1 / w.reduce((s, x) => s + x * x, 0))} of ${integer(w.length)} · `)).toBe(true);
    expect(embed.fields?.find((f) => f.name === 'Sources')?.value).toContain('VT');
    expect(embed.color).toBeTypeOf('number');
  });

  test('/hhi VT → multipart: payload_json whose embed shows attachment://chart.png, and files[0] a PNG of the chart width', async () => {
    const { status, json, contentType, files } = await signedPost(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]));
    expect(status).toBe(200);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(json.type).toBe(4);
    expect(json.data.embeds[0].image).toEqual({ url: 'attachment://chart.png' });
    expect(json.data.attachments).toEqual([{ id: 0, filename: 'chart.png' }]);
    expect(json.data.allowed_mentions).toEqual({ parse: [] });
    expect(json.files).toBeUndefined();
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file).toMatchObject({ field: 'files[0]', name: 'chart.png', type: 'image/png' });
    const png = file!.bytes;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // The first chunk is IHDR: length 13, then width and height, big-endian.
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(DEFAULT_WIDTH);
    expect(png.readUInt32BE(20)).toBeGreaterThan(100);
    expect(followUps).toEqual([]);
  });

  test('/funds (a card without a chart) stays plain JSON with no image and no attachments', async () => {
    const { json, contentType, files } = await signedPost(commandPayload('funds', []));
    expect(contentType).toBe('application/json');
    expect(json.type).toBe(4);
    expect(json.data.embeds[0].image).toBeUndefined();
    expect(json.data.attachments).toBeUndefined();
    expect(files).toEqual([]);
  });

  test('/lesson topic: autocomplete → lesson ids with titles in the reader\'s language, ≤ 25', async () => {
    const en = await signedPost(autocompletePayload('lesson', 'topic', 'hhi'));
    expect(en.json.type).toBe(8);
    expect(en.json.data.choices[0]).toEqual({ name: 'HHI and effective N: how many names really count (hhi-and-effective-n)', value: 'hhi-and-effective-n' });
    const all = await signedPost({ ...autocompletePayload('lesson', 'topic', ''), locale: 'ja' });
    const choices = all.json.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(10);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.every((c) => c.name.length <= 100 && /^[a-z0-9-]+$/.test(c.value))).toBe(true);
    expect(choices.some((c) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(c.name))).toBe(true);
    const nothing = await signedPost(autocompletePayload('lesson', 'topic', 'zzzz-no-such-lesson'));
    expect(nothing.json.data.choices).toEqual([]);
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
      expect(b.files).toEqual(a.files);
    }
  });
});
