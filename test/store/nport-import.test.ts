import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoreSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { CONSOLE_USER, type Context, type Requester } from '../../commands/context.ts';
import type { ConcentrationData } from '../../commands/concentration.ts';
import { loadCatalog } from '../../holdings/catalog.ts';
import { isNportXml } from '../../holdings/read-holdings.ts';
import { NportRefusal, once, parseNport } from '../../holdings/parsers/nport-xml.ts';
import { Store } from '../../store/store.ts';
import { NOW } from '../support/context.ts';
import { equityWeightsFromXml, plainFigures } from '../support/nport-truth.ts';
import { tempDir } from './helpers.ts';
import { HAS_SEC, nportFile } from './sec-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IVW_FILE = 'IVW_2026-06-30_primary_doc.xml';
/** The three filings on-demand refuses, each with the reason it gives (tested in on-demand.test.ts). */
const REFUSED = ['SPY_2026-03-31_TRIMMED_8_holdings_primary_doc.xml', 'DupreeKYTaxFree_bonds_primary_doc.xml', 'ASTBond2022_final_no_holdings_primary_doc.xml'];

/** The reason the N-PORT reader gives for a filing, as on-demand tells it (NportRefusal.detail). */
async function refusalOf(file: string): Promise<{ reason: string; detail: string }> {
  try {
    await parseNport(once(readFileSync(nportFile(file))), { fund: 'IVW', file });
  } catch (error) {
    if (error instanceof NportRefusal) return { reason: error.reason, detail: error.detail };
    throw error;
  }
  throw new Error(`${file} was not refused`);
}

