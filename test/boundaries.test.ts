import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { boundaryViolations, importsOf, sourceGraph, type ImportGraph } from './support/import-graph.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('import boundaries (../shared/DESIGN.md: bot → commands → analytics, adapters side by side)', () => {
  test('the sources cross none of them', () => {
    const graph = sourceGraph(ROOT);
    // The walk found the tree it guards: every folder, and the imports this rule set is about.
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('bot/slack/app.ts')).toContain('bot/chart-cache.ts');
    expect(graph.get('bot/discord/render.ts')).toContain('bot/text-table.ts');
    expect(boundaryViolations(graph)).toEqual([]);
  });

  test('GIVEN a graph with one import of each kind that crosses a line THEN each is reported, and the allowed ones are not', () => {
    const graph: ImportGraph = new Map([
      ['bot/slack/app.ts', ['bot/discord/chart.ts', 'bot/chart-cache.ts', 'commands/view.ts', '@slack/bolt']],
      ['bot/discord/render.ts', ['bot/console/render.ts', 'bot/text-table.ts', 'bot/discord/limits.ts']],
      ['bot/console/chat.ts', ['bot/slack/mrkdwn.ts']],
      ['analytics/hhi.ts', ['analytics/validate.ts', 'holdings/types.ts']],
      ['analytics/top-n.ts', ['node:fs']],
      ['commands/hhi.ts', ['discord.js', 'analytics/hhi.ts', 'store/types.ts']],
      ['commands/overlap.ts', ['@slack/bolt/dist/App']],
      ['bot/dispatch.ts', ['commands/registry.ts', 'bot/discord/limits.ts']],
      ['store/on-demand.ts', ['commands/fund-fetch.ts', 'store/fund-fetch.ts', 'holdings/types.ts']],
      ['commands/lookup.ts', ['store/fund-fetch.ts']],
    ]);
    expect(boundaryViolations(graph)).toEqual([
      'bot/slack/app.ts imports bot/discord/chart.ts: adapters never import another adapter',
      'bot/discord/render.ts imports bot/console/render.ts: adapters never import another adapter',
      'bot/console/chat.ts imports bot/slack/mrkdwn.ts: adapters never import another adapter',
      'analytics/hhi.ts imports holdings/types.ts: analytics/ imports nothing outside itself',
      'analytics/top-n.ts imports node:fs: analytics/ imports nothing outside itself',
      'commands/hhi.ts imports discord.js: commands never import a platform SDK',
      'commands/overlap.ts imports @slack/bolt/dist/App: commands never import a platform SDK',
      'store/on-demand.ts imports commands/fund-fetch.ts: store/ and holdings/ never import a command or a surface',
    ]);
  });

  test('static, type-only, re-exported and dynamic imports are all edges; imports in comments and strings are not', () => {
    const text = [
      "import type { View } from '../../commands/view.ts';",
      "export { renderTable } from '../text-table.ts';",
      "const charts = await import('../../charts/index.ts');",
      "// import { x } from '../discord/chart.ts';",
      "const hint = \"import('../console/render.ts')\";",
      "import 'discord.js';",
    ].join('\n');
    expect(importsOf('bot/slack/app.ts', text)).toEqual(['commands/view.ts', 'bot/text-table.ts', 'charts/index.ts', 'discord.js']);
    // The same as a graph: a dynamic import of another adapter is caught like a static one.
    expect(boundaryViolations(new Map([['bot/slack/app.ts', importsOf('bot/slack/app.ts', "await import('../discord/chart.ts')")]]))).toHaveLength(1);
  });
});
