import { describe, expect, it } from 'vitest';
import { renderRaster, renderStats, RENDERS_AT_ONCE, type ChartInput, type ChartOptions } from '../../charts/index.ts';
import { limitConcurrency } from '../../charts/queue.ts';

/** A promise with its resolve and reject in hand, so a test decides when a task ends. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('limitConcurrency', () => {
  it('runs at most max tasks, starts the waiting ones first come first served, and frees a slot on success, rejection or throw', async () => {
    const limiter = limitConcurrency(2);
    const gates = [0, 1, 2, 3, 4].map(() => deferred<number>());
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      limiter.run(() => {
        started.push(i);
        if (i === 3) throw new Error('three throws before returning a promise');
        return gate.promise;
      }),
    );
    const outcomes = results.map((r) => r.then((v) => `ok ${v}`, (e: Error) => `failed ${e.message}`));
    await settle();
    expect(started).toEqual([0, 1]);
    expect(limiter.stats()).toEqual({ running: 2, waiting: 3, peak: 2 });

    gates[1]!.reject(new Error('one rejects'));
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.stats()).toEqual({ running: 2, waiting: 2, peak: 2 });

    // Task 3 throws at once: its slot goes straight to task 4.
    gates[0]!.resolve(0);
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.stats()).toEqual({ running: 2, waiting: 0, peak: 2 });

    gates[2]!.resolve(2);
    gates[4]!.resolve(4);
    expect(await Promise.all(outcomes)).toEqual(['ok 0', 'failed one rejects', 'ok 2', 'failed three throws before returning a promise', 'ok 4']);
    expect(limiter.stats()).toEqual({ running: 0, waiting: 0, peak: 2 });
  });

  it('refuses a cap that is not a whole number ≥ 1', () => {
    expect(() => limitConcurrency(0)).toThrow(RangeError);
    expect(() => limitConcurrency(1.5)).toThrow(RangeError);
  });
});

describe('charts drawn at once', () => {
  const spec = (n: number): ChartInput => ({ kind: 'bars', title: `Top ${n}`, series: [{ name: 'VT', points: [{ x: 'AAPL', y: 0.04 }, { x: 'MSFT', y: 0.03 + n / 1000 }] }] });
  const options: ChartOptions = { lang: 'en', theme: 'light', source: 'VT · Vanguard · 2026-05-31' };

  it(`six asked together: never more than ${RENDERS_AT_ONCE} drawing, each the same PNG as drawn alone`, async () => {
    expect(RENDERS_AT_ONCE).toBe(2);
    const before = renderStats();
    expect(before.running).toBe(0);
    const together = [0, 1, 2, 3, 4, 5].map((n) => renderRaster(spec(n), options));
    expect(renderStats()).toMatchObject({ running: 2, waiting: 4 });
    const pngs = (await Promise.all(together)).map((r) => r.png);
    expect(renderStats()).toEqual({ running: 0, waiting: 0, peak: 2 });
    for (const n of [0, 5]) expect((await renderRaster(spec(n), options)).png.equals(pngs[n]!)).toBe(true);
    expect(pngs[0]!.equals(pngs[5]!)).toBe(false);
  }, 60_000);
});
