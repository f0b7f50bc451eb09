import { describe, expect, test, vi } from 'vitest';
import { cachedChartRenderer } from '../../../bot/chart-cache.ts';
import { pngFile } from '../../../bot/discord/chart.ts';
import { webhookFollowUp } from '../../../bot/discord/follow-up.ts';
import { createHandler, type FollowUp, type MessageResponse } from '../../../bot/discord/interaction.ts';
import { multipartMessage } from '../../../bot/discord/multipart.ts';
import { renderDiscord } from '../../../bot/discord/render.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Context } from '../../../commands/context.ts';
import type { View } from '../../../commands/view.ts';
import { buttonPayload, commandPayload } from './support.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Stands in for a PNG: the handler only passes the bytes along. */
const PNG = Buffer.from('\x89PNG\r\n\x1a\nfake chart bytes', 'latin1');

const charted: View = {
  lang: 'en',
  title: 'VT concentration',
  tone: 'moderate',
  summary: 'S',
  sources: [{ fund: 'VT', file: 'vt.csv', issuer: 'Vanguard', asOf: '2026-05-31' }],
  chart: { kind: 'bars', title: 'Top 15', series: [{ name: 'VT', points: [{ x: 'AAPL', y: 0.04 }] }] },
};
const plain: View = { lang: 'en', title: 'Funds', tone: 'info', sources: [] };

function handlerWith(options: { view: View; commandMs?: number; chartMs?: number; chartFails?: boolean; deadlineMs: number }) {
  const followed: FollowUp[] = [];
  const drawn: View[] = [];
  const log = memoryLogger();
  const handler = createHandler({
    context: (lang, requester) => ({ lang, requester }) as unknown as Context,
    dispatch: async () => {
      if (options.commandMs) await sleep(options.commandMs);
      return options.view;
    },
    chart: async (view) => {
      drawn.push(view);
      if (options.chartMs) await sleep(options.chartMs);
      if (options.chartFails) throw new Error('resvg exploded');
      return view.chart ? PNG : null;
    },
    deadlineMs: options.deadlineMs,
    followUp: async (f) => void followed.push(f),
    log,
  });
  return { handler, followed, drawn, log };
}

const hhi = () => commandPayload('hhi', [{ name: 'fund', type: 3, value: 'VT' }]);

describe('charts on Discord cards: the deadline decides what goes first', () => {
  test('card and chart ready in time → one type 4 answer with the embed image and files[0]', async () => {
    const { handler, followed } = handlerWith({ view: charted, deadlineMs: 200 });
    const r = (await handler(hhi())) as MessageResponse;
    expect(r.type).toBe(4);
    expect(r.data.embeds[0]!.image).toEqual({ url: 'attachment://chart.png' });
    expect(r.data.attachments).toEqual([{ id: 0, filename: 'chart.png' }]);
    expect(r.files).toEqual([pngFile(PNG)]);
    expect(followed).toEqual([]);
  });

  test('card ready, chart late → the card now (no image), then one edit adding the chart', async () => {
    const { handler, followed } = handlerWith({ view: charted, chartMs: 200, deadlineMs: 20 });
    const start = performance.now();
    const r = (await handler(hhi())) as MessageResponse;
    expect(performance.now() - start).toBeLessThan(150);
    expect(r.type).toBe(4);
    expect(r.data.embeds[0]!.image).toBeUndefined();
    expect(r.files).toBeUndefined();
    await vi.waitFor(() => expect(followed).toHaveLength(1));
    const edit = followed[0]!;
    expect(edit).toMatchObject({ applicationId: '333333333333333333', token: 'interaction-token', update: true });
    expect(edit.message.embeds[0]!.image).toEqual({ url: 'attachment://chart.png' });
    expect(edit.message.attachments).toEqual([{ id: 0, filename: 'chart.png' }]);
    expect(edit.files).toEqual([pngFile(PNG)]);
  });

  test('slow command → type 5 now, then one edit carrying the card and its chart', async () => {
    const { handler, followed } = handlerWith({ view: charted, commandMs: 40, deadlineMs: 10 });
    expect(await handler(hhi())).toEqual({ type: 5, data: { flags: 0 } });
    await vi.waitFor(() => expect(followed).toHaveLength(1));
    expect(followed[0]).toMatchObject({ update: false, message: { embeds: [{ title: 'VT concentration', image: { url: 'attachment://chart.png' } }] } });
    expect(followed[0]!.files).toHaveLength(1);
  });

  test('a failed render is logged and the card goes without a chart', async () => {
    const { handler, followed, log } = handlerWith({ view: charted, chartFails: true, deadlineMs: 200 });
    const r = (await handler(hhi())) as MessageResponse;
    expect(r.type).toBe(4);
    expect(r.files).toBeUndefined();
    expect(r.data.embeds[0]!.image).toBeUndefined();
    expect(JSON.stringify(log.lines)).toContain('resvg exploded');
    await sleep(20);
    expect(followed).toEqual([]);
  });

  test('an ephemeral card (an error) never draws a chart; a card without a chart stays as before', async () => {
    const error = handlerWith({ view: { ...charted, tone: 'error', ephemeral: true }, deadlineMs: 200 });
    expect(((await error.handler(hhi())) as MessageResponse).files).toBeUndefined();
    expect(error.drawn).toEqual([]);
    const funds = handlerWith({ view: plain, deadlineMs: 200 });
    const r = (await funds.handler(commandPayload('funds', []))) as MessageResponse;
    expect(r).toEqual({ type: 4, data: renderDiscord(plain) });
  });

  test('a button update to a card without a chart states attachments: [] so an old chart does not linger', async () => {
    const { handler } = handlerWith({ view: plain, deadlineMs: 200 });
    const r = (await handler(buttonPayload('upd:hhi:fund=VT'))) as MessageResponse;
    expect(r.type).toBe(7);
    expect(r.data.attachments).toEqual([]);
  });

  test('charts: null turns them off', async () => {
    const handler = createHandler({ context: (lang, requester) => ({ lang, requester }) as unknown as Context, dispatch: async () => charted, chart: null });
    expect(((await handler(hhi())) as MessageResponse).files).toBeUndefined();
  });
});

