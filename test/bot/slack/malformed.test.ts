import { LogLevel } from '@slack/bolt';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memoryLogger } from '../../../bot/log.ts';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../../bot/slack/app.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { signedHeaders } from './support.ts';

const card: View = { lang: 'en', title: 'ok', tone: 'info', summary: 'ok', sources: [] };
let app: SlackApp;
let url = '';
const ran: string[] = [];

beforeAll(async () => {
  app = createSlackApp({
    signingSecret: (await import('./support.ts')).SECRET,
    runtime: { data: {} as never, context: (lang) => ({ lang }) as unknown as Context },
    isAllowedResponseUrl: (u) => u.startsWith('http://127.0.0.1:1/'),
    run: async (invocation) => (ran.push(invocation.command), card),
    chart: null,
    log: memoryLogger(),
    boltLogLevel: LogLevel.ERROR,
  });
  url = `http://127.0.0.1:${((await app.start({ port: 0, host: '127.0.0.1' }))!.address() as { port: number }).port}${SLACK_EVENTS_PATH}`;
});
afterAll(() => app?.stop());

async function post(body: string, contentType?: string): Promise<number> {
  const headers = { ...signedHeaders(body), ...(contentType ? { 'content-type': contentType } : {}) };
  const r = await fetch(url, { method: 'POST', body, headers });
  await r.arrayBuffer();
  return r.status;
}

const button = { type: 'button', action_id: 'cmd:hhi', value: 'VT', block_id: 'b1', action_ts: '1700000000.1' };
const click = { type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, channel: { id: 'C1' }, response_url: 'http://127.0.0.1:1/respond', trigger_id: 't1', api_app_id: 'A1', container: {} };
const form = (payload: unknown) => new URLSearchParams({ payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }).toString();

describe('Slack: signed but malformed payloads are refused with 400, never 500', () => {
  // Each of these was a 500 from Bolt (or, for `null`, an exception that ended the process).
  const cases: [string, string, string?][] = [
    ['block_actions, actions: null', form({ ...click, actions: null })],
    ['block_actions, actions: []', form({ ...click, actions: [] })],
    ['block_actions, actions: [null]', form({ ...click, actions: [null] })],
    ['block_actions, action_id a number', form({ ...click, actions: [{ ...button, action_id: 5 }] })],
    ['block_actions, user: null', form({ ...click, user: null, actions: [button] })],
    ['block_actions, no user', form({ ...click, user: undefined, actions: [button] })],
    ['block_actions, channel: null', form({ ...click, channel: null, actions: [button] })],
    ['payload: null', form('null')],
    ['payload: an array', form('[]')],
    ['payload: not JSON', form('{"type":')],
    ['view_submission, view: null', form({ ...click, type: 'view_submission', view: null })],
    ['JSON body: null', 'null', 'application/json'],
    ['event_callback, event: null', JSON.stringify({ type: 'event_callback', team_id: 'T1', event: null }), 'application/json'],
    ['event_callback, authorizations: null', JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'E1', event: { type: 'message' }, authorizations: null }), 'application/json'],
    ['url_verification without a challenge', JSON.stringify({ type: 'url_verification' }), 'application/json'],
  ];
  test.each(cases)('%s → 400, nothing runs', async (_label, body, contentType) => {
    expect(await post(body, contentType)).toBe(400);
    expect(ran).toEqual([]);
  });

  test('the well-formed click, team: null (an enterprise install) and message: null still go through: 200, the command runs', async () => {
    expect(await post(form({ ...click, actions: [button] }))).toBe(200);
    expect(await post(form({ ...click, trigger_id: 't2', team: null, message: null, actions: [{ ...button, action_ts: '1700000000.2' }] }))).toBe(200);
    await app.drained();
    expect(ran).toEqual(['hhi', 'hhi']);
    const challenge = await fetch(url, { method: 'POST', body: '{"type":"url_verification","challenge":"abc"}', headers: { ...signedHeaders('{"type":"url_verification","challenge":"abc"}'), 'content-type': 'application/json' } });
    expect(await challenge.json()).toEqual({ challenge: 'abc' });
  });
});

describe('Slack: random values in every field of a signed button click', () => {
  test('200 fields replaced by arbitrary JSON, sent at once: no 500, no dropped connection, and the app still answers', async () => {
    const fields = ['type', 'user', 'team', 'channel', 'message', 'response_url', 'actions', 'container', 'trigger_id'] as const;
    const mutants = fc.sample(
      fc.record({ field: fc.constantFrom(...fields), value: fc.jsonValue({ maxDepth: 3 }), inAction: fc.boolean() }),
      { numRuns: 200, seed: 20261206 },
    );
    const statuses = await Promise.all(
      mutants.map(({ field, value, inAction }, i) => {
        // Half the time the value goes into the button itself (action_id, type, value, …) instead.
        const action = inAction ? { ...button, action_ts: `1700000001.${i}`, [field === 'type' ? 'type' : 'action_id']: value } : { ...button, action_ts: `1700000001.${i}` };
        const payload = inAction ? { ...click, trigger_id: `fuzz-${i}`, actions: [action] } : { ...click, trigger_id: `fuzz-${i}`, actions: [action], [field]: value };
        return post(form(payload));
      }),
    );
    const counts: Record<number, number> = {};
    for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
    expect(Object.keys(counts).map(Number).filter((s) => s >= 500 || s === 0)).toEqual([]);
    // Bolt answers 404 for a click it has no listener for (an action_id this app did not emit), after its 3 s ack wait.
    expect(Object.keys(counts).map(Number).filter((s) => ![200, 400, 404].includes(s))).toEqual([]);
    expect(await post(form({ ...click, trigger_id: 'after-fuzz', actions: [{ ...button, action_ts: '1700000002.1' }] }))).toBe(200);
  }, 30_000);
});
