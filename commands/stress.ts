import { z } from 'zod';
import { equalWeights, shockMove } from '../analytics/index.ts';
import { compactTicker } from '../holdings/identity.ts';
import { columnsOf } from '../holdings/columns.ts';
import { GICS_SECTORS, type Holdings } from '../holdings/types.ts';
import { dataWarnings, japaneseNames, positionLabel, sourceOf } from './card-parts.ts';
import type { Context } from './context.ts';
import { defineCommand } from './define.ts';
import { percent, signedPercent } from './format.ts';
import { requireFund } from './lookup.ts';
import { m, sectorName, t } from './messages.ts';
import { UserError } from './user-error.ts';
import { stressChart } from './chart-specs.ts';

/** A shock: which names it hits and by how much (a return, −0.17 for −17%). */
export type Shock =
  | { kind: 'ticker'; ticker: string; move: number }
  | { kind: 'sector'; sector: string; move: number }
  | { kind: 'top'; n: number; move: number };

/** Named scenarios, each a set of shocks with its date and source. */
export const PRESETS: Record<string, { shocks: Shock[]; about: { en: string; ja: string } }> = {
  'deepseek-2025': {
    // The day's two large chip moves with a figure in the domain brief; other names also moved
    // (the Nasdaq Composite fell 3.07%) but are left unshocked rather than guessed.
    shocks: [
      { kind: 'ticker', ticker: 'NVDA', move: -0.17 },
      { kind: 'ticker', ticker: 'AVGO', move: -0.17 },
    ],
    about: {
      en: 'DeepSeek shock, 2025-01-27: NVIDIA and Broadcom each fell about 17% (NVIDIA lost ~US$590–600bn). Only these two names are shocked; the rest of the fund is held flat, so this understates that day for chip-heavy funds.',
      ja: 'DeepSeekショック（2025年1月27日）：NVIDIAとBroadcomがそれぞれ約17%下落（NVIDIAの時価総額は約5,900〜6,000億ドル減）。ここで動かすのはこの2銘柄だけで、他の銘柄は横ばいとしています（半導体比率の高いファンドでは当日の下げより小さく出ます）。',
    },
  },
};

/**
 * "NVDA -17%", "sector:\"Information Technology\" -30%", "top10 -25%", "deepseek-2025", or several
 * joined by commas. Anything else is a UserError that shows the forms.
 */
export function parseShocks(text: string, ctx: Context): { shocks: Shock[]; preset?: string } {
  const folded = text.normalize('NFKC').trim();
  // Own keys only: "constructor" or "__proto__" must not read Object.prototype as a preset.
  const preset = Object.hasOwn(PRESETS, folded.toLowerCase()) ? PRESETS[folded.toLowerCase()] : undefined;
  if (preset) return { shocks: preset.shocks, preset: folded.toLowerCase() };
  const shocks: Shock[] = [];
  for (const part of folded.split(/\s*[,;]\s*/).filter(Boolean)) {
    const match = /^(?:sector:\s*"?([^"]+?)"?|top\s*(\d+)|\$?([A-Za-z0-9.\-\/ ]{1,12}?))\s+([+\-−]?\d+(?:\.\d+)?)\s*%?$/i.exec(part);
    if (!match) throw new UserError('bad-shock', t(ctx.lang, m.stressBad(part, Object.keys(PRESETS))));
    const move = Number(match[4]!.replace('−', '-')) / 100;
    if (move < -1 || move > 10) throw new UserError('bad-shock', t(ctx.lang, m.stressRange(part)));
    if (match[1]) {
      // The GICS name, or its Japanese name as the Japanese cards print it (情報技術).
      const typed = match[1]!.trim().toLowerCase();
      const sector = GICS_SECTORS.find((s) => s.toLowerCase() === typed || sectorName('ja', s) === typed);
      if (!sector) throw new UserError('bad-shock', t(ctx.lang, m.stressSector(match[1], GICS_SECTORS)));
      shocks.push({ kind: 'sector', sector, move });
    } else if (match[2]) shocks.push({ kind: 'top', n: Math.max(1, Number(match[2])), move });
    else shocks.push({ kind: 'ticker', ticker: compactTicker(match[3]!), move });
  }
  if (shocks.length === 0) throw new UserError('bad-shock', t(ctx.lang, m.stressBad(text, Object.keys(PRESETS))));
  return { shocks };
}

/**
 * The shock as the card names it, in the reader's language: a preset by its name, otherwise each
 * shock rebuilt from what was parsed ("セクター「情報技術」−30%"), never the typed English echoed.
 */
export function shockLabel(lang: Context['lang'], parsed: { shocks: readonly Shock[]; preset?: string }): string {
  if (parsed.preset) return parsed.preset;
  return parsed.shocks
    .map((s) => {
      // As many decimals as the typed move has (−30%, −17.5%, −12.34%), at most two.
      const hundredths = Math.round(s.move * 1e4);
      const move = signedPercent(s.move, hundredths % 100 === 0 ? 0 : hundredths % 10 === 0 ? 1 : 2);
      if (s.kind === 'sector') return t(lang, m.shockSector(sectorName(lang, s.sector), move));
      if (s.kind === 'top') return t(lang, m.shockTop(s.n, move));
      return `${s.ticker} ${move}`;
    })
    .join(lang === 'ja' ? '、' : ', ');
}

