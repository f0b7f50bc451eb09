import type { Command } from './define.ts';
import { fundsCommand } from './funds.ts';
import { hhiCommand } from './hhi.ts';
import { overlapCommand } from './overlap.ts';
import { makeHelpCommand } from './help.ts';
import { aboutCommand } from './about.ts';
import { portfolioCommand } from './portfolio.ts';
import { compareCommand } from './compare.ts';
import { stressCommand } from './stress.ts';
import { loopCommand } from './loop.ts';
import { lessonCommand } from './lesson.ts';
import { quizCommand } from './quiz.ts';
import { historyCommand } from './history.ts';
import { alertsCommand } from './alerts.ts';
import { importCommand } from './import.ts';
import { removeSnapshotCommand } from './remove-snapshot.ts';
import { holdersCommand } from './holders.ts';
import { holdingsCommand } from './holdings-list.ts';

/** Every slash command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [
  hhiCommand,
  historyCommand,
  overlapCommand,
  holdersCommand,
  holdingsCommand,
  portfolioCommand,
  compareCommand,
  stressCommand,
  loopCommand,
  lessonCommand,
  quizCommand,
  fundsCommand,
  alertsCommand,
  importCommand,
  removeSnapshotCommand,
  makeHelpCommand(() => COMMANDS),
  aboutCommand,
] as unknown as Command[];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name.toLowerCase());
}
