import { DISCORD_LIMITS } from './limits.ts';

/**
 * Button custom ids carry everything a press needs, because an HTTP worker keeps no memory of
 * the card it sent (another worker may receive the press):
 * - `lesson:<id>`               open a lesson (new message)
 * - `cmd:<command>:<args>`      run a command, post a new card
 * - `upd:<command>:<args>`      run a command, replace the card the button sits on
 * - `page:<n>:<command>:<args>` re-run the card's own command and show table page n (0-based)
 * - `csv:<command>:<args>`      re-run the card's own command and send its table as a CSV file
 */
export type ButtonTarget =
  | { kind: 'lesson'; id: string }
  | { kind: 'command'; command: string; args: string; update: boolean }
  | { kind: 'page'; page: number; command: string; args: string }
  | { kind: 'csv'; command: string; args: string };

export function encodeCustomId(target: ButtonTarget): string | null {
  const id =
    target.kind === 'lesson'
      ? `lesson:${target.id}`
      : target.kind === 'command'
        ? `${target.update ? 'upd' : 'cmd'}:${target.command}:${target.args}`
        : target.kind === 'page'
          ? `page:${target.page}:${target.command}:${target.args}`
          : `csv:${target.command}:${target.args}`;
  // Too long to encode means no button: a button that cannot say what it does is worse than none.
  return id.length <= DISCORD_LIMITS.customId ? id : null;
}

export function decodeCustomId(id: string): ButtonTarget | null {
  const lesson = /^lesson:(.+)$/s.exec(id);
  if (lesson) return { kind: 'lesson', id: lesson[1]! };
  const command = /^(cmd|upd):([a-z0-9_-]+):(.*)$/s.exec(id);
  if (command) return { kind: 'command', command: command[2]!, args: command[3]!, update: command[1] === 'upd' };
  const page = /^page:(\d{1,4}):([a-z0-9_-]+):(.*)$/s.exec(id);
  if (page) return { kind: 'page', page: Number(page[1]), command: page[2]!, args: page[3]! };
  const csv = /^csv:([a-z0-9_-]+):(.*)$/s.exec(id);
  if (csv) return { kind: 'csv', command: csv[1]!, args: csv[2]! };
  return null;
}
