import { beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../../bot/dispatch.ts';
import { memoryLogger } from '../../../bot/log.ts';
import { renderHome } from '../../../bot/slack/home.ts';
import { SLACK_LIMITS as L } from '../../../bot/slack/limits.ts';
import { renderSlack } from '../../../bot/slack/render.ts';
import { LANGS } from '../../../commands/context.ts';
import { COMMANDS } from '../../../commands/registry.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { contextFor } from '../../support/context.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { limitProblems } from './support.ts';

if (!HAS_RAW) console.warn('[skip] rendering every card needs the real issuer files in ../shared/data/holdings/raw.');

let catalog: Catalog;
beforeAll(async () => {
  if (HAS_RAW) catalog = await rawCatalog();
});

/**
 * Every invocation worth rendering for one fund: each command's own examples with their first
 * fund ticker swapped for this fund (so commands added later are covered too), plus a few
 * that produce long cards and the error cards.
 */
function invocations(fund: string, funds: readonly string[]): { command: string; text: string }[] {
  const out: { command: string; text: string }[] = [];
  for (const command of COMMANDS) {
    for (const example of command.examples) {
      const text = example.replace(/^\/\S+\s*/, '');
      out.push({ command: command.name, text: text.replace(new RegExp(`\\b(${funds.join('|')})\\b`), fund) });
    }
  }
  const others = funds.filter((f) => f !== fund).slice(0, 5);
  out.push(
    { command: 'overlap', text: `${fund} ${others.join(' ')}` },
    { command: 'portfolio', text: `"${[fund, ...others.slice(0, 3)].map((f) => `${f} 25`).join(', ')}"` },
    { command: 'stress', text: `${fund} top10 -25%` },
    { command: 'hhi', text: `${fund}x` },
    { command: 'overlap', text: fund },
  );
  return out;
}

describe.skipIf(!HAS_RAW)('every card for every fund in ../shared/data, in English and Japanese, fits Block Kit', () => {
  test('every command × every fund × both languages: no limit broken, nothing unescaped', async () => {
    const funds = [...catalog.funds.keys()].sort();
    const failures: string[] = [];
    let rendered = 0;
    for (const lang of LANGS) {
      const ctx = contextFor(catalog, lang);
      for (const fund of funds) {
        for (const invocation of invocations(fund, funds)) {
          const message = renderSlack(await dispatch(invocation, ctx, memoryLogger()));
          rendered++;
          for (const problem of limitProblems(message)) failures.push(`${lang} /${invocation.command} ${invocation.text}: ${problem}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(rendered).toBeGreaterThan(funds.length * COMMANDS.length * 2);
  });

  test('the Home tab, in both languages, fits the Home tab limits', () => {
    for (const lang of LANGS) {
      const home = renderHome(lang, contextFor(catalog, lang).data, COMMANDS);
      expect(limitProblems({ blocks: home.blocks, text: 'home' }, L.homeBlocks)).toEqual([]);
    }
  });
});
