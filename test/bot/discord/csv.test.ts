import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { dispatch } from '../../../bot/dispatch.ts';
import { startHttpServer, type RunningHttpServer } from '../../../bot/discord/http.ts';
import { decodeCustomId } from '../../../bot/discord/custom-id.ts';
import type { FollowUp } from '../../../bot/discord/interaction.ts';
import { tokenBucket } from '../../../bot/discord/rate-limit.ts';
import { publicKeyToHex } from '../../../bot/discord/verify.ts';
import { memoryLogger } from '../../../bot/log.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { HAS_RAW, RAW, rawCatalog } from '../../support/raw.ts';
import { contextFor } from '../../support/context.ts';
import { buttonPayload, commandPayload, runtimeFor, signedHeaders, testKeys } from './support.ts';

const keys = testKeys();
let catalog: Catalog;
let server: RunningHttpServer;
const followUps: FollowUp[] = [];

beforeAll(async () => {
  if (!HAS_RAW) return;
  catalog = await rawCatalog();
  server = await startHttpServer({
    runtime: runtimeFor(catalog),
    publicKey: publicKeyToHex(keys.publicKey),
    host: '127.0.0.1',
    handler: { limiter: tokenBucket(10_000, 1_000), chart: null, followUp: async (f: FollowUp) => void followUps.push(f) },
  });
  // Loading the real catalog takes a while on a busy machine.
}, 120_000);
afterAll(async () => {
  await server?.close();
});

interface Answer {
  json: any;
  contentType: string;
  files: { field: string; name: string; type: string; bytes: Buffer }[];
}

