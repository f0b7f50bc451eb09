import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GICS_SUB_INDUSTRIES, SECTOR_BY_SUB_INDUSTRY } from '../../holdings/gics-sub-industries.ts';
import { sectorFromLabel } from '../../holdings/sectors.ts';
import { SECTOR_BY_TSE33 } from '../../holdings/tse33.ts';
import { GICS_SECTORS } from '../../holdings/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const RAW = resolve(ROOT, '../shared/data/holdings/raw');

describe('GICS sub-industry → sector table', () => {
  it('holds the 163 sub-industries of the current GICS structure, each once', () => {
    expect(GICS_SUB_INDUSTRIES).toHaveLength(163);
    expect(new Set(GICS_SUB_INDUSTRIES.map((n) => n.toLowerCase())).size).toBe(163);
  });

  it('has lower-case keys and only the 11 GICS sectors as values', () => {
    for (const [key, sector] of Object.entries(SECTOR_BY_SUB_INDUSTRY)) {
      expect(key).toBe(key.toLowerCase());
      expect(GICS_SECTORS).toContain(sector);
    }
  });

  // Sub-industries per sector in the March 2023 GICS structure.
  it.each([
    ['Energy', 7],
    ['Materials', 17],
    ['Industrials', 27],
    ['Consumer Discretionary', 27],
    ['Consumer Staples', 12],
    ['Health Care', 10],
    ['Financials', 18],
    ['Information Technology', 12],
    ['Communication Services', 10],
    ['Utilities', 6],
    ['Real Estate', 17],
  ] as const)('%s has %i current sub-industries', (sector, count) => {
    expect(GICS_SUB_INDUSTRIES.filter((n) => SECTOR_BY_SUB_INDUSTRY[n.toLowerCase()] === sector)).toHaveLength(count);
  });

  it.each([
    ['Semiconductors', 'Information Technology'],
    ['Technology Hardware, Storage & Peripherals', 'Information Technology'],
    ['Interactive Media & Services', 'Communication Services'],
    ['Broadline Retail', 'Consumer Discretionary'],
    ['Multi-Sector Holdings', 'Financials'],
    ['Transaction & Payment Processing Services', 'Financials'],
    ['Data Processing & Outsourced Services', 'Industrials'],
    ['Soft Drinks & Non-alcoholic Beverages', 'Consumer Staples'],
    ['multi-line insurance', 'Financials'],
    ['  Mortgage REITs  ', 'Financials'],
    ['Data Center REITs', 'Real Estate'],
    // Retired names still printed in older files go to their successor's sector.
    ['Internet & Direct Marketing Retail', 'Consumer Discretionary'],
    ['Hypermarkets & Super Centers', 'Consumer Staples'],
    ['Home Entertainment Software', 'Communication Services'],
    ['Thrifts & Mortgage Finance', 'Financials'],
  ] as const)('sectorFromLabel(%j, gics-sub-industry) → %s', (label, sector) => {
    expect(sectorFromLabel(label, 'gics-sub-industry')).toBe(sector);
  });

  it.each(['---', '', 'Not a sub-industry'])('sectorFromLabel(%j, gics-sub-industry) → null', (label) => {
    expect(sectorFromLabel(label, 'gics-sub-industry')).toBeNull();
  });
});

describe('TSE 33-sector → GICS table', () => {
  const TSE33 = [
    '水産・農林業', '鉱業', '建設業', '食料品', '繊維製品', 'パルプ・紙', '化学', '医薬品', '石油・石炭製品', 'ゴム製品', 'ガラス・土石製品',
    '鉄鋼', '非鉄金属', '金属製品', '機械', '電気機器', '輸送用機器', '精密機器', 'その他製品', '電気・ガス業', '陸運業', '海運業',
    '空運業', '倉庫・運輸関連業', '情報・通信業', '卸売業', '小売業', '銀行業', '証券、商品先物取引業', 'その他金融業', '保険業', '不動産業', 'サービス業',
  ];

  it('maps exactly the 33 TSE sectors, each to a GICS sector', () => {
    expect(Object.keys(SECTOR_BY_TSE33).sort()).toEqual([...TSE33].sort());
    for (const sector of Object.values(SECTOR_BY_TSE33)) expect(GICS_SECTORS).toContain(sector);
  });

  it.each([
    ['情報・通信業', 'Communication Services'],
    ['電気機器', 'Information Technology'],
    ['卸売業', 'Industrials'],
    ['輸送用機器', 'Consumer Discretionary'],
    ['医薬品', 'Health Care'],
    ['精密機器', 'Health Care'],
    ['鉱業', 'Energy'],
    ['銀行業', 'Financials'],
    ['不動産業', 'Real Estate'],
    ['電気・ガス業', 'Utilities'],
  ] as const)('sectorFromLabel(%s, tse33) → %s', (label, sector) => {
    expect(sectorFromLabel(label, 'tse33')).toBe(sector);
  });

  it('returns null for labels that are not TSE sectors', () => {
    expect(sectorFromLabel('Semiconductors', 'tse33')).toBeNull();
    expect(sectorFromLabel('', 'tse33')).toBeNull();
  });
});

/** Commas outside quotes split a CSV line; good enough for the SUB-INDUSTRY column. */
function splitCsvLine(line: string): string[] {
  return line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((f) => f.replace(/^"|"$/g, '').trim());
}

/** Distinct SUB-INDUSTRY values of a Vanguard file's equity table, read without our CSV code. */
function subIndustries(path: string): Set<string> {
  const lines = readFileSync(path, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(',SEDOL,HOLDINGS,TICKER,% OF FUNDS*,SUB-INDUSTRY,'));
  const out = new Set<string>();
  for (const line of lines.slice(start + 1)) {
    if (/^,*$/.test(line)) break;
    out.add(splitCsvLine(line)[5] ?? '');
  }
  return out;
}

describe.skipIf(!existsSync(RAW))('labels in the real issuer files (skipped: ../shared/data/holdings/raw is absent)', () => {
  it.each([
    'VOO/Holdings_details_S&P_500_ETF.csv',
    'VTI/Holdings_details_Total_Stock_Market_ETF.csv',
    'VT/Holdings_details_Total_World_Stock_ETF.csv',
  ])('every SUB-INDUSTRY in %s maps to a sector ("---" means none)', (file) => {
    const labels = [...subIndustries(resolve(RAW, file))].filter((l) => l !== '---');
    expect(labels.length).toBeGreaterThan(100);
    expect(labels.filter((l) => sectorFromLabel(l, 'gics-sub-industry') === null)).toEqual([]);
  });

  it('every 業種 in TOPIX/topixweight_j.csv is one of the 33 mapped labels, and all 33 occur', () => {
    const text = new TextDecoder('shift_jis').decode(readFileSync(resolve(RAW, 'TOPIX/topixweight_j.csv')));
    const labels = new Set(text.split(/\r?\n/).filter((l) => /^\d{8},/.test(l)).map((l) => l.split(',')[3] ?? ''));
    expect([...labels].sort()).toEqual(Object.keys(SECTOR_BY_TSE33).sort());
  });
});
