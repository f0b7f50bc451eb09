import { z } from 'zod';
import { defineCommand } from './define.ts';
import { ageInDays, integer } from './format.ts';
import { m, t } from './messages.ts';

export const fundsCommand = defineCommand({
  name: 'funds',
  description: { en: 'Which funds are loaded, with as-of dates and ages', ja: '読み込み済みファンドと基準日・経過日数' },
  examples: ['/funds'],
  args: z.object({}),
  run(_args, ctx) {
    const { lang } = ctx;
    const funds = ctx.data.list();
    const problems = ctx.data.problems();
    const warnings = problems.map((p) => `${p.fund}/${p.file}: ${p.message}`);
    if (funds.length === 0) warnings.unshift(t(lang, m.noData(ctx.data.describe())));
    return {
      lang,
      title: t(lang, m.fundsTitle(funds.length)),
      tone: 'info',
      table: {
        columns: [
          { label: t(lang, m.colFund()), align: 'left' },
          { label: t(lang, m.colIssuer()), align: 'left' },
          { label: t(lang, m.colAsOf()), align: 'left' },
          { label: t(lang, m.colAge()), align: 'right' },
          { label: t(lang, m.colHoldings()), align: 'right' },
          { label: t(lang, m.colFile()), align: 'left' },
        ],
        rows: funds.map((f) => {
          const age = ageInDays(f.asOf, ctx.now);
          return [f.fund, f.issuer, f.asOf ?? '—', age === null ? t(lang, m.unknownAge()) : t(lang, m.days(age)), integer(f.positions), f.file];
        }),
      },
      warnings,
      // The table itself names each fund's issuer, file and as-of date.
      sources: [],
      data: {
        funds: funds.map((f) => ({ ...f, ageDays: ageInDays(f.asOf, ctx.now) })),
        problems,
      },
    };
  },
});
