import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FundRef } from '../../store/fund-fetch.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';
import { parseNport } from '../../holdings/parsers/nport-xml.ts';
import type { Holdings } from '../../holdings/types.ts';
import { createFundFetcher } from '../../store/on-demand.ts';
import { Store } from '../../store/store.ts';
import { tempDir } from './helpers.ts';
import { HAS_SEC, nportFile, startSecServer, type Filer, type SecServer } from './sec-server.ts';

/**
 * Issue 22 items 3 and 5: sources that lie. Each hostile filing is the real Global X DAX N-PORT
 * (../shared/data/sources/sec/nport) with one thing tampered, served on its real EDGAR paths; the
 * fetch must fail with the reason and leave the store as it was. The store's own guard is
 * tested apart with holdings no parser would make, since every way in passes it.
 */
const DAX_FILE = 'DAX_2024-01-31_primary_doc.xml';
const UA = 'topheavy tests ops@example.org';
const tmp = tempDir('topheavy-hostile-');

/** The real DAX filing with its first `n` <valUSD> values replaced. */
function withValues(xml: string, value: string, n: number): string {
  let left = n;
  return xml.replace(/<valUSD>[^<]*<\/valUSD>/g, (whole) => (left-- > 0 ? `<valUSD>${value}</valUSD>` : whole));
}

describe.skipIf(!HAS_SEC)('hostile N-PORT filings are refused with the reason, the store unchanged', () => {
  let server: SecServer;
  let store: Store;
  let xml = '';
  const cases: { name: string; ref: FundRef; file: (xml: string) => string; reason: RegExp }[] = [
    { name: 'two valUSD of 1e308 (their sum overflows)', ref: ref(1), file: (x) => withValues(x, '1e308', 2), reason: /expected a plausible amount in <valUSD> \(0, or between 1e-6 and 1e\+15 dollars\); found "1e308"/ },
    { name: 'a valUSD of NaN', ref: ref(2), file: (x) => withValues(x, 'NaN', 1), reason: /expected a number in <valUSD>; found "NaN"/ },
    { name: 'a valUSD of Infinity', ref: ref(3), file: (x) => withValues(x, 'Infinity', 1), reason: /expected a number in <valUSD>; found "Infinity"/ },
    { name: 'denormal valUSD everywhere', ref: ref(4), file: (x) => withValues(x, '5e-324', 41), reason: /expected a plausible amount in <valUSD>.*found "5e-324"/ },
    { name: 'another series’ filing (its <seriesId> is not the one asked for)', ref: ref(5), file: (x) => x, reason: /the filing is of series S000063351 \(Global X DAX Germany ETF\), not S000000905 as asked for; nothing was stored/ },
  ];
  function ref(i: number): FundRef {
    return { fund: `HOST${i}`, name: `Hostile ${i}`, cik: 1432353, seriesId: `S00000090${i}`, issuer: null };
  }

  beforeAll(async () => {
    xml = readFileSync(nportFile(DAX_FILE), 'utf8');
    const filers: Filer[] = cases.map((c, i) => ({
      cik: 1432353,
      listId: c.ref.seriesId!,
      filings: [{ accession: `0001432353-24-00010${i}`, form: 'NPORT-P', filingDate: '2024-03-27', reportDate: '2024-01-31', file: c.file(xml) }],
    }));
    server = await startSecServer(filers);
    store = await Store.open(`file:${path.join(tmp.dir, 'hostile.db')}`);
  });
  afterAll(async () => {
    await store.close();
    await server.close();
    tmp.remove();
  });

  test('the untampered filing itself parses (so each refusal below is the tampering)', async () => {
    const filing = await parseNport(Readable.from([xml]), { fund: 'DAX', file: DAX_FILE, expect: { seriesId: 'S000063351', cik: 1432353 } });
    expect(filing.holdings.positions).toHaveLength(40);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await store.snapshots();
    const fetcher = createFundFetcher(store, { env: { SEC_USER_AGENT: UA, SYNC_BASE_URL: server.base }, timeoutMs: 5_000, tries: 1, backoffMs: 10 });
    const outcome = await fetcher.ensure(c.ref);
    expect(outcome.status).toBe('failed');
    expect(outcome.failure?.code).toBe('unreadable');
    expect(outcome.failure?.detail).toMatch(c.reason);
    expect(await store.snapshots()).toEqual(before);
    expect(await store.positionCount()).toBe(0);
  });
});

describe.skipIf(!HAS_SEC)('the store’s guard: no source can store a figure that is not finite and sane', () => {
  let good: Holdings;
  let store: Store;
  beforeAll(async () => {
    good = (await parseNport(Readable.from([readFileSync(nportFile(DAX_FILE), 'utf8')]), { fund: 'DAX', file: DAX_FILE })).holdings;
    store = await Store.open(`file:${path.join(tmp.dir, 'guard.db')}`);
  });
  afterAll(() => store.close());

  const tamper = (f: (h: Holdings) => void): Holdings => {
    const h = structuredClone(good);
    f(h);
    return h;
  };
  const hostile: [string, (h: Holdings) => void, RegExp][] = [
    ['a NaN weight', (h) => (h.positions[0]!.weight = Number.NaN), /expected a weight between 0 and 1 for every holding; found "holding 1 \(.*\): NaN"/],
    ['an infinite market value', (h) => (h.positions[3]!.marketValue = Number.POSITIVE_INFINITY), /expected a finite market value for every holding; found "holding 4 .*: Infinity"/],
    ['a market value of 1e308', (h) => (h.positions[1]!.marketValue = 1e308), /expected market values of at most 1e\+15; found "holding 2 .*: 1e\+308"/],
    ['a subnormal weight', (h) => (h.positions[39]!.weight = 5e-324), /expected weights that are 0 or a normal number \(not subnormal\); found "holding 40 .*: 5e-324"/],
    ['weights that add to 0 (every weight 0, as an overflowed total made them)', (h) => h.positions.forEach((p) => (p.weight = 0)), /expected weights that add up to 1 \(within 0\.000001\); found "a sum of 0"/],
    ['weights that add to 2', (h) => h.positions.forEach((p) => (p.weight *= 2)), /expected weights that add up to 1.*found "a sum of 2"/],
    ['an empty list of holdings', (h) => (h.positions = []), /expected at least one equity holding to store; found "an empty list of holdings"/],
    ['a NaN in an excluded row', (h) => (h.excluded[0]!.marketValue = Number.NaN), /expected finite, plausible figures in every excluded row; found "excluded row 1/],
  ];

  test.each(hostile)('%s is refused with the reason; nothing is stored', async (_name, f, reason) => {
    const error = await store.importHoldings(tamper(f), `bad-${_name}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HoldingsFileError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message.startsWith(`${DAX_FILE}: expected`)).toBe(true);
    expect(await store.snapshots()).toEqual([]);
    expect(await store.positionCount()).toBe(0);
  });

  test('the untampered holdings are stored (the guard does not refuse real figures)', async () => {
    const result = await store.importHoldings(good, 'good');
    expect(result.status).toBe('stored');
    expect(await store.positionCount()).toBe(40);
  });
});
