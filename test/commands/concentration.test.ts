import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { dataWarnings } from '../../commands/card-parts.ts';
import { computeConcentration, type ConcentrationData } from '../../commands/concentration.ts';
import { percent } from '../../commands/format.ts';
import { m, t } from '../../commands/messages.ts';
import { TSE33_EN } from '../../commands/tse33-names.ts';
import { fillFromPeers, type Catalog } from '../../holdings/catalog.ts';
import { columnsOf, hasColumns } from '../../holdings/columns.ts';
import type { Holdings, Position } from '../../holdings/types.ts';
import { Store } from '../../store/store.ts';
import { tempDir } from '../store/helpers.ts';
import { contextFor } from '../support/context.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';

/**
 * The /hhi figures, written again the plain way from the position objects: a sorted copy,
 * sums, a Map per grouping. Nothing here touches the typed columns or the one-pass analytics.
 */
function plainFigures(h: Holdings) {
  const ws = h.positions.map((p) => p.weight);
  const sorted = [...ws].sort((a, b) => b - a);
  const hhi = ws.reduce((s, w) => s + w * w, 0);
  const rest = sorted.slice(1).reverse();
  let acc = 0;
  let tail: number | null = null;
  for (let k = 0; k < rest.length && tail === null; k++) if ((acc += rest[k]!) >= sorted[0]! * (1 - 1e-12)) tail = k + 1;
  const group = (key: (p: Position) => string | null) => {
    const totals = new Map<string, number>();
    for (const p of h.positions) totals.set(key(p) ?? 'Unknown', (totals.get(key(p) ?? 'Unknown') ?? 0) + p.weight);
    return [...totals].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1));
  };
  // Sectors over the weight whose sector is known: the unknown part is no sector, and Tech+ is of the known part.
  const known = h.positions.filter((p) => p.sector !== null).reduce((s, p) => s + p.weight, 0);
  const sectors = group((p) => p.sector)
    .filter(([k]) => k !== 'Unknown')
    .map(([k, w]) => [k, w / known] as [string, number]);
  const big = ws.filter((w) => w >= 0.03);
  return {
    count: ws.length,
    hhi,
    effectiveN: 1 / hhi,
    top5: sorted.slice(0, 5).reduce((s, w) => s + w, 0),
    top10: sorted.slice(0, 10).reduce((s, w) => s + w, 0),
    tailEquivalentCount: tail,
    big: { share: big.reduce((s, w) => s + w, 0), count: big.length },
    largest: h.positions.find((p) => p.weight === sorted[0])!,
    sectors,
    countries: group((p) => p.country),
    known,
    techPlus: known >= 0.5 ? sectors.filter(([k]) => k === 'Information Technology' || k === 'Communication Services').reduce((s, [, w]) => s + w, 0) : null,
  };
}

function expectSameFigures(c: ConcentrationData, h: Holdings): void {
  const plain = plainFigures(h);
  expect(c.count).toBe(plain.count);
  expect(c.hhi).toBeCloseTo(plain.hhi, 14);
  expect(c.effectiveN).toBeCloseTo(plain.effectiveN, 9);
  expect(c.top5).toBeCloseTo(plain.top5, 14);
  expect(c.top10).toBeCloseTo(plain.top10, 14);
  expect(c.tailEquivalentCount).toBe(plain.tailEquivalentCount);
  expect(c.bigHoldings.share).toBeCloseTo(plain.big.share, 14);
  expect(c.bigHoldings.count).toBe(plain.big.count);
  expect(c.largest).toEqual({ ticker: plain.largest.ticker, name: plain.largest.name, weight: plain.largest.weight });
  // Same groups, same order (weight, then name), same totals.
  expect(Object.keys(c.sectors)).toEqual(plain.sectors.map(([k]) => k));
  plain.sectors.forEach(([k, w]) => expect(c.sectors[k]).toBeCloseTo(w, 14));
  expect(Object.keys(c.countries)).toEqual(plain.countries.map(([k]) => k));
  plain.countries.forEach(([k, w]) => expect(c.countries[k]).toBeCloseTo(w, 14));
  expect(c.sectorCoverage.known).toBeCloseTo(plain.known, 12);
  if (plain.techPlus === null) expect(c.techPlus).toBeNull();
  else expect(c.techPlus).toBeCloseTo(plain.techPlus, 14);
}

