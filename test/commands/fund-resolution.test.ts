import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRuntime, type Runtime } from '../../bot/runtime.ts';
import { dispatch } from '../../bot/dispatch.ts';
import type { Context, Lang } from '../../commands/context.ts';
import type { FetchOutcome, FundFetcher, FundRef } from '../../store/fund-fetch.ts';
import type { View } from '../../commands/view.ts';
import type { Holdings } from '../../holdings/types.ts';
import { runDataCommand } from '../../store/data-command.ts';
import { importPath } from '../../store/import.ts';
import { Store } from '../../store/store.ts';
import { tempDir } from '../store/helpers.ts';
import { HAS_RAW, RAW } from '../support/raw.ts';

const SEC = path.resolve(import.meta.dirname, '../../../shared/data/sources/sec');
const HAS_SEC = existsSync(path.join(SEC, 'company_tickers_mf.json'));
if (!HAS_SEC) console.warn(`[skip] ${SEC} is absent: fund resolution by name is not tested.`);
const SOXX_FILE = path.join(RAW, 'SOXX', 'SOXX_holdings.csv');

/**
 * A hand-made N225-shaped snapshot (N225 parsing is another change): three real rows of Nikkei's
 * weight file of 2025/07/31 (nikkei_stock_average_weight_en.csv), weights renormalised by hand:
 * 0.0728 + 0.0706 + 0.2854 = 0.4288 → 0.16978, 0.16465, 0.66558.
 */
function n225Fixture(): Holdings {
  const row = (ticker: string, name: string, weight: number, reported: number) => ({
    ticker,
    name,
    weight,
    reportedWeight: reported,
    marketValue: null,
    sector: null,
    sectorSource: null,
    industry: null,
    country: 'JP',
    countrySource: 'file' as const,
    exchange: null,
    assetClass: 'equity' as const,
    ids: {},
  });
  return {
    fund: 'N225',
    name: 'Nikkei 225 (fixture: 3 rows)',
    issuer: 'Unknown',
    format: 'nikkei-weight-csv',
    file: 'nikkei_stock_average_weight_en.csv',
    asOf: { date: '2025-07-31', source: 'file' },
    weightBasis: 'reported-weight',
    reportedEquityWeight: 0.4288,
    reportedTotalWeight: 0.4288,
    positions: [row('1721', 'COMSYS HOLDINGS CORP.', 0.2854 / 0.4288, 0.2854), row('1332', 'NISSUI CORP.', 0.0728 / 0.4288, 0.0728), row('1605', 'INPEX CORP.', 0.0706 / 0.4288, 0.0706)],
    excluded: [],
    notes: [],
  };
}

/** A FundFetcher standing in for the real one: it imports the real SOXX file when asked for SOXX, and counts asks. */
function fakeFetcher(store: Store): FundFetcher & { asked: FundRef[] } {
  const asked: FundRef[] = [];
  return {
    asked,
    async ensure(ref, onProgress): Promise<FetchOutcome> {
      asked.push(ref);
      if (ref.fund !== 'SOXX') return { fund: ref.fund, status: 'failed', failure: { code: 'sec-off', detail: '' } };
      onProgress?.({ kind: 'issuer', fund: 'SOXX', issuer: 'iShares' });
      const summary = await importPath(store, SOXX_FILE, { fund: 'SOXX' });
      if (summary.failed.length) throw new Error(summary.failed[0]!.message);
      return { fund: 'SOXX', status: 'stored', source: { kind: 'issuer', url: 'http://127.0.0.1/SOXX_holdings.csv', reportDate: '2026-08-03', filedDate: null } };
    },
  };
}

