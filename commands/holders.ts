import { z } from 'zod';
import { compactTicker, fundIndex, fundKeys, KEY_KINDS, normaliseName } from '../holdings/identity.ts';
import type { Holdings } from '../holdings/types.ts';
import { japaneseNames, positionLabel, sourceOf } from './card-parts.ts';
import type { Context } from './context.ts';
import { defineCommand } from './define.ts';
import { percent } from './format.ts';
import { mh } from './messages-holders.ts';
import { m, t } from './messages.ts';
import { UserError } from './user-error.ts';

/** Keys strong enough to carry a match from one fund to the next (names are not). */
const CARRY = /^(isin|cusip|sedol|t):/;

export interface Holder {
  fund: string;
  /** Σ weight of the fund's positions that are this company's security (one line, or more where a file repeats it). */
  weight: number;
  ticker: string;
  name: string;
  asOf: string | null;
}

/** The loaded positions that are `query` (a ticker or a name): the first fund that lists it gives its keys. */
function anchorKeys(funds: readonly Holdings[], query: string): Set<string> {
  const ticker = compactTicker(query);
  const name = normaliseName(query);
  for (const test of [(p: Holdings['positions'][number]) => compactTicker(p.ticker) === ticker, (p: Holdings['positions'][number]) => name.length >= 3 && normaliseName(p.name).startsWith(name)]) {
    for (const h of funds) {
      const i = h.positions.findIndex(test);
      if (i >= 0) return new Set(fundKeys(h)[i]!.filter((k) => CARRY.test(k)));
    }
  }
  return new Set();
}

/**
 * Every loaded fund holding the company, matched by identity keys, strongest kind first, the keys
 * of each match joining the set (so an ISIN found in one file reaches a file that has only tickers).
 */
export function holdersOf(funds: readonly Holdings[], query: string): Holder[] {
  const keys = anchorKeys(funds, query);
  if (keys.size === 0) return [];
  const found = new Map<string, Holder>();
  for (let pass = 0; pass < 2; pass++) {
    for (const h of funds) {
      const index = fundIndex(h);
      for (const kind of KEY_KINDS) {
        const hits = new Set<number>();
        for (const k of keys) if (k.startsWith(`${kind}:`)) for (const i of index.get(k) ?? []) hits.add(i);
        if (hits.size === 0) continue;
        const first = h.positions[Math.min(...hits)]!;
        let weight = 0;
        for (const i of hits) weight += h.positions[i]!.weight;
        found.set(h.fund, { fund: h.fund, weight, ticker: first.ticker, name: first.name, asOf: h.asOf.date });
        for (const i of hits) for (const k of fundKeys(h)[i]!) if (CARRY.test(k)) keys.add(k);
        break;
      }
    }
  }
  return [...found.values()].sort((a, b) => b.weight - a.weight || a.fund.localeCompare(b.fund));
}

function loaded(ctx: Context): Holdings[] {
  return ctx.data.list().flatMap((f) => ctx.data.get(f.fund) ?? []);
}

export const holdersCommand = defineCommand({
  name: 'holders',
  description: mh.holdersDescription(),
  examples: ['/holders NVDA', '/holders 7203', '/holders "Toyota Motor"'],
  args: z.object({
    company: z.string().min(1).max(60).describe('Ticker or company name, e.g. NVDA | ティッカーまたは社名（例：NVDA）'),
  }),
  run({ company }, ctx) {
    const { lang } = ctx;
    const funds = loaded(ctx);
    if (funds.length === 0) throw new UserError('no-data', t(lang, m.emptyStore(ctx.data.describe(), ctx.fetcher?.secEnabled === true)));
    const holders = holdersOf(funds, company.normalize('NFKC').trim());
    if (holders.length === 0) throw new UserError('not-held', t(lang, mh.holdersNone(company)));
    const label = positionLabel(holders[0]!, japaneseNames(ctx));
    const byFund = new Map(funds.map((h) => [h.fund, h]));
    return {
      lang,
      title: t(lang, mh.holdersTitle(label)),
      tone: 'info',
      summary: t(lang, mh.holdersSummary(label, holders.length, funds.length)),
      table: {
        columns: [
          { label: t(lang, m.colFund()), align: 'left' },
          { label: t(lang, m.colWeight()), align: 'right' },
          { label: t(lang, m.colAsOf()), align: 'left' },
        ],
        rows: holders.map((x) => [x.fund, percent(x.weight, 2), x.asOf ?? t(lang, m.unknownAge())]),
      },
      sources: holders.map((x) => sourceOf(byFund.get(x.fund)!, ctx)),
      footer: t(lang, m.educationNote()),
      data: { query: company, holders },
    };
  },
});
