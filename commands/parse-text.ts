import type { z } from 'zod';
import type { Lang } from './context.ts';
import { describeOption, type Command } from './define.ts';
import { m, t } from './messages.ts';
import { UserError } from './user-error.ts';
import { badArgs, explainIssue } from './arg-errors.ts';
import { ma } from './messages-args.ts';

/** Longest argument text accepted from a chat surface; longer is refused politely. */
export const MAX_ARG_TEXT = 500;

type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'enum';

interface FieldInfo {
  key: string;
  kind: FieldKind;
  optional: boolean;
  choices?: string[];
  schema: z.ZodType;
}

interface ZodDef {
  type: string;
  innerType?: { def: ZodDef };
  in?: { def: ZodDef };
  entries?: Record<string, string>;
}

/** What kind of value an option takes, read from its zod schema (optional/default unwrapped). */
export function fieldsOf(schema: z.ZodObject): FieldInfo[] {
  return Object.entries(schema.shape).map(([key, field]) => {
    let def = (field as unknown as { def: ZodDef }).def;
    let optional = false;
    while (def.type === 'optional' || def.type === 'default' || def.type === 'pipe') {
      optional ||= def.type !== 'pipe';
      def = def.type === 'pipe' ? def.in!.def : def.innerType!.def;
    }
    const kind: FieldKind = def.type === 'array' || def.type === 'number' || def.type === 'boolean' || def.type === 'enum' ? def.type : 'string';
    return { key, kind, optional, schema: field as z.ZodType, ...(def.entries ? { choices: Object.values(def.entries) } : {}) };
  });
}

/**
 * Splits chat text into tokens: spaces and commas separate; "double", 'single', “curly” and
 * 「corner」 quotes group; full-width letters, digits and punctuation are folded (NFKC) first.
 */
export function tokenise(text: string): string[] {
  return tokeniseGroups(text).flat();
}

/**
 * The tokens of `tokenise`, grouped by the commas, 「、」 and new lines between them (outside quotes
 * and key=value lists): "オルカン, eMAXIS Slim 米国株式" → [["オルカン"], ["eMAXIS", "Slim", "米国株式"]].
 */
export function tokeniseGroups(text: string): string[][] {
  const folded = text.normalize('NFKC').replace(/[“”]/g, '"').replace(/[「」『』]/g, '"');
  const groups: string[][] = [[]];
  // key=value keeps its commas (funds=VOO,QQQ); elsewhere a comma separates like a space, and ends a group.
  const re = /(\S+?=)?"([^"]*)"|(\S+?=)?'([^']*)'|[A-Za-z_][\w-]*=[^\s"']*|([,、\n])|[^\s,、"']+/g;
  for (const match of folded.matchAll(re)) {
    const group = groups[groups.length - 1]!;
    if (match[5] !== undefined) groups.push([]);
    else if (match[2] !== undefined) group.push(`${match[1] ?? ''}${match[2]}`);
    else if (match[4] !== undefined) group.push(`${match[3] ?? ''}${match[4]}`);
    else group.push(match[0]);
  }
  return groups.filter((g) => g.length > 0);
}

/**
 * Turns `/overlap VOO QQQ mix=60/40` text into the command's arguments, using only its zod
 * schema: `key=value` (or `key:value`, as Discord shows options) sets an option by name, other tokens fill options in schema order, an
 * array option takes every remaining positional token, and a final text option takes the rest
 * of the line. Where commas or new lines separate the values ("オルカン, eMAXIS Slim 米国株式"),
 * each stretch between them is one value, spaces and all. Invalid input throws a UserError that
 * shows the usage.
 */
