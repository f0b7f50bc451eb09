import type { z } from 'zod';
import type { Context } from './context.ts';
import type { View } from './view.ts';

export interface Bilingual {
  en: string;
  ja: string;
}

/**
 * One slash command. The zod `args` object is the only definition of its options: console and
 * Slack text parsing, Discord options and help text are all derived from it. Each option's
 * `.describe()` text is "English | 日本語".
 */
export interface Command<S extends z.ZodObject = z.ZodObject> {
  name: string;
  description: Bilingual;
  /** Example invocations, shown in help and usage errors. */
  examples: string[];
  args: S;
  /**
   * Only server admins may run it (it changes data every user reads). Each command still checks
   * `requester.isAdmin` itself; surfaces use the flag to hide it (Discord default permissions) and
   * to ask for a fresh admin flag (Slack users.info) instead of a cached one.
   */
  adminOnly?: boolean;
  /**
   * Its card depends on nothing but its arguments, the language, the loaded snapshots
   * (`ctx.data`) and the day: no requester, no clock finer than a day, no side effect but noting
   * the card's funds as asked. Chat surfaces may then keep its finished answer until the data
   * changes (bot/discord/answer-cache.ts); a run that reads the directory, the fetcher or the
   * archive is not kept all the same.
   */
  cacheable?: boolean;
  run(args: z.infer<S>, ctx: Context): View | Promise<View>;
}

export function defineCommand<S extends z.ZodObject>(command: Command<S>): Command<S> {
  return command;
}

/** Splits an option's "English | 日本語" description. */
export function describeOption(description: string | undefined): Bilingual {
  const [en = '', ja] = (description ?? '').split(' | ');
  return { en: en.trim(), ja: (ja ?? en).trim() };
}
