import { describe, expect, test } from 'vitest';
import { NASDAQ_100_RULE, thresholdCapWeights } from '../../analytics/threshold-cap.ts';

const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(x, `weight ${i}`).toBeCloseTo(expected[i]!, 12));
};
const fill = (count: number, w: number) => Array.from({ length: count }, () => w);

describe('thresholdCapWeights (the Nasdaq-100 kind of rule: 24% → 20%, names above 4.5% together ≤ 48% → 40%)', () => {
  test('triggered: three companies above 4.5% hold 50% (> 48%); scaled ×0.8 to 40%, the 20 others ×1.2 to 3% each', () => {
    // By hand: 0.2 × 0.4/0.5 = 0.16, 0.1 × 0.8 = 0.08; the others 0.025 × 0.6/0.5 = 0.03; 0.4 + 20 × 0.03 = 1.
    close(thresholdCapWeights([0.2, 0.2, 0.1, ...fill(20, 0.025)]), [0.16, 0.16, 0.08, ...fill(20, 0.03)]);
  });

  test('not triggered: the companies above 4.5% hold 45% (≤ 48%), so nothing moves, though two sit at 20%', () => {
    const w = [0.2, 0.2, 0.05, ...fill(22, 0.025)];
    close(thresholdCapWeights(w), w);
  });

  test('single issuer: 30% > 24% is cut to 20%, its 10% spread pro rata (0.035 × 0.8/0.7 = 0.04); then 20% alone is under 48%', () => {
    close(thresholdCapWeights([0.3, ...fill(20, 0.035)]), [0.2, ...fill(20, 0.04)]);
  });

  test('a smaller name pushed over 4.5% by the spread is held at 4.5%, the rest share what is left', () => {
    // G = 0.22 + 0.22 + 0.10 = 0.54 → ×0.4/0.54. Others: 0.044 and 19 × (0.416/19) = 0.46 in all; ×0.6/0.46 would put
    // 0.044 at 0.0574, so it stays at 0.045 and the 19 share 0.6 − 0.045 = 0.555: 0.555/19 each.
    const out = thresholdCapWeights([0.22, 0.22, 0.1, 0.044, ...fill(19, 0.416 / 19)]);
    close(out, [0.22 * (0.4 / 0.54), 0.22 * (0.4 / 0.54), 0.1 * (0.4 / 0.54), 0.045, ...fill(19, 0.555 / 19)]);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test('unlike a flat 4.5% cap, names stay far above 4.5% (the largest keeps 16%, not 4.5%)', () => {
    const out = thresholdCapWeights([0.2, 0.2, 0.1, ...fill(20, 0.025)]);
    expect(Math.max(...out)).toBeCloseTo(0.16, 12);
    expect(out.filter((x) => x > NASDAQ_100_RULE.threshold)).toHaveLength(3);
  });

  test('bad input is refused with a reason: weights that do not sum to 1, or too few small names to hold 60%', () => {
    expect(() => thresholdCapWeights([0.5, 0.2])).toThrow(RangeError);
    expect(() => thresholdCapWeights([0.3, 0.3, 0.1, ...fill(10, 0.03)])).toThrow(/cannot hold/);
  });
});
