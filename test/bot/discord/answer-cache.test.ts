import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AnswerCache, answerKey } from '../../../bot/discord/answer-cache.ts';
import { createHandler, type MessageResponse } from '../../../bot/discord/interaction.ts';
import type { Context, DirectoryAccess } from '../../../commands/context.ts';
import { startHttpServer, type RunningHttpServer } from '../../../bot/discord/http.ts';
import { StoredInteractionIds } from '../../../store/seen-interactions.ts';
import { REPLAY_KEEP_MS } from '../../../bot/discord/replay.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import { StoreSource } from '../../../bot/data-source.ts';
import { dispatch } from '../../../bot/dispatch.ts';
import { memoryLogger } from '../../../bot/log.ts';
import { importPath } from '../../../store/import.ts';
import { Store } from '../../../store/store.ts';
import { NOW } from '../../support/context.ts';
import { tempDir } from '../../store/helpers.ts';
import { commandPayload, signedHeaders, testKeys } from './support.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/invesco/TEST_holdings.csv');
const keys = testKeys();
const tmp = tempDir();
let store: Store;
let source: StoreSource;
let bot: RunningHttpServer;
/** Commands run and charts drawn: a cached answer does neither. */
let runs = 0;
let drawn = 0;
/** The runtime's clock, moved by the day test. */
let now = NOW;

beforeAll(async () => {
  store = await Store.open(`file:${path.join(tmp.dir, 'answer-cache.db')}`);
  expect((await importPath(store, FIXTURE, { fund: 'TEST' })).stored).toHaveLength(1);
  source = new StoreSource(store, tmp.dir);
  await source.refresh();
  bot = await startHttpServer({
    runtime: { context: (lang, requester) => ({ lang, requester, data: source, now, staleAfterDays: 30 }) },
    publicKey: keys.publicKey,
    host: '127.0.0.1',
    sharedSeen: new StoredInteractionIds(store, REPLAY_KEEP_MS),
    handler: {
      limiter: tokenBucket(10_000, 1_000),
      deadlineMs: 10_000,
      // A stand-in PNG per drawing, numbered, so a rebuilt answer shows in its bytes.
      chart: async () => Buffer.from(`\x89PNG stand-in ${++drawn}`),
      followUp: async () => {},
      dispatch: (inv, ctx) => (runs++, dispatch(inv, ctx, memoryLogger())),
    },
  });
});
afterAll(async () => {
  await bot?.close();
  await store?.close();
  tmp.remove();
});

interface Answer {
  status: number;
  /** The whole body as sent. */
  bytes: Buffer;
  /** payload_json of a multipart answer, or the JSON body. */
  json: any;
}

async function post(body: string, headers: Record<string, string>): Promise<Answer> {
  const r = await fetch(bot.url, { method: 'POST', body, headers });
  const bytes = Buffer.from(await r.arrayBuffer());
  const type = r.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/')) return { status: r.status, bytes, json: JSON.parse(bytes.toString('utf8')) };
  const start = bytes.indexOf('\r\n\r\n') + 4;
  return { status: r.status, bytes, json: JSON.parse(bytes.subarray(start, bytes.indexOf('\r\n--', start)).toString('utf8')) };
}

function hhi(fund: string, extra: { name: string; type: number; value: string | number }[] = [], payload: Record<string, unknown> = {}): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(commandPayload('hhi', [{ name: 'fund', type: 3, value: fund }, ...extra], payload));
  return { body, headers: signedHeaders(body, keys.privateKey) };
}

const ask = async (...args: Parameters<typeof hhi>) => {
  const { body, headers } = hhi(...args);
  return post(body, headers);
};

const fieldValue = (a: Answer, name: RegExp) => (a.json.data.embeds[0].fields as { name: string; value: string }[]).find((f) => name.test(f.name))?.value ?? '';

/** 1 / Σ wᵢ² of weights normalised to sum 1: the effective number of holdings, computed here from the file's own column. */
const effectiveN = (weights: number[]) => {
  const sum = weights.reduce((a, b) => a + b, 0);
  return 1 / weights.reduce((s, w) => s + (w / sum) ** 2, 0);
};

