import { describe, expect, test } from 'vitest';
import { dispatch, type Invocation } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { CONSOLE_USER, type Context, type HoldingsSource, type Lang } from '../../commands/context.ts';
import { fieldsOf } from '../../commands/parse-text.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { NOW } from '../support/context.ts';

/** No funds loaded: every refusal here must come from argument checking, said in our own words. */
const empty: HoldingsSource = { list: () => [], get: () => undefined, problems: () => [], describe: () => './data/holdings' };
const ctxFor = (lang: Lang): Context => ({ lang, requester: CONSOLE_USER, data: empty, now: NOW, staleAfterDays: 30 });

interface Bounds {
  min?: number;
  max?: number;
  int?: boolean;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
}

/** The limits a schema option sets, read from zod's own definition (not from our explainer). */
function boundsOf(field: unknown): Bounds {
  let def = (field as { def: { type: string; innerType?: { def: unknown }; checks?: { _zod: { def: Record<string, unknown> } }[] } }).def;
  while (def.innerType) def = def.innerType.def as typeof def;
  const out: Bounds = {};
  if ((def as { format?: string }).format === 'safeint' || (def.checks ?? []).some((c) => c._zod.def.format === 'safeint')) out.int = true;
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    if (c.check === 'greater_than') out.min = Number(c.value);
    if (c.check === 'less_than') out.max = Number(c.value);
    if (c.check === 'number_format') out.int = true;
    if (c.check === 'min_length') (def.type === 'array' ? (out.minItems = Number(c.minimum)) : undefined);
    if (c.check === 'max_length') (def.type === 'array' ? (out.maxItems = Number(c.maximum)) : (out.maxLength = Number(c.maximum)));
  }
  return out;
}

/** Every kind of bad value for every option of every command, as chat text and as Discord options. */
function badInvocations(): { label: string; invocation: Invocation }[] {
  const cases: { label: string; invocation: Invocation }[] = [];
  for (const command of COMMANDS) {
    const name = command.name;
    const fields = fieldsOf(command.args);
    const add = (label: string, invocation: Invocation) => cases.push({ label: `/${name} ${label}`, invocation });
    add('bogus=1 (unknown option)', { command: name, text: 'bogus=1' });
    add('--bogus (unknown flag)', { command: name, text: '--bogus' });
    if (fields.some((f) => !f.optional)) add('(nothing: missing)', { command: name, text: '' });
    if (fields.length === 0) add('extra words (too many)', { command: name, text: 'SPY QQQ' });
    for (const field of fields) {
      const b = boundsOf((command.args.shape as Record<string, unknown>)[field.key]);
      const k = field.key;
      if (field.kind === 'number') {
        add(`${k}=abc (not a number)`, { command: name, text: `${k}=abc` });
        add(`${k}= (empty)`, { command: name, text: `${k}=` });
        if (b.min !== undefined) add(`${k} below range`, { command: name, text: `${k}=${b.min - 1}` });
        if (b.max !== undefined) add(`${k} above range`, { command: name, text: `${k}=${b.max + 1}` });
        if (b.int) add(`${k}=1.5 (not whole)`, { command: name, text: `${k}=1.5` });
        add(`options ${k}:"abc" (wrong type)`, { command: name, options: { [k]: 'abc' } });
      }
      if (field.kind === 'enum') {
        add(`${k}=nonsense (not a choice)`, { command: name, text: `${k}=nonsense` });
        add(`options ${k}:5 (wrong type)`, { command: name, options: { [k]: 5 } });
      }
      if (field.kind === 'string') {
        if (b.maxLength !== undefined && b.maxLength < 400) add(`${k} too long`, { command: name, text: `${k}=${'x'.repeat(b.maxLength + 1)}` });
        add(`options ${k}:42 (wrong type)`, { command: name, options: { [k]: 42 } });
        if (!field.optional) add(`options without ${k} (missing)`, { command: name, options: {} });
      }
      if (field.kind === 'array') {
        if (b.minItems !== undefined && b.minItems > 1) add(`${k} too few`, { command: name, text: Array.from({ length: b.minItems - 1 }, (_, i) => `F${i}`).join(' ') });
        if (b.maxItems !== undefined) add(`${k} too many`, { command: name, text: Array.from({ length: b.maxItems + 1 }, (_, i) => `F${i}`).join(' ') });
        add(`options ${k}:"VOO" (wrong type)`, { command: name, options: { [k]: 'VOO' } });
      }
    }
  }
  return cases;
}

