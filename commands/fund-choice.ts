import type { DirectoryEntry } from '../store/directory.ts';
import type { Context, HoldingsSource, Lang } from './context.ts';
import { t } from './messages.ts';
import { md } from './messages-directory.ts';
import { UserError } from './user-error.ts';
import { argsToText } from './parse-text.ts';
import type { View, ViewAction } from './view.ts';

/** Choices listed on a card, at most: Discord shows 25 buttons, Slack 25 to a block; ten is plenty to read. */
export const MAX_CHOICES = 10;

/**
 * Several funds fit what was typed (or an index was named that has no holdings of its own).
 * Not a failure: the dispatcher turns it into a card listing them, each a button that reruns the
 * command with that fund.
 */
export class FundChoiceError extends UserError {
  constructor(
    readonly raw: string,
    readonly entries: readonly DirectoryEntry[],
    message: string,
  ) {
    super('choose-fund', message);
  }
}

/**
 * What a choice reruns the command with: the fund's ticker, else its own name without spaces
 * (names are compared without spaces and punctuation, so it still resolves exactly, and it
 * stays one token inside a list such as /overlap's funds).
 */
export function choiceValue(e: DirectoryEntry): string {
  return e.tickers[0] ?? (e.nameJa ?? e.nameEn ?? e.key).replace(/[\s,]+/g, '');
}

/** "IVV — iShares Core S&P 500 ETF", the name in the reader's language when there is one. */
export function choiceLabel(e: DirectoryEntry, lang: Lang): string {
  const name = (lang === 'ja' ? (e.nameJa ?? e.nameEn) : (e.nameEn ?? e.nameJa)) ?? (e.tickers.length > 1 ? e.tickers.slice(1, 4).join(', ') : null);
  const ticker = e.tickers[0];
  if (ticker && name) return `${ticker} — ${name}`;
  return ticker ?? name ?? e.key;
}

/** Where a listed fund's holdings would come from: stored, a stand-in, a download, or nowhere. */
function heldBy(e: DirectoryEntry, data: HoldingsSource, lang: Lang, fetching: boolean): string {
  if (e.tickers.some((t2) => data.get(t2))) return t(lang, md.heldStored());
  const standIn = e.standIn.find((t2) => data.get(t2));
  if (standIn) return t(lang, md.heldStandIn(standIn));
  if (e.noHoldings || e.kind === 'index') return t(lang, md.heldNone());
  if (e.cik === null && e.seriesId === null) return t(lang, md.heldNone());
  return fetching ? t(lang, md.heldOnDemand()) : t(lang, md.heldNotStored());
}

/**
 * A numbered list of directory entries with a button for each: the console reads the numbers
 * (type one to choose), Discord and Slack show the buttons. `rerun(value)` is the args text.
 */
export function listView(ctx: Context, entries: readonly DirectoryEntry[], title: string, summary: string, command: string, rerun: (value: string) => string): View {
  const { lang } = ctx;
  const shown = entries.slice(0, MAX_CHOICES);
  const actions: ViewAction[] = shown.map((e) => ({ kind: 'command', command, args: rerun(choiceValue(e)), label: choiceLabel(e, lang) }));
  return {
    lang,
    title,
    tone: 'info',
    summary,
    table: {
      columns: [
        { label: t(lang, md.colChoice()), align: 'right' },
        { label: t(lang, md.colName()), align: 'left' },
        { label: t(lang, md.colHeld()), align: 'left' },
      ],
      rows: shown.map((e, i) => [String(i + 1), choiceLabel(e, lang), heldBy(e, ctx.data, lang, ctx.fetcher !== undefined)]),
    },
    actions,
    sources: [],
    data: {
      choices: shown.map((e) => ({ value: choiceValue(e), label: choiceLabel(e, lang), key: e.key, tickers: e.tickers, tracks: e.tracks })),
      more: Math.max(0, entries.length - shown.length),
    },
  };
}

/**
 * The card for a FundChoiceError raised while running `command` with `args`: each button reruns
 * it with the raw name replaced by the chosen fund, every other option kept.
 */
export function choiceView(ctx: Context, command: string, args: Record<string, unknown>, error: FundChoiceError): View {
  const rerun = (value: string) => argsToText(replaceRaw(args, error.raw, value)) ?? '';
  return listView(ctx, error.entries, t(ctx.lang, md.chooseTitle(error.raw)), error.message, command, rerun);
}

function replaceRaw(args: Record<string, unknown>, raw: string, value: string): Record<string, unknown> {
  const swap = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    if (v === raw) return value;
    // Inside a longer text ("sp500 60, QQQ 40", where the command upper-cased it): replaced once, whatever the case.
    const at = v.toLowerCase().indexOf(raw.toLowerCase());
    return at < 0 ? v : v.slice(0, at) + value + v.slice(at + raw.length);
  };
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, Array.isArray(v) ? v.map(swap) : swap(v)]));
}