describe('multipart and the webhook edit', () => {
  test('multipartMessage → payload_json + files[n] that a standard parser (undici) reads back', async () => {
    const { body, contentType } = multipartMessage({ a: 'é "quoted"' }, [pngFile(PNG), { name: 'b.txt', data: Buffer.from('two'), contentType: 'text/plain' }]);
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(JSON.parse(String(form.get('payload_json')))).toEqual({ a: 'é "quoted"' });
    const first = form.get('files[0]') as File;
    expect(first.name).toBe('chart.png');
    expect(Buffer.from(await first.arrayBuffer())).toEqual(PNG);
    expect(await (form.get('files[1]') as File).text()).toBe('two');
  });

  test('webhookFollowUp with a chart → PATCH @original as multipart; without → JSON as before', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const send = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(null, { status: 200 });
    }) as unknown as typeof fetch;
    const message = renderDiscord(charted, { chartFile: 'chart.png', replaces: true });
    await webhookFollowUp({ applicationId: 'app', token: 'tok', update: true, message, files: [pngFile(PNG)] }, send);
    expect(calls[0]!.url).toBe('https://discord.com/api/v10/webhooks/app/tok/messages/@original');
    expect(calls[0]!.init.method).toBe('PATCH');
    const headers = calls[0]!.init.headers as Record<string, string>;
    const form = await new Response(calls[0]!.init.body as Buffer, { headers }).formData();
    const json = JSON.parse(String(form.get('payload_json')));
    expect(json.embeds[0].image).toEqual({ url: 'attachment://chart.png' });
    expect(json.attachments).toEqual([{ id: 0, filename: 'chart.png' }]);
    expect(json.flags).toBeUndefined();
    expect(Buffer.from(await (form.get('files[0]') as File).arrayBuffer())).toEqual(PNG);

    await webhookFollowUp({ applicationId: 'app', token: 'tok', update: false, message: renderDiscord(plain) }, send);
    expect(calls[1]!.init.headers).toEqual({ 'content-type': 'application/json' });
  });
});

describe('cachedChartRenderer', () => {
  test('no chart → null; the same chart asked twice at once → one render, the same bytes', async () => {
    const render = cachedChartRenderer({ theme: 'dark' });
    expect(await render(plain)).toBeNull();
    const view: View = { ...charted, chart: { kind: 'bars', title: 'Top names', series: [{ name: 'VT', points: [{ x: 'AAPL', y: 0.04 }, { x: 'MSFT', y: 0.035 }] }] } };
    const [a, b] = await Promise.all([render(view), render({ ...view })]);
    expect(a).toBeInstanceOf(Buffer);
    expect(b).toBe(a);
    expect(a!.readUInt32BE(16)).toBeGreaterThan(0);
    const ja = await render({ ...view, lang: 'ja' });
    expect(ja).not.toBe(a);
  });
});
