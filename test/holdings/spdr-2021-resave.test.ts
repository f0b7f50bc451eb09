import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDoc, type Doc } from '../../holdings/doc.ts';
import { detectParser } from '../../holdings/parsers/index.ts';

/**
 * SPY as a user re-saved SPDR's workbook in May 2021 (test/fixtures/variants/PROVENANCE.md): the
 * table sorted by sector, every number a text cell ("2.109076", "24705450.000"), 8-character
 * identifiers (the CUSIP without its check digit), an extra "Column1" header, cash as
 * CASH_JPY "Japanese Yen" and CASH_USD "U.S. Dollar" between Real Estate and Utilities, and two
 * lines of prospectus text ("The GLD prospectus is available by clicking here.") inside the table.
 * Figures are checked against the workbook read here with exceljs, cell by cell.
 */
const FILE = path.resolve(import.meta.dirname, '../fixtures/variants/spdr_SPY_2021-05_resave-by-sector.xlsx');

/** The table by hand: rows under the header (row 1) up to the first empty row, as [name, ticker, identifier, sedol, weight, sector]. */
async function table(): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FILE);
  const out: string[][] = [];
  let done = false;
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    const cells = Array.from({ length: 6 }, (_, i) => (typeof values[i + 1] === 'string' ? (values[i + 1] as string) : ''));
    if (n === 1 || done) return;
    if (values.length === 0) done = true;
    else out.push(cells);
  });
  return out;
}

describe('SPDR SPY re-saved in May 2021: sorted by sector, numbers as text, prospectus lines and CASH_ lines inside the table', () => {
  it('31 stocks by printed weight; the two text lines, the yen and the dollar out, each with its own reason', async () => {
    const doc: Doc = { ...(await readDoc('spy.xlsx', readFileSync(FILE))), excerpt: true };
    const h = detectParser(doc).parse(doc, 'SPY');
    const rows = await table();
    expect(rows).toHaveLength(35);
    const stock = rows.filter((c) => c[1] !== '' && !c[1]!.startsWith('CASH_'));
    expect(stock).toHaveLength(31);
    const total = stock.reduce((s, c) => s + Number(c[4]), 0);
    for (const c of stock) expect(h.positions.find((p) => p.ticker === c[1])!.weight, c[1]).toBeCloseTo(Number(c[4]) / total, 12);
    expect(h.positions).toHaveLength(31);
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
