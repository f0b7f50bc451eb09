/**
 * Issue 23 ("Japanese from the first line"): every line the console prints under `--lang ja` in a
 * first start (fresh store, no holdings folder, SEC_USER_AGENT set), an on-demand fetch (an issuer
 * that fails and N-PORT that answers, an issuer file that stands in), a background directory fetch
 * that fails, `topheavy data sync` and `data import` is Japanese: no English sentence. A loopback
 * host stands in for the SEC and the issuers on their real paths (test/store/sec-server.ts, serving
 * ../shared/data/sources/sec and ../shared/data/holdings/raw). The same walk in English is the
 * control: the check finds its sentences, so it can fail.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sayData } from '../../commands/messages-data.ts';
import { runDataCommand } from '../../store/data-command.ts';
import { consoleSession, oneShot, userEnv } from '../support/cli-child.ts';
import { HAS_RAW } from '../support/raw.ts';
import { tempDir } from '../store/helpers.ts';
import { HAS_SEC, nportFile, startSecServer, type SecServer } from '../store/sec-server.ts';

const UA = 'topheavy tests ops@example.org';
const IVW_FILE = 'IVW_2026-06-30_primary_doc.xml';
const FILERS = [{ cik: 1100663, listId: 'S000004311', filings: [{ accession: '0000940400-26-035157', form: 'NPORT-P' as const, filingDate: '2026-08-25', reportDate: '2026-06-30', file: IVW_FILE }] }];
const ISHARES = (id: number, slug: string, fund: string) => `/us/products/${id}/${slug}/1467271812596.ajax?fileType=csv&fileName=${fund}_holdings&dataType=fund`;
const ISHARES_IVW = ISHARES(239725, 'ishares-sp-500-growth-etf', 'IVW');
const ISHARES_IVV = ISHARES(239726, 'ishares-core-sp-500-etf', 'IVV');
const ISHARES_ACWI = ISHARES(239600, 'ishares-msci-acwi-etf', 'ACWI');

/**
 * English sentences in console output: three or more English words in a row, a word being ASCII
 * letters with a lower-case one among them. Left out first, as not sentences: URLs, paths and file
 * names, `code`, command lines (topheavy data sync) and NAME=value settings (quoted values too); all-capital tickers and codes (IVW, SEC,
 * N-PORT, HTTP) are not words, so fund names such as "iShares MSCI ACWI ETF" are not sentences.
 */
