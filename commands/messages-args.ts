import type { Bilingual } from './define.ts';

/**
 * What we say when a command's arguments are refused. Every validation problem is mapped to one of
 * these (commands/arg-errors.ts), so no validation-library wording ever reaches a user.
 * `what` is the option's own description in the reader's language ("Fund ticker, e.g. SPY").
 */
export const ma = {
  missing: (key: string, what: string): Bilingual => ({
    en: `Please give ${key} (${what}).`,
    ja: `${key}を指定してください（${what}）。`,
  }),
  notNumber: (key: string, value: string): Bilingual => ({
    en: `${key} must be a number; "${value}" is not one.`,
    ja: `${key}には数値を指定してください（「${value}」は数値ではありません）。`,
  }),
  notWhole: (key: string, value: string): Bilingual => ({
    en: `${key} must be a whole number; "${value}" is not one.`,
    ja: `${key}には整数を指定してください（「${value}」は整数ではありません）。`,
  }),
  outOfRange: (key: string, value: string, low: Bound | null, high: Bound | null): Bilingual => ({
    en: `${key}=${value} is out of range: ${rangeEn(low, high)}.`,
    ja: `${key}=${value}は範囲外です（${rangeJa(low, high)}）。`,
  }),
  tooFew: (key: string, min: number, given: number, what: string): Bilingual => ({
    en: `Give at least ${min} ${key} (${what}); you gave ${given}.`,
    ja: `${key}は${min}つ以上指定してください（${what}）。指定されたのは${given}つです。`,
  }),
  tooMany: (key: string, max: number, given: number, what: string): Bilingual => ({
    en: `Give at most ${max} ${key} (${what}); you gave ${given}.`,
    ja: `${key}は${max}つまでです（${what}）。指定されたのは${given}つです。`,
  }),
  tooLong: (key: string, max: number): Bilingual => ({
    en: `${key} is too long (at most ${max} characters).`,
    ja: `${key}が長すぎます（${max}文字まで）。`,
  }),
  notAChoice: (key: string, value: string, choices: readonly string[]): Bilingual => ({
    en: `${key} can be ${choices.join(', ')}; "${value}" is not one of them.`,
    ja: `${key}には${choices.join('、')}のいずれかを指定してください（「${value}」は選べません）。`,
  }),
  unknownOption: (option: string, command: string, options: readonly string[]): Bilingual => ({
    en: `"${option}" is not an option of /${command}.${options.length ? ` Its options: ${options.join(', ')}.` : ' It takes no options.'}`,
    ja: `「${option}」は/${command}のオプションではありません。${options.length ? `使えるオプション：${options.join('、')}。` : 'オプションはありません。'}`,
  }),
  tooManyValues: (extra: string, command: string): Bilingual => ({
    en: `I don't know what to do with "${extra}" in /${command}.`,
    ja: `/${command}の「${extra}」の意味が分かりません。`,
  }),
  invalid: (key: string, value: string): Bilingual => ({
    en: `${key}: "${value}" is not something I can use here.`,
    ja: `${key}：「${value}」はここでは使えません。`,
  }),
  noSuchCommand: (name: string, commands: readonly string[]): Bilingual => ({
    en: `There is no /${name} command. Commands: ${commands.map((c) => `/${c}`).join(', ')}.`,
    ja: `/${name}というコマンドはありません。コマンド一覧：${commands.map((c) => `/${c}`).join('、')}。`,
  }),
  unknownLanguage: (given: string, langs: readonly string[]): Bilingual => ({
    en: `I don't speak "${given}". Languages: ${langs.join(', ')} (e.g. /lang ja).`,
    ja: `「${given}」には対応していません。使える言語：${langs.join('、')}（例：/lang en）。`,
  }),
};

/** One end of an allowed range; `inclusive` false means the end itself is not allowed. */
export interface Bound {
  value: string;
  inclusive: boolean;
}

function rangeEn(low: Bound | null, high: Bound | null): string {
  const lo = low && (low.inclusive ? `at least ${low.value}` : `more than ${low.value}`);
  const hi = high && (high.inclusive ? `at most ${high.value}` : `less than ${high.value}`);
  if (low?.inclusive && high?.inclusive) return `use ${low.value} to ${high.value}`;
  return `use ${[lo, hi].filter(Boolean).join(' and ')}`;
}

function rangeJa(low: Bound | null, high: Bound | null): string {
  const lo = low && (low.inclusive ? `${low.value}以上` : `${low.value}より大きい値`);
  const hi = high && (high.inclusive ? `${high.value}以下` : `${high.value}未満`);
  if (low?.inclusive && high?.inclusive) return `${low.value}〜${high.value}で指定してください`;
  return `${[lo, hi].filter(Boolean).join('かつ')}で指定してください`;
}
