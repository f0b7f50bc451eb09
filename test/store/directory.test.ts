import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDataCommand } from '../../store/data-command.ts';
import { sayData } from '../../commands/messages-data.ts';
import { directoryLoader, readDirectory, type DirectoryEntry } from '../../store/directory.ts';
import { DirectoryIndex } from '../../store/directory-search.ts';
import { Store } from '../../store/store.ts';
import { tempDir } from './helpers.ts';
import { HAS_PG, startPg, type PgCluster } from './pg.ts';

/** The SEC's real ticker files, beside the repo. */
const SEC = path.resolve(import.meta.dirname, '../../../shared/data/sources/sec');
const HAS_SEC = existsSync(path.join(SEC, 'company_tickers_mf.json')) && existsSync(path.join(SEC, 'company_tickers.json'));
if (!HAS_SEC) console.warn(`[skip] ${SEC} is absent: the fund-directory tests on the SEC's files are skipped.`);

/** What the files hold, counted here from the raw JSON without the code under test. */
function independentCounts(): { series: Map<string, Set<string>>; uits: string[] } {
  const mf = JSON.parse(readFileSync(path.join(SEC, 'company_tickers_mf.json'), 'utf8')) as { data: [number, string, string, string][] };
  const series = new Map<string, Set<string>>();
  for (const [, s, , raw] of mf.data) {
    // The file has lower-case symbols ("mcnax"), four in parentheses ("(NWAKX)") and "n/a" for a class without one.
    const symbol = raw?.trim().toUpperCase().replace(/^\((.*)\)$/, '$1');
    if (!symbol || symbol === 'N/A') continue;
    if (!series.has(s)) series.set(s, new Set());
    series.get(s)!.add(symbol);
  }
  const mfSymbols = new Set(mf.data.map((r) => r[3]));
  const companies = Object.values(JSON.parse(readFileSync(path.join(SEC, 'company_tickers.json'), 'utf8')) as Record<string, { ticker: string; title: string }>);
  // By eye: the equity ETF trusts without a series (SPY, QQQ, DIA, MDY); gold/silver/bitcoin trusts are not equity funds.
  const uits = companies.filter((c) => !mfSymbols.has(c.ticker) && ['SPY', 'QQQ', 'DIA', 'MDY'].includes(c.ticker)).map((c) => c.ticker);
  return { series, uits };
}

interface Io {
  out: string[];
  err: string[];
}

async function run(args: string[], url: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number } & Io> {
  const io: Io = { out: [], err: [] };
  const code = await runDataCommand(['directory', ...args], { databaseUrl: url, out: (l) => io.out.push(l), err: (l) => io.err.push(l), tty: false, env, say: sayData('en') });
  return { code, ...io };
}

const backends = [
  { name: 'sqlite', available: true },
  { name: 'postgres', available: HAS_PG },
] as const;

