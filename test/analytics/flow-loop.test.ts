import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { simulateFlowLoop, type FlowLoopParams } from '../../analytics/flow-loop.ts';

const base: FlowLoopParams = {
  periods: 40,
  passiveShare: 0.5,
  inflow: 0.05,
  priceImpact: 1,
  startWeight: 0.05,
  fundamentalGrowth: 0.02,
  edge: 0.02,
};
const logit = (w: number) => Math.log(w / (1 - w));

describe('simulateFlowLoop', () => {
  test('one period by hand', () => {
    // w0 = 0.1 (odds 1/9); edge 10%, no growth → odds 1.1/9, w' = 1.1/10.1 = 0.1089109
    // flow term = λ·f·p·(w'/v − (1 − w')/(1 − v)) = 1·0.1·0.5·(1.089109 − 0.990099) = 0.0049505
    // w1 = 1 / (1 + (9/1.1)·e^−0.0049505) = 1 / (1 + 8.141414) = 0.1093923
    const { withFlows, withoutFlows } = simulateFlowLoop({
      periods: 1,
      passiveShare: 0.5,
      inflow: 0.1,
      priceImpact: 1,
      startWeight: 0.1,
      fundamentalGrowth: 0,
      edge: 0.1,
    });
    expect(withFlows[0]).toBe(0.1);
    expect(withFlows[1]).toBeCloseTo(0.1093923, 7);
    expect(withoutFlows[1]).toBeCloseTo(1.1 / 10.1, 12);
  });

  test('without passive flows the weight follows the edge alone: ℓ_t = ℓ₀ + t·ln((1+g+e)/(1+g))', () => {
    const { withoutFlows } = simulateFlowLoop(base);
    const step = Math.log(1.04 / 1.02);
    withoutFlows.forEach((w, t) => expect(logit(w)).toBeCloseTo(logit(0.05) + t * step, 10));
  });

  test.each([
    { name: 'passiveShare 0', change: { passiveShare: 0 } },
    { name: 'inflow 0', change: { inflow: 0 } },
    { name: 'priceImpact 0', change: { priceImpact: 0 } },
  ])('GIVEN $name THEN with and without flows coincide', ({ change }) => {
    const { withFlows, withoutFlows } = simulateFlowLoop({ ...base, ...change });
    expect(withFlows).toEqual(withoutFlows);
  });

  test('GIVEN no edge THEN flows change nothing: cap-weighted buying moves every price alike', () => {
    const { withFlows, withoutFlows } = simulateFlowLoop({ ...base, edge: 0 });
    for (const w of [...withFlows, ...withoutFlows]) expect(w).toBeCloseTo(0.05, 15);
  });

  test('GIVEN inflows THEN the loop lifts the weight above the edge-only path, and the gap widens', () => {
    const { withFlows, withoutFlows } = simulateFlowLoop(base);
    expect(withFlows).toHaveLength(41);
    expect(withoutFlows).toHaveLength(41);
    expect(withFlows[0]).toBe(0.05);
    expect(withoutFlows[0]).toBe(0.05);
    let gap = 0;
    for (let t = 1; t <= 40; t++) {
      const g = withFlows[t]! - withoutFlows[t]!;
      expect(g).toBeGreaterThan(gap);
      gap = g;
    }
  });

  test('GIVEN the flows reverse THEN the name falls back below the edge-only path', () => {
    const { withFlows, withoutFlows } = simulateFlowLoop({ ...base, reverseAt: 20 });
    const plain = simulateFlowLoop(base).withFlows;
    expect(withFlows.slice(0, 21)).toEqual(plain.slice(0, 21));
    expect(withFlows[21]! - withFlows[20]!).toBeLessThan(plain[21]! - plain[20]!);
    expect(withFlows[40]!).toBeLessThan(withoutFlows[40]!);
  });

  test('GIVEN outflows from the start THEN the name lags the edge-only path', () => {
    const { withFlows, withoutFlows } = simulateFlowLoop({ ...base, reverseAt: 0 });
    for (let t = 1; t <= 40; t++) expect(withFlows[t]!).toBeLessThan(withoutFlows[t]!);
  });

  test('more passive share, stronger loop; weights stay in [0, 1]; deterministic', () => {
    fc.assert(
      fc.property(
        fc.record({
          periods: fc.integer({ min: 1, max: 60 }),
          passiveShare: fc.integer({ min: 0, max: 99 }).map((x) => x / 100),
          inflow: fc.integer({ min: 1, max: 20 }).map((x) => x / 100),
          priceImpact: fc.integer({ min: 1, max: 300 }).map((x) => x / 100),
          startWeight: fc.integer({ min: 1, max: 50 }).map((x) => x / 100),
          fundamentalGrowth: fc.integer({ min: -5, max: 5 }).map((x) => x / 100),
          edge: fc.integer({ min: 1, max: 5 }).map((x) => x / 100),
        }),
        (params) => {
          const a = simulateFlowLoop(params);
          const b = simulateFlowLoop({ ...params, passiveShare: params.passiveShare + 0.01 });
          expect(simulateFlowLoop(params)).toEqual(a);
          expect(a.withFlows).toHaveLength(params.periods + 1);
          expect(b.withoutFlows).toEqual(a.withoutFlows);
          for (let t = 0; t <= params.periods; t++) {
            const w = a.withFlows[t]!;
            // A runaway loop from a small start can round to exactly 1.
            expect(w >= 0 && w <= 1).toBe(true);
            expect(b.withFlows[t]!).toBeGreaterThanOrEqual(w);
          }
        },
      ),
    );
  });

  test('GIVEN a runaway loop with extreme parameters THEN weights round to 1 or 0, never NaN', () => {
    const up = simulateFlowLoop({ ...base, startWeight: 0.001, inflow: 1, passiveShare: 1, priceImpact: 1e6 });
    expect(up.withFlows.at(-1)).toBe(1);
    const down = simulateFlowLoop({ ...base, inflow: 1, passiveShare: 1, priceImpact: 1e300, reverseAt: 3 });
    for (const w of down.withFlows) expect(w >= 0 && w <= 1).toBe(true);
    expect(down.withFlows.at(-1)).toBe(0);
  });

  test('periods 0 gives the start only', () => {
    expect(simulateFlowLoop({ ...base, periods: 0 })).toEqual({ withFlows: [0.05], withoutFlows: [0.05] });
  });

  test('edge defaults to 0.01', () => {
    const { edge: _omit, ...rest } = base;
    expect(simulateFlowLoop(rest)).toEqual(simulateFlowLoop({ ...rest, edge: 0.01 }));
  });

  test.each([
    { change: { periods: -1 }, message: /periods is -1/ },
    { change: { periods: 2.5 }, message: /periods is 2.5/ },
    { change: { periods: 1e9 }, message: /periods is 1000000000/ },
    { change: { passiveShare: 1.2 }, message: /passiveShare is 1.2/ },
    { change: { passiveShare: -0.1 }, message: /passiveShare is -0.1/ },
    { change: { inflow: Number.NaN }, message: /inflow is NaN/ },
    { change: { inflow: 2 }, message: /inflow is 2/ },
    { change: { priceImpact: -1 }, message: /priceImpact is -1/ },
    { change: { startWeight: 0 }, message: /startWeight is 0/ },
    { change: { startWeight: 1 }, message: /startWeight is 1/ },
    { change: { fundamentalGrowth: -1 }, message: /fundamentalGrowth is -1/ },
    { change: { edge: -1.5 }, message: /edge is -1.5/ },
    { change: { edge: Infinity }, message: /edge is Infinity/ },
    { change: { reverseAt: 41 }, message: /reverseAt is 41/ },
    { change: { reverseAt: -1 }, message: /reverseAt is -1/ },
  ])('GIVEN $change THEN RangeError', ({ change, message }) => {
    expect(() => simulateFlowLoop({ ...base, ...change })).toThrow(RangeError);
    expect(() => simulateFlowLoop({ ...base, ...change })).toThrow(message);
  });
});
