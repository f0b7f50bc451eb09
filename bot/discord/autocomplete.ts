import type { Context, FundSummary, HoldingsSource, Lang } from '../../commands/context.ts';
import { choiceLabel, choiceValue } from '../../commands/fund-choice.ts';
import { editDistance, normaliseTicker } from '../../commands/lookup.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { lessonChoices } from '../../lessons/load.ts';
import { clip } from './escape.ts';
import { DISCORD_LIMITS as L } from './limits.ts';

export interface Choice {
  name: string;
  value: string;
}

interface Candidate {
  fund: string;
  name: string;
  loaded: boolean;
}

/** 0 = ticker prefix, 1 = ticker contains, 2 = name contains, 3 = close spelling; null = no match. */
function tier(query: string, c: Candidate): number | null {
  if (query === '' || c.fund.startsWith(query)) return 0;
  if (c.fund.includes(query)) return 1;
  if (query.length >= 2 && c.name.toUpperCase().includes(query)) return 2;
  if (editDistance(query, c.fund.slice(0, query.length + 1)) <= Math.min(2, Math.floor(query.length / 2))) return 3;
  return null;
}

/**
 * Fund tickers for what the user has typed so far: prefix matches first, then looser ones;
 * within each, funds that loaded before those whose file failed (they exist, but a command would
 * say why it cannot use them). At most 25, Discord's cap.
 */
export function suggestFunds(typed: string, data: Pick<HoldingsSource, 'list' | 'problems'>): Choice[] {
  const query = normaliseTicker(typed);
  const loaded: FundSummary[] = data.list();
  const known = new Set(loaded.map((f) => f.fund));
  const candidates: Candidate[] = [
    ...loaded.map((f) => ({ fund: f.fund, name: f.name, loaded: true })),
    ...[...new Set(data.problems().map((p) => p.fund))].filter((f) => !known.has(f)).map((fund) => ({ fund, name: '', loaded: false })),
  ];
  return candidates
    .map((c) => ({ c, tier: tier(query, c) }))
    .filter((x): x is { c: Candidate; tier: number } => x.tier !== null)
    .sort((a, b) => a.tier - b.tier || Number(b.c.loaded) - Number(a.c.loaded) || a.c.fund.localeCompare(b.c.fund))
    .slice(0, L.autocompleteChoices)
    .map(({ c }) => ({
      name: clip(c.loaded ? `${c.fund} — ${c.name}` : `${c.fund} (file not loaded)`, L.choiceName),
      value: clip(c.fund, L.choiceValue, ''),
    }));
}

/**
 * Fund choices from the fund directory as well as the store: stored funds that match come first
 * (they answer at once), then directory entries by name or ticker ("オルカン", "sp500", "semis"),
 * each valued so that choosing it resolves to exactly that entry. Without a directory, stored funds only.
 */
export async function suggestDirectoryFunds(typed: string, ctx: Pick<Context, 'data' | 'directory'>, lang: Lang): Promise<Choice[]> {
  const stored = suggestFunds(typed, ctx.data);
  const index = typed.trim() === '' ? null : await ctx.directory?.index();
  if (!index) return stored;
  const seen = new Set(stored.map((c) => c.value));
  const more = index
    .search(typed, L.autocompleteChoices)
    .map((e) => ({ name: clip(choiceLabel(e, lang), L.choiceName), value: clip(choiceValue(e), L.choiceValue, '') }))
    .filter((c) => c.value !== '' && !seen.has(c.value));
  return [...stored, ...more].slice(0, L.autocompleteChoices);
}

/** Command names for `/help command:`, prefix first. */
export function suggestCommands(typed: string): Choice[] {
  const q = typed.trim().toLowerCase();
  const names = COMMANDS.map((c) => c.name);
  return [...names.filter((n) => n.startsWith(q)), ...names.filter((n) => !n.startsWith(q) && n.includes(q))]
    .slice(0, L.autocompleteChoices)
    .map((n) => ({ name: n, value: n }));
}

/**
 * Lessons for `/lesson topic:`: ids and titles in the reader's language (prefix, then contains,
 * then tags; curriculum order within each), from the lessons' own loader. Clipped again here
 * because the limits are Discord's, whatever the loader promises.
 */
export function suggestLessons(typed: string, lang: 'en' | 'ja'): Choice[] {
  return lessonChoices(typed, lang)
    .slice(0, L.autocompleteChoices)
    .map((c) => ({ name: clip(c.name, L.choiceName), value: clip(c.value, L.choiceValue, '') }));
}
