import { beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context } from '../../commands/context.ts';
import type { View } from '../../commands/view.ts';
import { HAS_RAW } from '../support/raw.ts';
import { rawContexts } from '../support/context.ts';

/** Every text of a card where a company can be named: fields, table cells, warnings. */
function texts(view: View): string[] {
  return [...(view.fields ?? []).map((f) => f.value), ...(view.table?.rows.flat() ?? []), ...(view.warnings ?? []), view.summary ?? ''];
}

describe.skipIf(!HAS_RAW)('one display name per company: its ticker then its name, on every card', () => {
  let en: Context;
  beforeAll(async () => {
    ({ en } = await rawContexts());
  }, 120_000);

  test('NVDA reads "NVDA NVIDIA …" on /hhi, /overlap, /portfolio, /stress, /holdings — never the bare ticker', async () => {
    const asks: [string, string][] = [
      ['hhi', 'VT'],
      ['hhi', 'SOXX'],
      ['overlap', 'VOO QQQ'],
      ['portfolio', 'VT 60, QQQ 40'],
      ['stress', 'SPY NVDA -17%'],
      ['holdings', 'VT'],
    ];
    for (const [command, text] of asks) {
      const view = await dispatch({ command, text }, en, memoryLogger());
      const mentions = texts(view).flatMap((t) => t.match(/\bNVDA\b\s*\S*/g) ?? []);
      expect(mentions.length, `/${command} ${text}`).toBeGreaterThan(0);
      for (const m of mentions) expect(m, `/${command} ${text}`).toMatch(/^NVDA NVIDIA/i);
    }
  }, 120_000);
});