describe.skipIf(!HAS_SEC)('an N-PORT primary_doc.xml a user downloaded is imported like a fetched one', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir('topheavy-nport-import-');
  });
  afterAll(() => tmp?.remove());

  test('the content tells an N-PORT filing, whatever its name; a CSV or an xlsx is not taken for one', () => {
    expect(isNportXml(readFileSync(nportFile(IVW_FILE)))).toBe(true);
    // The trimmed SPY filing starts with a line break and single-quoted declaration.
    for (const f of REFUSED) expect(isNportXml(readFileSync(nportFile(f)))).toBe(true);
    expect(isNportXml(new TextEncoder().encode('Ticker,Name,Weight\nAAPL,Apple,1\n'))).toBe(false);
    expect(isNportXml(new TextEncoder().encode('<html><body>edgarSubmission</body></html>'))).toBe(false);
    expect(isNportXml(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x3c]))).toBe(false);
  });

  test('`topheavy data import <IVW filing> --fund IVW` stores it (figures equal the raw XML); the trimmed, bond-only and final filings are refused with on-demand’s reasons and the store is unchanged', async () => {
    const db = path.join(tmp.dir, 'cli.db');
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/topheavy.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${db}`, HOLDINGS_DIR: path.join(tmp.dir, 'none') }, timeout: 120_000 });
    const stored = cli('data', 'import', nportFile(IVW_FILE), '--fund', 'IVW');
    expect(stored.status, stored.stderr).toBe(0);
    expect(stored.stdout).toContain(`IVW    ${IVW_FILE}: stored (147 positions, as of 2026-06-30)`);

    const json = cli('hhi', 'IVW', '--json');
    expect(json.status, json.stderr).toBe(0);
    const data = JSON.parse(json.stdout) as ConcentrationData;
    const truth = plainFigures(equityWeightsFromXml(nportFile(IVW_FILE)).values());
    expect(data).toMatchObject({ fund: 'IVW', asOf: '2026-06-30', count: truth.count, source: { issuer: 'SEC', file: IVW_FILE, format: 'sec-nport-xml' } });
    expect(data.effectiveN).toBeCloseTo(truth.effectiveN, 9);
    expect(data.top10).toBeCloseTo(truth.top10, 12);
    // No sector source in this store: no sector figure, never "Unknown 100%".
    expect(data.sectors).toEqual({});
    expect(data.techPlus).toBeNull();

    const store = await Store.open(`file:${db}`);
    const before = await store.snapshots();
    await store.close();
    expect(before.map((s) => [s.fund, s.asOf, s.positions])).toEqual([['IVW', '2026-06-30', 147]]);

    for (const file of REFUSED) {
      const { detail } = await refusalOf(file);
      const run = cli('data', 'import', nportFile(file), '--fund', 'IVW');
      expect(run.status).toBe(1);
      // The failure goes to stderr, the summary to stdout.
      expect(run.stderr).toContain(`IVW    ${file}: not imported: ${file}: ${detail}`);
      expect(run.stdout).toContain('0 stored, 0 unchanged, 1 failed.');
    }
    const reopened = await Store.open(`file:${db}`);
    expect(await reopened.snapshots()).toEqual(before);
    await reopened.close();
  }, 240_000);

  test('a holdings folder (HOLDINGS_DIR, `data import <folder>`) reads a filing in a fund’s sub-folder', async () => {
    const dir = path.join(tmp.dir, 'holdings');
    mkdirSync(path.join(dir, 'IVW'), { recursive: true });
    copyFileSync(nportFile(IVW_FILE), path.join(dir, 'IVW', 'primary_doc.xml'));
    const catalog = await loadCatalog(dir);
    expect(catalog.problems).toEqual([]);
    const ivw = catalog.funds.get('IVW')!.holdings;
    expect(ivw).toMatchObject({ format: 'sec-nport-xml', issuer: 'SEC', asOf: { date: '2026-06-30' } });
    expect(ivw.positions.length).toBe(147);
  });

  describe('the console `/import` and a chat upload', () => {
    let store: Store;
    let source: StoreSource;
    const ADMIN: Requester = { platform: 'discord', userId: 'u-admin', serverId: 'g1', channelId: 'c1', isAdmin: true };
    const ctx = (requester: Requester, attachment?: Context['attachment'], lang: 'en' | 'ja' = 'en'): Context => ({ lang, requester, data: source, now: NOW, staleAfterDays: 30, ...(attachment ? { attachment } : {}) });
    beforeAll(async () => {
      store = await Store.open(`file:${path.join(tmp.dir, 'console.db')}`);
      source = new StoreSource(store, tmp.dir);
      await source.refresh();
    });
    afterAll(async () => store?.close());

    test('the console imports the filing from its path; /hhi IVW then answers from it', async () => {
      const view = await dispatch({ command: 'import', options: { fund: 'IVW', file: nportFile(IVW_FILE) } }, ctx(CONSOLE_USER), memoryLogger());
      expect(view.tone).toBe('info');
      expect(view.data).toMatchObject({ fund: 'IVW', file: IVW_FILE, status: 'stored', asOf: '2026-06-30', positions: 147, excluded: 3 });
      const hhi = await dispatch({ command: 'hhi', text: 'IVW' }, ctx(CONSOLE_USER), memoryLogger());
      const truth = plainFigures(equityWeightsFromXml(nportFile(IVW_FILE)).values());
      expect((hhi.data as ConcentrationData).effectiveN).toBeCloseTo(truth.effectiveN, 9);
    });

    test('each refused filing: the reason on-demand gives, in the reader’s language frame, and nothing stored', async () => {
      const before = await store.snapshots();
      for (const file of REFUSED) {
        const { detail } = await refusalOf(file);
        for (const lang of ['en', 'ja'] as const) {
          const view = await dispatch({ command: 'import', options: { fund: 'IVW', file: nportFile(file) } }, ctx(CONSOLE_USER, undefined, lang), memoryLogger());
          expect(view.tone).toBe('error');
          expect(view.summary).toContain(`${lang === 'en' ? 'Nothing was imported. ' : '何も取り込んでいません。'}${file}: ${detail}`);
        }
      }
      expect(await store.snapshots()).toEqual(before);
    });

    test('a chat upload named like a CSV is read by its content: the filing is stored as N-PORT', async () => {
      const bytes = new Uint8Array(readFileSync(nportFile(IVW_FILE)));
      const attachment = { filename: 'ivw-holdings.csv', size: bytes.length, read: async () => bytes };
      const view = await dispatch({ command: 'import', options: { fund: 'IVW2', file: 'ivw-holdings.csv' } }, ctx(ADMIN, attachment), memoryLogger());
      expect(view.data).toMatchObject({ fund: 'IVW2', status: 'stored', asOf: '2026-06-30', positions: 147 });
      const meta = (await store.snapshots('IVW2'))[0]!;
      expect(meta.format).toBe('sec-nport-xml');
    });
  });
});
