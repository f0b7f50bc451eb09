import { describe, expect, test } from 'vitest';
import { isBelowPrintedPrecision, readDate, readNumber } from '../../holdings/cells.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';

const at = { file: 'TEST.csv', line: 7, column: 'Weight (%)' };

describe('readNumber reads the number spellings issuers use', () => {
  test.each([
    ['55,112,922,924.56', 55112922924.56],
    ['"$118,321,417,727.43 "'.slice(1, -1), 118321417727.43],
    ['7.83%', 7.83],
    ['$4.0B', 4.0e9],
    ['$14.4M', 14.4e6],
    ['(1,234.5)', -1234.5],
    ['-0.03%', -0.03],
    [0.0472, 0.0472],
    ['1e-3', 0.001],
  ])('%s → %d', (raw, expected) => {
    expect(readNumber(raw, at)).toBeCloseTo(expected, 9);
  });

  test.each(['', ' ', '-', '--', null, undefined])('blank %j reads as null', (raw) => {
    expect(readNumber(raw, at)).toBeNull();
  });

  test('GIVEN text in a number column THEN the error names file, line, column and the text', () => {
    expect(() => readNumber('n/a%x', at)).toThrow(HoldingsFileError);
    expect(() => readNumber('seven', at)).toThrow('TEST.csv, line 7: expected a number in "Weight (%)"; found "seven"');
  });

  test('<0.01% is recognised as below printed precision', () => {
    expect(isBelowPrintedPrecision('<0.01%')).toBe(true);
    expect(isBelowPrintedPrecision('0.01%')).toBe(false);
  });
});

describe('readDate reads every date layout in the issuer files', () => {
  test.each([
    ['Nov 18, 2025', '2025-11-18'],
    ['As of 12-Feb-2026', '2026-02-12'],
    ['Equity,as of 05/31/2026', '2026-05-31'],
    ['20260430', '2026-04-30'],
    ['2026-04-30', '2026-04-30'],
    ['Aug 03, 2026', '2026-08-03'],
  ])('%s → %s', (raw, iso) => {
    expect(readDate(raw)).toBe(iso);
  });

  test.each(['', 'no date here', '02/30/2026', '13/01/2026'])('%j → null', (raw) => {
    expect(readDate(raw)).toBeNull();
  });
});
