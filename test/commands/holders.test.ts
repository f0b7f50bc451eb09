import { beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context } from '../../commands/context.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { HAS_RAW } from '../support/raw.ts';
import { rawContexts } from '../support/context.ts';

let catalog: Catalog;
let en: Context;
let ja: Context;
beforeAll(async () => void ({ catalog, en, ja } = await rawContexts()));

/** Σ weight of the positions whose printed ticker, with spaces and punctuation dropped, is `ticker`: written here, not via holdings/identity. */
function byTicker(code: string, ticker: string): number {
  return catalog.funds
    .get(code)!
    .holdings.positions.filter((p) => p.ticker.replace(/[\s./-]/g, '').toUpperCase() === ticker)
    .reduce((s, p) => s + p.weight, 0);
}

describe.skipIf(!HAS_RAW)('/holders', () => {
  test('NVDA: every US-listing fund that holds it, with its weight, largest first', async () => {
    const card = await dispatch({ command: 'holders', text: 'NVDA' }, en, memoryLogger());
    const holders = (card.data as { holders: { fund: string; weight: number }[] }).holders;
    const expected = [...catalog.funds.keys()].map((f) => ({ fund: f, weight: byTicker(f, 'NVDA') })).filter((x) => x.weight > 0);
    expect(holders.map((h) => h.fund).sort()).toEqual(expected.map((x) => x.fund).sort());
    for (const x of expected) expect(holders.find((h) => h.fund === x.fund)!.weight).toBeCloseTo(x.weight, 12);
    expect(holders.map((h) => h.weight)).toEqual([...holders.map((h) => h.weight)].sort((a, b) => b - a));
    expect(card.table!.rows[0]).toEqual([holders[0]!.fund, `${(holders[0]!.weight * 100).toFixed(2)}%`, expect.any(String)]);
    expect(card.sources.map((s) => s.fund)).toEqual(holders.map((h) => h.fund));
  });

  test('7203 (Toyota) is found in TOPIX by its Tokyo code and in the world funds across issuers, named in Japanese', async () => {
    const card = await dispatch({ command: 'holders', text: '7203' }, ja, memoryLogger());
    const holders = (card.data as { holders: { fund: string; weight: number }[] }).holders;
    const topix = catalog.funds.get('TOPIX')!.holdings.positions.find((p) => p.ticker === '7203')!;
    expect(holders.find((h) => h.fund === 'TOPIX')!.weight).toBeCloseTo(topix.weight, 12);
    expect(card.title).toBe(`7203 ${topix.name.normalize('NFKC')}を保有するファンド`);
    // No US fund holds Toyota's Tokyo line: a code that means another company elsewhere is not matched.
    for (const us of ['SPY', 'IVV', 'VOO', 'QQQ']) expect(holders.some((h) => h.fund === us)).toBe(false);
  });

  test('a company nobody holds is refused in plain words', async () => {
    const card = await dispatch({ command: 'holders', text: 'ZZZZQ' }, en, memoryLogger());
    expect(card.tone).toBe('error');
    expect(card.summary).toBe('No loaded fund holds "ZZZZQ". Try a ticker (NVDA) or a name (Toyota), or /funds for what is loaded.');
  });
});

describe.skipIf(!HAS_RAW)('/holdings', () => {
  test('VT page 2 lists rows 21–40 in weight order, and pages link both ways', async () => {
    const vt = catalog.funds.get('VT')!.holdings.positions;
    const card = await dispatch({ command: 'holdings', text: 'VT 2' }, en, memoryLogger());
    expect(card.table!.rows).toHaveLength(20);
    expect(card.table!.rows[0]![0]).toBe('21');
    expect(card.table!.rows[0]![2]).toBe(`${(vt[20]!.weight * 100).toFixed(2)}%`);
    expect(card.title).toBe(`VT holdings, page 2 of ${Math.ceil(vt.length / 20)}`);
    expect(card.actions!.map((a) => (a.kind === 'command' ? a.args : ''))).toEqual(['VT 1', 'VT 3']);
  });

  test('a page past the end says how many there are', async () => {
    const n = Math.ceil(catalog.funds.get('SOXX')!.holdings.positions.length / 20);
    const card = await dispatch({ command: 'holdings', text: 'SOXX 9' }, en, memoryLogger());
    expect(card.summary).toBe(`There is no page 9: the list has ${n} ${n === 1 ? 'page' : 'pages'}.`);
  });
});