/** Per-position returns for a fund; later shocks override earlier ones for the same name. */
export function returnsFor(h: Holdings, shocks: readonly Shock[]): { returns: number[]; hit: number } {
  const { tickers, sectors } = columnsOf(h);
  const returns = new Array<number>(tickers.length).fill(0);
  const touched = new Uint8Array(tickers.length);
  for (const shock of shocks) {
    for (let i = 0; i < tickers.length; i++) {
      const applies = shock.kind === 'ticker' ? tickers[i] === shock.ticker : shock.kind === 'sector' ? sectors[i] === shock.sector : i < shock.n;
      if (applies) {
        returns[i] = shock.move;
        touched[i] = 1;
      }
    }
  }
  return { returns, hit: touched.reduce((s, x) => s + x, 0) };
}

export const stressCommand = defineCommand({
  name: 'stress',
  description: { en: 'What a shock to some names does to the whole fund', ja: '一部の銘柄の急変がファンド全体に与える影響' },
  examples: ['/stress QQQ deepseek-2025', '/stress SPY NVDA -17%', '/stress VT sector:"Information Technology" -30%', '/stress IVV top10 -25%'],
  args: z.object({
    fund: z.string().min(1).max(80).describe('Fund ticker or name, e.g. IVV | ファンドのティッカーまたは名前（例：IVV）'),
    shock: z.string().min(1).max(200).describe('e.g. NVDA -17%, top10 -25%, sector:"Energy" -30%, deepseek-2025 | 例：NVDA -17%、top10 -25%、deepseek-2025'),
  }),
  async run({ fund, shock }, ctx) {
    const { lang } = ctx;
    const h = await requireFund(ctx, fund);
    const parsed = parseShocks(shock, ctx);
    const { returns, hit } = returnsFor(h, parsed.shocks);
    if (hit === 0) throw new UserError('shock-misses', t(lang, m.stressMiss(h.fund, shock)));
    const { weights } = columnsOf(h);
    const capMove = shockMove(weights, returns);
    const eqMove = shockMove(equalWeights(weights.length), returns);
    const contributors = h.positions
      .map((p, i) => ({ p, r: returns[i]!, c: capMove.contributions[i]! }))
      .filter((x) => x.r !== 0)
      .sort((a, b) => Math.abs(b.c) - Math.abs(a.c));
    const about = parsed.preset ? PRESETS[parsed.preset]!.about[lang] : undefined;
    const label = shockLabel(lang, parsed);
    const ja = japaneseNames(ctx);
    return {
      lang,
      title: t(lang, m.stressTitle(h.fund, label)),
      tone: capMove.move <= -0.1 ? 'extreme' : capMove.move <= -0.05 ? 'high' : capMove.move < 0 ? 'moderate' : 'info',
      summary: t(lang, m.stressSummary(h.fund, signedPercent(capMove.move), signedPercent(eqMove.move), String(hit))),
      fields: [
        { name: t(lang, m.stressCapMove()), value: signedPercent(capMove.move), inline: true },
        { name: t(lang, m.stressEqMove()), value: signedPercent(eqMove.move), inline: true },
        { name: t(lang, m.stressHitWeight()), value: percent(h.positions.reduce((s, p, i) => s + (returns[i] !== 0 ? p.weight : 0), 0), 1), inline: true },
      ],
      table: {
        caption: t(lang, m.stressCaption()),
        columns: [
          { label: t(lang, m.colName()), align: 'left' },
          { label: t(lang, m.colWeight()), align: 'right' },
          { label: t(lang, m.colShock()), align: 'right' },
          { label: t(lang, m.colContribution()), align: 'right' },
        ],
        rows: contributors.slice(0, 10).map((x) => [positionLabel(x.p, ja), percent(x.p.weight), signedPercent(x.r, 1), signedPercent(x.c)]),
      },
      chart: stressChart(lang, h, label, returns, capMove, eqMove, ja),
      actions: [{ kind: 'lesson', id: 'deepseek-shock', label: t(lang, m.lessonStress()) }],
      warnings: [...(about ? [about] : []), ...dataWarnings(ctx, h)],
      sources: [sourceOf(h, ctx)],
      footer: `${t(lang, m.stressMethod())} ${t(lang, m.educationNote())}`,
      data: {
        fund: h.fund,
        asOf: h.asOf.date,
        shocks: parsed.shocks,
        move: capMove.move,
        equalWeightMove: eqMove.move,
        namesHit: hit,
        contributions: contributors.map((x) => ({ ticker: x.p.ticker, weight: x.p.weight, shock: x.r, contribution: x.c })),
      },
    };
  },
});
