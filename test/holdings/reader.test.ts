import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nonEquityReason, printedClassReason } from '../../holdings/asset-class.ts';
import { readDoc, type Doc } from '../../holdings/doc.ts';
import { detectParser } from '../../holdings/parsers/index.ts';
import { COLUMN_MEANING, readByMeaning } from '../../holdings/reader.ts';
import type { Holdings } from '../../holdings/types.ts';
import { dataWarnings } from '../../commands/card-parts.ts';
import type { Context } from '../../commands/context.ts';
import { fileError, splitLine, textDoc } from '../support/parsers.ts';

/**
 * The one table reader (holdings/reader.ts) on real excerpts in layouts no issuer parser knows
 * (test/fixtures/variants/PROVENANCE.md): each figure is checked against a computation made
 * here from the file's own text, split by hand.
 */
const DIR = path.resolve(import.meta.dirname, '../fixtures/variants');
const raw = (file: string): string => readFileSync(path.join(DIR, file), 'utf8').replace(/^\uFEFF/, '');

async function read(file: string, text?: string): Promise<{ doc: Doc; h: Holdings }> {
  const doc: Doc = { ...(text === undefined ? await readDoc(file, readFileSync(path.join(DIR, file))) : textDoc(file, text)), excerpt: true };
  return { doc, h: detectParser(doc).parse(doc, 'X') };
}

