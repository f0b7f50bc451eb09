import { describe, expect, it } from 'vitest';
import { cachedChartRenderer } from '../../bot/chart-cache.ts';
import type { View } from '../../commands/view.ts';

const KB = 1024;
/** A View whose chart differs by `n`, so each one is a distinct cache key. */
const view = (n: number): View => ({
  lang: 'en',
  title: `Chart ${n}`,
  tone: 'info',
  sources: [],
  chart: { kind: 'bars', title: `Chart ${n}`, series: [{ name: 'X', points: [{ x: 'A', y: n }] }] },
});

/** A drawer that returns `size(n)` bytes for chart n and counts its calls per chart. */
function drawer(size: (n: number) => number) {
  const calls = new Map<number, number>();
  const draw = async (v: View) => {
    const n = Number(v.title.split(' ')[1]);
    calls.set(n, (calls.get(n) ?? 0) + 1);
    return Buffer.alloc(size(n), n);
  };
  return { draw, calls: (n: number) => calls.get(n) ?? 0 };
}

describe('the chart cache', () => {
  it('never holds more PNG bytes than its budget: the least recently used go first', async () => {
    const { draw, calls } = drawer(() => 100 * KB);
    const render = cachedChartRenderer({ draw, maxBytes: 250 * KB, capacity: 64 });
    for (let n = 0; n < 20; n++) {
      expect((await render(view(n)))!.length).toBe(100 * KB);
      // Two 100 KB charts fit in 250 KB, a third does not.
      expect(render.stats().bytes).toBeLessThanOrEqual(250 * KB);
      expect(render.stats()).toEqual({ entries: Math.min(n + 1, 2), bytes: Math.min(n + 1, 2) * 100 * KB });
    }
    // 18 and 19 are kept; 17 was dropped.
    await render(view(19));
    await render(view(18));
    expect([calls(18), calls(19)]).toEqual([1, 1]);
    await render(view(17));
    expect(calls(17)).toBe(2);
    // 18 was used more recently than 19, so 17 coming back pushed 19 out.
    await render(view(18));
    expect(calls(18)).toBe(1);
    await render(view(19));
    expect(calls(19)).toBe(2);
  });

  it('does not keep a chart bigger than the whole budget, but still returns it', async () => {
    const { draw, calls } = drawer((n) => (n === 1 ? 300 * KB : 10 * KB));
    const render = cachedChartRenderer({ draw, maxBytes: 250 * KB });
    await render(view(0));
    expect((await render(view(1)))!.length).toBe(300 * KB);
    expect(render.stats().bytes).toBeLessThanOrEqual(250 * KB);
    await render(view(1));
    expect(calls(1)).toBe(2);
  });

  it('never holds more charts than its capacity, drawing or drawn', async () => {
    const { draw } = drawer(() => 10);
    const render = cachedChartRenderer({ draw, capacity: 3 });
    const asked = [0, 1, 2, 3, 4].map((n) => render(view(n)));
    expect(render.stats().entries).toBe(3);
    await Promise.all(asked);
    expect(render.stats()).toEqual({ entries: 3, bytes: 30 });
  });

  it('forgets a failed render, so the next ask draws again', async () => {
    let fail = true;
    const render = cachedChartRenderer({
      draw: async () => {
        if (fail) throw new Error('resvg failed');
        return Buffer.alloc(5);
      },
    });
    await expect(render(view(0))).rejects.toThrow('resvg failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(render.stats()).toEqual({ entries: 0, bytes: 0 });
    fail = false;
    expect((await render(view(0)))!.length).toBe(5);
    expect(render.stats()).toEqual({ entries: 1, bytes: 5 });
  });
});
