import { LogLevel } from '@slack/bolt';
import { expect, test } from 'vitest';
import { memoryLogger } from '../../../bot/log.ts';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../../bot/slack/app.ts';
import { DELIVERY_KEEP_MS } from '../../../bot/slack/guard.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { StoredInteractionIds } from '../../../store/seen-interactions.ts';
import { Store } from '../../../store/store.ts';
import { onBothBackends } from '../../support/backends.ts';
import { actionBody, commandBody, SECRET, signedHeaders, triggerId } from './support.ts';

const card: View = { lang: 'en', title: 'ok', tone: 'info', summary: 'ok', sources: [] };

/** Two replicas of the Slack app: each its own memory and its own connection to one database; what runs is counted by what it is. */
async function twoReplicas(url: string) {
  const stores = [await Store.open(url), await Store.open(url)];
  const ran: string[] = [];
  const apps: SlackApp[] = stores.map((store) =>
    createSlackApp({
      signingSecret: SECRET,
      runtime: { data: {} as never, context: (lang) => ({ lang }) as unknown as Context },
      // Replies go to a port that refuses: what is tested is which deliveries reach the command.
      isAllowedResponseUrl: (u) => u.startsWith('http://127.0.0.1:1/'),
      run: async (invocation) => (ran.push(`${invocation.command} ${'text' in invocation ? invocation.text : ''}`), card),
      chart: null,
      log: memoryLogger(),
      boltLogLevel: LogLevel.ERROR,
      sharedDeliveries: new StoredInteractionIds(store, DELIVERY_KEEP_MS),
    }),
  );
  const urls = await Promise.all(apps.map(async (app) => `http://127.0.0.1:${((await app.start({ port: 0, host: '127.0.0.1' }))!.address() as { port: number }).port}${SLACK_EVENTS_PATH}`));
  return {
    ran,
    post: async (replica: number, body: string, retryNum?: number) => {
      const r = await fetch(urls[replica]!, { method: 'POST', body, headers: signedHeaders(body, retryNum === undefined ? {} : { retryNum }) });
      await r.arrayBuffer();
      return r.status;
    },
    drained: () => Promise.all(apps.map((a) => a.drained())),
    close: async () => {
      await Promise.all(apps.map((a) => a.stop()));
      await Promise.all(stores.map((s) => s.close()));
    },
  };
}

function suite(open: () => Promise<string>) {
  test('a signed slash command and its retry sent to the other replica run once; twenty others at once on both, each once', async () => {
    const r = await twoReplicas(await open());
    try {
      const trigger = triggerId();
      const body = commandBody('hhi', 'VT', 'http://127.0.0.1:1/respond', { trigger });
      expect(await r.post(0, body)).toBe(200);
      await r.drained();
      // Slack's retry (X-Slack-Retry-Num: 1) lands on the other replica: acknowledged, not run.
      expect(await r.post(1, body, 1)).toBe(200);
      expect(await r.post(0, body, 2)).toBe(200);
      await r.drained();
      expect(r.ran).toEqual(['hhi VT']);

      const bodies = Array.from({ length: 20 }, (_, i) => commandBody('hhi', `F${i}`, 'http://127.0.0.1:1/respond'));
      const statuses = await Promise.all(bodies.flatMap((b) => [r.post(0, b), r.post(1, b, 1)]));
      expect(statuses.every((s) => s === 200)).toBe(true);
      await r.drained();
      expect(r.ran.slice(1).sort()).toEqual(bodies.map((_, i) => `hhi F${i}`).sort());
    } finally {
      await r.close();
    }
  }, 60_000);

  test('a button click retried to the other replica runs once', async () => {
    const r = await twoReplicas(await open());
    try {
      const body = actionBody({ action_id: 'cmd:overlap', value: 'VT VTI' }, 'http://127.0.0.1:1/respond', { trigger: triggerId() });
      expect(await Promise.all([r.post(0, body), r.post(1, body, 1)])).toEqual([200, 200]);
      await r.drained();
      expect(r.ran).toEqual(['overlap VT VTI']);
    } finally {
      await r.close();
    }
  }, 60_000);
}

onBothBackends('Slack deliveries shared', suite);
