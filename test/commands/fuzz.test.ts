import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../bot/dispatch.ts';
import { memoryLogger } from '../../bot/log.ts';
import type { Context } from '../../commands/context.ts';
import { COMMANDS } from '../../commands/registry.ts';
import type { Catalog } from '../../holdings/catalog.ts';
import { contextFor } from '../support/context.ts';
import { invocationFor } from '../support/fuzz.ts';
import { HAS_RAW, rawCatalog } from '../support/raw.ts';

/** Seeded, so a failure is reproduced by the same run; about 3,000 cases in all. */
const SEED = 20261127;
const RUNS_PER_COMMAND = 220;

let catalog: Catalog;
beforeAll(async () => {
  if (HAS_RAW) catalog = await rawCatalog();
}, 60_000);

/** A Discord member without admin rights: /import and /alerts refuse before touching any file or store. */
const ctxFor = (lang: 'en' | 'ja'): Context => ({ ...contextFor(catalog, lang), requester: { platform: 'discord', userId: 'U1', serverId: 'G1', channelId: 'C1', isAdmin: false } });

describe.skipIf(!HAS_RAW)('no input crashes a command: a seeded fuzz over every command schema', () => {
  test.each([
    ['loop', { command: 'loop', text: 'reverse=60' }],
    ['loop', { command: 'loop', options: { reverse: 60, periods: 20 } }],
    ['quiz', { command: 'quiz', text: 'topic=a\nb' }],
    ['quiz', { command: 'quiz', options: { topic: 'a\nb' } }],
    ['portfolio', { command: 'portfolio', text: '"VT 1e308, QQQ 1e308"' }],
    ['portfolio', { command: 'portfolio', options: { allocations: 'VT 1e308, QQQ 1e308' } }],
    // Found by the long run (bench/fuzz.ts): a subnormal start underflowed to 0 once divided by 100,
    // and a shock named like an Object.prototype key was read as a preset.
    ['loop', { command: 'loop', options: { start: 5e-324 } }],
    ['loop', { command: 'loop', options: { impact: 2.5e-323, start: 4.4e-323 } }],
    ['stress', { command: 'stress', text: 'VT constructor' }],
    ['stress', { command: 'stress', options: { fund: 'SPY', shock: '__proto__' } }],
  ] as const)('the crashes found by hand or by the long run (%s %j) are now answered as the user\'s mistake', async (_name, invocation) => {
    const log = memoryLogger();
    const view = await dispatch(invocation, ctxFor('en'), log);
    expect((view.data as { error?: { code: string } } | undefined)?.error?.code).not.toBe('unexpected');
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  test.each(COMMANDS.map((c) => [c.name, c] as const))('/%s: seeded cases, 0 internal errors', async (_name, command) => {
    const crashes: string[] = [];
    await fc.assert(
      fc.asyncProperty(invocationFor(command), fc.constantFrom('en' as const, 'ja' as const), async (invocation, lang) => {
        const log = memoryLogger();
        const view = await dispatch(invocation, ctxFor(lang), log);
        const code = (view.data as { error?: { code: string } } | undefined)?.error?.code;
        if (code === 'unexpected') crashes.push(`${JSON.stringify(invocation)} → ${String(log.lines[0]?.fields.error).split('\n')[0]}`);
        // Every answer is readable: no "[object Object]" and a non-empty summary or title.
        expect(JSON.stringify(view)).not.toContain('[object Object]');
        return code !== 'unexpected';
      }),
      { seed: SEED, numRuns: RUNS_PER_COMMAND, endOnFailure: true },
    ).catch(() => undefined);
    expect(crashes).toEqual([]);
  }, 120_000);
});