describe.each(backends)('the fund directory on $name', (backend) => {
  describe.skipIf(!backend.available || !HAS_SEC)(backend.name, () => {
    let cluster: PgCluster | undefined;
    const tmp = tempDir('topheavy-directory-');
    let n = 0;
    const freshUrl = async () => (backend.name === 'postgres' ? cluster!.createDatabase() : `file:${path.join(tmp.dir, `dir-${++n}.db`)}`);
    let url: string;
    let entries: DirectoryEntry[];

    beforeAll(async () => {
      if (backend.name === 'postgres') cluster = await startPg();
      url = await freshUrl();
      const result = await run(['--from', SEC], url);
      expect(result.err).toEqual([]);
      expect(result.code).toBe(0);
      const store = await Store.open(url);
      entries = await readDirectory(store);
      await store.close();
    }, 120_000);
    afterAll(() => {
      cluster?.stop();
      tmp.remove();
    });

    test('GIVEN the SEC files WHEN filled THEN one entry per series with a ticker, each series holding exactly its share classes’ symbols', () => {
      const { series } = independentCounts();
      const sec = entries.filter((e) => e.origin === 'sec-mf');
      expect(sec).toHaveLength(series.size);
      for (const id of ['S000004310', 'S000002839', 'S000009184']) {
        const entry = sec.find((e) => e.seriesId === id)!;
        expect(new Set(entry.tickers)).toEqual(series.get(id));
      }
      // 28,553 share classes in the file, all but the ticker-less ones reachable by their symbol.
      const symbols = new Set([...series.values()].flatMap((s) => [...s]));
      expect(new Set(sec.flatMap((e) => e.tickers))).toEqual(symbols);
    });

    test('unit investment trusts come from company_tickers.json: SPY, QQQ, DIA (and MDY), no operating companies or gold trusts', () => {
      const { uits } = independentCounts();
      const trusts = entries.filter((e) => e.origin === 'sec-uit');
      expect(trusts.map((e) => e.tickers[0]).sort()).toEqual([...uits].sort());
      const spy = trusts.find((e) => e.tickers[0] === 'SPY')!;
      expect(spy).toMatchObject({ cik: 884394, seriesId: null, tracks: 'index:SP500', issuer: 'SPDR' });
      expect(trusts.find((e) => e.tickers[0] === 'QQQ')?.cik).toBe(1067839);
      expect(trusts.find((e) => e.tickers[0] === 'DIA')?.cik).toBe(1041130);
      expect(entries.some((e) => e.tickers.includes('AAPL') || e.tickers.includes('GLD'))).toBe(false);
    });

    test('curated US funds are merged into their SEC series: names, index, and their ETF ticker first', () => {
      const voo = entries.find((e) => e.seriesId === 'S000002839')!;
      expect(voo.tickers[0]).toBe('VOO');
      expect(voo).toMatchObject({ nameEn: 'Vanguard S&P 500 ETF', tracks: 'index:SP500', cik: 36405, origin: 'sec-mf' });
      expect(entries.filter((e) => e.key === 'us:VOO')).toEqual([]);
    });

    test('the stored directory finds funds by ticker, by name in either language, and by index', () => {
      const index = new DirectoryIndex(entries);
      const one = (q: string) => {
        const r = index.resolve(q);
        return r.kind === 'one' ? r.entry.key : r.kind;
      };
      expect(one('S&P 500')).toBe('index:SP500');
      expect(one('sp500')).toBe('index:SP500');
      expect(one('ｓ＆ｐ５００')).toBe('index:SP500');
      expect(one('オルカン')).toBe('jp:emaxis-slim-all-country');
      expect(one('eMAXIS Slim 米国株式')).toBe('jp:emaxis-slim-sp500');
      expect(one('楽天・VTI')).toBe('jp:rakuten-vti');
      expect(one('日経225')).toBe('index:N225');
      expect(one('vfiax')).toBe('sec:S000002839');
      expect(one('eMAXIS Slim 全世界株式（除く日本）')).toBe('jp:emaxis-slim-all-country-ex-japan');
      const semis = index.resolve('semis');
      expect(semis.kind === 'many' && semis.entries.map((e) => e.tickers[0]).sort()).toEqual(['SMH', 'SOXX']);
      expect(index.membersOf('index:SP500').map((e) => e.tickers[0] ?? e.key)).toEqual(expect.arrayContaining(['IVV', 'VOO', 'SPY']));
    });

    test('the loader reads it lazily and sees a replacement by another process on refresh', async () => {
      const store = await Store.open(url);
      try {
        const loader = directoryLoader(store);
        const first = await loader.index();
        expect(first?.size).toBe(entries.length);
        const again = await run(['--from', SEC], url);
        expect(again.code).toBe(0);
        await loader.refresh();
        const second = await loader.index();
        expect(second).not.toBe(first);
        expect(second?.size).toBe(entries.length);
      } finally {
        await store.close();
      }
    });

    /** Runs `directory --from` on a folder holding these two files; returns the result and the directory's size after. */
    async function fill(mf: unknown, companies: unknown, args: string[] = []) {
      const dir = tempDir('topheavy-hostile-sec-');
      try {
        writeFileSync(path.join(dir.dir, 'company_tickers_mf.json'), JSON.stringify(mf));
        writeFileSync(path.join(dir.dir, 'company_tickers.json'), JSON.stringify(companies));
        const result = await run(['--from', dir.dir, ...args], url);
        const store = await Store.open(url);
        const after = await readDirectory(store);
        await store.close();
        return { ...result, after };
      } finally {
        dir.remove();
      }
    }
    const FIELDS = ['cik', 'seriesId', 'classId', 'symbol'];
    const realMf = () => JSON.parse(readFileSync(path.join(SEC, 'company_tickers_mf.json'), 'utf8')) as { fields: string[]; data: unknown[][] };
    const realCompanies = () => JSON.parse(readFileSync(path.join(SEC, 'company_tickers.json'), 'utf8')) as unknown;

    test('an empty (well-formed) list is refused: it would drop nearly every entry; the reason is said and the directory is unchanged', async () => {
      const result = await fill({ fields: FIELDS, data: [] }, {});
      expect(result.code).toBe(1);
      expect(result.err.join('\n')).toMatch(new RegExp(`Refused: the new directory has \\d+ entries where the current one has ${entries.length}: it would drop \\d+ \\(\\d+%\\), more than the 10%`));
      expect(result.after).toHaveLength(entries.length);
      // The operator can still accept a real shrink on purpose.
      const forced = await fill({ fields: FIELDS, data: [] }, {}, ['--allow-shrink']);
      expect(forced.code).toBe(0);
      expect(forced.after.length).toBeLessThan(100);
      // Put the real one back for the other tests.
      expect((await run(['--from', SEC], url)).code).toBe(0);
    }, 60_000);

    test('one ticker claimed by two series refuses the refresh with both named; the directory is unchanged', async () => {
      const mf = realMf();
      mf.data.push([2110, 'S999999991', 'C999999991', 'DUPQX'], [2110, 'S999999992', 'C999999992', 'dupqx']);
      const result = await fill(mf, realCompanies());
      expect(result.code).toBe(1);
      expect(result.err.join('\n')).toMatch(/Refused: 1 ticker is claimed by two entries: DUPQX \(sec:S999999991 and sec:S999999992\)\. The directory is unchanged\./);
      expect(result.after).toHaveLength(entries.length);
      expect(result.after.some((e) => e.tickers.includes('DUPQX'))).toBe(false);
    }, 60_000);

    test('hostile symbols are left out entry by entry, each named; the rest of the refresh is stored', async () => {
      const mf = realMf();
      const hostile = ['<script>alert(1)</script>', '@everyone', '=HYPERLINK("http://x")', 'A'.repeat(40), 'AB CD'];
      hostile.forEach((s, i) => mf.data.push([2110, `S99999990${i}`, `C99999990${i}`, s]));
      // A series with one good and one hostile class keeps the good one.
      mf.data.push([2110, 'S999999909', 'C999999908', 'GOODQX'], [2110, 'S999999909', 'C999999909', '<b>x</b>']);
      const result = await fill(mf, realCompanies());
      expect(result.code).toBe(0);
      const said = result.err.join('\n');
      expect(said).toMatch(/^6 symbols left out: sec:S999999900: symbol "<SCRIPT>ALERT\(1\)<\/SCRIPT>" is not a plain ticker \(the entry has no other, so it is left out too\); sec:S999999901: symbol "@EVERYONE"/);
      expect(said).not.toMatch(/GOODQX/);
      expect(result.after).toHaveLength(entries.length + 1);
      expect(result.after.find((e) => e.seriesId === 'S999999909')?.tickers).toEqual(['GOODQX']);
      for (const s of hostile) expect(result.after.some((e) => e.tickers.includes(s.toUpperCase()))).toBe(false);
      expect((await run(['--from', SEC], url)).code).toBe(0);
    }, 60_000);

    test('two refreshes at once take turns: both succeed, no duplicate-key error, one whole directory stored', async () => {
      const [a, b] = await Promise.all([run(['--from', SEC], url), run(['--from', SEC], url)]);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect([...a.err, ...b.err]).toEqual([]);
      const store = await Store.open(url);
      expect(await readDirectory(store)).toHaveLength(entries.length);
      await store.close();
    }, 60_000);

    test('GIVEN a malformed file WHEN filling THEN it names the file and row, and the directory is unchanged', async () => {
      const bad = tempDir('topheavy-bad-sec-');
      try {
        writeFileSync(path.join(bad.dir, 'company_tickers_mf.json'), JSON.stringify({ fields: ['cik', 'seriesId', 'classId', 'symbol'], data: [[2110, 'S1', 'C1', 'AAAX'], ['x', 'S2', 'C2', 'BBBX']] }));
        writeFileSync(path.join(bad.dir, 'company_tickers.json'), '{}');
        const result = await run(['--from', bad.dir], url);
        expect(result.code).toBe(1);
        expect(result.err.join('\n')).toMatch(/company_tickers_mf\.json: data\[1\] .*expected a positive cik.*unchanged/);
        const store = await Store.open(url);
        expect(await readDirectory(store)).toHaveLength(entries.length);
        await store.close();
      } finally {
        bad.remove();
      }
    });
  });
});

