import { z } from 'zod';
import { simulateFlowLoop } from '../analytics/index.ts';
import { defineCommand } from './define.ts';
import { percent } from './format.ts';
import { m, t } from './messages.ts';
import { loopChart } from './chart-specs.ts';
import { UserError } from './user-error.ts';

export const loopCommand = defineCommand({
  name: 'loop',
  description: {
    en: 'A stylised simulation of the self-reinforcing passive flow loop',
    ja: 'パッシブ資金の自己強化ループの簡易シミュレーション',
  },
  examples: ['/loop', '/loop passive=60 inflow=3 reverse=15'],
  args: z.object({
    passive: z.number().min(0).max(100).default(50).describe('Share of the market held by index funds, % | インデックスファンドの保有比率（%）'),
    inflow: z.number().min(-20).max(20).default(2).describe('New passive money per period, % of market cap | 1期あたりのパッシブ資金流入（時価総額比%）'),
    impact: z.number().min(0).max(5).default(1).describe('Price impact per unit of net buying | 純買いに対する価格インパクト'),
    // At least 0.01%: a smaller positive number (5e-324) divided by 100 is 0, which the simulation refuses.
    start: z.number().min(0.01).lt(100).default(7).describe('Starting weight of the top name, % | 最大銘柄の当初ウエイト（%）'),
    periods: z.number().int().min(2).max(60).default(20).describe('Number of periods | 期間数'),
    reverse: z.number().int().min(1).max(60).optional().describe('Period from which flows turn to outflows | 資金流出に転じる期'),
  }),
  run(args, ctx) {
    const { lang } = ctx;
    // Each bound holds alone in the schema; this one ties two options together.
    if (args.reverse !== undefined && args.reverse > args.periods) throw new UserError('bad-args', t(lang, m.loopReverseAfterEnd(args.reverse, args.periods)));
    const params = {
      periods: args.periods,
      passiveShare: args.passive / 100,
      inflow: args.inflow / 100,
      priceImpact: args.impact,
      startWeight: args.start / 100,
      fundamentalGrowth: 0,
      ...(args.reverse !== undefined ? { reverseAt: args.reverse } : {}),
    };
    const result = simulateFlowLoop(params);
    const step = Math.max(1, Math.round(args.periods / 10));
    const rows: string[][] = [];
    for (let i = 0; i <= args.periods; i += step) rows.push([String(i), percent(result.withFlows[i]!), percent(result.withoutFlows[i]!)]);
    if ((args.periods % step) !== 0) rows.push([String(args.periods), percent(result.withFlows.at(-1)!), percent(result.withoutFlows.at(-1)!)]);
    const peak = Math.max(...result.withFlows);
    return {
      lang,
      title: t(lang, m.loopTitle()),
      tone: 'info',
      summary: t(lang, m.loopSummary(percent(params.startWeight, 1), percent(result.withFlows.at(-1)!, 1), percent(result.withoutFlows.at(-1)!, 1), percent(peak, 1))),
      fields: [
        {
          name: t(lang, m.loopAssumptions()),
          value: t(
            lang,
            m.loopAssumptionText(
              percent(params.passiveShare, 0),
              percent(params.inflow, 1),
              String(params.priceImpact),
              String(args.periods),
              args.reverse === undefined ? null : String(args.reverse),
            ),
          ),
        },
      ],
      table: {
        columns: [
          { label: t(lang, m.loopPeriod()), align: 'right' },
          { label: t(lang, m.loopWith()), align: 'right' },
          { label: t(lang, m.loopWithout()), align: 'right' },
        ],
        rows,
      },
      chart: loopChart(lang, result),
      actions: [{ kind: 'lesson', id: 'self-reinforcing-loop', label: t(lang, m.lessonLoop()) }],
      warnings: [t(lang, m.loopStylised())],
      sources: [],
      footer: t(lang, m.educationNote()),
      data: { params, withFlows: result.withFlows, withoutFlows: result.withoutFlows },
    };
  },
});