/** Table rows of a CSV text as cells by header name (the header is the first line). */
function table(text: string): Record<string, string>[] {
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const names = splitLine(head!);
  return rows.map((l) => Object.fromEntries(splitLine(l).map((c, i) => [names[i]!, c])));
}
const num = (s: string): number => Number(s.replace(/[$,%"\s]/g, ''));

/** Weights each position should have: basis ÷ Σ basis over the rows kept, largest first, by ticker. */
function expectWeights(h: Holdings, kept: { ticker: string; basis: number }[]): void {
  const total = kept.reduce((s, r) => s + r.basis, 0);
  const want = kept.map((r) => [r.ticker, r.basis / total] as const).sort((a, b) => b[1] - a[1]);
  expect(h.positions.map((p) => p.ticker)).toEqual(want.map(([t]) => t));
  h.positions.forEach((p, i) => expect(p.weight).toBeCloseTo(want[i]![1], 12));
}

describe('layouts no issuer parser knew, read by column meaning', () => {
  it('the small-issuer platform layout (Tema VOLT: holdings_date, ticker, cusip, proper_name, …, percent_of_nav, is_cash) reads, said to be inferred', async () => {
    const { h } = await read('tema_VOLT_2026-09-29.csv');
    const rows = table(raw('tema_VOLT_2026-09-29.csv'));
    expect([h.format, h.issuer]).toEqual([COLUMN_MEANING, 'Unknown']);
    expect(h.asOf).toEqual({ date: '2026-09-29', source: 'file' });
    expectWeights(h, rows.map((r) => ({ ticker: r.ticker!, basis: num(r.percent_of_nav!) })));
    expect(h.positions.find((p) => p.ticker === 'ETN')).toMatchObject({ name: 'EATON CORP PLC', country: 'IE', sector: 'Industrials', ids: {} });
    expect(h.positions.find((p) => p.ticker === 'BELFB')!.ids).toEqual({ cusip: '077347300' });
    expect(h.notes[0]).toMatch(/^Read by column meaning: tema_VOLT_2026-09-29\.csv is in no issuer layout we know.*name ← "proper_name".*weight ← "percent_of_nav".*Weights are fractions of the fund\.$/);
    const ctx = { lang: 'en', now: new Date('2026-10-01'), staleAfterDays: 30 } as Context;
    expect(dataWarnings(ctx, h)[0]).toBe('X: tema_VOLT_2026-09-29.csv is in no issuer layout we know; its columns were read by their meaning (the layout was inferred).');
  });

  it('Tema LAZR: the is_cash row is excluded by the file\'s own flag; Bloomberg tickers and a private SPV stay holdings', async () => {
    const { h } = await read('tema_LAZR_2026-08-04.csv');
    const rows = table(raw('tema_LAZR_2026-08-04.csv'));
    const kept = rows.filter((r) => r.is_cash === '0');
    expect(kept).toHaveLength(4);
    expectWeights(h, kept.map((r) => ({ ticker: r.ticker!, basis: num(r.percent_of_nav!) })));
    expect(h.excluded).toEqual([
      { line: 6, ticker: '', name: 'CASH & CASH EQUIVALENTS', assetClass: '', reason: 'cash (the file marks it as cash)', reportedWeight: 0.0112, marketValue: 1 },
    ]);
  });

  it('a negative Cash&Other row with an empty name is left out with its line and reason; the file still reads', async () => {
    // The LAZR excerpt with its cash line as such platforms also print it: no name, a negative weight.
    const text = raw('tema_LAZR_2026-08-04.csv').replace('2026-08-04,,,CASH & CASH EQUIVALENTS,1,1,0.0112,1,,', '2026-08-04,Cash&Other,Cash&Other,,-1,-41250.5,-0.0021,1,,');
    const withFlag = (await read('lazr.csv', text)).h;
    expect(withFlag.excluded.map((e) => [e.line, e.ticker, e.reason])).toEqual([[6, 'Cash&Other', 'cash (the file marks it as cash)']]);
    // Without the is_cash column, the name rules decide: "Cash&Other" is cash by name, and its quantity is negative.
    const noFlag = text.split('\n').map((l) => splitLine(l).filter((_, i) => i !== 7).join(',')).join('\n');
    const { h } = await read('lazr-noflag.csv', noFlag);
    expect(h.excluded.map((e) => [e.line, e.reason])).toEqual([[6, 'cash']]);
    expect(h.positions).toHaveLength(4);
  });

  it('the newer Invesco download (Ticker, Company, Share/ Par, % TNA, Class of shares, CUSIP, Market value) reads, its date from the "# as of" line', async () => {
    const { h } = await read('invesco_SPMO_2026-05-08_new-layout.csv');
    expect(h.asOf).toEqual({ date: '2026-05-08', source: 'file' });
    expect([h.issuer, h.format]).toEqual(['Invesco', COLUMN_MEANING]);
    expect(h.positions).toMatchObject([{ ticker: 'NVDA', name: 'NVIDIA Corp', weight: 1, reportedWeight: 0.0901, marketValue: 1648306108, ids: { cusip: '67066G104' } }]);
    // The non-equity classes that download prints are left out by their class.
    const more = `${raw('invesco_SPMO_2026-05-08_new-layout.csv').replace('# as of 2026-05-08\n', '')}"USD","US Dollar","1.00","0.02%","Currency","","$10"\n"AGPXX","Invesco Government & Agency Portfolio","5.00","0.05%","Money Market Fund, Taxable","825252885","$5"\n"CASH","Uninvestible Cash","1.00","-0.01%","Uninvestible Cash","","-$1"\n# as of 2026-05-08\n`;
    const mixed = (await read('spmo.csv', more)).h;
    expect(mixed.positions.map((p) => p.ticker)).toEqual(['NVDA']);
    expect(mixed.excluded.map((e) => [e.ticker, e.reason])).toEqual([
      ['USD', 'cash'],
      ['AGPXX', 'money-market fund (cash sweep)'],
      ['CASH', 'cash'],
    ]);
  });

  it('the PowerShares-era QQQ header (FundTicker, SecurityNum, HoldingsTicker, …) reads: fund QQQ, as of 2018-05-14', async () => {
    const { h } = await read('invesco_QQQ_2018-05-14_powershares.csv');
    const rows = table(raw('invesco_QQQ_2018-05-14_powershares.csv'));
    expect(h.fundInFile).toBe('QQQ');
    expect(h.issuer).toBe('Invesco');
    expect(h.asOf).toEqual({ date: '2018-05-14', source: 'file' });
    expectWeights(h, rows.map((r) => ({ ticker: r.HoldingsTicker!.trim(), basis: num(r.Weight!) })));
    expect(h.positions.find((p) => p.ticker === 'ASML')!.ids).toEqual({ cusip: 'N07059210' });
    // A file whose rows name two funds would blend them: refused at the first row of the second.
    const mixed = raw('invesco_QQQ_2018-05-14_powershares.csv').replace('QQQ,594918104,MSFT', 'QQQM,594918104,MSFT');
    expect(fileError(() => readByMeaning({ ...textDoc('mixed.csv', mixed), excerpt: true }, 'X')).message).toBe(
      'mixed.csv, line 14: expected the same "FundTicker" as line 2 (QQQ): one file, one fund; found "QQQM"',
    );
  });
});

describe('rows, not files, in an issuer\'s profile', () => {
  it('a nameless, negative Cash&Other line in an ARK file is left out with its line and reason; the holdings read as before', async () => {
    const text = raw('ark_ARKK_2021-12-03.csv');
    const lines = text.split('\n');
    const first = splitLine(lines[1]!);
    // A cash line as platforms print it: ticker "Cash&Other", no name, a negative weight.
    const cash = first.map((c, i) => (i === 2 ? '' : i === 3 ? 'Cash&Other' : i === 4 ? '' : i === 5 ? '-1' : i === 6 ? '"($12,000.00)"' : i === 7 ? '-0.01%' : /,/.test(c) ? `"${c}"` : c)).join(',');
    const withCash = [...lines.slice(0, 2), cash, ...lines.slice(2)].join('\n');
    const before = (await read('arkk.csv', text)).h;
    const { h } = await read('arkk.csv', withCash);
    expect(h.excluded[0]).toMatchObject({ line: 3, ticker: 'Cash&Other', name: '', reason: 'cash (no name printed)', reportedWeight: -0.0001 });
    expect(h.positions.map((p) => [p.ticker, p.weight])).toEqual(before.positions.map((p) => [p.ticker, p.weight]));
    // A nameless line that nothing shows to be other than a stock still refuses the file, naming the line.
    const stock = withCash.replace(',Cash&Other,', ',TSLA,').replace('"($12,000.00)",-0.01%', '"$12,000.00",0.01%');
    expect(fileError(() => detectParser({ ...textDoc('arkk.csv', stock), excerpt: true }).parse({ ...textDoc('arkk.csv', stock), excerpt: true }, 'X')).message).toMatch(/^arkk\.csv, line 3: expected a holding name in "company"/);
  });
});

describe('columns told by their values', () => {
  it('a header renamed to nonsense still reads when the values make the columns clear, with the same weights', () => {
    // The PowerShares excerpt with its weights scaled to a whole fund (Σ 100), so that a full file's checks apply.
    const lines = raw('invesco_QQQ_2018-05-14_powershares.csv').trimEnd().split('\n');
    const total = table(lines.join('\n')).reduce((s, r) => s + num(r.Weight!), 0);
    const whole = [lines[0], ...lines.slice(1).map((l) => splitLine(l).map((c, i) => (i === 5 ? String((num(c) / total) * 100) : /,/.test(c) ? `"${c}"` : c)).join(','))];
    const parse = (header: string): Holdings => {
      const doc = textDoc('qqq.csv', [header, ...whole.slice(1)].join('\n'));
      return detectParser(doc).parse(doc, 'QQQ');
    };
    const plain = parse(whole[0]!);
    const h = parse('aa,bb,cc,dd,ee,ff,gg,hh,ii');
    expect(h.positions).toHaveLength(23);
    expect(h.positions.map((p) => [p.ticker, p.name, p.ids, p.weight, p.marketValue])).toEqual(plain.positions.map((p) => [p.ticker, p.name, p.ids, p.weight, p.marketValue]));
    expect(h.asOf).toEqual({ date: '2018-05-14', source: 'file' });
    const note = h.notes[0]!;
    expect(note).toContain('cusip ← column 2 ("bb"), because its values pass the CUSIP check digit');
    expect(note).toContain('weight ← column 6 ("ff"), because its values add up to 100.00, a whole fund');
    expect(note).toContain('market value ← column 5 ("ee"), because its values are proportional to the weights');
    expect(note).toContain('ticker ← column 3 ("cc"), because its values are short codes, one per row');
    expect(note).toContain('name ← column 7 ("gg"), because its values are long and different on every row');
    expect(note).toContain('date ← column 9 ("ii"), because every value is the date 2018-05-14');
  });

  it('a whole file with a nonsense header: the weight column is the one that adds up to a whole fund, market value the one proportional to it', () => {
    // Four real VOLT rows, their weights scaled to a whole fund (Σ 100) so that a full file's checks apply.
    const rows = table(raw('tema_VOLT_2026-09-29.csv'));
    const total = rows.reduce((s, r) => s + num(r.percent_of_nav!), 0);
    const body = rows.map((r) => [r.proper_name, r.ticker, r.shares, r.market_value, String((num(r.percent_of_nav!) / total) * 100)].join(','));
    const doc = textDoc('volt.csv', ['q,r,s,t,u', ...body].join('\n'));
    const h = detectParser(doc).parse(doc, 'VOLT');
    expect(h.format).toBe(COLUMN_MEANING);
    expectWeights(h, rows.map((r) => ({ ticker: r.ticker!, basis: num(r.percent_of_nav!) })));
    expect(h.notes[0]).toContain('weight ← column 5 ("u"), because its values add up to 100.00, a whole fund');
    expect(h.notes[0]).toContain('market value ← column 4 ("t"), because its values are proportional to the weights');
  });

  it('two plausible weight columns that disagree are refused, naming both', async () => {
    const text = raw('tema_VOLT_2026-09-29.csv').replace('percent_of_nav,is_cash', 'percent_of_nav,% of NAV (T-1),is_cash');
    const lines = text.split('\n').map((l, i) => (i === 0 || l === '' ? l : l.replace(/,(0\.06\d\d),0,/, (_, w) => `,${w},${i === 1 ? '0.0710' : w},0,`)));
    const error = fileError(() => readByMeaning({ ...textDoc('two.csv', lines.join('\n')), excerpt: true }, 'X'));
    expect(error.message).toMatch(/^two\.csv, line 1: expected one weight column; found "two that disagree: \\"percent_of_nav\\" \(Σ 0\.1973\) and \\"% of NAV \(T-1\)\\" \(Σ 0\.2012\) differ by 1\.28 points of weight on row 1 of the table"$/);
    // The same through detection: the reason is given, not a generic "no layout".
    const doc = { ...textDoc('two.csv', lines.join('\n')), excerpt: true };
    expect(fileError(() => detectParser(doc).parse(doc, 'X')).message).toContain('two that disagree');
  });

  it('two weight columns that agree (one rounded) read, from the first', async () => {
    const text = raw('tema_VOLT_2026-09-29.csv').replace('percent_of_nav,is_cash', 'percent_of_nav,Weight %,is_cash');
    const lines = text.split('\n').map((l, i) => (i === 0 || l === '' ? l : l.replace(/,(0\.06\d\d),0,/, (_, w: string) => `,${w},${(Number(w) * 100).toFixed(1)},0,`)));
    const { h } = await read('agree.csv', lines.join('\n'));
    expect(h.positions.map((p) => p.reportedWeight)).toEqual([0.0671, 0.0668, 0.0634]);
  });

  it('weights that add up to nothing sensible refuse a whole file, with the total', () => {
    const doc = textDoc('short.csv', raw('tema_VOLT_2026-09-29.csv'));
    expect(fileError(() => detectParser(doc).parse(doc, 'VOLT')).message).toBe(
      'short.csv, line 1: expected weights in "percent_of_nav" that add up to about 100% (or 1) of the fund; found "a total of 0.1973 over 3 rows"',
    );
  });

  it('a table whose columns say nothing of holdings is refused as before', () => {
    const doc = textDoc('prices.csv', 'date,open,high,low,close\n2026-01-02,1,2,0.5,1.5\n');
    expect(fileError(() => detectParser(doc).parse(doc, 'X')).message).toMatch(/^prices\.csv, line 1: expected a holdings header with a name, a ticker or code, and a weight column/);
  });
});

describe('an iShares file re-saved in Excel with its date as 13-Apr-26', () => {
  it('reads, with the date the re-save printed (it was refused before)', async () => {
    const text = raw('ishares_ACWI_2022-03-10.csv');
    expect(text).toContain('"Mar 10, 2022"');
    const { h } = await read('acwi.csv', text.replace('"Mar 10, 2022"', '10-Mar-22'));
    const before = (await read('acwi.csv', text)).h;
    expect(h.asOf).toEqual({ date: '2022-03-10', source: 'file' });
    expect(h.positions.map((p) => p.weight)).toEqual(before.positions.map((p) => p.weight));
  });
});

describe('asset classes without false positives', () => {
  // Real holdings whose names hold a derivative's word: Option Care Health (SPDR MDY, Jan 2025),
  // FutureFuel, Cash America, Forward Air, each with its real ticker and CUSIP; and Prosegur Cash
  // (Madrid, ticker CASH; in Vanguard's VT file of 05/31/2026, which gives a SEDOL, no CUSIP), here
  // with no identifier. No real company named "... Swap ..." was found (derivative-names-real.test.ts
  // checks these and more real names in the real VT and VTI files).
  const companies = [
    ['OPCH', 'Option Care Health Inc', '68404L201'],
    ['FF', 'FutureFuel Corp', '36116M106'],
    ['CSH', 'Cash America International Inc', '14754D100'],
    ['FWRD', 'Forward Air Corp', '349853101'],
    ['CASH', 'Prosegur Cash SA', '---------'],
  ] as const;

  it.each(companies)('%s (%s) is a stock by name rules, with or without an identifier', (ticker, name, cusip) => {
    expect(nonEquityReason({ name, ticker, hasId: true, quantity: 1000 })).toBeNull();
    expect(nonEquityReason({ name, ticker })).toBeNull();
    expect(cusip).toHaveLength(9);
  });

  it('the SPDR MidCap file keeps Option Care Health (it was dropped as an option before)', async () => {
    const { h } = await read('spdr_MDY_2025-01-31_option-care.xlsx');
    expect(h.format).toBe('spdr-xlsx');
    expect(h.positions.find((p) => p.ticker === 'OPCH')).toMatchObject({ name: 'Option Care Health Inc', reportedWeight: 0.00172923, ids: { cusip: '68404L201', sedol: 'BKM5C62' } });
    expect(h.excluded).toEqual([]);
    expect(h.positions).toHaveLength(12);
  });

  it('in a file with an asset-class column and in one without, the companies stay and the contracts go', () => {
    const rows = [
      ...companies.map(([t, n, c]) => `${t},${n},${c},Common Stock,1000,10`),
      'FAH6,S&P MID 400 EMINI MAR 26,,Futures,12,0',
      ',FX FORWARD EUR/USD,,Forward,-1,0',
      ',TOTAL RETURN SWAP MSCI EM,,Swap,1,0',
      'ESZ5,S&P500 EMINI DEC 25,,Futures,3,0',
    ];
    const withClass = textDoc('classes.csv', ['Ticker,Name,CUSIP,Asset Class,Shares,Weight', ...rows].join('\n'));
    const noClass = textDoc('names.csv', ['Ticker,Name,CUSIP,Shares,Weight', ...rows.map((r) => splitLine(r).filter((_, i) => i !== 3).join(','))].join('\n'));
    for (const doc of [withClass, noClass]) {
      const h = readByMeaning({ ...doc, excerpt: true }, 'X');
      expect(h.positions.map((p) => p.ticker).sort(), doc.file).toEqual(['CASH', 'CSH', 'FF', 'FWRD', 'OPCH']);
      expect(h.excluded.map((e) => e.reason), doc.file).toEqual([
        'futures (notional exposure, not a holding)',
        'currency forward (not a holding)',
        'swap (derivative, not a holding)',
        'futures (notional exposure, not a holding)',
      ]);
    }
  });

  it('a derivative word excludes a row only with a second signal', () => {
    expect(nonEquityReason({ name: 'NASDAQ 100 FUTURE', ticker: 'NQH6' })).toBe('futures (notional exposure, not a holding)');
    expect(nonEquityReason({ name: 'EURO STOXX FUT', ticker: '', hasId: false })).toBe('futures (notional exposure, not a holding)');
    expect(nonEquityReason({ name: 'JPY FORWARD', ticker: 'JPY' })).toBe('currency forward (not a holding)');
    expect(nonEquityReason({ name: 'CDX SWAP', ticker: 'CDX1', quantity: -5 })).toBe('swap (derivative, not a holding)');
    expect(nonEquityReason({ name: 'Forward Air Corp', ticker: 'FWRD', quantity: 10 })).toBeNull();
  });

  it('the file\'s own column decides: a label, an is_cash flag, or nothing said', () => {
    expect(printedClassReason('Common Stock')).toBeNull();
    expect(printedClassReason('Real Estate Investment Trust')).toBeNull();
    expect(printedClassReason('Futures')).toBe('futures (notional exposure, not a holding)');
    expect(printedClassReason('Money Market Fund, Taxable')).toBe('money-market fund (cash sweep)');
    expect(printedClassReason('Bond')).toBe('not equity (asset class "Bond")');
    expect(printedClassReason('', '1')).toBe('cash (the file marks it as cash)');
    expect(printedClassReason('', '0')).toBeNull();
    expect(printedClassReason('')).toBeUndefined();
  });
});
