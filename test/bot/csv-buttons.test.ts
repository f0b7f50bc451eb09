import { beforeAll, describe, expect, test } from 'vitest';
import { argsToText, optionsToArgs, discordOptions } from '../../bot/discord/options.ts';
import { renderDiscord } from '../../bot/discord/render.ts';
import { decodeCustomId } from '../../bot/discord/custom-id.ts';
import { renderSlack } from '../../bot/slack/render.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context } from '../../commands/context.ts';
import { parseTextArgs } from '../../commands/parse-text.ts';
import { COMMANDS, findCommand } from '../../commands/registry.ts';
import { HAS_RAW } from '../support/raw.ts';
import { rawContexts } from '../support/context.ts';
import { WALK } from '../support/walk.ts';

/**
 * The origin each surface gives a card, as the surfaces build it: Discord turns the parsed
 * options back into text (bot/discord/interaction.ts), Slack keeps the text as typed.
 */
function discordOrigin(command: string, text: string) {
  const args = parseTextArgs(findCommand(command)!, text, 'en') as Record<string, unknown>;
  const back = argsToText(args);
  return back === null ? undefined : { command, args: back };
}

describe.skipIf(!HAS_RAW)('every card with a table has a ⬇ CSV button, on Discord and on Slack, over the whole registry', () => {
  let en: Context;
  beforeAll(async () => {
    ({ en } = await rawContexts());
  }, 120_000);

  test('each command’s walk', async () => {
    const missing: string[] = [];
    let tables = 0;
    for (const command of COMMANDS) {
      for (const text of WALK[command.name] ?? []) {
        const view = await dispatch({ command: command.name, text }, en, memoryLogger());
        if (!view.table?.rows.length || view.ephemeral) continue;
        tables++;
        const discord = renderDiscord(view, { origin: discordOrigin(command.name, text) });
        const ids = (discord.components ?? []).flatMap((row) => row.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
        const csv = ids.map((id) => decodeCustomId(id)).find((t) => t?.kind === 'csv');
        if (!csv) missing.push(`Discord /${command.name} ${text}`);
        // The button re-runs the same command to the same card.
        else if (csv.kind === 'csv') expect((await dispatch({ command: csv.command, text: csv.args }, en, memoryLogger())).title).toBe(view.title);
        const slack = renderSlack(view, { origin: { command: command.name, args: text } });
        const actions = slack.blocks.flatMap((b) => ((b as { elements?: { action_id?: string }[] }).elements ?? []).map((e) => e.action_id ?? ''));
        if (!actions.some((id) => id.startsWith('csv:'))) missing.push(`Slack /${command.name} ${text}`);
      }
    }
    expect(tables).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  }, 180_000);
});

describe('Discord options with names keep their CSV and page buttons', () => {
  test('fund names with spaces in /overlap turn back into text the parser reads to the same funds', () => {
    const overlap = findCommand('overlap')!;
    expect(discordOptions(overlap).map((o) => o.name)).toContain('fund1');
    const args = optionsToArgs(overlap, [
      { name: 'fund1', value: 'オルカン' },
      { name: 'fund2', value: 'eMAXIS Slim 米国株式' },
      { name: 'mix', value: '70/30' },
    ]);
    const text = argsToText(args);
    expect(text).toBe('mix=70/30 funds="オルカン,eMAXIS Slim 米国株式"');
    expect(parseTextArgs(overlap, text!, 'en')).toEqual({ funds: ['オルカン', 'eMAXIS Slim 米国株式'], mix: '70/30' });
    // A name with a comma cannot be read back; no button is better than a wrong one.
    expect(argsToText({ funds: ['a,b', 'c'] })).toBeNull();
  });
});
