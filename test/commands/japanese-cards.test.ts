import { beforeAll, describe, expect, test } from 'vitest';
import { renderConsole } from '../../bot/console/render.ts';
import { renderDiscord } from '../../bot/discord/render.ts';
import { renderSlack } from '../../bot/slack/render.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { parseShocks, shockLabel } from '../../commands/stress.ts';
import { TSE33_EN } from '../../commands/tse33-names.ts';
import type { View } from '../../commands/view.ts';
import { catalogSource } from '../../bot/data-source.ts';
import { CONSOLE_USER, type Context } from '../../commands/context.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { GICS_SECTORS, type Holdings } from '../../holdings/types.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { contextFor, NOW } from '../support/context.ts';
import { WALK } from '../support/walk.ts';

let catalog: Catalog;
beforeAll(async () => {
  if (HAS_RAW) catalog = await rawCatalog();
}, 120_000);

/** Every string a card shows, each table cell and chart label on its own. */
function pieces(view: View): string[] {
  const out = [view.title, view.summary ?? '', view.markdown ?? '', view.footer ?? '', ...(view.warnings ?? [])];
  for (const f of view.fields ?? []) out.push(f.name, f.value);
  if (view.table) out.push(view.table.caption ?? '', ...view.table.columns.map((c) => c.label), ...view.table.rows.flat());
  if (view.chart) {
    const c = view.chart;
    out.push(c.title, c.subtitle ?? '', c.axes?.x ?? '', c.axes?.y ?? '', ...c.series.flatMap((s) => [s.name, ...s.points.map((p) => String(p.x))]));
  }
  for (const a of view.actions ?? []) out.push(a.label);
  return out.filter(Boolean);
}

