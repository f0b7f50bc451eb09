import type { HoldingsSource, Lang } from '../../commands/context.ts';
import type { Command } from '../../commands/define.ts';
import { m, t } from '../../commands/messages.ts';
import { usage } from '../../commands/parse-text.ts';
import { renderTable } from '../text-table.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { sm } from './messages.ts';
import { escapeMrkdwn, fitLines, fitPlain } from './mrkdwn.ts';
import { mrkdwn, plain, type SlackBlock } from './render.ts';

export interface HomeView {
  type: 'home';
  blocks: SlackBlock[];
}

/**
 * The App Home tab: what the bot can answer right now (the loaded funds and every command).
 * Pure; the store issue adds lesson progress and saved portfolios where the note stands today.
 */
export function renderHome(lang: Lang, data: HoldingsSource, commands: readonly Command[]): HomeView {
  const funds = data.list();
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(fitPlain(sm.homeTitle(lang), L.headerText)) },
    { type: 'section', text: mrkdwn(escapeMrkdwn(sm.homeIntro(lang))) },
    { type: 'divider' },
    { type: 'section', text: mrkdwn(sm.homeFunds(lang, funds.length)) },
  ];
  if (funds.length === 0) blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(sm.homeNoFunds(lang, data.describe()))) });
  else {
    const lines = renderTable({
      columns: [
        { label: t(lang, m.colFund()), align: 'left' },
        { label: t(lang, m.colIssuer()), align: 'left' },
        { label: t(lang, m.colAsOf()), align: 'left' },
        { label: t(lang, m.colHoldings()), align: 'right' },
      ],
      rows: funds.map((f) => [f.fund, f.issuer, f.asOf ?? '—', f.positions.toLocaleString('en-US')]),
    }).map(escapeMrkdwn);
    blocks.push({ type: 'section', text: mrkdwn(`\`\`\`\n${fitLines(lines, L.sectionText - 8, (n) => sm.moreLines(lang, n))}\n\`\`\``) });
  }
  blocks.push({ type: 'divider' }, { type: 'section', text: mrkdwn(sm.homeCommands(lang)) });
  const lines = commands.map((c) => `*/${escapeMrkdwn(c.name)}* — ${escapeMrkdwn(c.description[lang])}\n\`${escapeMrkdwn(usage(c, lang))}\``);
  blocks.push({ type: 'section', text: mrkdwn(fitLines(lines, L.sectionText, (n) => sm.moreLines(lang, n))) });
  blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(sm.homeProgress(lang))), mrkdwn(escapeMrkdwn(t(lang, m.educationNote())))] });
  return { type: 'home', blocks: blocks.slice(0, L.homeBlocks) };
}
