import { z } from 'zod';
import { effectiveN, exposureOf, hhi, largestIndexes, lookThroughIndexed, topN } from '../analytics/index.ts';
import { columnsOf } from '../holdings/columns.ts';
import { sharedIds } from '../holdings/identity.ts';
import type { Holdings } from '../holdings/types.ts';
import { countryName, dataWarnings, japaneseNames, positionLabel, roundedSharesNote, sourceOf } from './card-parts.ts';
import type { Context } from './context.ts';
import { defineCommand } from './define.ts';
import { decimal, hhiText, integer, percent } from './format.ts';
import { normaliseTicker, requireFund } from './lookup.ts';
import { m, sectorName, t } from './messages.ts';
import { UserError } from './user-error.ts';
import { portfolioChart } from './chart-specs.ts';

/** More funds than anyone holds on purpose; also bounds the work one message can ask for. */
export const MAX_PORTFOLIO_FUNDS = 10;
/** Allocations summing within this of 100 are taken as meant to be 100 and normalised silently-but-stated. */
const SUM_TOLERANCE = 0.5;

export interface Allocation {
  fund: string;
  percent: number;
}

/** The largest allocation accepted: amounts in any currency fit; 1e308 does not. */
export const MAX_ALLOCATION = 1e9;

/** A weight as typed: 60, 60%, 12.5, 1e3 (a word such as "Slim" is not one). */
const AMOUNT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;

/**
 * "VT 60, QQQ 30, SOXX 10", "オルカン 70, eMAXIS Slim 米国株式 30" (also "VT:60 QQQ:30",
 * "VT=60%", full-width, one per line) → allocations, each fund's words kept as typed. The weight
 * comes last: a number ends the fund before it unless another number follows ("S&P 500 60" is
 * the fund "S&P 500" at 60). Throws a UserError that shows how to write it for anything else.
 */
export function parseAllocations(text: string, ctx: Context): Allocation[] {
  const example = t(ctx.lang, m.portfolioExample());
  const segments = text
    .normalize('NFKC')
    .replace(/[=:]/g, ' ')
    .split(/[,;、\n]+/)
    .map((s) => s.trim().split(/\s+/).filter(Boolean))
    .filter((s) => s.length > 0);
  if (segments.length === 0) throw new UserError('bad-allocation', t(ctx.lang, m.portfolioEmpty(example)));
  const out: Allocation[] = [];
  for (const words of segments) {
    let name: string[] = [];
    words.forEach((word, i) => {
      const isAmount = AMOUNT.test(word);
      if (!isAmount || AMOUNT.test(words[i + 1] ?? '')) return void name.push(word);
      if (name.length === 0) throw new UserError('bad-allocation', t(ctx.lang, m.portfolioBadFund(word, example)));
      out.push(allocation(name.join(' '), word, ctx));
      name = [];
    });
    if (name.length > 0) throw missingAmount(name, segments, ctx);
  }
  if (out.length > MAX_PORTFOLIO_FUNDS) throw new UserError('bad-allocation', t(ctx.lang, m.portfolioTooMany(out.length, MAX_PORTFOLIO_FUNDS)));
  const seen = new Set<string>();
  for (const a of out) {
    const key = normaliseTicker(a.fund);
    if (seen.has(key)) throw new UserError('bad-allocation', t(ctx.lang, m.portfolioRepeated(a.fund)));
    seen.add(key);
  }
  return out;
}

function allocation(fund: string, amount: string, ctx: Context): Allocation {
  const value = Number(amount.replace(/%$/, ''));
  if (value <= 0) throw new UserError('bad-allocation', t(ctx.lang, m.portfolioNotPositive(fund, amount)));
  // Amounts are scaled to 100%; past this their sum could overflow to Infinity and every share to 0.
  if (value > MAX_ALLOCATION) throw new UserError('bad-allocation', t(ctx.lang, m.portfolioTooBig(fund, amount, '1,000,000,000')));
  return { fund, percent: value };
}