describe.skipIf(!HAS_SEC || !HAS_RAW)('funds named by name, index or on demand', () => {
  const tmp = tempDir('topheavy-resolve-');
  const url = `file:${path.join(tmp.dir, 'resolve.db')}`;
  let runtime: Runtime;
  let fetcher: ReturnType<typeof fakeFetcher>;
  let fetchStore: Store;

  beforeAll(async () => {
    const store = await Store.open(url);
    for (const file of ['ACWI/ACWI_holdings.csv', 'IVV/ivv_holdings.csv', 'VOO/Holdings_details_S&P_500_ETF.csv', 'SPY/spy_holdings.xlsx']) {
      const summary = await importPath(store, path.join(RAW, file));
      expect(summary.stored).toHaveLength(1);
      expect(summary.failed).toEqual([]);
    }
    await store.importHoldings(n225Fixture(), 'n225-fixture');
    await store.close();
    const filled = await runDataCommand(['directory', '--from', SEC], { databaseUrl: url, out: () => {}, err: (l) => console.error(l), tty: false });
    expect(filled).toBe(0);
    fetchStore = await Store.open(url);
    fetcher = fakeFetcher(fetchStore);
    runtime = await createRuntime(
      { holdingsDir: path.join(tmp.dir, 'no-folder'), staleAfterDays: 30, databaseUrl: url, refreshSeconds: 0, syncSchedule: { kind: 'off' } },
      { fetcher },
    );
  }, 180_000);
  afterAll(async () => {
    await runtime?.close();
    await fetchStore?.close();
    tmp.remove();
  });

  const ask = async (text: string, lang: Lang = 'en', extra: Partial<Context> = {}): Promise<View> => {
    const [command = '', ...rest] = text.split(' ');
    return dispatch({ command, text: rest.join(' ') }, { ...runtime.context(lang), ...extra });
  };
  const data = (v: View) => v.data as { fund?: string; resolution?: string[]; choices?: { value: string }[]; error?: { code: string } };

  test('オルカン (Japanese card) is answered with ACWI’s holdings, and the card says ACWI stands in for MSCI ACWI', async () => {
    const view = await ask('hhi オルカン', 'ja');
    expect(view.tone).not.toBe('error');
    expect(view.sources.map((s) => s.fund)).toEqual(['ACWI']);
    expect(view.warnings?.[0]).toMatch(/^代用：eMAXIS Slim 全世界株式（オール・カントリー）はACWIの保有銘柄で表示/);
    expect(view.warnings?.[0]).toMatch(/MSCI ACWI（円換算・為替ヘッジなし）/);
    expect(data(view).resolution).toHaveLength(1);
  });

  test('"eMAXIS Slim 米国株式" is the unhedged S&P 500 fund, shown with IVV’s holdings, naming which of the S&P 500 ETFs it used', async () => {
    const view = await ask('hhi "eMAXIS Slim 米国株式"');
    expect(view.sources.map((s) => s.fund)).toEqual(['IVV']);
    expect(view.warnings?.[0]).toMatch(/Stand-in: eMAXIS Slim US Equity \(S&P 500\) is shown with the holdings of IVV/);
    expect(view.warnings?.[0]).toMatch(/IVV is the first of IVV, VOO, SPY, SPLG that is stored/);
  });

  test('日経225 is answered with the Nikkei 225 weights (here a 3-row N225 fixture), said to be the index’s own price-weighted weights', async () => {
    const view = await ask('hhi 日経225 --json'.replace(' --json', ''));
    expect(view.sources.map((s) => s.fund)).toEqual(['N225']);
    expect(view.warnings?.[0]).toMatch(/Nikkei 225 index weights \(price-weighted\)/);
    // Effective N of the three renormalised weights, by hand: 1 / (0.66558² + 0.16978² + 0.16465²) = 1.9837.
    const eff = (view.data as { effectiveN: number }).effectiveN;
    expect(eff).toBeCloseTo(1 / ((0.2854 / 0.4288) ** 2 + (0.0728 / 0.4288) ** 2 + (0.0706 / 0.4288) ** 2), 1);
  });

  test('"S&P 500" and "sp500" list the S&P 500 funds to choose from, each a button rerunning /hhi with that fund', async () => {
    for (const q of ['"S&P 500"', 'sp500']) {
      const view = await ask(`hhi ${q}`);
      expect(view.tone).toBe('info');
      const values = data(view).choices!.map((c) => c.value);
      expect(values).toEqual(expect.arrayContaining(['IVV', 'VOO', 'SPY']));
      const ivv = view.actions!.find((a) => a.kind === 'command' && a.args.startsWith('fund=IVV'));
      expect(ivv).toMatchObject({ kind: 'command', command: 'hhi', args: 'fund=IVV by=security page=1' });
      expect(view.table!.rows.find((r) => r[1]!.startsWith('IVV'))?.[2]).toBe('stored');
    }
    // The button's args, run as a user would, give IVV's card.
    const chosen = await dispatch({ command: 'hhi', text: 'fund=IVV by=security' }, runtime.context('en'));
    expect(chosen.sources.map((s) => s.fund)).toEqual(['IVV']);
  });

  test('/funds search semis lists SMH and SOXX; /overlap keeps its other funds when a name needs choosing', async () => {
    const view = await ask('funds search semis');
    expect(data(view).choices!.map((c) => c.value).sort()).toEqual(['SMH', 'SOXX']);
    const overlap = await ask('overlap semis IVV');
    expect(overlap.actions!.map((a) => (a.kind === 'command' ? a.args : ''))).toEqual(expect.arrayContaining(['funds=SOXX,IVV', 'funds=SMH,IVV']));
  });

  test('/portfolio takes one-word names too, with the stand-in stated, and a list keeps the rest of the allocation', async () => {
    const view = await ask('portfolio "オルカン 60, IVV 40"');
    expect(view.sources.map((s) => s.fund)).toEqual(['ACWI', 'IVV']);
    expect(view.warnings?.[0]).toMatch(/^Stand-in: eMAXIS Slim All Country .* holdings of ACWI/);
    const choose = await ask('portfolio "sp500 60, IVV 40"');
    expect(choose.actions!.map((a) => (a.kind === 'command' ? a.args : ''))).toContain('allocations="VOO 60, IVV 40"');
  });

  test('a hedged or ex-Japan name is never answered with its parent', async () => {
    const hedged = await ask('hhi "オルカン 為替ヘッジあり"', 'ja');
    expect(data(hedged).error?.code).toBe('different-fund');
    const exJapan = await ask('hhi "eMAXIS Slim 全世界株式（除く日本）"');
    expect(data(exJapan).error?.code).toBe('no-holdings');
    expect(exJapan.summary).toMatch(/ACWI’s would wrongly include Japan/);
  });

  test('an unknown name is answered from the directory, with no download', async () => {
    const before = fetcher.asked.length;
    const view = await ask('hhi XYZQQ');
    expect(data(view).error?.code).toBe('unknown-fund');
    expect(view.summary).toMatch(/no fund or index called “XYZQQ”/);
    expect(fetcher.asked.length).toBe(before);
  });

  test('a fund in the directory but not stored is fetched once (one progress line), stored, and answered; the second ask downloads nothing', async () => {
    const lines: string[] = [];
    const view = await ask('hhi SOXX', 'en', { progress: (l) => lines.push(l) });
    expect(view.tone).not.toBe('error');
    expect(view.sources.map((s) => s.fund)).toEqual(['SOXX']);
    expect(fetcher.asked).toEqual([{ fund: 'SOXX', name: 'iShares Semiconductor ETF', cik: 1100663, seriesId: 'S000004354', issuer: 'iShares' }]);
    expect(lines[0]).toBe('Fetching the holdings of SOXX (iShares Semiconductor ETF)…');
    expect(view.warnings).toContain('SOXX’s holdings were fetched just now from the issuer’s file for 2026-08-03.');
    // Holdings count against the raw file, counted here: rows whose Asset Class is Equity.
    const equityRows = readFileSync(SOXX_FILE, 'utf8').split('\n').filter((l) => /^"[^"]*","[^"]*","[^"]*","Equity"/.test(l)).length;
    expect((view.data as { count: number }).count).toBe(equityRows);
    const again = await ask('hhi SOXX', 'en', { progress: (l) => lines.push(l) });
    expect(again.sources.map((s) => s.fund)).toEqual(['SOXX']);
    expect(fetcher.asked).toHaveLength(1);
    expect(lines).toHaveLength(2);
  });

  test('a failed fetch is said in plain words with what to do', async () => {
    const view = await ask('hhi XLK');
    expect(data(view).error?.code).toBe('fetch-sec-off');
    expect(view.summary).toMatch(/SEC_USER_AGENT/);
  });

  test.each([
    ['en', 'IWM', 'Not from iShares’s own file: iShares answered with a web page (a bot check), not a holdings file.', /^IWM: iShares answered with a web page \(a bot check\), not a holdings file; SEC Form N-PORT answers instead\.$/],
    ['ja', 'VYM', 'Vanguard自身のファイルからではありません：Vanguardはエラーを返しました（HTTP 503）。', /^VYM：Vanguardはエラーを返しました（HTTP 503）。代わりにSEC様式N-PORTから取得します。$/],
  ] as const)('in %s, a fund its issuer failed and N-PORT answered: the progress line and the card say what the issuer did (%s)', async (lang, fund, note, line) => {
    // The fetcher stands in: it stores SOXX's real iShares file under the asked ticker and reports a fallback, as the real one does.
    const problem = fund === 'IWM' ? ({ kind: 'html' } as const) : ({ kind: 'status', status: 503 } as const);
    const issuer = fund === 'IWM' ? 'iShares' : 'Vanguard';
    const standIn: FundFetcher = {
      secEnabled: true,
      async ensure(ref, onProgress) {
        onProgress?.({ kind: 'fallback', fund: ref.fund, issuer, problem });
        await importPath(fetchStore, SOXX_FILE, { fund: ref.fund });
        return { fund: ref.fund, status: 'stored', source: { kind: 'sec-nport', url: 'http://127.0.0.1/primary_doc.xml', reportDate: '2026-06-30', filedDate: '2026-08-25' }, fallback: { issuer, problem } };
      },
    };
    const lines: string[] = [];
    const view = await ask(`hhi ${fund}`, lang, { fetcher: standIn, progress: (l) => lines.push(l) });
    expect(view.tone).not.toBe('error');
    expect(lines.some((l) => line.test(l))).toBe(true);
    expect(view.warnings).toContain(note);
  });

  test('a fetch that failed after its issuer did says both, in Japanese as in English', async () => {
    const failing: FundFetcher = {
      secEnabled: true,
      ensure: async (ref) => ({ fund: ref.fund, status: 'failed', failure: { code: 'network', detail: 'SEC N-PORT: timed out' }, fallback: { issuer: 'iShares', problem: { kind: 'status', status: 404 } } }),
    };
    const ja = await ask('hhi IWB', 'ja', { fetcher: failing });
    expect(ja.summary).toBe('IWBの保有銘柄を取得できませんでした：何度か試しましたがダウンロードできませんでした。後でもう一度お試しください。iSharesはいつものアドレスにファイルがありません（HTTP 404）。');
    const en = await ask('hhi IWB', 'en', { fetcher: failing });
    expect(en.summary).toBe('Could not fetch IWB’s holdings: the download failed after several tries; try again later. iShares has no file at its usual address (HTTP 404).');
  });

  test('without a fetcher, a known fund not stored says how to import it instead', async () => {
    const { fetcher: _off, ...ctx } = runtime.context('en');
    const view = await dispatch({ command: 'hhi', text: 'SMH' }, ctx);
    expect(data(view).error?.code).toBe('not-stored');
    expect(view.summary).toMatch(/topheavy data import <file> --fund SMH/);
  });
});