/** One signed POST, read back as Discord reads it (undici's multipart parser, not our encoder). */
async function signedPost(payload: unknown): Promise<Answer> {
  const body = JSON.stringify(payload);
  const r = await fetch(server.url, { method: 'POST', body, headers: signedHeaders(body, keys.privateKey) });
  expect(r.status).toBe(200);
  const contentType = r.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data')) return { json: await r.json(), contentType, files: [] };
  const form = await r.formData();
  const files: Answer['files'] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value !== 'string') files.push({ field, name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { json: JSON.parse(String(form.get('payload_json'))), contentType, files };
}

/** The CSV button's custom id on a rendered card, if it has one. */
function csvButton(json: any): string | undefined {
  const ids: string[] = (json.data.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.custom_id));
  return ids.find((id) => decodeCustomId(id)?.kind === 'csv');
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe.skipIf(!HAS_RAW)('Discord: a card table as a CSV attachment, over signed HTTP', () => {
  test('/holdings VT shows a CSV button; pressing it → multipart files[0] VT-holdings-<asof>.csv whose rows are the card\'s, weights as in the file, byte for byte what --csv prints', async () => {
    const card = await signedPost(commandPayload('holdings', [{ name: 'fund', type: 3, value: 'VT' }]));
    expect(card.json.type).toBe(4);
    const id = csvButton(card.json);
    expect(id).toBeDefined();

    const pressed = await signedPost(buttonPayload(id!));
    expect(pressed.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(pressed.json.type).toBe(4);
    // Only the presser sees it, it cannot ping, and it names the file it carries.
    expect(pressed.json.data.flags).toBe(64);
    expect(pressed.json.data.allowed_mentions).toEqual({ parse: [] });
    const asOf = catalog.funds.get('VT')!.holdings.asOf.date;
    const name = `VT-holdings-${asOf}.csv`;
    expect(pressed.json.data.attachments).toEqual([{ id: 0, filename: name }]);
    expect(pressed.json.data.content).toContain(name);
    // The CSV has no room for its source: the message names the fund's issuer, file and as-of date.
    const vt = catalog.funds.get('VT')!.holdings;
    expect(pressed.json.data.content).toContain(`Source: VT — ${vt.issuer}, ${path.basename(vt.file)}, as of ${asOf}`);
    expect(pressed.files).toHaveLength(1);
    const file = pressed.files[0]!;
    expect(file).toMatchObject({ field: 'files[0]', name });
    expect(file.type).toMatch(/^text\/csv/);
    expect(file.bytes.subarray(0, 3)).toEqual(BOM);

    const rows = parse(file.bytes, { bom: true }) as string[][];
    const view = await dispatch({ command: 'holdings', text: 'VT' }, contextFor(catalog, 'en'), memoryLogger());
    expect(rows[0]).toEqual(view.table!.columns.map((c) => c.label));
    expect(rows.slice(1)).toEqual(view.table!.rows);
    // Independently of the command: the n-th row is the n-th heaviest position of the file, its weight to 2 decimals.
    const positions = catalog.funds.get('VT')!.holdings.positions;
    expect(rows.slice(1).map((r) => r[2])).toEqual(positions.slice(0, rows.length - 1).map((p) => `${(p.weight * 100).toFixed(2)}%`));

    // The console's `--csv` prints the very same bytes (its own process, a store holding only VT's folder).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'topheavy-csv-'));
    try {
      symlinkSync(path.join(RAW, 'VT'), path.join(dir, 'VT'));
      const root = path.resolve(import.meta.dirname, '../../..');
      const { stdout } = await promisify(execFile)(process.execPath, ['bin/topheavy.js', 'holdings', 'VT', '--csv'], {
        cwd: root,
        env: { ...process.env, HOLDINGS_DIR: dir, DATABASE_URL: 'file::memory:' },
        encoding: 'buffer',
        timeout: 90_000,
      });
      expect(Buffer.compare(stdout, file.bytes)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('in Japanese, /holdings TOPIX → the CSV keeps the Japanese names (UTF-8 with a BOM) and the message is Japanese', async () => {
    const card = await signedPost(commandPayload('holdings', [{ name: 'fund', type: 3, value: 'TOPIX' }], { locale: 'ja' }));
    const pressed = await signedPost(buttonPayload(csvButton(card.json)!, { locale: 'ja' }));
    expect(pressed.json.data.content).toMatch(/カードの表のCSVです/);
    expect(pressed.json.data.content).toContain(`出典：TOPIX — JPX、${path.basename(catalog.funds.get('TOPIX')!.holdings.file)}、基準日 ${catalog.funds.get('TOPIX')!.holdings.asOf.date}`);
    const bytes = pressed.files[0]!.bytes;
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    const rows = parse(bytes, { bom: true }) as string[][];
    expect(rows[0]![1]).toBe('銘柄');
    expect(rows.slice(1).some((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r[1]!))).toBe(true);
    const view = await dispatch({ command: 'holdings', text: 'TOPIX' }, contextFor(catalog, 'ja'), memoryLogger());
    expect(rows.slice(1)).toEqual(view.table!.rows);
  });

  test('an /overlap CSV is named after both funds; a card with no table answers that in words, with no file', async () => {
    const card = await signedPost(commandPayload('overlap', [
      { name: 'fund1', type: 3, value: 'VOO' },
      { name: 'fund2', type: 3, value: 'QQQ' },
    ]));
    const pressed = await signedPost(buttonPayload(csvButton(card.json)!));
    expect(pressed.files[0]!.name).toMatch(/^VOO\+QQQ-overlap-\d{4}-\d{2}-\d{2}\.csv$/);

    const none = await signedPost(buttonPayload('csv:about:'));
    expect(none.files).toEqual([]);
    expect(none.json.data.flags).toBe(64);
    expect(none.json.data.embeds[0].description).toBe('This card has no table to export as CSV.');
  });

  test('a CSV button for a refused command answers with the refusal, not a file', async () => {
    const pressed = await signedPost(buttonPayload('csv:holdings:NOSUCHFUNDXYZ'));
    expect(pressed.files).toEqual([]);
    expect(pressed.json.data.flags).toBe(64);
    expect(pressed.json.data.embeds[0].color).toBe(0xed4245);
  });
});