describe('the answer cache on the Discord HTTP endpoint', () => {
  test('the same /hhi is built once: the second ask (a new interaction id) gets the same bytes without running the command or drawing', async () => {
    const before = { runs, drawn };
    const first = await ask('TEST');
    const second = await ask('TEST');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.json.type).toBe(4);
    expect(runs - before.runs).toBe(1);
    expect(drawn - before.drawn).toBe(1);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    // The card's figure is the file's: NVDA 49.99, GOOGL 25, ASML 15, V 10.
    expect(fieldValue(first, /^Effective N/)).toContain(effectiveN([49.99, 25, 15, 10]).toFixed(1));
  });

  test('another locale or other options are other answers, each built once', async () => {
    const before = runs;
    const en = await ask('TEST');
    const ja = await ask('TEST', [], { locale: 'ja' });
    const company = await ask('TEST', [{ name: 'by', type: 3, value: 'company' }]);
    const page2 = await ask('TEST', [{ name: 'page', type: 4, value: 2 }]);
    expect(runs - before).toBe(3);
    expect(ja.json.data.embeds[0].title).not.toBe(en.json.data.embeds[0].title);
    expect(ja.json.data.embeds[0].fields.map((f: { name: string }) => f.name)).toContain('実効銘柄数');
    expect(page2.json.data.embeds[0].title).toMatch(/\(2\/2\)$/);
    expect(company.bytes.equals(en.bytes)).toBe(false);
    // Each again: no run, and the same bytes as its first answer.
    const again = [await ask('TEST', [], { locale: 'ja' }), await ask('TEST', [{ name: 'page', type: 4, value: 2 }])];
    expect(runs - before).toBe(3);
    expect(again[0]!.bytes.equals(ja.bytes)).toBe(true);
    expect(again[1]!.bytes.equals(page2.bytes)).toBe(true);
  });

  test('with the cache warm, a replayed, a wrongly signed and a stale request are still refused', async () => {
    await ask('TEST');
    const { body, headers } = hhi('TEST');
    expect((await post(body, headers)).status).toBe(200);
    // The same signed request again: a replay, refused through the store's ids.
    expect((await post(body, headers)).status).toBe(409);
    const other = hhi('TEST');
    const flipped = other.headers['x-signature-ed25519']!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect((await post(other.body, { ...other.headers, 'x-signature-ed25519': flipped })).status).toBe(401);
    const stale = hhi('TEST').body;
    expect((await post(stale, signedHeaders(stale, keys.privateKey, String(Math.floor(Date.now() / 1000) - 3600)))).status).toBe(401);
    // A body changed after signing.
    expect((await post(other.body.replace('TEST', 'TEST '), other.headers)).status).toBe(401);
  });

  test('a new day is a new answer (the "days old" line counts days)', async () => {
    const first = await ask('TEST');
    const before = runs;
    now = new Date(NOW.getTime() + 86_400_000);
    try {
      const next = await ask('TEST');
      expect(runs - before).toBe(1);
      const days = (d: Date) => Math.floor((d.getTime() - Date.parse('2026-01-30T00:00:00Z')) / 86_400_000);
      expect(JSON.stringify(first.json)).toContain(`${days(NOW)} days old`);
      expect(JSON.stringify(next.json)).toContain(`${days(now)} days old`);
    } finally {
      now = NOW;
    }
  });

  test('after an import changes the fund, the next ask is built from the new snapshot', async () => {
    const old = await ask('TEST');
    const dir = path.join(tmp.dir, 'new');
    mkdirSync(dir, { recursive: true });
    // The same fund a month later: weights 40 / 30 / 20 / 10.
    const lines = readFileSync(FIXTURE, 'utf8').trim().split(/\r?\n/);
    const weights = [40, 30, 20, 10];
    // The four stocks get new market values and weights; the cash and futures rows stay (and stay excluded).
    const moved = (line: string, i: number) => (i < weights.length ? line.replace(/"[\d,]+\.00",[\d.]+,/, `"${weights[i]! * 100}.00",${weights[i]!.toFixed(3)},`) : line);
    const changed = [lines[0], ...lines.slice(1).map((l, i) => moved(l, i).replace('01/30/2026', '02/27/2026'))];
    writeFileSync(path.join(dir, 'TEST_holdings.csv'), `${changed.join('\r\n')}\r\n`);
    const summary = await importPath(store, path.join(dir, 'TEST_holdings.csv'), { fund: 'TEST' });
    expect(summary.stored).toHaveLength(1);
    // Still the old answer until this process loads the new snapshot…
    expect((await ask('TEST')).bytes.equals(old.bytes)).toBe(true);
    // …then built again, from it.
    await source.refresh();
    const before = runs;
    const fresh = await ask('TEST');
    expect(runs - before).toBe(1);
    expect(fieldValue(fresh, /^Effective N/)).toContain(effectiveN(weights).toFixed(1));
    expect(fieldValue(old, /^Effective N/)).not.toContain(effectiveN(weights).toFixed(1));
    expect(JSON.stringify(fresh.json)).toContain('2026-02-27');
  });
});

describe('the rate limit with the cache warm', () => {
  test('a user past the limit gets the limit notice, not the cached card', async () => {
    const limited = await startHttpServer({
      runtime: { context: (lang, requester) => ({ lang, requester, data: source, now: NOW, staleAfterDays: 30 }) },
      publicKey: keys.publicKey,
      host: '127.0.0.1',
      handler: { limiter: tokenBucket(2, 3_600_000), deadlineMs: 10_000, chart: null, followUp: async () => {}, dispatch: (inv, ctx) => dispatch(inv, ctx, memoryLogger()) },
    });
    try {
      const send = async () => {
        const { body, headers } = hhi('TEST');
        const r = await fetch(limited.url, { method: 'POST', body, headers });
        return (await r.json()) as any;
      };
      const [a, b, c] = [await send(), await send(), await send()];
      expect(b).toEqual(a);
      expect(a.data.embeds[0].title).toMatch(/TEST/);
      expect(c.data.flags & 64).toBe(64);
      expect(c.data.embeds[0].description).toMatch(/try again in/i);
    } finally {
      await limited.close();
    }
  });
});

