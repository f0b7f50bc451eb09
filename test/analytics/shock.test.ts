import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { shockMove } from '../../analytics/shock.ts';
import { weightsArb } from './arbitraries.ts';

describe('shockMove', () => {
  test.each([
    {
      name: 'NVIDIA −17% at 7% (DeepSeek day)',
      weights: [0.07, 0.93],
      returns: [-0.17, 0],
      move: -0.0119,
      contributions: [-0.0119, 0],
    },
    {
      name: 'a sector −17.5%, the rest +1%',
      weights: [0.1, 0.2, 0.7],
      returns: [-0.175, -0.175, 0.01],
      move: -0.0455,
      contributions: [-0.0175, -0.035, 0.007],
    },
    { name: 'a total loss', weights: [0.4, 0.6], returns: [-1, -1], move: -1, contributions: [-0.4, -0.6] },
    { name: 'no shock', weights: [1], returns: [0], move: 0, contributions: [0] },
  ])('$name → $move', ({ weights, returns, move, contributions }) => {
    const out = shockMove(weights, returns);
    expect(out.move).toBeCloseTo(move, 12);
    out.contributions.forEach((c, i) => expect(c).toBeCloseTo(contributions[i]!, 12));
  });

  test('a uniform shock r moves the index by r; contributions add up to the move', () => {
    fc.assert(
      fc.property(weightsArb(100), fc.integer({ min: -100, max: 100 }), (ws, pct) => {
        const r = pct / 100;
        const out = shockMove(
          ws,
          ws.map(() => r),
        );
        expect(out.move).toBeCloseTo(r, 12);
        expect(out.contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(out.move, 12);
      }),
    );
  });

  test.each([
    { name: 'different lengths', weights: [0.5, 0.5], returns: [0.1], message: /1 returns for 2 weights/ },
    { name: 'a return below −100%', weights: [1], returns: [-1.5], message: /returns\[0\] is -1.5/ },
    { name: 'a NaN return', weights: [1], returns: [Number.NaN], message: /returns\[0\] is NaN/ },
    { name: 'a negative weight', weights: [-1], returns: [0], message: /weights\[0\] is -1/ },
    { name: 'empty', weights: [] as number[], returns: [] as number[], message: /empty/ },
  ])('GIVEN $name THEN RangeError', ({ weights, returns, message }) => {
    expect(() => shockMove(weights, returns)).toThrow(RangeError);
    expect(() => shockMove(weights, returns)).toThrow(message);
  });
});
