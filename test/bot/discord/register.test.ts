import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { applicationCommands, commandJson } from '../../../bot/discord/commands.ts';
import { discordOptions, optionsToArgs, argsToText } from '../../../bot/discord/options.ts';
import { JA_COMMAND_NAMES } from '../../../bot/discord/messages.ts';
import { registrationRoute } from '../../../bot/discord/register.ts';
import { defineCommand } from '../../../commands/define.ts';
import { parseTextArgs } from '../../../commands/parse-text.ts';
import { COMMANDS, findCommand } from '../../../commands/registry.ts';

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

describe('application command JSON from the zod schemas', () => {
  const json = applicationCommands();

  test('one command per registry entry, each built (and so validated) by SlashCommandBuilder, with Japanese', () => {
    expect(json.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const c of json) {
      expect(c.name).toMatch(NAME);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.description_localizations?.ja).toBeTruthy();
      if (JA_COMMAND_NAMES[c.name]) expect(c.name_localizations?.ja).toBe(JA_COMMAND_NAMES[c.name]);
      if (c.name_localizations?.ja) expect(c.name_localizations.ja).toMatch(NAME);
      expect((c.options ?? []).length).toBeLessThanOrEqual(25);
      // Discord refuses an optional option before a required one.
      const required = (c.options ?? []).map((o) => ('required' in o && o.required) === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  test('/lesson topic autocompletes lessons; /quiz topic (which also takes live and scores) does not', () => {
    const byName = Object.fromEntries(json.map((c) => [c.name, c]));
    expect(byName.lesson!.options).toContainEqual(expect.objectContaining({ type: 3, name: 'topic', autocomplete: true }));
    expect(byName.quiz!.options!.find((o) => o.name === 'topic')).not.toHaveProperty('autocomplete', true);
  });

  test('types, required, min/max and autocomplete follow the schema', () => {
    const byName = Object.fromEntries(json.map((c) => [c.name, c]));
    expect(byName.hhi!.options).toEqual([
      expect.objectContaining({ type: 3, name: 'fund', required: true, autocomplete: true, min_length: 1, max_length: 80, name_localizations: { ja: 'ファンド' } }),
      expect.objectContaining({ type: 3, name: 'by', required: false, choices: [expect.objectContaining({ value: 'security' }), expect.objectContaining({ value: 'company' })] }),
      expect.objectContaining({ type: 4, name: 'page', required: false, min_value: 1, max_value: 2 }),
    ]);
    expect(byName.holders!.options).toEqual([expect.objectContaining({ type: 3, name: 'company', required: true, max_length: 60 })]);
    expect(byName.holdings!.options).toEqual([
      expect.objectContaining({ type: 3, name: 'fund', required: true }),
      expect.objectContaining({ type: 4, name: 'page', required: false, min_value: 1, max_value: 1000 }),
    ]);
    const overlap = byName.overlap!.options!.map((o) => [o.name, o.type, 'required' in o ? o.required : undefined]);
    expect(overlap).toEqual([
      ['fund1', 3, true],
      ['fund2', 3, true],
      ['fund3', 3, false],
      ['fund4', 3, false],
      ['fund5', 3, false],
      ['fund6', 3, false],
      ['mix', 3, false],
    ]);
    const loop = Object.fromEntries(byName.loop!.options!.map((o) => [o.name, o]));
    expect(loop.periods).toMatchObject({ type: 4, min_value: 2, max_value: 60, required: false });
    expect(loop.passive).toMatchObject({ type: 10, min_value: 0, max_value: 100 });
    expect(byName.compare!.options!.find((o) => o.name === 'cap')).toMatchObject({ type: 10, min_value: 0, max_value: 50 });
  });

  test('enums become choices and booleans boolean options', () => {
    const demo = defineCommand({
      name: 'demo',
      description: { en: 'Demo', ja: 'デモ' },
      examples: [],
      args: z.object({ mode: z.enum(['fast', 'slow']).describe('Mode | モード'), verbose: z.boolean().optional().describe('Verbose | 詳細') }),
      run: () => ({ lang: 'en', title: '', tone: 'info', sources: [] }),
    });
    expect(commandJson(demo as never).options).toEqual([
      expect.objectContaining({ type: 3, name: 'mode', required: true, choices: [{ name: 'fast', value: 'fast' }, { name: 'slow', value: 'slow' }] }),
      expect.objectContaining({ type: 5, name: 'verbose', required: false, description_localizations: { ja: '詳細' } }),
    ]);
  });

  test('the builders reject what Discord would: an option name with capitals fails here, not at registration', () => {
    const bad = defineCommand({
      name: 'bad',
      description: { en: 'Bad', ja: '悪い' },
      examples: [],
      args: z.object({ BadName: z.string().describe('x | x') }),
      run: () => ({ lang: 'en', title: '', tone: 'info', sources: [] }),
    });
    expect(() => commandJson(bad as never)).toThrow();
  });

  test('option values map back to the same arguments as the typed text form', () => {
    for (const command of COMMANDS) {
      for (const option of discordOptions(command)) expect(option.name).toMatch(NAME);
    }
    const overlap = findCommand('overlap')!;
    const args = optionsToArgs(overlap, [
      { name: 'fund1', value: 'VOO' },
      { name: 'fund2', value: 'QQQ' },
      { name: 'mix', value: '60/40' },
    ]);
    expect(args).toEqual({ funds: ['VOO', 'QQQ'], mix: '60/40' });
    expect(parseTextArgs(overlap, argsToText(args)!, 'en')).toEqual(overlap.args.parse(args));
    const portfolio = findCommand('portfolio')!;
    const p = { allocations: 'VT 60, QQQ 40' };
    expect(parseTextArgs(portfolio, argsToText(p)!, 'en')).toEqual(p);
  });

  test('global and guild routes', () => {
    expect(registrationRoute('1')).toBe('/applications/1/commands');
    expect(registrationRoute('1', '2')).toBe('/applications/1/guilds/2/commands');
  });
});