describe('what is not cached', () => {
  test('a card reached through the directory (a name, not a stored ticker) is built every time; the stored ticker once', async () => {
    let built = 0;
    // A directory that knows one name, "Test Growth Fund", as the stored TEST.
    const entry = { key: 'test-growth', kind: 'fund', tickers: ['TEST'], nameEn: 'Test Growth Fund', aliases: [] };
    const directory = { index: async () => ({ resolve: () => ({ kind: 'one', entry }), membersOf: () => [], exactly: () => undefined }) } as unknown as DirectoryAccess;
    const handler = createHandler({
      context: (lang, requester): Context => ({ lang, requester, data: source, now: NOW, staleAfterDays: 30, directory }),
      chart: null,
      deadlineMs: 10_000,
      dispatch: (inv, ctx) => (built++, dispatch(inv, ctx, memoryLogger())),
    });
    const byName = async () => (await handler(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'Test Growth Fund' }]))) as MessageResponse;
    const first = await byName();
    expect(first.data.embeds[0]!.title).toMatch(/TEST/);
    await byName();
    expect(built).toBe(2);
    await handler(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'TEST' }]));
    await handler(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'TEST' }]));
    expect(built).toBe(3);
  });

  test('a refusal is never kept: an unknown fund runs again', async () => {
    let built = 0;
    const handler = createHandler({
      context: (lang, requester): Context => ({ lang, requester, data: source, now: NOW, staleAfterDays: 30 }),
      chart: null,
      deadlineMs: 10_000,
      dispatch: (inv, ctx) => (built++, dispatch(inv, ctx, memoryLogger())),
    });
    for (let i = 0; i < 2; i++) {
      const answer = (await handler(commandPayload('hhi', [{ name: 'fund', type: 3, value: 'NOPE' }]))) as MessageResponse;
      expect(answer.data.flags & 64).toBe(64);
    }
    expect(built).toBe(2);
  });
});

describe('AnswerCache', () => {
  const response = (text: string, png = 0): MessageResponse => ({
    type: 4,
    data: { content: text, embeds: [], components: [], flags: 0, allowed_mentions: { parse: [] } },
    ...(png ? { files: [{ name: 'chart.png', data: Buffer.alloc(png), contentType: 'image/png' }] } : {}),
  });

  test('keys ignore the order options came in and tell languages apart', () => {
    expect(answerKey('hhi', 'en', { fund: 'VT', by: 'company' })).toBe(answerKey('hhi', 'en', { by: 'company', fund: 'VT' }));
    expect(answerKey('hhi', 'en', { fund: 'VT' })).not.toBe(answerKey('hhi', 'ja', { fund: 'VT' }));
    expect(answerKey('hhi', 'en', { fund: 'VT' })).not.toBe(answerKey('hhi', 'en', { fund: 'VTI' }));
  });

  test('a moved stamp empties it; an answer made under an old stamp is not kept', () => {
    const cache = new AnswerCache();
    expect(cache.get('a', 's1')).toBeUndefined();
    cache.set('a', 's1', response('one'), ['VT']);
    expect(cache.get('a', 's1')?.funds).toEqual(['VT']);
    expect(cache.get('a', 's2')).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
    cache.set('a', 's1', response('late'), []);
    expect(cache.get('a', 's2')).toBeUndefined();
  });

  test('bounded by count, least recently used first', () => {
    const cache = new AnswerCache(2, 1_000_000);
    cache.get('-', 's');
    cache.set('a', 's', response('a'), []);
    cache.set('b', 's', response('b'), []);
    cache.get('a', 's');
    cache.set('c', 's', response('c'), []);
    expect([cache.get('a', 's'), cache.get('b', 's'), cache.get('c', 's')].map((e) => e?.response.data.content)).toEqual(['a', undefined, 'c']);
  });

  test('bounded by bytes, a chart’s PNG counted: the oldest go until it fits, and one too big alone is not kept', () => {
    const jsonBytes = (text: string) => JSON.stringify(response(text).data).length;
    const max = jsonBytes('b') + jsonBytes('big') + 9_000;
    const cache = new AnswerCache(10, max);
    cache.get('-', 's');
    cache.set('a', 's', response('a'), []);
    cache.set('b', 's', response('b'), []);
    expect(cache.stats().bytes).toBe(jsonBytes('a') + jsonBytes('b'));
    cache.set('big', 's', response('big', 9_000), []);
    // 9,000 bytes of PNG and its JSON: of the two before, only the newer still fits beside it.
    expect(cache.get('a', 's')).toBeUndefined();
    expect(cache.get('b', 's')).toBeDefined();
    expect(cache.stats().bytes).toBe(max);
    cache.set('huge', 's', response('huge', 20_000), []);
    expect(cache.get('huge', 's')).toBeUndefined();
    expect(cache.get('big', 's')).toBeDefined();
  });
});
