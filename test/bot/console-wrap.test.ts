import { beforeAll, describe, expect, test } from 'vitest';
import { renderConsole, wrapLine } from '../../bot/console/render.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import { displayWidth } from '../../commands/format.ts';
import { usage } from '../../commands/parse-text.ts';
import { COMMANDS } from '../../commands/registry.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { contextFor } from '../support/context.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';
import { WALK } from '../support/walk.ts';

/** Characters no line may start with (kinsoku): what render.ts must never put first. */
const CLOSING = /^[)\]}）］｝〕〉》」』】、。，．・：；！？!?,.:;%％]/u;

describe('wrapLine breaks Japanese where a reader expects', () => {
  test('a ticker or number after Japanese text moves whole to the next line', () => {
    const text = '読み込み済み：ACWI、AIQ、ARKK、DIA、IVV、N225、QQQ、SCHD、SOXX、SPY、TOPIX、URTH、VOO、VT、VTI。';
    for (let width = 12; width <= 60; width++) {
      const lines = wrapLine(text, width);
      expect(lines.join(''), `width ${width}`).toBe(text);
      for (const line of lines) {
        expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(line, `width ${width}`).not.toMatch(CLOSING);
      }
      // Every ticker is on one line: never "V" / "TI".
      for (const ticker of ['ACWI', 'SCHD', 'SOXX', 'TOPIX', 'URTH', 'VTI', 'N225']) expect(lines.some((l) => l.includes(ticker)), `${ticker} at ${width}`).toBe(true);
    }
  });

  test('an opening bracket is never left at the end of a line; English still breaks at spaces', () => {
    const lines = wrapLine('あいうえおかきくけこ（さしすせそ）たちつてと', 22);
    for (const line of lines) expect(line).not.toMatch(/[（「]$/);
    expect(wrapLine('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
  });
});

describe('/help shows every command’s full usage', () => {
  test.each([60, 80, 120])('at %i columns, en and ja', async (width) => {
    for (const lang of ['en', 'ja'] as const) {
      const view = await dispatch({ command: 'help', text: '' }, contextFor({ funds: new Map() } as unknown as Catalog, lang), memoryLogger());
      const text = renderConsole(view, { width });
      for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      // A list of choices too long for any line is broken only after one of its `|`.
      const flat = text.replace(/\|\s+/g, '|').replace(/\s+/g, ' ');
      for (const command of COMMANDS) expect(flat).toContain(usage(command, lang).split('  (')[0]!.replace(/\s+/g, ' '));
      expect(text).not.toMatch(/^\/\S*…/m);
    }
  });
});

describe.skipIf(!HAS_RAW)('every Japanese card at 60 and 80 columns: no line starts with closing punctuation, no ASCII word split', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await rawCatalog();
  }, 120_000);

  test.each([60, 80])('%i columns', async (width) => {
    const problems: string[] = [];
    // Plus the refusal that lists every loaded fund after a full-width colon.
    for (const [command, invocations] of [...Object.entries(WALK), ['hhi', ['NOPE', 'おるかん']] as const]) {
      for (const text of invocations) {
        const view = await dispatch({ command, text }, contextFor(catalog, 'ja'), memoryLogger());
        const lines = renderConsole(view, { width, chat: true }).split('\n');
        // The words of the one-line text each wrapped line came from: every ASCII word must appear whole on some line.
        const words = new Set([view.title, view.summary ?? '', ...(view.warnings ?? []), view.footer ?? ''].join(' ').match(/[A-Za-z0-9][A-Za-z0-9.&%-]*[A-Za-z0-9%]/g) ?? []);
        lines.forEach((line, i) => {
          if (displayWidth(line) > width) problems.push(`/${command} ${text}: line ${i + 1} is ${displayWidth(line)} wide: ${line}`);
          if (CLOSING.test(line.trimStart())) problems.push(`/${command} ${text}: line ${i + 1} starts with closing punctuation: ${line}`);
        });
        for (const word of words) {
          if (displayWidth(word) > width - 4) continue;
          if (!lines.some((l) => l.includes(word))) problems.push(`/${command} ${text}: "${word}" is split across lines`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
