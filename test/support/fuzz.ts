import fc from 'fast-check';
import type { Command } from '../../commands/define.ts';
import type { Invocation } from '../../bot/dispatch.ts';

/**
 * Hostile and odd inputs for every command, from its own zod schema: each option gets values of
 * its type at and past its bounds, values of the wrong type, and text with newlines, quotes,
 * control characters and mentions; chat text is made of the same pieces. Shared by the CI fuzz
 * test and the long run through the real servers (bench/fuzz.ts).
 */
const TICKERS = ['VT', 'VOO', 'SPY', 'QQQ', 'IVV', 'SOXX', 'ARKK', '1306', 'vt', 'NOPE', 'NVDA'];

const numbers = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 20, 50, 60, 61, 100, 101, 1e308, -1e308, 1e-308, 5e-324, 2 ** 53, -(2 ** 53), 0.1, 99.999999, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

const numberText = fc.oneof(
  numbers.map(String),
  fc.constantFrom('1e308', '-1e308', '1e-308', '1e309', 'NaN', 'Infinity', '-0', '0x10', '1_000', '１００', '50%', '%', '.', '-', '+5', '1,5', '١٢'),
);

const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('a\nb', '\r\n', '\t', '\u0000', '\u202e', '"', '""', "'", '`', '```', '<@123>', '@everyone', '@here', '<!channel>', '&amp;', '<script>', 'x'.repeat(500), '日本語', '🦄', '\\', '=', '==', 'a=b=c', ',', ';', 'constructor', '__proto__', 'toString', 'hasOwnProperty'),
);

const tickerText = fc.oneof(fc.constantFrom(...TICKERS), fc.stringMatching(/^[A-Za-z0-9.\-]{1,20}$/));

/** Any value an option of this zod type might be sent (Discord sends typed options; a forged payload sends anything). */
function valueFor(schema: unknown): fc.Arbitrary<unknown> {
  const def = (schema as { def?: { type?: string; innerType?: unknown; element?: unknown; entries?: Record<string, string> } }).def ?? {};
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return fc.oneof(fc.constant(undefined), valueFor(def.innerType));
    case 'number':
      return fc.oneof({ weight: 4, arbitrary: numbers }, { weight: 1, arbitrary: oddText });
    case 'string':
      return fc.oneof(tickerText, oddText, fc.array(tickerText, { maxLength: 4 }).map((t) => t.join(', ')), numberText);
    case 'array':
      return fc.oneof({ weight: 4, arbitrary: fc.array(valueFor(def.element), { maxLength: 6 }) }, { weight: 1, arbitrary: oddText });
    case 'enum':
      return fc.oneof(fc.constantFrom(...Object.values(def.entries ?? { x: 'x' })), oddText);
    case 'boolean':
      return fc.oneof(fc.boolean(), oddText);
    default:
      return fc.oneof(oddText, numbers, fc.boolean());
  }
}

/** Structured options (the Discord path): every key of the schema, each present or not. */
export function optionsFor(command: Command): fc.Arbitrary<Record<string, unknown>> {
  const shape = (command.args as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const keys = Object.keys(shape);
  if (keys.length === 0) return fc.oneof(fc.constant({}), fc.record({ extra: oddText }));
  return fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(shape[k])])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Chat text (the Slack and console path): tickers, key=value pairs of the schema's keys, numbers and odd text, in any order. */
export function textFor(command: Command): fc.Arbitrary<string> {
  const keys = Object.keys((command.args as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  const word = fc.oneof(
    tickerText,
    numberText,
    oddText,
    keys.length > 0 ? fc.tuple(fc.constantFrom(...keys), fc.oneof(numberText, tickerText, oddText)).map(([k, v]) => `${k}=${v}`) : oddText,
    fc.tuple(tickerText, numberText).map(([t, n]) => `${t} ${n},`),
  );
  return fc.tuple(fc.array(word, { maxLength: 8 }), fc.constantFrom(' ', ' ', ', ', '\n')).map(([words, separator]) => words.join(separator));
}

/** One invocation of `command`, by text or by options. */
export function invocationFor(command: Command): fc.Arbitrary<Invocation> {
  return fc.oneof(
    textFor(command).map((text) => ({ command: command.name, text })),
    optionsFor(command).map((options) => ({ command: command.name, options })),
  );
}
