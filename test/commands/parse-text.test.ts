import { describe, expect, test } from 'vitest';
import { overlapCommand } from '../../commands/overlap.ts';
import { loopCommand } from '../../commands/loop.ts';
import { portfolioCommand } from '../../commands/portfolio.ts';
import { hhiCommand } from '../../commands/hhi.ts';
import { MAX_ARG_TEXT, parseTextArgs, tokenise, tokeniseGroups, usage } from '../../commands/parse-text.ts';
import { stressCommand } from '../../commands/stress.ts';
import { UserError } from '../../commands/user-error.ts';

describe('tokenise', () => {
  test.each([
    ['VOO QQQ', ['VOO', 'QQQ']],
    ['VOO,QQQ , SOXX', ['VOO', 'QQQ', 'SOXX']],
    ['ＶＯＯ　ＱＱＱ', ['VOO', 'QQQ']],
    ['"VT 60, QQQ 30"', ['VT 60, QQQ 30']],
    ['「VT 60、QQQ 40」', ['VT 60、QQQ 40']],
    ['sector="Information Technology" x', ['sector=Information Technology', 'x']],
  ])('%j → %j', (text, tokens) => {
    expect(tokenise(text)).toEqual(tokens);
  });
});

describe('parseTextArgs derives everything from the zod schema', () => {
  test('positional array option takes the rest; key=value sets by name', () => {
    expect(parseTextArgs(overlapCommand, 'VOO QQQ mix=60/40', 'en')).toEqual({ funds: ['VOO', 'QQQ'], mix: '60/40' });
    expect(parseTextArgs(overlapCommand, 'funds=VOO,QQQ', 'en')).toEqual({ funds: ['VOO', 'QQQ'] });
  });

  test('key:value, as Discord shows an option, sets it by name; a colon after any other word stays text', () => {
    expect(parseTextArgs(hhiCommand, 'SPY by:company', 'en')).toMatchObject({ fund: 'SPY', by: 'company' });
    expect(parseTextArgs(hhiCommand, 'fund:VT page:2', 'en')).toMatchObject({ fund: 'VT', page: 2, by: 'security' });
    expect(parseTextArgs(overlapCommand, 'VOO QQQ mix:60/40', 'en')).toEqual({ funds: ['VOO', 'QQQ'], mix: '60/40' });
    // /stress's own shock syntax keeps its colon: "sector" is no option of /stress.
    expect(parseTextArgs(stressCommand, 'IVV sector:"Energy" -30%', 'en')).toEqual({ fund: 'IVV', shock: 'sector: Energy -30%' });
  });

  test('numbers are coerced and defaults applied', () => {
    expect(parseTextArgs(loopCommand, 'passive=60 inflow=-2', 'en')).toMatchObject({ passive: 60, inflow: -2, impact: 1, periods: 20 });
  });

  test('a final text option takes the whole rest of the line, quoted or not', () => {
    expect(parseTextArgs(portfolioCommand, 'VT 60 QQQ 40', 'en')).toEqual({ allocations: 'VT 60 QQQ 40' });
    expect(parseTextArgs(portfolioCommand, 'VT 60, QQQ 40', 'en')).toEqual({ allocations: 'VT 60, QQQ 40' });
    expect(parseTextArgs(portfolioCommand, '"VT 60, QQQ 40"', 'en')).toEqual({ allocations: 'VT 60, QQQ 40' });
  });

  test('commas or new lines separate names with spaces in them; tickers written as tickers still split on spaces', () => {
    expect(parseTextArgs(overlapCommand, 'オルカン, eMAXIS Slim 米国株式（S&P500）', 'en')).toEqual({ funds: ['オルカン', 'eMAXIS Slim 米国株式(S&P500)'] });
    expect(parseTextArgs(overlapCommand, 'オルカン\neMAXIS Slim 米国株式 mix=70/30', 'en')).toEqual({ funds: ['オルカン', 'eMAXIS Slim 米国株式'], mix: '70/30' });
    expect(parseTextArgs(overlapCommand, 'VOO QQQ, S&P 500', 'en')).toEqual({ funds: ['VOO', 'QQQ', 'S&P 500'] });
    expect(parseTextArgs(overlapCommand, 'funds="オルカン, eMAXIS Slim 米国株式"', 'en')).toEqual({ funds: ['オルカン', 'eMAXIS Slim 米国株式'] });
    expect(parseTextArgs(stressCommand, 'eMAXIS Slim 米国株式, NVDA -17%', 'en')).toEqual({ fund: 'eMAXIS Slim 米国株式', shock: 'NVDA -17%' });
    expect(parseTextArgs(portfolioCommand, 'オルカン 70、eMAXIS Slim 米国株式 30', 'ja')).toEqual({ allocations: 'オルカン 70, eMAXIS Slim 米国株式 30' });
    expect(tokeniseGroups('a b, c\nd "e, f"')).toEqual([['a', 'b'], ['c'], ['d', 'e, f']]);
    // A figure before the first comma: the commas are the shock list's own.
    expect(parseTextArgs(stressCommand, 'QQQ NVDA -17%, AVGO -17%', 'en')).toEqual({ fund: 'QQQ', shock: 'NVDA -17%, AVGO -17%' });
    expect(parseTextArgs(portfolioCommand, 'オルカン 70%, eMAXIS Slim 米国株式 30%', 'en')).toEqual({ allocations: 'オルカン 70%, eMAXIS Slim 米国株式 30%' });
  });

  test.each([
    [overlapCommand, 'VOO', /Give at least 2 funds .*you gave 1\./],
    [overlapCommand, 'A B C D E F G', /Give at most 6 funds .*you gave 7\./],
    [loopCommand, 'passive=abc', /passive/],
    [hhiCommand, 'SPY nope=1', /"nope=1" is not an option of \/hhi\. Its options: fund, by, page\./],
    [hhiCommand, '', /Usage: \/hhi <fund>/],
  ])('bad input → UserError with the usage', (command, text, message) => {
    let caught: unknown;
    try {
      parseTextArgs(command as never, text, 'en');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain('Usage:');
  });

  test('oversized text is refused politely before any parsing', () => {
    expect(() => parseTextArgs(hhiCommand, 'A'.repeat(MAX_ARG_TEXT + 1), 'ja')).toThrow(`入力が長すぎます（上限${MAX_ARG_TEXT}文字）`);
  });

  test('usage is derived from the schema', () => {
    expect(usage(overlapCommand as never, 'en')).toBe('/overlap <funds…> [mix=…]  (e.g. /overlap VOO QQQ)');
  });
});
