import { z } from 'zod';
import { japaneseNames, positionLabel, sourceOf, dataWarnings } from './card-parts.ts';
import { defineCommand } from './define.ts';
import { integer, percent } from './format.ts';
import { requireFund } from './lookup.ts';
import { mh } from './messages-holders.ts';
import { m, sectorName, t } from './messages.ts';
import { UserError } from './user-error.ts';
import type { ViewAction } from './view.ts';

/** Rows per page: a chat screen, and within Discord's embed and Slack's block limits. */
export const HOLDINGS_PAGE = 20;
/** More pages than VT's 10,000 names need at 20 a page; also bounds what a typed page number can ask. */
const MAX_PAGE = 1000;

export const holdingsCommand = defineCommand({
  name: 'holdings',
  description: mh.holdingsDescription(),
  examples: ['/holdings VT', '/holdings VT 2', '/holdings QQQ page=3'],
  args: z.object({
    fund: z.string().min(1).max(80).describe('Fund ticker or name, e.g. VT | ファンドのティッカーまたは名前（例：VT）'),
    page: z.number().int().min(1).max(MAX_PAGE).default(1).describe('Page number | ページ番号'),
  }),
  async run({ fund, page }, ctx) {
    const { lang } = ctx;
    const h = await requireFund(ctx, fund);
    const pages = Math.ceil(h.positions.length / HOLDINGS_PAGE);
    if (page > pages) throw new UserError('no-such-page', t(lang, mh.noSuchPage(page, pages)));
    const from = (page - 1) * HOLDINGS_PAGE;
    const rows = h.positions.slice(from, from + HOLDINGS_PAGE);
    const ja = japaneseNames(ctx);
    const actions: ViewAction[] = [];
    if (page > 1) actions.push({ kind: 'command', command: 'holdings', args: `${h.fund} ${page - 1}`, label: t(lang, mh.previous()), update: true });
    if (page < pages) actions.push({ kind: 'command', command: 'holdings', args: `${h.fund} ${page + 1}`, label: t(lang, mh.next()), update: true, style: 'primary', more: true });
    return {
      lang,
      title: t(lang, mh.holdingsTitle(h.fund, page, pages)),
      tone: 'info',
      summary: t(lang, mh.holdingsSummary(h.positions.length, from + 1, from + rows.length)),
      table: {
        columns: [
          { label: '#', align: 'right' },
          { label: t(lang, m.colName()), align: 'left' },
          { label: t(lang, m.colWeight()), align: 'right' },
          { label: t(lang, m.fSectors()).replace(/^Top s/, 'S').replace(/^上位/, ''), align: 'left' },
        ],
        rows: rows.map((p, i) => [
          integer(from + i + 1),
          positionLabel(p, ja, 40),
          percent(p.weight, 2),
          p.sector ? sectorName(lang, p.sector) : t(lang, m.unknownSector()),
        ]),
      },
      actions,
      warnings: dataWarnings(ctx, h),
      sources: [sourceOf(h, ctx)],
      footer: t(lang, m.educationNote()),
      data: { fund: h.fund, page, pages, count: h.positions.length, rows: rows.map((p) => ({ ticker: p.ticker, name: p.name, weight: p.weight, sector: p.sector })) },
    };
  },
});
