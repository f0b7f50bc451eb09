import type { Command } from './define.ts';
import { fundsCommand } from './funds.ts';
import { hhiCommand } from './hhi.ts';
import { overlapCommand } from './overlap.ts';

/** Every slash command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [hhiCommand, overlapCommand, fundsCommand] as unknown as Command[];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name.toLowerCase());
}
