import type { Bilingual, Command } from '../../commands/define.ts';
import { describeOption } from '../../commands/define.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { JA_OPTION_NAMES } from './messages.ts';

/**
 * One Discord option, derived from a command's zod schema. An array option (overlap's `funds`)
 * becomes numbered string options `fund1…fundN`, since Discord has no list type; `key` and
 * `index` say where the value goes back.
 */
export interface DiscordOption {
  name: string;
  nameJa?: string;
  key: string;
  index?: number;
  kind: 'string' | 'number' | 'integer' | 'boolean' | 'attachment';
  required: boolean;
  description: Bilingual;
  choices?: string[];
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  /** What to suggest while the user types: fund tickers, command names, lessons, or nothing. */
  autocomplete?: 'fund' | 'command' | 'lesson';
}

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  element?: Schema;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[];
}
interface Schema {
  def: Def;
  description?: string;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  minLength?: number | null;
  maxLength?: number | null;
}

/** Most numbered options an array option may take; Discord allows 25 options in all. */
const MAX_ARRAY_ITEMS = 10;
const FUND_KEYS = new Set(['fund', 'funds', 'ticker', 'tickers']);
/**
 * String options that name a file the user sends (/import's `file`): on Discord an ATTACHMENT
 * option, whose value is the attachment id and whose file the interaction carries in
 * `data.resolved.attachments`. Text surfaces (console, Slack) give a path or file name instead.
 */
const ATTACHMENT_KEYS = new Set(['file']);
/**
 * Commands whose `topic` names a lesson. Only /lesson: /quiz's topic also takes "live" and
 * "scores", which lesson suggestions would hide.
 */
const LESSON_TOPIC_COMMANDS = new Set(['lesson']);

function unwrap(schema: Schema): { inner: Schema; optional: boolean } {
  let inner = schema;
  let optional = false;
  while (inner.def.type === 'optional' || inner.def.type === 'default' || inner.def.type === 'pipe') {
    optional ||= inner.def.type !== 'pipe';
    inner = inner.def.type === 'pipe' ? inner.def.in! : inner.def.innerType!;
  }
  return { inner, optional };
}

const finite = (n: number | null | undefined): number | undefined => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);
const clipDescription = (text: string, fallback: string): string => {
  const s = text.trim() || fallback;
  return s.length <= L.commandDescription ? s : `${s.slice(0, L.commandDescription - 1)}…`;
};

function scalar(key: string, inner: Schema, required: boolean, description: Bilingual): Omit<DiscordOption, 'name'> {
  const base = { key, required, description };
  switch (inner.def.type) {
    case 'number':
      return {
        ...base,
        kind: inner.isInt ? 'integer' : 'number',
        ...(finite(inner.minValue) !== undefined ? { min: finite(inner.minValue) } : {}),
        ...(finite(inner.maxValue) !== undefined ? { max: finite(inner.maxValue) } : {}),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'enum':
      return { ...base, kind: 'string', choices: Object.values(inner.def.entries ?? {}) };
    default:
      if (inner.def.type === 'string' && ATTACHMENT_KEYS.has(key)) return { ...base, kind: 'attachment' };
      return {
        ...base,
        kind: 'string',
        ...(finite(inner.minLength) !== undefined ? { minLength: finite(inner.minLength) } : {}),
        ...(finite(inner.maxLength) !== undefined ? { maxLength: finite(inner.maxLength) } : {}),
        ...(FUND_KEYS.has(key) ? { autocomplete: 'fund' as const } : key === 'command' ? { autocomplete: 'command' as const } : {}),
      };
  }
}

/** The Discord options of a command, required ones first (Discord insists), in schema order otherwise. */
export function discordOptions(command: Command): DiscordOption[] {
  const out: DiscordOption[] = [];
  for (const [key, field] of Object.entries(command.args.shape as Record<string, unknown>)) {
    const schema = field as Schema;
    const { inner, optional } = unwrap(schema);
    const text = describeOption(schema.description ?? inner.description);
    const description = { en: clipDescription(text.en, key), ja: clipDescription(text.ja, key) };
    if (inner.def.type === 'array') {
      const checks = (inner.def.checks ?? []).map((c) => c._zod.def);
      const min = optional ? 0 : Math.max(1, checks.find((c) => c.check === 'min_length')?.minimum ?? 1);
      const max = Math.min(MAX_ARRAY_ITEMS, checks.find((c) => c.check === 'max_length')?.maximum ?? MAX_ARRAY_ITEMS);
      const singular = key.replace(/s$/, '');
      const element = unwrap(inner.def.element!).inner;
      for (let i = 1; i <= max; i++) {
        const item = scalar(key, element, i <= min, { en: clipDescription(`${description.en} (#${i})`, key), ja: clipDescription(`${description.ja}（${i}）`, key) });
        if (FUND_KEYS.has(key)) item.autocomplete = 'fund';
        const ja = JA_OPTION_NAMES[singular];
        out.push({ ...item, name: `${singular}${i}`, index: i - 1, ...(ja ? { nameJa: `${ja}${i}` } : {}) });
      }
    } else {
      const ja = JA_OPTION_NAMES[key];
      const option: DiscordOption = { ...scalar(key, inner, !optional, description), name: key, ...(ja ? { nameJa: ja } : {}) };
      if (key === 'topic' && option.kind === 'string' && !option.choices && LESSON_TOPIC_COMMANDS.has(command.name)) option.autocomplete = 'lesson';
      out.push(option);
    }
  }
  return [...out.filter((o) => o.required), ...out.filter((o) => !o.required)];
}

/** A Discord option value as it arrives in an interaction. */
export interface ReceivedOption {
  name: string;
  value?: string | number | boolean;
}

/**
 * Discord option values → the command's argument object (fund1…fundN → funds[]), ready for its
 * zod schema; unknown option names are ignored, so a stale registration cannot crash a command.
 */
export function optionsToArgs(command: Command, received: readonly ReceivedOption[]): Record<string, unknown> {
  const byName = optionsByName(command);
  const args: Record<string, unknown> = {};
  const arrays = new Map<string, { index: number; value: unknown }[]>();
  for (const option of received) {
    const spec = byName.get(option.name);
    if (!spec || option.value === undefined) continue;
    const value = typeof option.value === 'string' ? option.value.trim() : option.value;
    if (spec.index === undefined) args[spec.key] = value;
    else {
      const list = arrays.get(spec.key) ?? [];
      list.push({ index: spec.index, value });
      arrays.set(spec.key, list);
    }
  }
  for (const [key, list] of arrays) args[key] = list.sort((a, b) => a.index - b.index).map((x) => x.value);
  return args;
}

/** Each command's options by name, built once: commands are fixed for the life of the process, and this runs on every interaction. */
const byNameOf = new WeakMap<Command, ReadonlyMap<string, DiscordOption>>();
function optionsByName(command: Command): ReadonlyMap<string, DiscordOption> {
  let byName = byNameOf.get(command);
  if (!byName) byNameOf.set(command, (byName = new Map(discordOptions(command).map((o) => [o.name, o]))));
  return byName;
}

export { argsToText } from '../../commands/parse-text.ts';
