import { describe, expect, test } from 'vitest';
import * as analytics from '../../analytics/index.ts';

describe('analytics index', () => {
  test('re-exports every function', () => {
    for (const name of [
      'normalise',
      'hhi',
      'effectiveN',
      'topN',
      'bigHoldingShare',
      'tailEquivalentCount',
      'topOfDescending',
      'tailEquivalentOfDescending',
      'concentrationPass',
      'exposureFromTotals',
      'exposureOf',
      'techPlus',
      'pairedOverlap',
      'lookThroughIndexed',
      'largestIndexes',
      'equalWeights',
      'capWeights',
      'shockMove',
      'simulateFlowLoop',
    ]) {
      expect(typeof (analytics as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