/** A fund with no weight after it: "VT60" (glued) is shown split; else the words are named. */
function missingAmount(name: readonly string[], segments: readonly string[][], ctx: Context): UserError {
  const GLUED = /^([A-Za-z][A-Za-z.\-]*)(\d+(?:\.\d+)?%?)$/;
  const last = name[name.length - 1]!;
  const glued = GLUED.exec(last);
  if (glued) {
    const fixed = segments.map((s) => s.map((w) => w.replace(GLUED, '$1 $2')).join(' ')).join(', ');
    return new UserError('bad-allocation', t(ctx.lang, m.portfolioGlued(last, glued[1]!, glued[2]!.replace(/%$/, ''), `/portfolio "${fixed}"`)));
  }
  return new UserError('bad-allocation', t(ctx.lang, m.portfolioBadAmount(name.join(' '), t(ctx.lang, m.portfolioExample()))));
}

export interface PortfolioExposure {
  ticker: string;
  name: string;
  weight: number;
  sources: { fund: string; weight: number }[];
}

/** How many single-company exposures a portfolio card and its JSON carry. */
const TOP_EXPOSURES = 25;

/** Look-through of a set of funds with allocations (fractions summing to 1). */
export function portfolioLookThrough(funds: readonly Holdings[], allocations: readonly number[]) {
  const { ids, size } = sharedIds(funds);
  const weights = lookThroughIndexed(
    funds.map((h, f) => ({ allocation: allocations[f]!, weights: columnsOf(h).weights, ids: ids[f]! })),
    size,
  );
  // Sector and country of each security: from the first fund holding it.
  const sectorById = new Array<string | null>(size);
  const countryById = new Array<string | null>(size);
  const seen = new Uint8Array(size);
  funds.forEach((h, f) => {
    const { sectors, countries } = columnsOf(h);
    const own = ids[f]!;
    for (let i = 0; i < own.length; i++) {
      const id = own[i]!;
      if (seen[id]) continue;
      seen[id] = 1;
      sectorById[id] = sectors[i]!;
      countryById[id] = countries[i]!;
    }
  });
  // Which position of each fund holds each of the top securities (only those are looked up).
  const top = largestIndexes(weights, TOP_EXPOSURES);
  const rank = new Map(top.map((id, r) => [id, r]));
  const where = top.map(() => funds.map(() => -1));
  funds.forEach((_, f) => {
    const own = ids[f]!;
    for (let i = 0; i < own.length; i++) {
      const r = rank.get(own[i]!);
      if (r !== undefined && where[r]![f] === -1) where[r]![f] = i;
    }
  });
  const exposures: PortfolioExposure[] = top.map((id, r) => {
    const f0 = where[r]!.findIndex((i) => i >= 0);
    const first = funds[f0]!.positions[where[r]![f0]!]!;
    return {
      ticker: first.ticker,
      name: first.name,
      weight: weights[id]!,
      sources: funds.flatMap((h, f) => {
        const i = where[r]![f]!;
        return i < 0 ? [] : [{ fund: h.fund, weight: allocations[f]! * h.positions[i]!.weight }];
      }),
    };
  });
  return {
    count: size,
    exposures,
    hhi: hhi(weights),
    effectiveN: effectiveN(weights),
    top10: topN(weights, 10),
    sectors: exposureOf(sectorById, weights),
    countries: exposureOf(countryById, weights),
  };
}