const LIBRARY_WORDING = /Invalid (input|option)|expected|received|Too (small|big)|[<>]=|NaN|undefined|zod|\bissue/i;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** English words of our own sentences; in a Japanese reply they may appear only inside quotes (the user's own text). */
const ENGLISH_SENTENCE = /\b(the|is|must|please|give|not|use|and|usage|option|you)\b/i;

const CASES = badInvocations();

describe('every bad value for every command is refused in plain words, in the reader language', () => {
  test('the walk covers every command and every kind of mistake', () => {
    const commands = new Set(CASES.map((c) => c.invocation.command));
    expect([...commands].sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    for (const kind of ['unknown option', 'missing', 'not a number', 'above range', 'below range', 'not a choice', 'too few', 'too many', 'too long', 'wrong type', 'not whole']) {
      expect(CASES.some((c) => c.label.includes(kind)), kind).toBe(true);
    }
  });

  test.each(CASES.map((c) => [c.label, c.invocation] as const))('%s', async (_label, invocation) => {
    for (const lang of ['en', 'ja'] as const) {
      const view = await dispatch(invocation, ctxFor(lang), memoryLogger());
      const text = `${view.title}\n${view.summary ?? ''}`;
      expect(view.tone).toBe('error');
      expect((view.data as { error: { code: string } }).error.code).not.toBe('unexpected');
      expect(text).not.toMatch(LIBRARY_WORDING);
      if (lang === 'ja') {
        expect(text).toMatch(JAPANESE);
        // The reader's own words and option names are quoted back; the sentences around them are Japanese.
        const ours = text.replace(/「[^」]*」|"[^"]*"|\/\S+|\S+=\S*|\([^)]*\)|（[^）]*）|[a-z]+(-[a-z0-9]+)+/gi, '');
        expect(ours).not.toMatch(ENGLISH_SENTENCE);
      } else {
        expect(text).not.toMatch(JAPANESE);
      }
    }
  });
});

describe('the commonest mistakes get the right words', () => {
  const say = async (lang: Lang, command: string, text: string) => (await dispatch({ command, text }, ctxFor(lang), memoryLogger())).summary ?? '';

  test('one fund or seven in /overlap', async () => {
    expect(await say('en', 'overlap', 'VOO')).toMatch(/^\/overlap: Give at least 2 funds \(.*\); you gave 1\.\nUsage: \/overlap /);
    expect(await say('en', 'overlap', 'A B C D E F G')).toMatch(/Give at most 6 funds .*you gave 7\./);
    expect(await say('ja', 'overlap', 'VOO')).toMatch(/fundsは2つ以上指定してください.*指定されたのは1つです。\n使い方：\/overlap/);
  });

  test('a missing fund, a cap out of range, value=abc', async () => {
    expect(await say('en', 'hhi', '')).toMatch(/^\/hhi: Please give fund \(Fund ticker or name, e\.g\. SPY\)\./);
    expect(await say('ja', 'hhi', '')).toMatch(/^\/hhi：fundを指定してください（ファンドのティッカーまたは名前（例：SPY））。/);
    expect(await say('en', 'compare', 'SPY cap=80')).toMatch(/cap=80 is out of range: use more than 0 and at most 50\./);
    expect(await say('en', 'loop', 'periods=1.5')).toMatch(/periods must be a whole number; "1\.5" is not one\./);
    expect(await say('en', 'alerts', 'set largest-above value=abc')).toMatch(/value must be a number; "abc" is not one\./);
    expect(await say('ja', 'alerts', 'set largest-above value=abc')).toMatch(/valueには数値を指定してください（「abc」は数値ではありません）/);
  });

  test('an empty portfolio and "VT60, QQQ40"', async () => {
    expect(await say('en', 'portfolio', '')).toMatch(/Please give allocations/);
    expect(await say('en', 'portfolio', '"VT60, QQQ40"')).toBe('"VT60": put a space between the fund and its percentage (VT 60), e.g. /portfolio "VT 60, QQQ 40".');
  });

  test('words that are not an option are read as the fund name', async () => {
    // No funds loaded here, so the name reaches fund resolution whole and the store-empty answer comes back.
    const { parseTextArgs } = await import('../../commands/parse-text.ts');
    const { hhiCommand } = await import('../../commands/hhi.ts');
    expect(parseTextArgs(hhiCommand, 'S&P 500', 'en')).toEqual({ fund: 'S&P 500', by: 'security', page: 1 });
    expect(parseTextArgs(hhiCommand, 'S&P 500 company', 'en')).toEqual({ fund: 'S&P 500', by: 'company', page: 1 });
    expect(parseTextArgs(hhiCommand, 'SPY company', 'en')).toEqual({ fund: 'SPY', by: 'company', page: 1 });
    expect(parseTextArgs(hhiCommand, 'SPY 2', 'en')).toEqual({ fund: 'SPY', by: 'security', page: 2 });
  });

  test('/help nonsense says there is no such command', async () => {
    expect(await say('en', 'help', 'nonsense')).toMatch(/^There is no \/nonsense command\. Commands: \/hhi, /);
    expect(await say('ja', 'help', 'nonsense')).toMatch(/^\/nonsenseというコマンドはありません。/);
  });
});
