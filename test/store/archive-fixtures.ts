import type { DirectoryEntry } from '../../store/directory.ts';
import type { ArchiveFiling } from './archive-server.ts';

export const CIK = 1100663;
export const SERIES = 'S000004311';

/**
 * Four report periods of one series, each a real N-PORT-P file (served as this series: see
 * archive-server.ts). The IVW accession and dates are the real ones (PROVENANCE.md); the others are
 * stand-ins. The amendment of 2026-03-31 is filed after the newer 2026-06-30 original.
 */
export const CALVERT: ArchiveFiling = { accession: '0000940400-21-000101', form: 'NPORT-P', filingDate: '2021-11-24', reportDate: '2021-09-30', file: 'CalvertSmallCap_2021-09-30_primary_doc.xml' };
export const DAX: ArchiveFiling = { accession: '0000940400-24-000102', form: 'NPORT-P', filingDate: '2024-03-27', reportDate: '2024-01-31', file: 'DAX_2024-01-31_primary_doc.xml' };
/** A filing trimmed to 8 holdings: the parser refuses it (equity far below net assets), so its period is skipped, with why. */
export const SPY: ArchiveFiling = { accession: '0000940400-26-000103', form: 'NPORT-P', filingDate: '2026-02-26', reportDate: '2025-12-31', servedPeriod: '2025-12-31', file: 'SPY_2026-03-31_TRIMMED_8_holdings_primary_doc.xml' };
export const MARCH: ArchiveFiling = { accession: '0000940400-26-000105', form: 'NPORT-P', filingDate: '2026-05-28', reportDate: '2026-03-31', servedPeriod: '2026-03-31', file: 'CalvertSmallCap_2021-09-30_primary_doc.xml' };
export const IVW_REAL: ArchiveFiling = { accession: '0000940400-26-035157', form: 'NPORT-P', filingDate: '2026-08-25', reportDate: '2026-06-30', file: 'IVW_2026-06-30_primary_doc.xml' };
export const AMENDMENT: ArchiveFiling = { accession: '0000940400-26-099104', form: 'NPORT-P/A', filingDate: '2026-09-14', reportDate: '2026-03-31', servedPeriod: '2026-03-31', file: 'DAX_2024-01-31_primary_doc.xml' };
/** Periods stored from the first five filings (SPY's is refused). */
export const STORED = 4;

/** Equity (EC, EP) valUSD per holding read with plain string search, independent of the streaming parser. */
export function independent(bytes: Buffer) {
  const xml = bytes.toString('utf8');
  const values: { name: string; value: number }[] = [];
  for (const chunk of xml.split('</invstOrSec>').slice(0, -1)) {
    const body = chunk.slice(chunk.lastIndexOf('<invstOrSec>'));
    const tag = (t: string) => body.split(`<${t}>`)[1]?.split(`</${t}>`)[0];
    if (tag('assetCat') !== 'EC' && tag('assetCat') !== 'EP') continue;
    values.push({ name: tag('name') ?? '', value: Number(tag('valUSD')) });
  }
  const total = values.reduce((s, v) => s + v.value, 0);
  const w = values.map((v) => v.value / total).sort((a, b) => b - a);
  return { count: w.length, effectiveN: 1 / w.reduce((s, x) => s + x * x, 0), top10: w.slice(0, 10).reduce((s, x) => s + x, 0), period: /<repPdDate>([^<]+)</.exec(xml)![1] };
}


/** The real IVW filing served for an earlier quarter as well, so one company (NVIDIA) shows in more than one period. */
export const IVW_SEPT: ArchiveFiling = { accession: '0000940400-25-000106', form: 'NPORT-P', filingDate: '2025-11-25', reportDate: '2025-09-30', servedPeriod: '2025-09-30', file: 'IVW_2026-06-30_primary_doc.xml' };

/** IVW as the fund directory knows it (series and CIK), so a ticker finds its filings. */
export const IVW_ENTRY: DirectoryEntry = {
  key: `sec:${SERIES}`,
  kind: 'fund',
  tickers: ['IVW'],
  nameEn: 'iShares S&P 500 Growth ETF',
  nameJa: null,
  aliases: [],
  issuer: null,
  tracks: null,
  sources: ['stored', 'sec-nport'],
  cik: CIK,
  seriesId: SERIES,
  classIds: [],
  standIn: [],
  standInNote: null,
  noHoldings: null,
  origin: 'sec-mf',
};
