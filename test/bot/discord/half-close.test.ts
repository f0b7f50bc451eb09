import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../../bot/discord/http-server.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { slowPost } from '../../support/slow-post.ts';
import { commandPayload, signedHeaders, testKeys } from './support.ts';

// The signature is checked on the thread pool, so the answer comes a turn of the event loop after
// the body. A client that half-closes once its body is sent (slowPost's finish() ends its side)
// lost that answer: Node ended the socket on the client's FIN. It must get the card, then the close.
const keys = testKeys();
let server: RunningHttpServer;
const card: View = { lang: 'en', title: 'ok', tone: 'info', summary: 'ok', sources: [] };
beforeAll(async () => {
  server = await startHttpServer({
    runtime: { context: (lang, requester) => ({ lang, requester }) as unknown as Context },
    publicKey: keys.publicKey,
    host: '127.0.0.1',
    log: memoryLogger(),
    handler: { chart: null, dispatch: async () => card },
  });
});
afterAll(() => server?.close());

test('a client that half-closes after its body still gets its answer', async () => {
  const body = Buffer.from(JSON.stringify(commandPayload('funds', [])));
  const signed = slowPost(server.port, '/', signedHeaders(body.toString(), keys.privateKey), body, 0);
  signed.finish();
  expect(await signed.status).toBe(200);
  // And a wrongly signed one, half-closed the same way, gets its 401 (not a silent close).
  const forged = slowPost(server.port, '/', signedHeaders(body.toString(), testKeys().privateKey), body, 0);
  forged.finish();
  expect(await forged.status).toBe(401);
});
