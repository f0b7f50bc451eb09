import { describe, expect, test } from 'vitest';
import { chartToVegaLite } from '../../charts/vega-lite.ts';
import { historyChart } from '../../commands/chart-specs.ts';
import type { SnapshotFigures } from '../../commands/history.ts';

// Looked at: on a two-fund /history the funds' largest-holding names printed on top of each other
// (both funds named Apple, then NVIDIA, at the same dates), the first value ran into the y axis's
// labels and the last names into the S&P 500 labels. These pin where each label now goes.
function fund(name: string, top10: (i: number) => number, largest: (i: number) => string) {
  const labels = Array.from({ length: 12 }, (_, i) => `${2023 + Math.floor(i / 4)}-${['03-31', '06-30', '09-30', '12-31'][i % 4]}`);
  const figures = labels.map((asOf, i): SnapshotFigures => ({ asOf, file: 'primary_doc.xml', importedAt: '2026-01-01T00:00:00Z', count: 100, effectiveN: 40 - i, top10: top10(i), largest: 0.1, sourceKind: 'sec-archive', largestName: largest(i) }));
  return { fund: name, figures, labels };
}

type Layer = { data?: { values?: Record<string, unknown>[] }; mark?: { type?: string; align?: string; dy?: number }; transform?: unknown[] };
/** The chart's panels: the titled body (one vconcat) holds the panels (a vconcat of layered plots). */
const panels = (spec: ReturnType<typeof historyChart>) => (chartToVegaLite(spec!, { lang: 'en', theme: 'light', source: 's' }) as unknown as { vconcat: { vconcat: { layer: Layer[] }[] }[] }).vconcat[0]!.vconcat;
const texts = (layers: Layer[]) => layers.filter((l) => l.mark?.type === 'text' && !(l.data?.values?.[0] && 'label' in l.data.values[0]));

describe('/history labels keep out of each other and of the axes', () => {
  const name = (i: number) => (i < 6 ? 'Apple Inc' : 'NVIDIA Corp');
  const ivw = fund('IVW', (i) => 0.5 + i * 0.01, name);
  const qqq = fund('QQQ', (i) => 0.45 + i * 0.01, name);

  test('two funds: the largest holding is named once (for the first fund), not twice at the same place', () => {
    const top10 = texts(panels(historyChart('en', [ivw, qqq]))[1]!.layer);
    const notes = top10.flatMap((l) => l.data?.values ?? []).filter((v) => 'text' in v).map((v) => v.text);
    expect(notes).toEqual(['Apple Inc', 'NVIDIA Corp']);
  });

  test('two funds: last values carry the fund only; the higher line is labelled above, the lower below', () => {
    const top10 = texts(panels(historyChart('en', [ivw, qqq]))[1]!.layer).filter((l) => l.data?.values?.some((v) => 'name' in v));
    const byFund = Object.fromEntries(top10.map((l) => [String(l.data!.values![0]!.name).trim(), l.mark!]));
    expect(Object.keys(byFund).sort()).toEqual(['IVW', 'QQQ']);
    expect(byFund.IVW!.dy).toBeLessThan(0);
    expect(byFund.QQQ!.dy).toBeGreaterThan(0);
    // Swap which fund ends higher and the placement follows the data, not the order.
    const swapped = texts(panels(historyChart('en', [fund('IVW', (i) => 0.3 + i * 0.01, name), qqq]))[1]!.layer).filter((l) => l.data?.values?.some((v) => 'name' in v));
    const after = Object.fromEntries(swapped.map((l) => [String(l.data!.values![0]!.name).trim(), l.mark!]));
    expect(after.IVW!.dy).toBeGreaterThan(0);
    expect(after.QQQ!.dy).toBeLessThan(0);
  });

  test('one fund: the first value starts at its point (left-aligned) and the last ends at its point (right-aligned)', () => {
    const ends = texts(panels(historyChart('en', [ivw]))[0]!.layer).filter((l) => l.data?.values?.some((v) => 'name' in v));
    const align = Object.fromEntries(ends.map((l) => [String(l.data!.values![0]!.k), l.mark!.align]));
    expect(align).toEqual({ 0: 'left', 11: 'right' });
  });

  test('notes in the right half end at their point, in the left half start at it', () => {
    const late = fund('IVW', (i) => 0.5 + i * 0.01, (i) => (i < 10 ? 'Apple Inc' : 'NVIDIA Corp'));
    const notes = texts(panels(historyChart('en', [late]))[1]!.layer).filter((l) => l.data?.values?.some((v) => 'text' in v));
    expect(notes.map((l) => [l.data!.values!.map((v) => v.text), l.mark!.align])).toEqual([
      [['Apple Inc'], 'left'],
      [['NVIDIA Corp'], 'right'],
    ]);
  });
});