const REGION_EN = new Intl.DisplayNames(['en'], { type: 'region' });
/** Source wording of the English cards: "as of", "Sources", "undated file", the N-PORT and download lines. */
const ENGLISH_SOURCE = /\b(?:as of|Sources?:?|undated file|SEC N-PORT for|filed \d|downloaded from the issuer|stored \d)\b/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!HAS_RAW)('Japanese cards are Japanese on every command, over the real catalog', () => {
  test('the walk covers every registered command', () => {
    expect(Object.keys(WALK).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  /** What a walk over every command in `lang` finds in English: sector, TSE-33 and country names listed, English source phrases. */
  async function englishIn(lang: 'ja' | 'en'): Promise<string[]> {
    // English names of every country the loaded files hold, as the cards would print them.
    const codes = new Set<string>();
    for (const { holdings } of catalog.funds.values()) for (const p of holdings.positions) if (p.country && /^[A-Z]{2}$/.test(p.country)) codes.add(p.country);
    const countries = [...codes].map((c) => REGION_EN.of(c)!).concat(['United States', 'Hong Kong', 'South Korea', 'Unknown']);
    const names = [...GICS_SECTORS, ...Object.values(TSE33_EN), ...countries];
    const exact = new Set(names);
    // A name followed by a figure ("Energy 3.2%", "Japan 100.0%"), as sector and country lists print: company names never are.
    const listed = new RegExp(`(?:^|[\\s·:：、,(（"「])(${names.map(escape).join('|')})["」]?\\s*[−+\\-]?[\\d.,]+%`, 'u');
    const problems: string[] = [];
    for (const [command, invocations] of Object.entries(WALK)) {
      for (const text of invocations) {
        const view = await dispatch({ command, text }, contextFor(catalog, lang), memoryLogger());
        const where = `/${command} ${text}`;
        expect(view.lang, where).toBe(lang);
        for (const piece of pieces(view)) {
          if (exact.has(piece.trim())) problems.push(`${where}: "${piece}" is an English name`);
          const m = listed.exec(piece);
          if (m) problems.push(`${where}: "${m[1]}" listed in English in "${piece.slice(0, 120)}"`);
        }
        for (const s of view.sources) if (ENGLISH_SOURCE.test(s.file)) problems.push(`${where}: source "${s.file}" is English`);
        // What each surface prints around the card (source lines, notes, paging) is in the card's language too.
        const rendered = [renderConsole(view), JSON.stringify(renderDiscord(view, { origin: { command, args: text } })), JSON.stringify(renderSlack(view, { origin: { command, args: text } }))];
        for (const r of rendered) {
          const m = ENGLISH_SOURCE.exec(r);
          if (m) problems.push(`${where}: rendered "${m[0]}"`);
        }
      }
    }
    return problems;
  }

  test('no card in Japanese names a GICS sector, TSE-33 sector or country in English, nor a source in English', async () => {
    expect(await englishIn('ja')).toEqual([]);
  }, 300_000);

  test('the same walk in English does find them (the check above can fail)', async () => {
    const found = (await englishIn('en')).join('\n');
    expect(found).toMatch(/"Information Technology" listed in English/);
    expect(found).toMatch(/"United States" listed in English/);
    expect(found).toMatch(/rendered "(?:as of|Sources?)/);
  }, 300_000);

  test('Tokyo codes are named in Japanese on Japanese cards wherever a loaded file prints the name (TOPIX 銘柄名), even on N225 and VT rows', async () => {
    const topix = catalog.funds.get('TOPIX')!.holdings.positions;
    const jaName = (code: string) => topix.find((p) => p.ticker === code)!.name.normalize('NFKC');
    expect(jaName('7203')).toMatch(/トヨタ/);
    const ja = contextFor(catalog, 'ja');
    const run = (command: string, text: string) => dispatch({ command, text }, ja, memoryLogger());
    const n225 = await run('holdings', 'N225');
    // The Nikkei file prints English names; each Tokyo code on the card reads as TOPIX names it (clipped to 20 columns).
    for (const row of n225.table!.rows) {
      const code = row[1]!.split(' ')[0]!;
      if (topix.some((p) => p.ticker === code)) expect(`${code} ${jaName(code)}`.startsWith(row[1]!.replace(/…$/, '')), row[1]).toBe(true);
    }
    expect(n225.table!.rows.some((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r[1]!))).toBe(true);
    const overlap = await run('overlap', 'VT TOPIX');
    expect(overlap.table!.rows.map((r) => r[0]!)).toContain('7203 トヨタ自動車');
    expect(overlap.chart!.series[0]!.points.map((p) => p.x)).toContain('トヨタ自動車');
    expect((await run('holders', 'Toyota Motor')).title).toContain('トヨタ自動車');
    expect((await run('hhi', 'N225')).fields!.find((f) => f.name === '最大保有銘柄')!.value).toMatch(/^9983 ファーストリテイリ/);
    // English cards keep each file's own names.
    const en = await dispatch({ command: 'overlap', text: 'VT TOPIX' }, contextFor(catalog, 'en'), memoryLogger());
    expect(en.table!.rows.map((r) => r[0]!)).toContain('7203 Toyota Motor Corp');
  }, 120_000);
});

describe('the source line of a downloaded snapshot is in the card\'s language', () => {
  const position = (ticker: string, weight: number) => ({
    ticker, name: `${ticker} Inc`, weight, reportedWeight: weight, marketValue: null, sector: 'Information Technology' as const, sectorSource: 'file' as const,
    industry: null, country: 'US', countrySource: 'file' as const, exchange: null, assetClass: 'equity' as const, ids: {},
  });
  const snapshot = (fund: string, origin: Holdings['origin']): Holdings => ({
    fund, name: `${fund} Fund`, issuer: 'SEC', format: 'nport', file: `${fund}-nport.xml`, asOf: { date: '2026-06-30', source: 'file' },
    weightBasis: 'reported-weight', reportedEquityWeight: 1, reportedTotalWeight: 1, positions: [position('AAA', 0.6), position('BBB', 0.4)], excluded: [], notes: [], origin,
  });
  const funds = [
    snapshot('IVW', { kind: 'sec-nport', url: 'https://www.sec.gov/x', reportDate: '2026-06-30', filedDate: '2026-08-25' }),
    snapshot('XYZ', { kind: 'sec-nport', url: 'https://www.sec.gov/y', reportDate: null, filedDate: null }),
    snapshot('DLD', { kind: 'issuer', url: 'https://www.ishares.com/z', reportDate: '2026-06-30', filedDate: null }),
  ];
  const data = catalogSource({ dir: 'hand-made', funds: new Map(funds.map((h) => [h.fund, { holdings: h, path: h.file, passedOver: [] }])), problems: [] });
  const ctx = (lang: 'en' | 'ja'): Context => ({ lang, requester: CONSOLE_USER, data, now: NOW, staleAfterDays: 365 });

  test.each([
    ['IVW', 'SEC N-PORT for 2026-06-30, filed 2026-08-25', 'SEC N-PORT（2026-06-30時点、2026-08-25提出）'],
    ['XYZ', 'SEC N-PORT for an unknown period', 'SEC N-PORT（対象期間不明）'],
    ['DLD', 'DLD-nport.xml, downloaded from the issuer', 'DLD-nport.xml（運用会社のサイトから取得）'],
  ])('%s: "%s" in English, "%s" in Japanese, on every surface', async (fund, en, ja) => {
    const english = await dispatch({ command: 'hhi', text: fund }, ctx('en'), memoryLogger());
    expect(english.sources[0]!.file).toBe(en);
    const japanese = await dispatch({ command: 'hhi', text: fund }, ctx('ja'), memoryLogger());
    expect(japanese.sources[0]!.file).toBe(ja);
    for (const out of [renderConsole(japanese), JSON.stringify(renderDiscord(japanese)), JSON.stringify(renderSlack(japanese))]) {
      expect(out).toContain(ja);
      expect(out).not.toMatch(ENGLISH_SOURCE);
    }
  });
});

describe('a stress card names its shock from what was parsed, in the reader\'s language', () => {
  const parsed = (text: string, lang: 'en' | 'ja') => parseShocks(text, { lang } as Context);
  test.each([
    ['sector:"Energy" -30%, top10 -17.5%, NVDA -12.34%', 'ja', 'セクター「エネルギー」−30%、上位10銘柄 −17.5%、NVDA −12.34%'],
    ['sector:"情報技術" -30%', 'en', 'sector Information Technology −30%'],
    ['sector:"information technology" +5', 'en', 'sector Information Technology +5%'],
    ['deepseek-2025', 'ja', 'deepseek-2025'],
  ] as const)('%s (%s) → %s', (text, lang, label) => {
    expect(shockLabel(lang, parsed(text, lang))).toBe(label);
  });
});
