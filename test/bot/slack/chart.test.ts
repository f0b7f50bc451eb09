import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { webApi } from '@slack/bolt';
import { shareChart } from '../../../bot/slack/chart-upload.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { View } from '../../../commands/view.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { actionBody, commandBody, signedHeaders, startFakeSlack, startLoopbackSlack, UPLOAD_FILE_ID, type Captured, type FakeSlack, type LoopbackSlack } from './support.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const UPLOAD_CALLS = ['/api/files.getUploadURLExternal', '/upload/F0CHART', '/api/files.completeUploadExternal'];

let catalog: Catalog;
let fake: FakeSlack;
let bot: LoopbackSlack;

beforeAll(async () => {
  if (!HAS_RAW) return;
  catalog = await rawCatalog();
  fake = await startFakeSlack();
  bot = await startLoopbackSlack(catalog, fake.url);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/**
 * Sends one signed request to `app` and waits until everything it started is finished (the card
 * at `cardPath`, the upload, a fallback), returning only what reached the fake Slack meanwhile.
 */
async function exchange(app: LoopbackSlack, body: string, cardPath: string, server: FakeSlack = fake): Promise<Captured[]> {
  await app.slack.drained();
  const from = server.received.length;
  const res = await fetch(app.url, { method: 'POST', headers: signedHeaders(body), body });
  expect(res.status).toBe(200);
  // The ack can arrive before the work is queued: wait for the card itself, then for the rest.
  await server.waitFor(cardPath);
  await app.slack.drained();
  return server.received.slice(from);
}

/** The file part of the upload POST (the Web API client sends it as multipart form data). */
async function uploadedFile(upload: Captured): Promise<Buffer> {
  const form = await new Response(upload.raw, { headers: { 'content-type': upload.contentType! } }).formData();
  const file = [...form.values()].find((v): v is Exclude<typeof v, string> => typeof v !== 'string');
  expect(file).toBeDefined();
  return Buffer.from(await file!.arrayBuffer());
}

const respondUrl = (name: string) => `${fake.url}/respond/${name}`;
const respondPath = (name: string) => `/respond/${name}`;

describe.skipIf(!HAS_RAW)('Slack charts: files.uploadV2 after the card, a one-line fallback otherwise', () => {
  test('GIVEN /hhi VT WHEN answered THEN the card goes first, then getUploadURLExternal → PNG bytes to the upload URL → completeUploadExternal in the channel', async () => {
    const seen = await exchange(bot, commandBody('hhi', 'VT', respondUrl('chart'), { channel: 'C0CHART' }), respondPath('chart'));
    const paths = seen.map((r) => r.path).filter((p) => p !== '/api/users.info');
    expect(paths).toEqual(['/respond/chart', ...UPLOAD_CALLS]);
    const [card, ask, upload, complete] = seen.filter((r) => r.path !== '/api/users.info');
    expect(card!.body.response_type).toBe('in_channel');

    const png = await uploadedFile(upload!);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(900);
    expect(ask!.body).toMatchObject({ filename: 'chart.png', length: String(png.length) });

    expect(complete!.body.channel_id).toBe('C0CHART');
    expect(complete!.body.thread_ts).toBeUndefined();
    const files = JSON.parse(String(complete!.body.files)) as { id: string; title: string }[];
    expect(files).toEqual([{ id: UPLOAD_FILE_ID, title: expect.stringContaining('VT') }]);
  });

  test('GIVEN a cmd button on a card inside a thread THEN the chart is completed into that thread (thread_ts)', async () => {
    const seen = await exchange(bot, actionBody({ action_id: 'cmd:hhi', value: 'VT' }, respondUrl('thread'), { threadTs: '1700000000.000001' }), respondPath('thread'));
    const complete = seen.find((r) => r.path === '/api/files.completeUploadExternal');
    expect(complete?.body).toMatchObject({ channel_id: 'C0TEST', thread_ts: '1700000000.000001' });
  });

  test('GIVEN a card without a chart (/funds) or a replaced card (paging) THEN nothing is uploaded and no line is added', async () => {
    const funds = await exchange(bot, commandBody('funds', '', respondUrl('funds')), respondPath('funds'));
    expect(funds.map((r) => r.path).filter((p) => p !== '/api/users.info')).toEqual(['/respond/funds']);
    const paged = await exchange(bot, actionBody({ action_id: 'cmd:hhi:update', value: 'VT' }, respondUrl('paged')), respondPath('paged'));
    expect(paged.map((r) => r.path).filter((p) => p !== '/api/users.info')).toEqual(['/respond/paged']);
  });

  test.each([
    ['files.completeUploadExternal', 'not_in_channel', 'No chart: invite the bot to this channel (`not_in_channel`).', 3],
    ['files.getUploadURLExternal', 'missing_scope', 'No chart: the app needs the files:write scope (`missing_scope`).', 1],
  ])('GIVEN %s answers %s THEN the card stays and an ephemeral fallback line follows it', async (method, error, line, calls) => {
    fake.failures.set(method, error);
    try {
      const seen = await exchange(bot, commandBody('hhi', 'VT', respondUrl(`fail-${error}`)), respondPath(`fail-${error}`));
      const replies = seen.filter((r) => r.path === `/respond/fail-${error}`);
      expect(replies).toHaveLength(2);
      expect(replies[0]!.body.response_type).toBe('in_channel');
      expect(replies[1]!.body).toEqual({ replace_original: false, response_type: 'ephemeral', text: line });
      expect(seen.filter((r) => UPLOAD_CALLS.includes(r.path)).map((r) => r.path)).toEqual(UPLOAD_CALLS.slice(0, calls));
      expect(JSON.stringify(bot.log.lines)).toContain(error);
    } finally {
      fake.failures.delete(method);
    }
  });

  test('GIVEN no bot token THEN no Web API call at all, and the fallback says so (in the workspace language)', async () => {
    const tokenless = await startLoopbackSlack(catalog, fake.url, { botToken: undefined, locale: { teamLangs: { T0TEST: 'ja' } } });
    try {
      const seen = await exchange(tokenless, commandBody('hhi', 'VT', respondUrl('tokenless')), respondPath('tokenless'));
      expect(seen.filter((r) => r.path.startsWith('/api/') || r.path.startsWith('/upload/'))).toEqual([]);
      const replies = seen.filter((r) => r.path === '/respond/tokenless');
      expect(replies).toHaveLength(2);
      expect(replies[1]!.body.text).toBe('チャートを投稿できませんでした：SLACK_BOT_TOKEN なしで動いています（`no_bot_token`）');
    } finally {
      await tokenless.stop();
    }
  });

  test('GIVEN the Web API is unreachable THEN the card still arrives, then the fallback; nothing crashes', async () => {
    const replies = await startFakeSlack();
    const offline = await startLoopbackSlack(catalog, 'http://127.0.0.1:9');
    try {
      const seen = await exchange(offline, commandBody('hhi', 'QQQ', `${replies.url}/respond/offline`), '/respond/offline', replies);
      const posts = seen.filter((r) => r.path === '/respond/offline');
      expect(posts).toHaveLength(2);
      expect(posts[0]!.body.response_type).toBe('in_channel');
      expect(String(posts[1]!.body.text)).toMatch(/^No chart: the bot could not reach Slack; try again in a minute \(`slack_webapi_request_error`\)\.$/);
    } finally {
      await offline.stop();
      await replies.close();
    }
  });
});

describe('shareChart on its own', () => {
  const view: View = { lang: 'en', title: 'T', tone: 'info', sources: [], chart: { kind: 'bars', title: 'C', series: [{ name: 'A', points: [{ x: 'a', y: 0.5 }] }] } };
  const client = new webApi.WebClient('xoxb-unused', { slackApiUrl: 'http://127.0.0.1:9/api/', retryConfig: { retries: 0 } });

  test('a render that throws → render_failed line; a fallback post that fails is logged, not thrown', async () => {
    const posted: unknown[] = [];
    const log = memoryLogger();
    const outcome = await shareChart(
      { view, channelId: 'C1', responseUrl: 'http://127.0.0.1:9/respond' },
      {
        client,
        hasToken: true,
        render: async () => {
          throw new Error('no fonts');
        },
        post: async (_url, payload) => {
          posted.push(payload);
          throw new Error('response_url answered 404');
        },
        log,
      },
    );
    expect(outcome).toBe('fallback');
    expect(posted).toEqual([{ replace_original: false, response_type: 'ephemeral', text: 'No chart: drawing it failed (logged for the operator) (`render_failed`).' }]);
    expect(log.lines.map((l) => l.message)).toEqual(['slack: chart render failed', 'slack: chart fallback line failed']);
  });

  test('an ephemeral card or one without a chart → nothing at all', async () => {
    const deps = { client, hasToken: true, render: async () => Buffer.from('x'), post: async () => undefined, log: memoryLogger() };
    expect(await shareChart({ view: { ...view, ephemeral: true }, channelId: 'C1', responseUrl: 'x' }, deps)).toBe('none');
    const { chart: _chart, ...plain } = view;
    expect(await shareChart({ view: plain, channelId: 'C1', responseUrl: 'x' }, deps)).toBe('none');
  });
});
