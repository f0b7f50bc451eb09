import { fundKey } from '../holdings/fund-name.ts';
import type { Holdings } from '../holdings/types.ts';
import type { Context } from './context.ts';
import { m, t } from './messages.ts';
import { UserError } from './user-error.ts';

/** "$spy", " ｓｐｙ " → "SPY": full-width folded (NFKC), cashtag and spaces dropped. */
export function normaliseTicker(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/^\$/, '').toUpperCase();
}

/** The loaded fund, or a UserError with "did you mean" suggestions from loaded funds. */
export function requireFund(ctx: Context, raw: string): Holdings {
  const fund = normaliseTicker(raw);
  // "qqq-2020", "QQQ_2020", "ｑｑｑ" name the fund QQQ, as folder names do (holdings/fund-name.ts).
  const found = ctx.data.get(fund) ?? ctx.data.get(fundKey(raw) ?? fund);
  if (found) return found;
  const loaded = ctx.data.list().map((f) => f.fund);
  if (loaded.length === 0) throw new UserError('no-data', t(ctx.lang, m.noData(ctx.data.describe())));
  const suggestions = suggest(fund, loaded);
  throw new UserError('unknown-fund', t(ctx.lang, m.unknownFund(fund, suggestions, loaded)));
}

/** Loaded tickers closest to `wanted`: prefix matches first, then edit distance ≤ 2. At most 5. */
export function suggest(wanted: string, loaded: readonly string[]): string[] {
  const scored = loaded
    .map((fund) => ({ fund, score: fund.startsWith(wanted) || wanted.startsWith(fund) ? 0 : editDistance(wanted, fund) }))
    .filter((s) => s.score <= 2)
    .sort((a, b) => a.score - b.score || a.fund.localeCompare(b.fund));
  return scored.slice(0, 5).map((s) => s.fund);
}

/** Levenshtein distance, O(|a|·|b|); tickers are short. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
