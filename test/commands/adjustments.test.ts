import { beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context } from '../../commands/context.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { HAS_RAW } from '../support/raw.ts';
import { rawContexts } from '../support/context.ts';

let catalog: Catalog;
let en: Context;
let ja: Context;
beforeAll(async () => void ({ catalog, en, ja } = await rawContexts()));

describe.skipIf(!HAS_RAW)('every silent adjustment is said', () => {
  test('mix=70/20 is rescaled to 78%/22% and the card says so', async () => {
    const card = await dispatch({ command: 'overlap', text: 'VOO QQQ mix=70/20' }, en, memoryLogger());
    // 70 / 90 = 0.7778 → 78%, 20 / 90 = 0.2222 → 22%.
    expect(card.warnings).toContain('mix=70/20 adds up to 90, not 100; it was rescaled to 78%/22% in the same proportions.');
    const exact = await dispatch({ command: 'overlap', text: 'VOO QQQ mix=60/40' }, en, memoryLogger());
    expect(exact.warnings!.some((w) => w.startsWith('mix='))).toBe(false);
  });

  test('a cap above the largest weight binds nothing, and the card says so with the largest weight', async () => {
    const largest = Math.max(...catalog.funds.get('SPY')!.holdings.positions.map((p) => p.weight));
    const card = await dispatch({ command: 'compare', text: 'SPY cap=20' }, en, memoryLogger());
    expect(card.warnings).toContain(`A 20.0% cap binds nothing here: the largest holding is ${(largest * 100).toFixed(2)}%, so the capped column equals the cap-weighted one.`);
    const binding = await dispatch({ command: 'compare', text: 'SPY cap=5' }, en, memoryLogger());
    expect(binding.warnings!.some((w) => w.includes('binds nothing'))).toBe(false);
  });

  test('a bad mix is refused in the reader language', async () => {
    const card = await dispatch({ command: 'overlap', text: 'VOO QQQ mix=abc' }, ja, memoryLogger());
    expect(card.summary).toBe('mixにはファンドごとに正の数を2つ指定してください（例：50/50）。「abc」は使えません。');
  });
});
