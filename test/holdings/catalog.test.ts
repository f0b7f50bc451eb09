import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { folderLabel, loadCatalog, type Catalog } from '../../holdings/catalog.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const invesco = readFileSync(path.join(FIXTURES, 'invesco/TEST_holdings.csv'), 'utf8');
const ishares = readFileSync(path.join(FIXTURES, 'ishares/TEST_holdings.csv'), 'utf8');
const lines = invesco.split('\n');

/** One folder per fund, each holding one variant of a hand-written fixture. */
const FOLDERS: Record<string, [file: string, text: string]> = {
  GOOD: ['TEST_holdings.csv', invesco],
  EMPTY: ['empty.csv', ''],
  TRUNC: ['ishares.csv', ishares.slice(0, ishares.indexOf('"7203"') + 30)],
  OTHER: ['prices.csv', 'date,open,high,low,close\n2026-01-02,1,2,0.5,1.5\n'],
  TEXTW: ['TEST_holdings.csv', invesco.replace('49.990', 'forty-nine')],
  DUP: ['TEST_holdings.csv', [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\n')],
  FAR: ['TEST_holdings.csv', [lines[0], lines[1]].join('\n') + '\n'],
};

let catalog: Catalog;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'topheavy-catalog-'));
  for (const [fund, [file, text]] of Object.entries(FOLDERS)) {
    mkdirSync(path.join(dir, fund));
    writeFileSync(path.join(dir, fund, file), text);
  }
  writeFileSync(path.join(dir, 'README.txt'), 'not a fund folder');
  catalog = await loadCatalog(dir);
});

const problem = (fund: string) => catalog.problems.find((p) => p.fund === fund)?.message;

describe('loadCatalog with bad files beside a good one', () => {
  test('the good fund loads; every bad file is reported, none is loaded, nothing throws', () => {
    // The Invesco file prints its own fund ticker (TEST) in "Fund Ticker": that wins over the folder's name.
    expect([...catalog.funds.keys()]).toEqual(['TEST']);
    expect(catalog.problems.map((p) => p.fund).sort()).toEqual(['DUP', 'EMPTY', 'FAR', 'OTHER', 'TEXTW', 'TRUNC']);
    expect(catalog.funds.get('TEST')!.holdings.positions.map((p) => p.ticker)).toEqual(['NVDA', 'GOOGL', 'ASML', 'V']);
    expect(catalog.funds.get('TEST')!.holdings.notes).toContain('Filed under GOOD (folder "GOOD"), but the file itself names TEST: stored as TEST.');
  });

  test.each([
    ['EMPTY', 'empty.csv: expected a holdings file with a table; found "an empty file"'],
    ['OTHER', /^prices\.csv, line 1: expected a holdings header with a name, a ticker or code, and a weight column; found "[a-z0-9-]+: no [a-z, ]+ column; saw date, open, high, low, close; next nearest /],
    ['TEXTW', /^TEST_holdings\.csv, line 2: expected a number in "Weight"; found "forty-nine"$/],
    ['DUP', /^TEST_holdings\.csv, line 4: expected each security once; this row repeats line 3 exactly; found "GOOGL"$/],
    ['FAR', /^TEST_holdings\.csv: expected weights that add up to about 100% of the fund .*; found "49\.99% over 1 row"$/],
    ['TRUNC', /^ishares\.csv, line 13: /],
  ])('%s: the message names the file, the line and what was expected', (fund, message) => {
    expect(problem(fund)).toMatch(message);
  });
});

describe('an empty or missing HOLDINGS_DIR', () => {
  test('gives an empty catalog, not an error', async () => {
    const missing = await loadCatalog(path.join(tmpdir(), 'topheavy-no-such-dir'));
    expect(missing.funds.size).toBe(0);
    expect(missing.problems).toEqual([]);
  });
});

describe('fund folders named as people name them', () => {
  test.each([
    ['QQQ_2020', 'QQQ'],
    ['qqq-2020', 'QQQ'],
    ['ｑｑｑ', 'QQQ'],
    ['1306', '1306'],
    ['N225', 'N225'],
    ['spy 2026-02-12', 'SPY'],
    ['BRK.B', 'BRK.B'],
    ['not a ticker!', null],
  ])('%s names the fund %s', async (folder, fund) => {
    const { fundKey } = await import('../../holdings/fund-name.ts');
    expect(fundKey(folder)).toBe(fund);
  });

  test('an iShares file (no ticker inside) in "ivv_2025" loads as IVV; an Invesco file in "qqq-2020" loads under the ticker it prints', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'topheavy-names-'));
    mkdirSync(path.join(dir, 'ivv_2025'));
    writeFileSync(path.join(dir, 'ivv_2025', 'TEST_holdings.csv'), ishares);
    mkdirSync(path.join(dir, 'qqq-2020'));
    writeFileSync(path.join(dir, 'qqq-2020', 'TEST_holdings.csv'), invesco);
    const c = await loadCatalog(dir);
    expect(c.problems).toEqual([]);
    expect([...c.funds.keys()].sort()).toEqual(['IVV', 'TEST']);
    expect(c.funds.get('IVV')!.holdings.fund).toBe('IVV');
  });
});

describe('a holdings folder read around what it cannot read', () => {
  test('a nested folder, a stray file and a broken link are each named with the reason; the good files still load; any folder name is a label', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'topheavy-around-'));
    mkdirSync(path.join(dir, 'GOOD', 'old-downloads'), { recursive: true });
    writeFileSync(path.join(dir, 'GOOD', 'TEST_holdings.csv'), invesco);
    writeFileSync(path.join(dir, 'GOOD', 'old-downloads', 'TEST_holdings.csv'), invesco);
    mkdirSync(path.join(dir, 'IWM_2021_strict'));
    writeFileSync(path.join(dir, 'IWM_2021_strict', 'holdings.csv'), ishares);
    mkdirSync(path.join(dir, 'my funds (old)'));
    writeFileSync(path.join(dir, 'my funds (old)', 'holdings.csv'), ishares);
    writeFileSync(path.join(dir, 'stray.csv'), invesco);
    symlinkSync(path.join(dir, 'nowhere.csv'), path.join(dir, 'GOOD', 'broken.csv'));
    const c = await loadCatalog(dir);
    expect([...c.funds.keys()].sort()).toEqual(['IWM', 'MY', 'TEST']);
    expect(c.funds.get('IWM')!.holdings.notes).toContain('The folder "IWM_2021_strict" names no fund ticker and the file prints none: stored under IWM, a label taken from the folder\'s name.');
    const problems = c.problems.map((p) => `${p.fund}/${p.file}: ${p.message}`).sort();
    expect(problems).toEqual([
      'GOOD/broken.csv: cannot be read (ENOENT)',
      "GOOD/old-downloads: a folder inside a fund folder is not read: put each fund's files directly in its own folder",
      'STRAY.CSV/stray.csv: "stray.csv" is a file beside the fund folders: put it in a folder named for its fund (such as SPY or QQQ_2020)',
    ]);
  });

  test.each([
    ['IWM_2021_strict', 'IWM'],
    ['my funds (old)', 'MY'],
    ['(((', 'FOLDER'],
    ['qqq-2020', 'QQQ'],
  ])('folder %s is filed under %s', (name, label) => {
    expect(folderLabel(name)).toBe(label);
  });
});
