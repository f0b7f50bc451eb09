import { expect, test } from 'vitest';
import type { ChartInput } from '../../charts/types.ts';
import type { ChartSpec } from '../../commands/view.ts';

// The charts module keeps its own copy of the chart shape (it imports nothing of ours); these two
// assignments make `tsc --noEmit` (part of npm test) fail the moment the copies drift apart.
const toCharts = (spec: ChartSpec): ChartInput => spec;
const toView = (input: ChartInput): ChartSpec => input;

test('a View chart passes to the charts module and back unchanged', () => {
  const spec: ChartSpec = { kind: 'bars', title: 'T', series: [{ name: 'A', points: [{ x: 'X', y: 0.5 }], format: 'percent' }], subtitle: 's', line: { name: 'L', points: [{ x: 'X', y: 0.5 }] } };
  expect(toView(toCharts(spec))).toBe(spec);
});
