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
import { sayData } from '../../commands/messages-data.ts';
import { importPath } from '../../store/import.ts';
import { Store } from '../../store/store.ts';
import { tempDir } from '../store/helpers.ts';
import { HAS_RAW, RAW } from '../support/raw.ts';
import { chartOptionsFor, renderSvg } from '../../charts/index.ts';
import { bars, lineCount } from '../charts/svg.ts';
import { chatSession } from '../support/chat.ts';

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

/**
 * Series of the view's chart with nothing drawn. Where series share rows (grouped or stacked
 * bars), each needs a bar of non-zero size labelled with its name; panels, lines and cells need
 * at least one drawn mark per series.
 */
async function unmarkedSeries(view: View): Promise<string[]> {
  const { series, kind } = view.chart!;
  const svg = await renderSvg(view.chart!, chartOptionsFor(view));
  const drawn = bars(svg).filter((b) => !/d="M[\d.,-]+h0v|v0h/.test(b));
  if (series.length > 1 && ['bars', 'stacked-bars', 'overlap'].includes(kind)) {
    return series.filter((s) => !drawn.some((b) => b.includes(`series: ${s.name};`) || b.includes(`series: ${s.name}"`))).map((s) => s.name);
  }
  return drawn.length + lineCount(svg) >= series.length ? [] : series.map((s) => s.name);
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
    const filled = await runDataCommand(['directory', '--from', SEC], { databaseUrl: url, out: () => {}, err: (l) => console.error(l), tty: false, say: sayData('en') });
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

  test('several tickers where one fund is asked for ("compare IVV, VOO", "hhi acwi spy") are named as several funds, with the commands that take several; a name with spaces still resolves, nothing is fetched', async () => {
    const before = fetcher.asked.length;
    const compare = await ask('compare IVV, VOO');
    expect(data(compare).error?.code).toBe('several-funds');
    expect(compare.summary).toContain('names 2: IVV, VOO');
    expect(compare.summary).toContain('`/overlap IVV VOO`');
    // A stored fund and a directory ticker not stored (SOXX) count alike; in Japanese too.
    const ja = await ask('hhi acwi soxx', 'ja');
    expect(data(ja).error?.code).toBe('several-funds');
    expect(ja.summary).toContain('「acwi soxx」は2本（ACWI、SOXX）です');
    // A curated name counts as one fund too.
    const named = await ask('compare オルカン IVV', 'ja');
    expect(data(named).error?.code).toBe('several-funds');
    expect(named.summary).toContain('`/overlap オルカン IVV`');
    // Words that are not all funds stay a name: "S&P 500" is the index's choice list, not several funds.
    expect(data(await ask('hhi "S&P 500"')).error?.code).not.toBe('several-funds');
    expect(data(await ask('hhi "eMAXIS Slim 米国株式"')).error?.code).toBeUndefined();
    expect(fetcher.asked.length).toBe(before);
  });

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
    // This fetcher has SEC sources off: the reader learns why an unstored US fund is unknown, and the way out.
    expect(view.summary).toContain('set SEC_USER_AGENT="Your Name you@example.com" to look up and fetch any US fund by ticker');
    expect((await ask('hhi XYZQQ', 'ja')).summary).toContain('SEC_USER_AGENT="氏名 you@example.com" を設定すると');
    const online = await ask('hhi XYZQQ', 'en', { fetcher: { ...fetcher, secEnabled: true } });
    expect(online.summary).toMatch(/no fund or index called “XYZQQ”/);
    expect(online.summary).not.toContain('SEC_USER_AGENT');
    // A ticker-shaped ask gets no ticker advice; a name does, since the SEC's lists carry no fund names.
    expect(online.summary).not.toContain('give tickers but not fund names');
    const named = await ask('hhi iShares S&P 500 Growth ETF', 'en', { fetcher: { ...fetcher, secEnabled: true } });
    expect(data(named).error?.code).toBe('unknown-fund');
    expect(named.summary).toContain('which give tickers but not fund names: ask with the fund’s ticker');
    expect((await ask('hhi iShares S&P 500 Growth ETF', 'ja', { fetcher: { ...fetcher, secEnabled: true } })).summary).toContain('ティッカー（例：IVW）で指定してください');
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
  test('/portfolio "オルカン 70, eMAXIS Slim 米国株式 30" (en and ja): the look-through card, the words as typed, and a chart whose every series has bars', async () => {
    const acwi = runtime.context('en').data.get('ACWI')!;
    const ivv = runtime.context('en').data.get('IVV')!;
    // AAPL's look-through weight by hand from the two funds' own weights.
    const weightOf = (h: Holdings, ticker: string) => h.positions.filter((p) => p.ticker === ticker).reduce((s, p) => s + p.weight, 0);
    const aapl = 0.7 * weightOf(acwi, 'AAPL') + 0.3 * weightOf(ivv, 'AAPL');
    for (const lang of ['en', 'ja'] as const) {
      const view = await ask('portfolio "オルカン 70, eMAXIS Slim 米国株式 30"', lang);
      expect(view.tone).not.toBe('error');
      expect(view.sources.map((s) => s.fund)).toEqual(['ACWI', 'IVV']);
      expect(view.title).toContain('オルカン 70%, eMAXIS Slim 米国株式 30%');
      const exposures = (view.data as { exposures: { ticker: string; weight: number }[] }).exposures;
      expect(exposures.find((e) => e.ticker === 'AAPL')!.weight).toBeCloseTo(aapl, 10);
      const series = view.chart!.series;
      expect(series.map((s) => s.name)).toEqual(['オルカン (ACWI)', 'eMAXIS Slim 米国株式 (IVV)']);
      for (const s of series) expect(s.points.filter((p) => p.y > 0).length).toBeGreaterThan(0);
    }
    // Unquoted, one per line, and hiragana: the same card.
    for (const text of ['オルカン 70, eMAXIS Slim 米国株式 30', 'おるかん 70\neMAXIS Slim 米国株式 30', 'オルカン 70 eMAXIS Slim 米国株式 30']) {
      const view = await dispatch({ command: 'portfolio', text }, runtime.context('ja'));
      expect(view.sources.map((s) => s.fund)).toEqual(['ACWI', 'IVV']);
    }
  });

  test('おるかん (hiragana) finds オルカン; the name is echoed as typed, not upper-cased', async () => {
    const view = await ask('hhi おるかん', 'ja');
    expect(view.sources.map((s) => s.fund)).toEqual(['ACWI']);
    const unknown = await ask('hhi "eMAXIS Slim 火星株式"');
    expect(unknown.summary).toContain('eMAXIS Slim 火星株式');
  });

  test('every fund-taking command accepts a directory name with spaces, and its chart has marks in every series', async () => {
    const name = 'eMAXIS Slim 米国株式';
    const asks = [`hhi ${name}`, `hhi ${name} page=2`, `overlap オルカン, ${name}`, `overlap funds="${name}, VOO" mix=70/30`, `compare ${name} cap=8`, `stress ${name}, NVDA -17%`, `history ${name}`, `portfolio ${name} 50, VOO 50`];
    for (const text of asks) {
      const view = await ask(text);
      expect(view.tone, `${text}: ${view.summary}`).not.toBe('error');
      expect(view.sources.map((s) => s.fund)).toContain('IVV');
      for (const s of view.chart?.series ?? []) expect(s.points.some((p) => p.y !== 0), `${text}: series ${s.name}`).toBe(true);
      if (view.chart) expect(await unmarkedSeries(view), text).toEqual([]);
    }
  });

  test('a numbered choice completes the original /portfolio, the rest of the allocation kept', async () => {
    const choose = await ask('portfolio "S&P 500 60, オルカン 40"');
    const ivv = choose.actions!.find((a) => a.kind === 'command' && a.args.includes('IVV'));
    expect(ivv).toMatchObject({ kind: 'command', command: 'portfolio', args: 'allocations="IVV 60, オルカン 40"' });
    const view = await dispatch({ command: 'portfolio', text: ivv!.kind === 'command' ? ivv!.args : '' }, runtime.context('en'));
    expect(view.sources.map((s) => s.fund)).toEqual(['IVV', 'ACWI']);
    // A directory name without a ticker, as a choice writes it (spaces dropped, full-width brackets), is taken too.
    const named = await dispatch({ command: 'portfolio', text: 'allocations="eMAXISSlim米国株式（S&P500） 30, オルカン 70"' }, runtime.context('ja'));
    expect(named.sources.map((s) => s.fund)).toEqual(['IVV', 'ACWI']);
    // On the console: typing "1" under the list runs /portfolio with the first fund listed.
    const first = choose.actions![0]!;
    const printed = await chatSession(runtime.context, ['/portfolio "S&P 500 60, オルカン 40"', '1']);
    const ticker = first.kind === 'command' ? /allocations="(\S+) 60/.exec(first.args)![1] : '';
    expect(printed).toContain(`Look-through: ${ticker} 60%, オルカン 40%`);
  });
});