export function parseTextArgs<S extends z.ZodObject>(command: Command<S>, text: string, lang: Lang): z.infer<S> {
  if (text.length > MAX_ARG_TEXT) throw new UserError('too-long', t(lang, m.tooLong(MAX_ARG_TEXT)));
  const fields = fieldsOf(command.args);
  const raw: Record<string, unknown> = {};
  const groups: string[][] = [];
  for (const group of tokeniseGroups(text)) {
    const free: string[] = [];
    groups.push(free);
    for (const token of group) {
      const eq = /^([a-zA-Z_][\w-]*)=(.*)$/s.exec(token);
      const flag = /^--([a-zA-Z][\w-]*)$/.exec(token);
      const named = eq ? fields.find((f) => f.key === eq[1]) : flag ? fields.find((f) => f.key === flag[1]) : undefined;
      // `by:company`, as Discord shows an option (and as it is copied from there): read as `by=company`
      // when the word before the colon is one of this command's options; any other colon stays text.
      const colon = eq || flag ? null : /^([a-zA-Z_][\w-]*):(.+)$/s.exec(token);
      const shown = colon ? fields.find((f) => f.key === colon[1]) : undefined;
      if (colon && shown) raw[shown.key] = shown.kind === 'array' ? listValues(colon[2]!) : colon[2];
      else if (eq && named) raw[named.key] = named.kind === 'array' ? listValues(eq[2]!) : eq[2];
      else if (flag && named?.kind === 'boolean') raw[named.key] = true;
      else if (eq || flag) throw badArgs(command, t(lang, ma.unknownOption(token, command.name, fields.map((f) => f.key))), lang);
      else free.push(token);
    }
  }
  const values = groups.filter((g) => g.length > 0);
  // Commas separate values, unless the first stretch holds a figure ("QQQ NVDA -17%, AVGO -17%":
  // the commas belong to the last option's own list, and spaces separate the values before it).
  const grouped = values.length > 1 && !values[0]!.some((v) => FIGURE.test(v));
  const positional = grouped ? values.map((g) => g.join(' ')) : values.flat();
  const ends = new Set(values.slice(0, -1).map((_, i) => values.slice(0, i + 1).flat().length - 1));
  const total = positional.length;
  // The rest of the line, for a final text option: its commas where they were typed.
  const join = (rest: string[]) =>
    grouped ? rest.join(', ') : rest.map((v, i) => (ends.has(total - rest.length + i) && i < rest.length - 1 ? `${v},` : v)).join(' ');
  fillPositional(fields.filter((f) => !(f.key in raw)), positional, raw, join);
  if (positional.length > 0) throw badArgs(command, t(lang, ma.tooManyValues(positional.join(' '), command.name)), lang);
  const given: Record<string, string> = {};
  for (const field of fields) {
    const value = raw[field.key];
    if (typeof value === 'string') given[field.key] = value;
    if (field.kind === 'number' && typeof value === 'string') raw[field.key] = value.trim() === '' ? Number.NaN : Number(value.replace(/%$/, ''));
    if (field.kind === 'boolean' && typeof value === 'string') raw[field.key] = /^(true|yes|on|1)$/i.test(value);
    if (field.kind === 'enum' && typeof value === 'string') raw[field.key] = value.toLowerCase();
    if (field.kind === 'string' && typeof value === 'string' && value.trim() === '') delete raw[field.key];
  }
  const parsed = command.args.safeParse(raw);
  if (!parsed.success) throw badArgs(command, explainIssue(command, parsed.error.issues[0]!, raw, given, lang), lang);
  return parsed.data as z.infer<S>;
}

