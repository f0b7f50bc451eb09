import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bigHoldingShare } from '../../analytics/big-holding-share.ts';
import { weightsAndShuffleArb } from './arbitraries.ts';

describe('bigHoldingShare', () => {
  test.each([
    { weights: [0.07, 0.05, 0.03, 0.02, 0.01], threshold: undefined, share: 0.15, count: 3 },
    { weights: [0.5, 0.3, 0.2], threshold: 0.25, share: 0.8, count: 2 },
    { weights: [0.02, 0.02, 0.96], threshold: undefined, share: 0.96, count: 1 },
    { weights: [0.01, 0.02], threshold: undefined, share: 0, count: 0 },
    { weights: [0.25, 0.25, 0.25, 0.25], threshold: 0.25, share: 1, count: 4 },
  ])('$weights at $threshold → share $share, count $count', ({ weights, threshold, share, count }) => {
    const r = bigHoldingShare(weights, threshold);
    expect(r.share).toBeCloseTo(share, 12);
    expect(r.count).toBe(count);
  });

  test('a weight exactly at the threshold counts', () => {
    expect(bigHoldingShare([0.03, 0.97]).count).toBe(2);
  });

  test('does not depend on row order', () => {
    fc.assert(
      fc.property(weightsAndShuffleArb(100), ([ws, perm]) => {
        const a = bigHoldingShare(ws);
        const b = bigHoldingShare(perm);
        expect(b.count).toBe(a.count);
        expect(b.share).toBeCloseTo(a.share, 12);
      }),
    );
  });

  test.each([
    { name: 'threshold 0', weights: [1], threshold: 0, message: /threshold is 0/ },
    { name: 'threshold 3 (a percentage)', weights: [1], threshold: 3, message: /threshold is 3/ },
    { name: 'threshold NaN', weights: [1], threshold: Number.NaN, message: /threshold is NaN/ },
    { name: 'empty', weights: [] as number[], threshold: 0.03, message: /empty/ },
    { name: 'a negative weight', weights: [-0.1], threshold: 0.03, message: /weights\[0\]/ },
  ])('GIVEN $name THEN RangeError', ({ weights, threshold, message }) => {
    expect(() => bigHoldingShare(weights, threshold)).toThrow(RangeError);
    expect(() => bigHoldingShare(weights, threshold)).toThrow(message);
  });
});
