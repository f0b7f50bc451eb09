import { expect, test } from 'vitest';
import { sourceText } from '../../charts/index.ts';

// Looked at on a /history chart: "IVW：SEC N-PORT（2026-06-30時点、2026-08-25提出）（2026-06-30時点）",
// the as-of date twice. A label that carries its date is printed once; any other gets the date added.
test('the chart source line names each date once', () => {
  const nport = { fund: 'IVW', issuer: 'SEC', file: 'SEC N-PORT for 2026-06-30, filed 2026-08-25', asOf: '2026-06-30' };
  const nportJa = { ...nport, file: 'SEC N-PORT（2026-06-30時点、2026-08-25提出）' };
  const issuerFile = { fund: 'ACWI', issuer: 'iShares', file: 'ACWI_holdings.csv', asOf: '2024-12-24' };
  expect(sourceText([nport], 'en')).toBe('Source — IVW: SEC N-PORT for 2026-06-30, filed 2026-08-25');
  expect(sourceText([nportJa], 'ja')).toBe('出典 — IVW：SEC N-PORT（2026-06-30時点、2026-08-25提出）');
  expect(sourceText([issuerFile], 'en')).toBe('Source — ACWI: iShares ACWI_holdings.csv (as of 2024-12-24)');
  expect(sourceText([issuerFile], 'ja')).toBe('出典 — ACWI：iShares ACWI_holdings.csv（2024-12-24時点）');
  expect(sourceText([{ ...issuerFile, asOf: '' }], 'en')).toBe('Source — ACWI: iShares ACWI_holdings.csv (as-of date unknown)');
});
