import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../holdings/doc.ts';
import { detectParser } from '../../holdings/parsers/index.ts';
import type { Holdings } from '../../holdings/types.ts';

/**
 * Two workbooks one user re-saved in May 2021 (bubersome/opendoc; test/fixtures/variants/PROVENANCE.md).
 *
 * SPY as a user re-saved SPDR's workbook in May 2021 (test/fixtures/variants/PROVENANCE.md): the
 * table sorted by sector, every number a text cell ("2.109076", "24705450.000"), 8-character
 * identifiers (the CUSIP without its check digit), an extra "Column1" header, cash as
 * CASH_JPY "Japanese Yen" and CASH_USD "U.S. Dollar" between Real Estate and Utilities, and two
 * lines of prospectus text ("The GLD prospectus is available by clicking here.") inside the table.
 * Figures are checked against the workbook read here with exceljs, cell by cell.
 */
const DIR = path.resolve(import.meta.dirname, '../fixtures/variants');
const FILE = path.join(DIR, 'spdr_SPY_2021-05_resave-by-sector.xlsx');
const IWM = path.join(DIR, 'ishares_IWM_2021_xlsx-resave.xlsx');

/** A sheet's table by hand: rows under the header (row 1) up to the first empty or one-cell row, each cell as text. */
async function table(file = FILE, width = 6): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[][] = [];
  let done = false;
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    const cells = Array.from({ length: width }, (_, i) => (values[i + 1] === undefined || values[i + 1] === null ? '' : String(values[i + 1])));
    if (n === 1 || done) return;
    if (values.length <= 2) done = true;
    else out.push(cells);
  });
  return out;
}

async function read(file: string, fund: string) {
  const doc: Doc = { ...(await readDoc(path.basename(file), readFileSync(file))), excerpt: true };
  return detectParser(doc).parse(doc, fund);
}

/** The kept rows (as many as said) are the positions, each weighted by its printed weight over theirs. */
function samePrinted(h: Holdings, kept: string[][], count: number, ticker: number, weight: number): void {
  expect(kept).toHaveLength(count);
  const total = kept.reduce((s, c) => s + Number(c[weight]), 0);
  for (const c of kept) expect(h.positions.find((p) => p.ticker === c[ticker])!.weight, c[ticker]).toBeCloseTo(Number(c[weight]) / total, 12);
  expect(h.positions).toHaveLength(count);
}

describe('SPDR SPY re-saved in May 2021: sorted by sector, numbers as text, prospectus lines and CASH_ lines inside the table', () => {
  it('31 stocks by printed weight; the two text lines, the yen and the dollar out, each with its own reason', async () => {
    const h = await read(FILE, 'SPY');
    const rows = await table();
    expect(rows).toHaveLength(35);
    samePrinted(h, rows.filter((c) => c[1] !== '' && !c[1]!.startsWith('CASH_')), 31, 1, 4);
    expect(h.excluded.map((e) => [e.name, e.reason])).toEqual([
      ['The GLD prospectus is available by clicking', 'not a holding (a line of text inside the table, with no ticker, weight or shares)'],
      ['The GLDM prospectus is available by clicking', 'not a holding (a line of text inside the table, with no ticker, weight or shares)'],
      ['Japanese Yen', 'currency (cash held in japanese yen)'],
      ['U.S. Dollar', 'cash'],
    ]);
    // The sectors the file printed in 2021 are kept (SPDR prints "-" since).
    expect(h.positions.find((p) => p.ticker === 'FB')).toMatchObject({ name: 'Facebook Inc. Class A', sector: 'Communication Services', sectorSource: 'file' });
    expect(h.asOf.date).toBeNull();
  });
});

/**
 * iShares IWM saved as an xlsx (sheet "IWM_holdings"): the 18-column layout of 2021 with CUSIP, ISIN
 * and SEDOL, numbers as numbers (XTSLA's CUSIP 066922477 lost its zero), the cash, money-market,
 * collateral and futures lines first, no preamble. No issuer layout reads iShares workbooks; it was
 * taken for a SPDR file (its "SEDOL" and "Weight (%)"), which ignores the Asset Class column, so
 * BlackRock's cash fund and the futures collateral counted as stocks.
 */
describe('iShares IWM re-saved as xlsx in May 2021 (Asset Class column, no preamble)', () => {
  it('is not taken for SPDR; the Asset Class column leaves out cash, the money-market fund, collateral and the future; 25 stocks by printed weight', async () => {
    const h = await read(IWM, 'IWM');
    expect(h.issuer).not.toBe('SPDR');
    const rows = await table(IWM, 6);
    expect(rows).toHaveLength(29);
    samePrinted(h, rows.filter((c) => c[3] === 'Equity'), 25, 0, 5);
    expect(h.excluded.map((e) => [e.ticker, e.reason])).toEqual([
      ['USD', 'cash'],
      ['XTSLA', 'money-market fund (cash sweep)'],
      ['MSFUT', 'collateral and margin (cash)'],
      ['RTYM1', 'futures (notional exposure, not a holding)'],
    ]);
    expect(h.positions.find((p) => p.ticker === 'AMC')).toMatchObject({ ids: { cusip: '00165C104', isin: 'US00165C1045', sedol: 'BH4HLL3' } });
  });
});
