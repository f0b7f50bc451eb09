import { CONSOLE_USER, type Context, type Lang } from '../../commands/context.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { catalogSource } from '../../bot/data-source.ts';

/** A fixed "now" so ages and staleness warnings are the same on every run. */
export const NOW = new Date('2026-11-22T00:00:00Z');

export function contextFor(catalog: Catalog, lang: Lang = 'en'): Context {
  return { lang, requester: CONSOLE_USER, data: catalogSource(catalog), now: NOW, staleAfterDays: 30 };
}