describe.skipIf(!HAS_RAW)('the /hhi figures from typed columns, against a plain computation from the real files', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await rawCatalog();
  });

  test('VT (10,027 names): loading made the columns; a new snapshot value gets its own; every figure matches', () => {
    const vt = catalog.funds.get('VT')!.holdings;
    expect(vt.positions.length).toBeGreaterThan(9000);
    expect(hasColumns(vt)).toBe(true); // made by loadCatalog, before any ask
    const fresh = { ...vt };
    // A copy is a new snapshot: it carries no columns of the original (nothing keyed on its positions).
    expect(hasColumns(fresh)).toBe(false);
    expect(hasColumns(structuredClone(vt))).toBe(false);
    expectSameFigures(computeConcentration(vt), vt);
    expectSameFigures(computeConcentration(fresh), fresh);
    expect(columnsOf(fresh)).not.toBe(columnsOf(vt));
    // The parser orders positions largest first, so no sorted copy was made.
    expect(columnsOf(vt).ordered).toBe(true);
    expect(columnsOf(vt).descending).toBe(columnsOf(vt).weightArray);
  });

  test('every loaded fund: the same figures as the plain computation', () => {
    for (const { holdings } of catalog.funds.values()) expectSameFigures(computeConcentration(holdings), holdings);
  });

  test('TOPIX: the TSE-33 line on page 2 is the six largest JPX sectors, summed here from the positions', async () => {
    const topix = catalog.funds.get('TOPIX')!.holdings;
    const totals = new Map<string, number>();
    for (const p of topix.positions) if (p.industry && p.industry in TSE33_EN) totals.set(p.industry, (totals.get(p.industry) ?? 0) + p.weight);
    const six = [...totals].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1)).slice(0, 6);
    expect(six.length).toBe(6);
    expect(columnsOf(topix).hasTse33).toBe(true);
    expect(columnsOf(catalog.funds.get('VT')!.holdings).hasTse33).toBe(false);
    const card = await dispatch({ command: 'hhi', text: 'TOPIX page=2' }, contextFor(catalog, 'en'), memoryLogger());
    const line = card.fields!.find((f) => f.name === t('en', m.fTse33()))!.value;
    expect(line).toBe(six.map(([k, w]) => `${TSE33_EN[k]} ${percent(w, 1)}`).join(' · '));
    // A fund that prints no TSE-33 label has no such line.
    const vt = await dispatch({ command: 'hhi', text: 'VT page=2' }, contextFor(catalog, 'en'), memoryLogger());
    expect(vt.fields!.some((f) => f.name === t('en', m.fTse33()))).toBe(false);
  });
});

function pos(ticker: string, weight: number, sector: Position['sector'], country: string | null, extra: Partial<Position> = {}): Position {
  return {
    ticker, name: `${ticker} Inc`, weight, reportedWeight: null, marketValue: null, sector, sectorSource: sector && 'file', industry: null,
    country, countrySource: country === null ? null : 'file', exchange: null, assetClass: 'equity', ids: {}, ...extra,
  };
}

function fund(code: string, positions: Position[]): Holdings {
  return {
    fund: code, name: code, issuer: 'Unknown', format: 'hand-made', file: `${code}.csv`, asOf: { date: '2026-11-01', source: 'file' },
    weightBasis: 'reported-weight', reportedEquityWeight: null, reportedTotalWeight: null, positions, excluded: [], notes: [],
  };
}

describe('positions not largest first, with ties: no figure may lean on the order', () => {
  // 1/16ths, so the hand sums are exact: two names tie for largest, two sectors tie at 0.1875.
  const unordered = () =>
    fund('MIX', [
      pos('AAA', 0.125, 'Information Technology', 'US'),
      pos('BBB', 0.25, 'Financials', 'US'),
      pos('CCC', 0.0625, 'Information Technology', 'JP'),
      pos('DDD', 0.25, 'Health Care', 'US'),
      pos('EEE', 0.1875, 'Energy', 'JP'),
      pos('FFF', 0.125, 'Financials', null),
    ]);

  test('GIVEN the hand-made fund THEN every figure is the hand-computed one', () => {
    const c = computeConcentration(unordered());
    expect(c.hhi).toBe(50 / 256); // (4 + 16 + 1 + 16 + 9 + 4) / 256
    expect(c.effectiveN).toBe(5.12);
    expect(c.top5).toBe(0.9375); // 0.25 + 0.25 + 0.1875 + 0.125 + 0.125
    expect(c.top10).toBe(1); // six names: all of them
    expect(c.tailEquivalentCount).toBe(3); // 0.0625 + 0.125 < 0.25 ≤ 0.0625 + 0.125 + 0.125
    expect(c.bigHoldings).toEqual({ threshold: 0.03, share: 1, count: 6 });
    expect(c.largest.ticker).toBe('BBB'); // the first of the two at 25%, not positions[0]
    expect(Object.entries(c.sectors)).toEqual([
      ['Financials', 0.375],
      ['Health Care', 0.25],
      ['Energy', 0.1875], // tie at 0.1875: by name
      ['Information Technology', 0.1875],
    ]);
    expect(Object.entries(c.countries)).toEqual([['US', 0.625], ['JP', 0.25], ['Unknown', 0.125]]);
    expect(c.techPlus).toBe(0.1875);
    expectSameFigures(c, unordered());
  });

  test('GIVEN the same positions largest first THEN the same figures; only then are the weights read in place', () => {
    const h = unordered();
    const sorted = fund('MIX', [...h.positions].sort((a, b) => b.weight - a.weight));
    const { largest: _a, ...fromUnordered } = computeConcentration(h);
    const { largest: _b, ...fromSorted } = computeConcentration(sorted);
    expect(fromSorted).toEqual(fromUnordered);
    const cols = columnsOf(h);
    expect(cols.ordered).toBe(false);
    // Columns stay in position order (overlap and look-through index them by position); the sorted copy is apart.
    expect([...cols.weightArray]).toEqual(h.positions.map((p) => p.weight));
    expect([...cols.descending]).toEqual([0.25, 0.25, 0.1875, 0.125, 0.125, 0.0625]);
    expect(columnsOf(sorted).descending).toBe(columnsOf(sorted).weightArray);
  });

  test('GIVEN weights that do not sum to 1 THEN the report refuses, as every analytics function does', () => {
    const h = unordered();
    h.positions[0]!.weight = 0.5;
    expect(() => computeConcentration(h)).toThrow(/sum to 1.375/);
  });
});