/** `funds=VOO,QQQ` or `funds="オルカン, eMAXIS Slim 米国株式"`: split on commas and new lines when there are any, else on spaces. */
function listValues(text: string): string[] {
  return text
    .split(/[,、\n]/.test(text) ? /\s*[,、\n]\s*/ : /\s+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * One comma-separated value of a list, as the funds it names: "VOO QQQ" (tickers as tickers are
 * written, upper case) is two funds, "eMAXIS Slim 米国株式" or "S&P 500" one.
 */
function listItems(value: string): string[] {
  const words = value.split(/\s+/);
  return words.length > 1 && words.every((w) => /^\$?[A-Z][A-Z0-9.]{0,5}$/.test(w)) ? words : [value];
}

function fitsField(field: FieldInfo, token: string): boolean {
  return (field.kind !== 'enum' || field.choices!.includes(token.toLowerCase())) && (field.kind !== 'number' || NUMBER.test(token));
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)%?$/;
/** A signed number or a percentage (-17%, +5, 30%): a figure, never part of a name. */
const FIGURE = /^[+\-−]\d|^\d+(\.\d+)?%$/;

/**
 * Fills options in schema order from the positional tokens. A token that does not fit the next
 * option (a word where a number or one of a few choices is expected) is read as more of the text
 * option before it, so `/hhi S&P 500` asks for the fund "S&P 500" instead of refusing "500".
 */
function fillPositional(open: readonly FieldInfo[], positional: string[], raw: Record<string, unknown>, join: (rest: string[]) => string): void {
  let previous: FieldInfo | undefined;
  let i = 0;
  while (positional.length > 0 && i < open.length) {
    const field = open[i]!;
    const token = positional[0]!;
    const fits = fitsField(field, token);
    if (!fits) {
      // A later option may take it (`/hhi SPY 2` → page 2) when every option skipped is optional…
      const later = open.findIndex(
        (f, j) => j > i && fitsField(f, token) && (f.kind !== 'number' || f.schema.safeParse(Number(token.replace(/%$/, ''))).success) && open.slice(i, j).every((s) => s.optional),
      );
      if (later > 0) {
        i = later;
        continue;
      }
      // …else it is more of the text before it.
      if (previous?.kind === 'string') {
        raw[previous.key] = `${String(raw[previous.key])} ${positional.shift()!}`;
        continue;
      }
    }
    if (field.kind === 'array') raw[field.key] = positional.splice(0).flatMap(listItems);
    else if (field.kind === 'string' && i === open.length - 1) raw[field.key] = join(positional.splice(0));
    else raw[field.key] = positional.shift();
    previous = field;
    i++;
  }
  // Words after the last option belong to the text option they follow.
  if (positional.length > 0 && previous?.kind === 'string') raw[previous.key] = `${String(raw[previous.key])} ${join(positional.splice(0))}`;
}

/**
 * An argument object → `key=value` text that `parseTextArgs` reads back to the same arguments
 * (buttons carry it: a fund choice's rerun, Discord's page and CSV buttons). A list keeps its
 * commas (funds=SOXX,IVV, or quoted when a name has spaces); null when a value cannot be written
 * so (a list item with a comma, text with both kinds of quote).
 */
export function argsToText(args: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.some((v) => /[,、\n]/.test(String(v)))) return null;
    const text = Array.isArray(value) ? value.map(String).join(',') : String(value);
    if (text.includes('"') && text.includes("'")) return null;
    const bare = Array.isArray(value) ? /^[^\s"']+$/ : /^[^\s,"']+$/;
    parts.push(bare.test(text) ? `${key}=${text}` : text.includes('"') ? `${key}='${text}'` : `${key}="${text}"`);
  }
  return parts.join(' ');
}

/** "/overlap <funds…> [mix]  e.g. /overlap VOO QQQ", derived from the schema. */
export function usage(command: Command, lang: Lang): string {
  const parts = fieldsOf(command.args).map((f) => {
    const name = f.kind === 'array' ? `${f.key}…` : f.choices ? f.choices.join('|') : f.key;
    return f.optional ? `[${f.key}=${f.choices ? name : '…'}]` : `<${name}>`;
  });
  const example = command.examples[0];
  return `/${command.name}${parts.length ? ` ${parts.join(' ')}` : ''}${example ? `  (${lang === 'ja' ? '例' : 'e.g.'} ${example})` : ''}`;
}

/** Option help lines: "fund — Fund ticker, e.g. SPY". */
export function optionHelp(command: Command, lang: Lang): string[] {
  return Object.entries(command.args.shape).map(([key, field]) => {
    const text = describeOption((field as { description?: string }).description);
    return `${key} — ${text[lang]}`;
  });
}
