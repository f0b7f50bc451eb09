import type { ViewAction } from '../../commands/view.ts';
import { SLACK_LIMITS } from './limits.ts';

/**
 * Buttons carry what to run in their `action_id` and `value`, so a click needs no server-side
 * state: `lesson:<id>` runs `/lesson <id>`; `cmd:<command>` runs `/<command> <value>` as a new
 * message, and `cmd:<command>:update` replaces the card the button sits on (paging, quiz reveal);
 * `csv:<command>` runs `/<command> <value>` and uploads the card's table as a CSV file.
 * Slack wants action_ids unique within a block, so a repeat gets a `#<n>` suffix.
 */
export interface ButtonIds {
  action_id: string;
  value?: string;
}

export interface ActionRun {
  command: string;
  text: string;
  update: boolean;
  /** The CSV button: the answer is the card's table as a file, not the card. */
  csv?: true;
}

/** Matches every action_id this app emits; Bolt routes block actions with it. */
export const ACTION_ID_PATTERN = /^(?:lesson:[^#]+|cmd:[a-z0-9_-]+(?::update)?|csv:[a-z0-9_-]+)(?:#\d+)?$/;

/** The ids of one button, or undefined when it cannot be expressed within Slack's limits. */
export function encodeAction(action: ViewAction, used: Set<string>): ButtonIds | undefined {
  const base = action.kind === 'lesson' ? `lesson:${action.id}` : `cmd:${action.command.toLowerCase()}${action.update ? ':update' : ''}`;
  const value = action.kind === 'lesson' ? action.id : action.args;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}#${n}`;
  // Cutting an id or args would run something other than what the card offered: drop the button instead.
  if (id.length > SLACK_LIMITS.actionId || value.length > SLACK_LIMITS.buttonValue) return undefined;
  if (action.kind === 'command' && !/^[a-z0-9_-]+$/.test(action.command.toLowerCase())) return undefined;
  used.add(id);
  return value === '' ? { action_id: id } : { action_id: id, value };
}

/** The CSV button of a card made by `/<command> <args>`, or undefined when the args do not fit a button value. */
export function encodeCsvAction(origin: { command: string; args: string }, used: Set<string>): ButtonIds | undefined {
  const id = `csv:${origin.command.toLowerCase()}`;
  if (!/^csv:[a-z0-9_-]+$/.test(id) || id.length > SLACK_LIMITS.actionId || origin.args.length > SLACK_LIMITS.buttonValue || used.has(id)) return undefined;
  used.add(id);
  return origin.args === '' ? { action_id: id } : { action_id: id, value: origin.args };
}

/** What a clicked button asks for, or undefined for an action_id this app did not emit. */
export function decodeAction(actionId: string, value: string | undefined): ActionRun | undefined {
  if (!ACTION_ID_PATTERN.test(actionId)) return undefined;
  const id = actionId.replace(/#\d+$/, '');
  if (id.startsWith('lesson:')) return { command: 'lesson', text: value ?? id.slice('lesson:'.length), update: false };
  if (id.startsWith('csv:')) return { command: id.slice('csv:'.length), text: value ?? '', update: false, csv: true };
  const [, command = '', update] = id.split(':');
  return { command, text: value ?? '', update: update === 'update' };
}
