import { CONSOLE_USER, type Context, type Lang } from '../../commands/context.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { catalogSource } from '../../bot/data-source.ts';
import { HAS_RAW, rawCatalog } from './raw.ts';

/** A fixed "now" so ages and staleness warnings are the same on every run. */
export const NOW = new Date('2026-11-22T00:00:00Z');

export function contextFor(catalog: Catalog, lang: Lang = 'en'): Context {
  return { lang, requester: CONSOLE_USER, data: catalogSource(catalog), now: NOW, staleAfterDays: 30 };
}

/**
 * The real catalog and its English and Japanese contexts, for a test file's beforeAll. Where
 * ../shared is absent this is empty: the tests that read it are skipped by HAS_RAW, saying so.
 */
export async function rawContexts(): Promise<{ catalog: Catalog; en: Context; ja: Context }> {
  if (!HAS_RAW) return {} as { catalog: Catalog; en: Context; ja: Context };
  const catalog = await rawCatalog();
  return { catalog, en: contextFor(catalog, 'en'), ja: contextFor(catalog, 'ja') };
}
