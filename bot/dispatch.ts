import { randomBytes } from 'node:crypto';
import type { Context } from '../commands/context.ts';
import { m, t } from '../commands/messages.ts';
import { parseTextArgs } from '../commands/parse-text.ts';
import { parseOptionsWith } from '../commands/arg-errors.ts';
import { COMMANDS, findCommand } from '../commands/registry.ts';
import { editDistance } from '../commands/lookup.ts';
import { withResolutionNotes } from '../commands/card-parts.ts';
import { choiceView, FundChoiceError } from '../commands/fund-choice.ts';
import { UserError } from '../commands/user-error.ts';
import type { View } from '../commands/view.ts';
import { md } from '../commands/messages-directory.ts';
import { isStoreUnavailable } from '../store/unavailable.ts';
import { stderrLogger, type Logger } from './log.ts';

/** A command invocation from any surface: chat text to parse, or structured options (Discord). */
export type Invocation = { command: string; text: string } | { command: string; options: Record<string, unknown> };

/**
 * Runs one command and owns every error: a UserError becomes a friendly ephemeral card that says
 * what to do; anything else is logged with the command name and a short id, and the user sees an
 * apology carrying that id. Never throws.
 */
export async function dispatch(invocation: Invocation, ctx: Context, log: Logger = stderrLogger): Promise<View> {
  const name = invocation.command.normalize('NFKC').replace(/^\//, '').toLowerCase();
  const command = findCommand(name);
  let args: unknown;
  try {
    if (!command) {
      const near = COMMANDS.map((c) => c.name).filter((c) => c.startsWith(name.slice(0, 2)) || editDistance(c, name) <= 2);
      throw new UserError('unknown-command', t(ctx.lang, m.unknownCommand(name, near)));
    }
    args = 'text' in invocation ? parseTextArgs(command, invocation.text, ctx.lang) : parseOptionsWith(command, invocation.options, ctx.lang);
    // Stand-ins and fresh downloads noted while resolving funds reach every card here.
    return withResolutionNotes(ctx, await command.run(args as never, ctx));
  } catch (error) {
    // Several funds fit a name: a list to choose from, each choice rerunning the command.
    if (error instanceof FundChoiceError && command) return choiceView(ctx, command.name, args as Record<string, unknown>, error);
    if (error instanceof UserError) {
      if (error.log) log.info({ command: name, code: error.code, ...error.log }, 'command refused');
      return errorView(ctx, error.message, error.code);
    }
    // The database restarting or locked: a plain "try again in a minute", logged, no apology id.
    if (isStoreUnavailable(error)) {
      log.error({ command: name, error: error instanceof Error ? error.message : String(error) }, 'store unavailable');
      return errorView(ctx, t(ctx.lang, md.storeUnavailable()), 'store-unavailable');
    }
    const id = randomBytes(4).toString('hex');
    log.error({ id, command: name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'command failed');
    return errorView(ctx, t(ctx.lang, m.unexpected(id)), 'unexpected', id);
  }
}

function errorView(ctx: Context, message: string, code: string, id?: string): View {
  return { lang: ctx.lang, title: t(ctx.lang, m.errorTitle()), tone: 'error', summary: message, sources: [], ephemeral: true, data: { error: { code, message, ...(id ? { id } : {}) } } };
}
