import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Select Sector SPDR stand-in's files: real rows (test/fixtures/select-sector, provenance
 * there) laid out as State Street's daily workbook, served on State Street's own path.
 */
export interface SectorRow {
  fund: string;
  name: string;
  ticker: string;
  /** Percent, as printed. */
  weight: number;
}

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/select-sector/select-sector-rows_2025-11-18.csv');

/** The fixture's rows (a plain CSV: no cell holds a comma or a quote). */
export const SECTOR_ROWS: readonly SectorRow[] = readFileSync(FIXTURE, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [fund, name, ticker, weight] = line.split(',');
    return { fund: fund!, name: name!, ticker: ticker!, weight: Number(weight) };
  });

const NAMES: Record<string, string> = {
  XLK: 'The Technology Select Sector SPDR® Fund',
  XLC: 'The Communication Services Select Sector SPDR® Fund',
  XLY: 'The Consumer Discretionary Select Sector SPDR® Fund',
};

/** State Street's path for a fund's daily holdings workbook (as store/sources.ts builds it). */
export const ssgaPath = (fund: string) => `/library-content/products/fund-data/etfs/us/holdings-daily-us-en-${fund.toLowerCase()}.xlsx`;

/** The workbook for one fund of the fixture, in the layout of the real SPDR files (see PROVENANCE.md). */
export async function sectorWorkbook(fund: string): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('holdings');
  sheet.addRow(['Fund Name:', NAMES[fund]]);
  sheet.addRow(['Ticker Symbol:', fund]);
  sheet.addRow(['Holdings:', 'As of 18-Nov-2025']);
  sheet.addRow([]);
  sheet.addRow(['Name', 'Ticker', 'Identifier', 'SEDOL', 'Weight', 'Sector', 'Shares Held', 'Local Currency']);
  for (const r of SECTOR_ROWS.filter((x) => x.fund === fund)) sheet.addRow([r.name, r.ticker, null, null, r.weight, '-', null, 'USD']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