describe('the TSE-33 check reads labels, not guesses', () => {
  test('GIVEN a label that is a TSE-33 sector, one that only starts like one, and English labels THEN only the first counts; industries are coded either way', () => {
    const tse = fund('JPX', [pos('6758', 0.6, null, 'JP', { industry: '電気機器' }), pos('7203', 0.4, null, 'JP', { industry: '輸送用機器' })]);
    const lookalike = fund('LOOK', [pos('6758', 0.6, null, 'JP', { industry: '電気' }), pos('7203', 0.4, null, 'JP', { industry: null })]);
    const english = fund('ENG', [pos('AAPL', 0.6, null, 'US', { industry: 'Technology Hardware' }), pos('MSFT', 0.4, null, 'US', { industry: 'Software' })]);
    expect([tse, lookalike, english].map((h) => columnsOf(h).hasTse33)).toEqual([true, false, false]);
    expect(columnsOf(english).industryCodes.names).toEqual(['Technology Hardware', 'Software']);
    expect([...columnsOf(english).industryCodes.codes]).toEqual([0, 1]);
    expect(columnsOf(lookalike).industryCodes.names).toEqual(['電気', null]);
  });
});

describe('a snapshot read from the store comes with its columns', () => {
  test('GIVEN an unordered fund stored in SQLite WHEN read back THEN its columns are made with it and give the hand figures', async () => {
    const { dir, remove } = tempDir();
    const store = await Store.open(`file:${path.join(dir, 'columns.db')}`);
    try {
      const h = fund('MIX', [pos('AAA', 0.125, 'Energy', 'US'), pos('BBB', 0.5, 'Financials', 'US'), pos('CCC', 0.375, 'Energy', 'JP')]);
      const { snapshot } = await store.importHoldings(h, 'sum-columns');
      const back = (await store.readHoldings(snapshot.id))!;
      expect(hasColumns(back)).toBe(true);
      const c = computeConcentration(back);
      expect(c.hhi).toBe(0.40625); // (1 + 16 + 9) / 64
      expect(c.sectors).toEqual({ Energy: 0.5, Financials: 0.5 });
      expect(c.largest.ticker).toBe('BBB');
    } finally {
      await store.close();
      remove();
    }
  });
});

describe('columns follow the snapshot through the one step that changes it in place', () => {
  test('GIVEN a fund without sectors, asked before its peers fill them THEN after fillFromPeers its columns are rebuilt with the filled sectors', () => {
    const bare = fund('BARE', [pos('AAPL', 0.5, null, 'US', { ids: { cusip: '037833100' } }), pos('MSFT', 0.5, null, 'US', { ids: { cusip: '594918104' } })]);
    const peer = fund('PEER', [
      pos('AAPL', 0.6, 'Information Technology', 'US', { ids: { cusip: '037833100' } }),
      pos('MSFT', 0.4, 'Information Technology', 'US', { ids: { cusip: '594918104' } }),
    ]);
    // No sector known: no sector row at all (never "Unknown 100%"), no Tech+.
    expect(computeConcentration(bare).sectors).toEqual({});
    expect(computeConcentration(bare).techPlus).toBeNull();
    expect(columnsOf(bare).filledFromPeers).toBe(false);
    fillFromPeers([bare, peer]);
    expect(hasColumns(bare)).toBe(false);
    expect(computeConcentration(bare).sectors).toEqual({ 'Information Technology': 1 });
    expect(columnsOf(bare).filledFromPeers).toBe(true);
    const ctx = { lang: 'en' as const, now: new Date('2026-11-02'), staleAfterDays: 30 } as Parameters<typeof dataWarnings>[0];
    expect(dataWarnings(ctx, bare)).toEqual([t('en', m.sectorsFilled())]);
  });
});
