import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { dispatch } from '../../../bot/dispatch.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { contextFor } from '../../support/context.ts';
import { actionBody, commandBody, signedHeaders, startFakeSlack, startLoopbackSlack, type Captured, type FakeSlack, type LoopbackSlack } from './support.ts';

let catalog: Catalog;
let fake: FakeSlack;
let bot: LoopbackSlack;

beforeAll(async () => {
  if (!HAS_RAW) return;
  catalog = await rawCatalog();
  fake = await startFakeSlack();
  bot = await startLoopbackSlack(catalog, fake.url, { chart: null });
  // Loading the real catalog takes a while on a busy machine.
}, 120_000);
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** One signed request; returns what reached the fake Slack until everything it started was done. */
async function exchange(app: LoopbackSlack, body: string, waitPath: string): Promise<Captured[]> {
  await app.slack.drained();
  const from = fake.received.length;
  const res = await fetch(app.url, { method: 'POST', headers: signedHeaders(body), body });
  expect(res.status).toBe(200);
  await fake.waitFor(waitPath, fake.received.filter((r) => r.path === waitPath).length + 1);
  await app.slack.drained();
  return fake.received.slice(from);
}

/** The file part of the upload POST, as the Web API client sent it (multipart). */
async function uploadedFile(upload: Captured): Promise<{ name: string; bytes: Buffer }> {
  const form = await new Response(upload.raw, { headers: { 'content-type': upload.contentType! } }).formData();
  const file = [...form.values()].find((v): v is Exclude<typeof v, string> => typeof v !== 'string');
  expect(file).toBeDefined();
  return { name: file!.name, bytes: Buffer.from(await file!.arrayBuffer()) };
}

/** The CSV button of a posted card. */
function csvButtonOf(card: Captured): { action_id: string; value?: string } | undefined {
  const blocks = card.body.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[];
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((e) => e.action_id?.startsWith('csv:')) as { action_id: string; value?: string } | undefined;
}

const respond = (name: string) => `${fake.url}/respond/${name}`;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe.skipIf(!HAS_RAW)('Slack: a card table as a CSV file, over signed HTTP and the Web API upload path', () => {
  test('/holdings QQQ carries a CSV button; a click → getUploadURLExternal → the CSV bytes → completeUploadExternal in the channel, rows as the card\'s', async () => {
    const seen = await exchange(bot, commandBody('holdings', 'QQQ', respond('card')), '/respond/card');
    const card = seen.find((r) => r.path === '/respond/card')!;
    const button = csvButtonOf(card);
    expect(button).toMatchObject({ action_id: 'csv:holdings', value: 'QQQ', text: { text: '⬇ CSV' } });

    const clicked = await exchange(bot, actionBody(button!, respond('csv')), '/api/files.completeUploadExternal');
    const paths = clicked.map((r) => r.path).filter((p) => p !== '/api/users.info');
    expect(paths).toEqual(['/api/files.getUploadURLExternal', '/upload/F0CHART', '/api/files.completeUploadExternal']);
    const asOf = catalog.funds.get('QQQ')!.holdings.asOf.date;
    const name = `QQQ-holdings-${asOf}.csv`;
    const ask = clicked.find((r) => r.path === '/api/files.getUploadURLExternal')!;
    const complete = clicked.find((r) => r.path === '/api/files.completeUploadExternal')!;
    const file = await uploadedFile(clicked.find((r) => r.path === '/upload/F0CHART')!);
    expect(ask.body).toMatchObject({ filename: name, length: String(file.bytes.length) });
    expect(complete.body.channel_id).toBe('C0TEST');
    // The CSV has no room for its source: the comment posted with it names issuer, file and as-of date.
    const qqq = catalog.funds.get('QQQ')!.holdings;
    expect(String(complete.body.initial_comment)).toContain(`Source: QQQ — ${qqq.issuer}, ${qqq.file.split('/').pop()}, as of ${asOf}`);
    expect(file.bytes.subarray(0, 3)).toEqual(BOM);

    const rows = parse(file.bytes, { bom: true }) as string[][];
    const view = await dispatch({ command: 'holdings', text: 'QQQ' }, contextFor(catalog, 'en'), memoryLogger());
    expect(rows[0]).toEqual(view.table!.columns.map((c) => c.label));
    expect(rows.slice(1)).toEqual(view.table!.rows);
    // From the file directly: the heaviest positions in order, weights to 2 decimals.
    const positions = catalog.funds.get('QQQ')!.holdings.positions;
    expect(rows.slice(1).map((r) => r[2])).toEqual(positions.slice(0, rows.length - 1).map((p) => `${(p.weight * 100).toFixed(2)}%`));
    // The card itself is not posted again.
    expect(clicked.some((r) => r.path === '/respond/csv')).toBe(false);
  });

  test('a Japanese reader gets Japanese column names and names in the file, and a Japanese line when the upload fails', async () => {
    fake.locales.set('U0JA', 'ja-JP');
    const seen = await exchange(bot, commandBody('holdings', 'TOPIX', respond('ja-card'), { user: 'U0JA' }), '/respond/ja-card');
    const button = csvButtonOf(seen.find((r) => r.path === '/respond/ja-card')!)!;
    const clicked = await exchange(bot, actionBody(button, respond('ja-csv'), { user: 'U0JA' }), '/api/files.completeUploadExternal');
    const rows = parse((await uploadedFile(clicked.find((r) => r.path === '/upload/F0CHART')!)).bytes, { bom: true }) as string[][];
    expect(rows[0]![1]).toBe('銘柄');
    expect(rows.slice(1).some((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r[1]!))).toBe(true);

    fake.failures.set('files.completeUploadExternal', 'not_in_channel');
    try {
      const failed = await exchange(bot, actionBody(button, respond('ja-fail'), { user: 'U0JA' }), '/respond/ja-fail');
      expect(failed.find((r) => r.path === '/respond/ja-fail')!.body).toEqual({
        replace_original: false,
        response_type: 'ephemeral',
        text: 'CSVファイルを送れませんでした：このチャンネルにボットを招待してください（`not_in_channel`）',
      });
    } finally {
      fake.failures.delete('files.completeUploadExternal');
    }
  });

  test('a card without a table has no CSV button, and a forged CSV click for it is answered in words with no upload', async () => {
    const seen = await exchange(bot, commandBody('about', '', respond('about')), '/respond/about');
    expect(csvButtonOf(seen.find((r) => r.path === '/respond/about')!)).toBeUndefined();
    const clicked = await exchange(bot, actionBody({ action_id: 'csv:about' }, respond('about-csv')), '/respond/about-csv');
    expect(clicked.some((r) => r.path.startsWith('/upload/') || r.path.startsWith('/api/files.'))).toBe(false);
    expect(clicked.find((r) => r.path === '/respond/about-csv')!.body.text).toBe('This card has no table to export as CSV.');
  });

  test('without a bot token nothing is uploaded and the presser is told why', async () => {
    const tokenless = await startLoopbackSlack(catalog, fake.url, { chart: null, botToken: undefined });
    try {
      const clicked = await exchange(tokenless, actionBody({ action_id: 'csv:holdings', value: 'QQQ' }, respond('tokenless')), '/respond/tokenless');
      expect(clicked.some((r) => r.path.startsWith('/api/files.'))).toBe(false);
      expect(clicked.find((r) => r.path === '/respond/tokenless')!.body.text).toBe('No CSV file: the bot runs without SLACK_BOT_TOKEN (`no_bot_token`).');
    } finally {
      await tokenless.stop();
    }
  });
});
