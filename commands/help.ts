import { z } from 'zod';
import { defineCommand, type Command } from './define.ts';
import { m, t } from './messages.ts';
import { ma } from './messages-args.ts';
import { UserError } from './user-error.ts';
import { optionHelp, usage } from './parse-text.ts';

/** Help lists every command; the registry hands itself in to avoid an import cycle. */
export function makeHelpCommand(all: () => readonly Command[]) {
  return defineCommand({
    name: 'help',
    description: { en: 'What each command does, with examples', ja: '各コマンドの説明と使用例' },
    examples: ['/help', '/help overlap'],
    args: z.object({
      command: z.string().max(20).optional().describe('A command to explain, e.g. overlap | 説明するコマンド（例：overlap）'),
    }),
    run({ command }, ctx) {
      const { lang } = ctx;
      const commands = all();
      const one = command ? commands.find((c) => c.name === command.replace(/^\//, '').toLowerCase()) : undefined;
      if (command && !one) throw new UserError('unknown-command', t(lang, ma.noSuchCommand(command.replace(/^\//, ''), commands.map((c) => c.name))));
      if (one) {
        return {
          lang,
          title: `/${one.name}`,
          tone: 'info',
          summary: one.description[lang],
          markdown: [usage(one, lang), '', ...optionHelp(one, lang).map((l) => `• ${l}`), '', ...one.examples].join('\n'),
          sources: [],
          ephemeral: true,
          data: { command: one.name, usage: usage(one, lang), examples: one.examples },
        };
      }
      return {
        lang,
        title: t(lang, m.helpTitle()),
        tone: 'info',
        summary: t(lang, m.helpSummary()),
        table: {
          columns: [
            { label: t(lang, m.colCommand()), align: 'left' },
            { label: t(lang, m.colWhat()), align: 'left' },
          ],
          rows: commands.map((c) => [usage(c, lang).split('  (')[0]!, c.description[lang]]),
        },
        sources: [],
        footer: t(lang, m.educationNote()),
        ephemeral: true,
        data: { commands: commands.map((c) => ({ name: c.name, description: c.description, examples: c.examples })) },
      };
    },
  });
}
