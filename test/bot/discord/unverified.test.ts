import { afterEach, describe, expect, test } from 'vitest';
import { startHttpServer } from '../../../bot/discord/http-server.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import { ByteBudget } from '../../../bot/http-guard.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { slowPost } from '../../support/slow-post.ts';
import { commandPayload, signedHeaders, testKeys } from './support.ts';

const keys = testKeys();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => void (await Promise.all(closers.splice(0).map((c) => c()))));

describe('Discord: a budget for unverified bytes across connections', () => {
  test('a body that would pass the budget gets 503 from its headers; verified bodies give their share back', async () => {
    const budget = new ByteBudget(100_000);
    let ran = 0;
    const card: View = { lang: 'en', title: 'ok', tone: 'info', summary: 'ok', sources: [] };
    const server = await startHttpServer({
      runtime: { context: (lang, requester) => ({ lang, requester }) as unknown as Context },
      publicKey: keys.publicKey,
      host: '127.0.0.1',
      log: memoryLogger(),
      unverified: budget,
      handler: { chart: null, limiter: tokenBucket(100, 100), dispatch: async () => (ran++, card) },
    });
    closers.push(server.close);
    // A real interaction padded to 60,000 bytes (JSON allows the spaces), signed over all of it.
    const signedBody = () => {
      const json = JSON.stringify(commandPayload('funds', []));
      const body = Buffer.from(json + ' '.repeat(60_000 - json.length));
      return { body, headers: signedHeaders(body.toString(), keys.privateKey) };
    };
    const a = signedBody();
    const first = slowPost(server.port, '/', a.headers, a.body, 30_000);
    const until = Date.now() + 5_000;
    while (budget.used === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(budget.used).toBe(60_000);
    const b = signedBody();
    expect(await slowPost(server.port, '/', b.headers, b.body, 1).status).toBe(503);
    first.finish();
    expect(await first.status).toBe(200);
    expect(budget.used).toBe(0);
    const c = signedBody();
    const third = slowPost(server.port, '/', c.headers, c.body, 0);
    third.finish();
    expect(await third.status).toBe(200);
    expect(ran).toBe(2);
    expect(budget.used).toBe(0);
  });
});
