import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreSource } from '../../bot/data-source.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { CONSOLE_USER, type Lang } from '../../commands/context.ts';
import type { View } from '../../commands/view.ts';
import { parseFile, type Catalog } from '../../holdings/catalog.ts';
import { Store } from '../../store/store.ts';
import { contextFor, NOW } from '../support/context.ts';
import { RAW } from '../support/raw.ts';

/** One command per chart kind it draws, with the arguments a user would type. */
export const CASES = [
  { id: 'hhi-vt', command: 'hhi', text: 'VT' },
  { id: 'hhi-topix', command: 'hhi', text: 'TOPIX' },
  { id: 'overlap-voo-qqq', command: 'overlap', text: 'VOO QQQ' },
  { id: 'overlap-vt-vti-acwi-urth', command: 'overlap', text: 'VT VTI ACWI URTH' },
  { id: 'portfolio-vt-qqq-soxx', command: 'portfolio', text: '"VT 60, QQQ 30, SOXX 10"' },
  { id: 'compare-spy', command: 'compare', text: 'SPY' },
  { id: 'stress-ivv-top10', command: 'stress', text: 'IVV top10 -25%' },
  { id: 'stress-qqq-deepseek', command: 'stress', text: 'QQQ deepseek-2025' },
  { id: 'loop', command: 'loop', text: 'reverse=12' },
] as const;

export type CaseId = (typeof CASES)[number]['id'] | 'history-spy';

/** SPY's two real SPDR files (18-Nov-2025 and 12-Feb-2026): the history every chart case uses. */
export const SPY_FILES = ['spy_holdings.xlsx', 'holdings-daily-us-en-spy.xlsx'];

/**
 * /history of SPY from a temporary SQLite store holding `files` (all of SPY_FILES by default),
 * each parsed from the real issuer file; the store and its folder are removed afterwards.
 */
export async function historyView(lang: Lang, files: readonly string[] = SPY_FILES): Promise<View> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'topheavy-chart-history-'));
  const store = await Store.open(`file:${path.join(dir, 'history.db')}`);
  try {
    for (const file of files) await store.importHoldings(await parseFile('SPY', path.join(RAW, 'SPY', file)), file);
    const source = new StoreSource(store, dir);
    await source.refresh();
    return await dispatch({ command: 'history', text: 'SPY' }, { lang, requester: CONSOLE_USER, data: source, now: NOW, staleAfterDays: 30 });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The real Views, from the dispatcher and the real issuer files: every chart kind. */
export async function realViews(catalog: Catalog, lang: Lang): Promise<Map<CaseId, View>> {
  const out = new Map<CaseId, View>();
  const ctx = contextFor(catalog, lang);
  for (const c of CASES) {
    const view = await dispatch({ command: c.command, text: c.text }, ctx);
    if (!view.chart) throw new Error(`/${c.command} ${c.text} returned no chart: ${view.summary ?? view.title}`);
    out.set(c.id, view);
  }
  const history = await historyView(lang);
  if (!history.chart) throw new Error(`/history SPY returned no chart: ${history.summary ?? history.title}`);
  out.set('history-spy', history);
  return out;
}