describe.skipIf(!HAS_SEC)('downloading the SEC files', () => {
  const tmp = tempDir('topheavy-directory-dl-');
  afterAll(() => tmp.remove());

  test('without SEC_USER_AGENT nothing is downloaded, and the message says how to turn it on', async () => {
    const result = await run([], `file:${path.join(tmp.dir, 'off.db')}`, {});
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(/SEC_USER_AGENT=/);
    expect(result.err.join('\n')).toMatch(/--from DIR/);
  });

  test('with SEC_USER_AGENT and SYNC_BASE_URL, both files come from that host on the SEC’s own paths, naming the contact', async () => {
    const seen: { path: string; agent: string | undefined }[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? '', agent: req.headers['user-agent'] });
      const file = { '/files/company_tickers_mf.json': 'company_tickers_mf.json', '/files/company_tickers.json': 'company_tickers.json' }[req.url ?? ''];
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(path.join(SEC, file)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await run([], `file:${path.join(tmp.dir, 'dl.db')}`, { SEC_USER_AGENT: 'topheavy-test ops@example.com', SYNC_BASE_URL: base });
      expect(result.err).toEqual([]);
      expect(result.code).toBe(0);
      expect(seen).toEqual([
        { path: '/files/company_tickers_mf.json', agent: 'topheavy-test ops@example.com' },
        { path: '/files/company_tickers.json', agent: 'topheavy-test ops@example.com' },
      ]);
      expect(result.out.join('\n')).toMatch(new RegExp(`${independentCounts().series.size} SEC fund series`));
    } finally {
      server.close();
    }
  });
});
