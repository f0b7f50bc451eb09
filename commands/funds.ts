import { z } from 'zod';
import { defineCommand } from './define.ts';
import { ageInDays, integer } from './format.ts';
import { m, t } from './messages.ts';
import { listView } from './fund-choice.ts';
import { fillDirectory } from './lookup.ts';
import { md } from './messages-directory.ts';
import { UserError } from './user-error.ts';
import type { Context } from './context.ts';
import type { View } from './view.ts';

export const fundsCommand = defineCommand({
  name: 'funds',
  description: { en: 'Which funds are loaded, with as-of dates and ages', ja: '読み込み済みファンドと基準日・経過日数' },
  examples: ['/funds', '/funds search semis'],
  args: z.object({
    action: z.enum(['list', 'search']).default('list').describe('list: stored funds; search: the fund directory | list：保存済みファンド、search：ファンド名簿を検索'),
    query: z.string().max(80).optional().describe('Ticker, name or index to search for, e.g. semis, S&P 500, オルカン | 検索するティッカー・名前・指数（例：semis、S&P 500、オルカン）'),
  }),
  async run({ action, query }, ctx) {
    if (action === 'search' || query) return searchDirectory(ctx, query ?? '');
    const { lang } = ctx;
    const funds = ctx.data.list();
    const problems = ctx.data.problems();
    const warnings = problems.map((p) => `${p.fund}/${p.file}: ${p.message}`);
    if (funds.length === 0) warnings.unshift(t(lang, m.emptyStore(ctx.data.describe(), ctx.fetcher?.secEnabled === true)));
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

/** `/funds search semis`: directory matches, numbered, each a button that opens the fund's /hhi card. */
async function searchDirectory(ctx: Context, query: string): Promise<View> {
  const { lang } = ctx;
  // A search wants the whole directory: the SEC's lists come in first if they are missing (SEC_USER_AGENT set).
  await fillDirectory(ctx);
  const index = await ctx.directory?.index();
  if (!index) throw new UserError('no-directory', t(lang, md.noDirectory()));
  const found = index.search(query, 25);
  if (found.length === 0) return { lang, title: t(lang, md.searchTitle(query, 0)), tone: 'info', summary: t(lang, md.searchNone(query)), sources: [], data: { choices: [], more: 0 } };
  return listView(ctx, found, t(lang, md.searchTitle(query, found.length)), t(lang, md.choose(query, Math.min(found.length, 10))), 'hhi', (value) => `fund=${value}`);
}
