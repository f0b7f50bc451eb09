import type { z } from 'zod';
import type { Lang } from './context.ts';
import { describeOption, type Command } from './define.ts';
import { ma, type Bound } from './messages-args.ts';
import { m, t } from './messages.ts';
import { usage } from './parse-text.ts';
import { UserError } from './user-error.ts';

interface Check {
  check: string;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
}

interface Def {
  type: string;
  innerType?: { def: Def };
  in?: { def: Def };
  checks?: { _zod: { def: Check } }[];
}

/** The option's schema with optional/default/pipe wrappers taken off. */
function baseDef(field: unknown): Def {
  let def = (field as { def: Def }).def;
  while (def.innerType || def.in) def = def.innerType ? def.innerType.def : def.in!.def;
  return def;
}

function checksOf(field: unknown): Check[] {
  return (baseDef(field).checks ?? []).map((c) => c._zod.def);
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(' ');
  if (typeof value === 'number' && Number.isNaN(value)) return '';
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * One validation issue said in our own words, in the reader's language. `raw` holds the values as
 * the user gave them (text before conversion), so "abc" can be quoted back instead of "NaN".
 */
export function explainIssue(command: Command, issue: z.core.$ZodIssue, raw: Record<string, unknown>, given: Record<string, string>, lang: Lang): string {
  const key = String(issue.path[0] ?? '');
  const field = (command.args.shape as Record<string, unknown>)[key];
  if (!field) return t(lang, ma.tooManyValues(Object.values(given).join(' '), command.name));
  const what = describeOption((field as { description?: string }).description)[lang];
  const value = raw[key];
  const text = given[key] ?? shown(value);
  const base = baseDef(field);
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
  if (empty && base.type !== 'number') return t(lang, ma.missing(key, what));
  if (base.type === 'number') {
    if (empty || typeof value !== 'number' || Number.isNaN(value)) {
      return text === '' ? t(lang, ma.missing(key, what)) : t(lang, ma.notNumber(key, text));
    }
    if (issue.code === 'invalid_type' && issue.expected === 'int') return t(lang, ma.notWhole(key, text));
    let low: Bound | null = null;
    let high: Bound | null = null;
    for (const c of checksOf(field)) {
      if (c.check === 'greater_than') low = { value: String(c.value), inclusive: c.inclusive === true };
      if (c.check === 'less_than') high = { value: String(c.value), inclusive: c.inclusive === true };
    }
    if (!Number.isInteger(value) && issue.code === 'invalid_type') return t(lang, ma.notWhole(key, text));
    return t(lang, ma.outOfRange(key, text, low, high));
  }
  if (base.type === 'array') {
    const count = Array.isArray(value) ? value.length : 1;
    if (issue.code === 'too_small') return t(lang, ma.tooFew(key, Number(issue.minimum), count, what));
    if (issue.code === 'too_big' && issue.origin === 'array') return t(lang, ma.tooMany(key, Number(issue.maximum), count, what));
    if (issue.code === 'too_big') return t(lang, ma.tooLong(key, Number(issue.maximum)));
  }
  if (base.type === 'enum') {
    const choices = Object.values((base as unknown as { entries: Record<string, string> }).entries);
    return t(lang, ma.notAChoice(key, text, choices));
  }
  if (issue.code === 'too_big') return t(lang, ma.tooLong(key, Number(issue.maximum)));
  return t(lang, ma.invalid(key, text));
}

/** A refused argument: the problem in plain words, then the usage of this command. */
export function badArgs(command: Command, problem: string, lang: Lang): UserError {
  return new UserError('bad-args', t(lang, m.badArgs(command.name, problem, usage(command, lang))));
}

/** Parses structured options (Discord) with the command's schema; refusals are said in our words. */
export function parseOptionsWith<S extends z.ZodObject>(command: Command<S>, options: Record<string, unknown>, lang: Lang): z.infer<S> {
  const parsed = command.args.safeParse(options);
  if (parsed.success) return parsed.data as z.infer<S>;
  const given = Object.fromEntries(Object.entries(options).map(([k, v]) => [k, shown(v)]));
  throw badArgs(command, explainIssue(command, parsed.error.issues[0]!, options, given, lang), lang);
}
