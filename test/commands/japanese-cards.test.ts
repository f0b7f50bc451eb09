import { beforeAll, describe, expect, test } from 'vitest';
import { renderConsole } from '../../bot/console/render.ts';
import { renderDiscord } from '../../bot/discord/render.ts';
import { renderSlack } from '../../bot/slack/render.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { TSE33_EN } from '../../commands/tse33-names.ts';
import type { View } from '../../commands/view.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { GICS_SECTORS } from '../../holdings/types.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { contextFor } from '../support/context.ts';

let catalog: Catalog;
beforeAll(async () => {
  if (HAS_RAW) catalog = await rawCatalog();
}, 120_000);

/** Every command, with the invocations that show sectors, countries, company names or sources. */
const WALK: Record<string, string[]> = {
  hhi: ['VT', 'VT page=2', 'TOPIX', 'TOPIX page=2', 'N225 page=2', 'QQQ by=company page=2', 'ACWI page=2'],
  history: ['VT', 'TOPIX'],
  overlap: ['VOO QQQ', 'VT VTI ACWI', 'TOPIX N225', 'VT TOPIX'],
  holders: ['NVDA', '7203', 'Toyota Motor'],
  holdings: ['VT', 'TOPIX', 'ACWI 3', 'N225'],
  portfolio: ['VT 60, QQQ 40', 'TOPIX 50, VT 50', 'N225 70, ACWI 30'],
  compare: ['SPY', 'TOPIX', 'ACWI cap=5'],
  stress: ['QQQ deepseek-2025', 'VT sector:"Information Technology" -30%', 'TOPIX top10 -25%', 'SPY NVDA -17%', 'ACWI sector:"Energy" -20%'],
  loop: ['', 'passive=60 inflow=3 reverse=15'],
  lesson: ['', 'hhi-and-effective-n'],
  quiz: ['live', ''],
  funds: [''],
  alerts: [''],
  import: ['VT file=vt.csv'],
  help: ['', 'hhi'],
  about: [''],
};

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
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!HAS_RAW)('Japanese cards are Japanese on every command, over the real catalog', () => {
  test('the walk covers every registered command', () => {
    expect(Object.keys(WALK).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  test('no card in Japanese names a GICS sector, TSE-33 sector or country in English, nor a source in English', async () => {
    // English names of every country the loaded files hold, as the cards would print them.
    const codes = new Set<string>();
    for (const { holdings } of catalog.funds.values()) for (const p of holdings.positions) if (p.country && /^[A-Z]{2}$/.test(p.country)) codes.add(p.country);
    const countries = [...codes].map((c) => REGION_EN.of(c)!).concat(['United States', 'Hong Kong', 'South Korea', 'Unknown']);
    const names = [...GICS_SECTORS, ...Object.values(TSE33_EN), ...countries];
    const exact = new Set(names);
    // A name followed by a figure ("Energy 3.2%", "Japan 100.0%"), as sector and country lists print: company names never are.
    const listed = new RegExp(`(?:^|[\\s·:：、,(（"])(${names.map(escape).join('|')})"?\\s*[−+\\-]?[\\d.,]+%`, 'u');
    const englishSource = /\b(?:as of|Sources?:?|undated file|SEC N-PORT for|filed \d|downloaded from the issuer|stored \d)\b/;
    const problems: string[] = [];
    for (const [command, invocations] of Object.entries(WALK)) {
      for (const text of invocations) {
        const view = await dispatch({ command, text }, contextFor(catalog, 'ja'), memoryLogger());
        const where = `/${command} ${text}`;
        expect(view.lang, where).toBe('ja');
        for (const piece of pieces(view)) {
          if (exact.has(piece.trim())) problems.push(`${where}: "${piece}" is an English name`);
          const m = listed.exec(piece);
          if (m) problems.push(`${where}: "${m[1]}" listed in English in "${piece.slice(0, 120)}"`);
        }
        for (const s of view.sources) if (englishSource.test(s.file)) problems.push(`${where}: source "${s.file}" is English`);
        // What each surface prints around the card (source lines, notes, paging) is Japanese too.
        const rendered = [renderConsole(view), JSON.stringify(renderDiscord(view, { origin: { command, args: text } })), JSON.stringify(renderSlack(view, { origin: { command, args: text } }))];
        for (const r of rendered) {
          const m = englishSource.exec(r.replace(/"[^"]*\.(?:csv|xlsx)"/g, ''));
          if (m) problems.push(`${where}: rendered "${m[0]}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