function englishSentences(text: string): string[] {
  return text
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
    .split('\n')
    .flatMap((line) => {
      const bare = line
        .replace(/\w+:\/\/\S+/g, ' ')
        .replace(/`[^`]*`/g, ' ')
        .replace(/\btopheavy( [a-z-]+)+/g, ' ')
        .replace(/\b[A-Z_]+=("[^"]*"|\S*)/g, ' ')
        .replace(/\S*[\\/]\S*/g, ' ')
        .replace(/\S+\.(csv|xlsx|xml|json|png|db|ts|js)\b/gi, ' ');
      const runs = bare.match(/(?:\b[A-Za-z'’]*[a-z][A-Za-z'’]*\b[ ,;:]+){2,}\b[A-Za-z'’]*[a-z][A-Za-z'’]*\b/g) ?? [];
      return runs.map((run) => `${run}   ← ${line.trim()}`);
    });
}

describe('englishSentences', () => {
  test('finds a sentence and passes Japanese lines with tickers, file names, URLs and settings', () => {
    expect(englishSentences('IVW: iShares answered with a web page; SEC Form N-PORT answers instead.')).toHaveLength(1);
    expect(englishSentences('IVW    保存しました（147銘柄、基準日 2026-06-30）')).toEqual([]);
    expect(englishSentences('IVW：iSharesはファイルではなくウェブページ（ボット確認）を返しました。代わりにSEC様式N-PORTから取得します。')).toEqual([]);
    expect(englishSentences('使い方：topheavy data remove FUND [--as-of YYYY-MM-DD]')).toEqual([]);
    expect(englishSentences('topheavy: running the TypeScript sources through tsx')).toHaveLength(1);
    expect(englishSentences('ダウンロード中 http://127.0.0.1:1/files/company_tickers_mf.json の IVW_2026-06-30_primary_doc.xml')).toEqual([]);
    expect(englishSentences('● ACWI — iShares MSCI ACWI ETFの集中度 · SEC_USER_AGENT="Your Name you@example.com" を設定')).toEqual([]);
  });
});

describe.skipIf(!HAS_SEC || !HAS_RAW)('under --lang ja the console, on-demand fetches and `data sync` print no English sentence', () => {
  let server: SecServer;
  let tmp: ReturnType<typeof tempDir>;
  const online = (db: string, base = server.base) => userEnv({ SEC_USER_AGENT: UA, SYNC_BASE_URL: base, DATABASE_URL: `file:${path.join(tmp.dir, db)}`, HOLDINGS_DIR: path.join(tmp.dir, 'no-holdings') });

  beforeAll(async () => {
    server = await startSecServer(FILERS);
    // IVW's and IVV's issuer answers with a bot check (N-PORT answers IVW; the stand-in lists no filing for IVV); ACWI's real file stands in for オルカン.
    server.route(ISHARES_IVW, { kind: 'html' });
    server.route(ISHARES_IVV, { kind: 'html' });
    server.route(ISHARES_ACWI, { kind: 'raw', fund: 'ACWI', file: 'ACWI_holdings.csv' });
    tmp = tempDir('topheavy-ja-lines-');
  });
  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });

  /** A first start, three funds asked about (from N-PORT, an issuer's failure with nothing to fall back on, a stand-in), then `data sync` of one asked-about and one failing fund. */
  async function walk(lang: 'en' | 'ja'): Promise<string> {
    const db = `walk-${lang}.db`;
    const chat = consoleSession(online(db), ['--lang', lang]);
    try {
      await chat.ask('/hhi IVW', /● IVW —[\s\S]*\n> /);
      // IVV: its issuer's file is a bot check, and the stand-in lists no N-PORT filing for it: a refusal card.
      await chat.ask('/hhi IVV', /IVV[\s\S]*\n> /);
      await chat.ask('/hhi オルカン', /● ACWI —[\s\S]*\n> /);
    } finally {
      await chat.quit();
    }
    const { stdout, stderr } = chat.printed();
    const sync = await oneShot(['data', 'sync', 'IVW', 'IVV', '--lang', lang], online(db));
    // IVV fails (no filing for it at the stand-in), so the exit status is 1 and the failure is said.
    expect(sync.code, sync.stderr).toBe(1);
    return [stdout, stderr, sync.stdout, sync.stderr].join('\n');
  }

  test('a first start, /hhi IVW (from N-PORT), /hhi IVV (its issuer fails, no N-PORT), /hhi オルカン (ACWI stands in), then `topheavy data sync IVW IVV --lang ja`', async () => {
    const ja = await walk('ja');
    expect(englishSentences(ja)).toEqual([]);
    // The walk went where it says: the greeting, the fallback line, the N-PORT read, the stand-in, the sync's lines.
    expect(ja).toContain('topheavy コンソール');
    expect(ja).toContain('IVV：iSharesはファイルではなくウェブページ（ボット確認）を返しました。代わりにSEC様式N-PORTから取得します。');
    expect(ja).toMatch(/IVW：SEC N-PORT 0000940400-26-035157（提出日 2026-08-25）を読み込んでいます…/);
    expect(ja).toMatch(/代用：eMAXIS Slim/);
    expect(ja).toMatch(/^IVW {4}変更なし（同じファイルを保存済み、基準日 2026-06-30）$/m);
    expect(ja).toMatch(/^IVV {4}IVVの保有銘柄を取得できませんでした：/m);
    expect(ja).toMatch(/^保存 0件、変更なし 1件、失敗 1件。保存先：/m);

    // The control: the same walk in English is full of sentences, so the check above can fail.
    const en = await walk('en');
    expect(englishSentences(en).length).toBeGreaterThan(10);
    expect(en).toMatch(/^IVW {4}unchanged \(the same file is already stored, as of 2026-06-30\)$/m);
    expect(en).toMatch(/^0 stored, 1 unchanged, 1 failed\. Store: /m);
  }, 400_000);

  test('a background fetch of the SEC fund lists that fails is said in Japanese (English as the control)', async () => {
    // A port nobody listens on: the download fails at once, after the bounded retries.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const said: Record<string, string> = {};
    for (const lang of ['ja', 'en'] as const) {
      const chat = consoleSession(online(`offline-${lang}.db`, `http://127.0.0.1:${port}`), ['--lang', lang]);
      try {
        await chat.stderrUntil(lang === 'ja' ? /ファンド名簿：/ : /fund directory: /);
      } finally {
        await chat.quit();
      }
      said[lang] = chat.printed().stderr;
    }
    expect(said.ja).toMatch(/ファンド名簿：SECのファンド一覧をダウンロードできませんでした：サーバーに接続できませんでした/);
    expect(englishSentences(said.ja!)).toEqual([]);
    expect(englishSentences(said.en!).length).toBeGreaterThan(0);
  }, 120_000);

  test('`data import` of an N-PORT file, `data remove` (found, not found) and a usage error, in Japanese', async () => {
    const url = `file:${path.join(tmp.dir, 'import.db')}`;
    const lines: Record<string, string[]> = { ja: [], en: [] };
    for (const lang of ['ja', 'en'] as const) {
      const io = { databaseUrl: `${url}-${lang}`, out: (l: string) => lines[lang]!.push(l), err: (l: string) => lines[lang]!.push(l), tty: true, say: sayData(lang) };
      expect(await runDataCommand(['import', nportFile(IVW_FILE), '--fund', 'IVW'], io)).toBe(0);
      expect(await runDataCommand(['remove', 'IVW', '--as-of', '2026-06-30'], io)).toBe(0);
      expect(await runDataCommand(['remove', 'IVW'], io)).toBe(1);
      // A usage error: what is wrong, then the usage, in the reader's language.
      expect(await runDataCommand(['remove', 'IVW', '--force'], io)).toBe(2);
    }
    expect(lines.ja).toContain(`IVW    ${IVW_FILE}：保存しました（147銘柄、基準日 2026-06-30）`);
    expect(lines.ja).toContain(lines.ja!.find((l) => l.startsWith('不明なオプションです：--force\n使い方：topheavy data import')));
    expect(englishSentences(lines.ja!.join('\n'))).toEqual([]);
    expect(lines.en).toContain(`IVW    ${IVW_FILE}: stored (147 positions, as of 2026-06-30)`);
    expect(englishSentences(lines.en!.join('\n')).length).toBeGreaterThan(5);
  }, 120_000);
});