export const portfolioCommand = defineCommand({
  name: 'portfolio',
  description: {
    en: 'Look through a mix of funds: the companies you really own, and how often',
    ja: '複数ファンドのルックスルー：実際に保有している企業とその重複',
  },
  examples: ['/portfolio "VT 60, QQQ 30, SOXX 10"', '/portfolio IVV 50 QQQ 50', '/portfolio "オルカン 70, eMAXIS Slim 米国株式 30"'],
  args: z.object({
    allocations: z.string().min(1).max(300).describe('Funds (tickers or names) each followed by its percentage, e.g. "VT 60, QQQ 30, SOXX 10" | ファンド（ティッカーまたは名前）と配分（例："オルカン 70, eMAXIS Slim 米国株式 30"）'),
  }),
  async run({ allocations: text }, ctx) {
    const { lang } = ctx;
    const allocations = parseAllocations(text, ctx);
    const funds = await Promise.all(allocations.map((a) => requireFund(ctx, a.fund)));
    // The user's words as typed; a ticker in the stored spelling ("vt" → VT).
    funds.forEach((h, i) => {
      const j = funds.findIndex((other) => other.fund === h.fund);
      if (j < i) throw new UserError('bad-allocation', t(lang, m.portfolioSameHoldings(allocations[j]!.fund, allocations[i]!.fund, h.fund)));
    });
    const labels = allocations.map((a, i) => (normaliseTicker(a.fund) === funds[i]!.fund ? funds[i]!.fund : a.fund));
    const total = allocations.reduce((s, a) => s + a.percent, 0);
    const shares = allocations.map((a) => a.percent / total);
    const warnings: string[] = [];
    if (Math.abs(total - 100) > SUM_TOLERANCE) warnings.push(t(lang, m.portfolioNormalised(decimal(total, 2))));
    warnings.push(...new Set(funds.flatMap((h) => dataWarnings(ctx, h))));
    const look = portfolioLookThrough(funds, shares);
    const ja = japaneseNames(ctx);
    const top = look.exposures.slice(0, 10);
    const repeated = top.filter((e) => e.sources.length >= 2);
    if (funds.length >= 2 && repeated.length > 0) {
      const weight = repeated.reduce((s, e) => s + e.weight, 0);
      warnings.unshift(t(lang, m.portfolioRepeatedNames(String(repeated.length), percent(weight, 1), repeated.slice(0, 5).map((e) => positionLabel(e, ja)))));
    }
    const sector = (k: string) => sectorName(lang, k);
    // Lists shown whole (the mix in the title; sectors and countries when five or fewer) that do not add to 100 as shown say why.
    const rounding = [
      roundedSharesNote(lang, 'mix', shares, 0),
      look.sectors.length <= 5 ? roundedSharesNote(lang, 'sectors', look.sectors.map((s) => s.weight), 1) : null,
      look.countries.length <= 5 ? roundedSharesNote(lang, 'countries', look.countries.map((c) => c.weight), 1) : null,
    ].filter((n): n is string => n !== null);
    warnings.push(...rounding);
    return {
      lang,
      title: t(lang, m.portfolioTitle(labels.map((label, i) => `${label} ${percent(shares[i]!, 0)}`).join(', '))),
      tone: look.effectiveN >= 100 ? 'low' : look.effectiveN >= 50 ? 'moderate' : look.effectiveN >= 20 ? 'high' : 'extreme',
      summary: t(lang, m.portfolioSummary(decimal(look.effectiveN), integer(look.count), percent(look.top10, 1))),
      fields: [
        { name: t(lang, m.fEffN()), value: decimal(look.effectiveN), inline: true },
        { name: t(lang, m.fHhi()), value: hhiText(look.hhi, lang), inline: true },
        { name: t(lang, m.fTop10()), value: percent(look.top10), inline: true },
        { name: t(lang, m.fSectors()), value: look.sectors.slice(0, 5).map((s) => `${sector(s.key)} ${percent(s.weight, 1)}`).join('\n'), inline: true },
        { name: t(lang, m.fCountries()), value: look.countries.slice(0, 5).map((c) => `${countryName(lang, c.key)} ${percent(c.weight, 1)}`).join('\n'), inline: true },
      ],
      table: {
        caption: t(lang, m.portfolioTableCaption()),
        columns: [
          { label: t(lang, m.colName()), align: 'left' },
          { label: t(lang, m.colWeight()), align: 'right' },
          { label: t(lang, m.colVia()), align: 'left' },
        ],
        rows: top.map((e) => [positionLabel(e, ja), percent(e.weight), e.sources.map((s) => `${s.fund} ${percent(s.weight)}`).join(' + ')]),
      },
      chart: portfolioChart(lang, funds.map((h, i) => ({ label: labels[i]!, fund: h.fund, share: shares[i]! })), look, ja),
      actions: [{ kind: 'lesson', id: 'three-failure-patterns', label: t(lang, m.lessonOverlap()) }],
      warnings,
      sources: funds.map((h) => sourceOf(h, ctx)),
      footer: `${t(lang, m.portfolioMethod())} ${t(lang, m.educationNote())}`,
      data: {
        allocations: allocations.map((a, i) => ({ fund: labels[i], holdings: funds[i]!.fund, percent: a.percent, share: shares[i] })),
        effectiveN: look.effectiveN,
        hhi: look.hhi,
        top10: look.top10,
        companies: look.count,
        exposures: look.exposures,
        sectors: Object.fromEntries(look.sectors.map((s) => [s.key, s.weight])),
        countries: Object.fromEntries(look.countries.map((c) => [c.key, c.weight])),
        repeatedInTop10: repeated.map((e) => positionLabel(e)),
      },
    };
  },
});
