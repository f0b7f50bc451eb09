import { nonEquityReason, printedClassReason } from './asset-class.ts';
import { buildHoldings, type FileMeta, type RawRow } from './build.ts';
import { isBelowPrintedPrecision, numberOrNaN, readDate } from './cells.ts';
import { cusipCheckDigitHolds, isinCheckDigitHolds, sedolCheckDigitHolds } from './check-digits.ts';
import { countryCode } from './countries.ts';
import { csvRecords, isBlank, requireText, requireWidth, type CsvRecord } from './csv.ts';
import type { Doc } from './doc.ts';
import { HoldingsFileError } from './errors.ts';
import { sectorFromLabel } from './sectors.ts';
import { sheetRecords } from './table.ts';
import type { AsOf, GicsSector, Holdings, Identifiers, Issuer } from './types.ts';
import { headerKey } from './header.ts';
import { meaningOf, meaningText, type Meaning } from './vocabulary.ts';

/**
 * One table reader for any issuer's holdings table: rows in, holdings out. The header is read
 * with the shared vocabulary (holdings/vocabulary.ts), and every column is confirmed by its
 * values: weights must add up to about 100 (or 1, for fractions), market values must be
 * proportional to them, identifiers must pass their check digits, a date column must hold one
 * date. Where the header is missing or says nothing we know, a column is recognised by its
 * values alone, and the notes say so. The row loop is here once: each row is read, classified by
 * the file's own asset-class or is_cash column (a name pattern only where the file has none, and
 * only with a second signal), and a row that cannot be read is excluded with its line and reason
 * when it is clearly not an equity holding; the file is refused only when an equity row cannot be
 * read or the weights do not add up.
 */

/** Where each meaning sits, and how it was told. */
export interface Layout {
  /** Index of the header record (-1 when the table starts on the first record with no header). */
  header: number;
  /** Index past the last table row. */
  end: number;
  col: Map<Meaning, number>;
  /** Meanings recognised by their values alone, with what the values showed. */
  inferred: Map<Meaning, string>;
  /** What the file's weights are: percent (100) or fractions (1) of the fund. */
  scale: 100 | 1;
  /** Weights from market value (rounded printed weights) rather than the printed ones. */
  byValue: boolean;
  headerCells: string[];
  /** The weight and market-value columns already read as numbers, by table row (NaN: unreadable). */
  numbers: { weight: (number | null)[]; marketValue?: (number | null)[] };
}

/** A refusal found while reading the layout: the file is not read, and this says why. */
export class LayoutRefusal {
  constructor(
    readonly line: number | null,
    readonly expected: string,
    readonly found: string,
    /** True when the table is a holdings table whose figures do not hold (weights that disagree or add up to nothing): the reason to give. */
    readonly specific = false,
  ) {}
}

/**
 * What is truly one issuer's about its table, declared for the one reader: how it prints weights,
 * what its own classes mean, where its table ends, what its notes say. The header, the row loop,
 * the numbers, the date and fund checks are the reader's, the same for every issuer.
 */
export interface Profile {
  format: string;
  issuer: Issuer;
  /** Percent (100) or fractions (1), as the issuer prints weights; the builder's whole-fund check judges the total. */
  scale: 100 | 1;
  /** The header as a refusal names it ("the ARK header"). */
  header: string;
  /** Why the as-of date is unknown where the file has no date column. */
  noDate: string;
  /** The issuer's rule for what a row is: a reason to leave it out (null for equity), and the class stored. */
  classify(row: { name: string; ticker: string; label: string; hasLabel: boolean; quantity: number | null; hasId: boolean }): { reason: string | null; assetClass: string };
  /** What a text file of this issuer is called in a refusal ("an ARK CSV"). */
  kind: string;
  /** Which rows must name their holding: every row, the equity rows, or any row by a name or a ticker. */
  nameRequired: 'every row' | 'equity rows' | 'name or ticker';
  /** Whether the shares column is read (and a number it cannot read refuses the file). */
  readsShares?: boolean;
  /** The fund's name and as-of date from the lines above the header. */
  preamble?(file: string, records: readonly CsvRecord[]): { name?: string; asOf?: AsOf };
  /** Why market value weights the fund where the file prints one (the printed weights are too rounded). */
  byValue?: string;
  /** The issuer's last word on a row read (a ticker that carries its exchange, a country told by it). */
  finish?(row: RawRow): RawRow;
  /** A line that ends the table besides a blank one (a disclaimer). */
  footer?: (record: CsvRecord) => boolean;
  /** The notes the issuer's file calls for, from the rows read. */
  notes(rows: readonly RawRow[]): string[];
}

const HEADER_WITHIN = 40;
/** Column shares above which a column is taken to hold a kind of value. */
const MOSTLY = 0.9;

/** Records of a document: a text file's CSV records or a sheet's rows as text. */
export function docRecords(doc: Doc, lenient = false): CsvRecord[] {
  return doc.kind === 'text' ? csvRecords(doc.file, doc.text, lenient) : sheetRecords(doc);
}

/** The layout of the table in these records, or why it cannot be read. */
export function readLayout(records: readonly CsvRecord[], excerpt: boolean, profile?: Profile): Layout | LayoutRefusal {
  const header = findHeader(records);
  if (header === null) return new LayoutRefusal(null, 'a table with a header row or columns whose values say what they are', `no such table in the first ${HEADER_WITHIN} lines`);
  const end = tableEnd(records, header.index + 1, profile?.footer);
  const rows = records.slice(header.index + 1, end);
  if (rows.length === 0) return new LayoutRefusal((records[header.index]?.line ?? 0) + 1, `holding rows under ${profile?.header ?? 'the header'}`, 'none', true);
  const width = Math.max(header.cells.length, ...rows.slice(0, 50).map((r) => r.cells.length));
  // Each column's values are looked at only when a decision needs them (VT: 4 of 11 columns).
  const made: (ColumnStats | undefined)[] = [];
  const firsts: (string | undefined)[] = [];
  const stats: Stats = {
    width,
    at: (j) => (made[j] ??= columnStats(rows, j, header.meanings[j] === null)),
    first: (j) => (firsts[j] ??= rows.map((r) => (r.cells[j] ?? '').trim()).find((t) => t !== '') ?? ''),
  };
  const col = new Map<Meaning, number>();
  const inferred = new Map<Meaning, string>();
  header.meanings.forEach((m, j) => {
    if (m !== null && !col.has(m)) col.set(m, j);
  });
  // An issuer's profile names its columns: they are read as its header says, and its weights judged by the builder.
  const free = (j: number): boolean => !profile && header.meanings[j] === null && ![...col.values()].includes(j);
  inferIdentifiers(stats, col, inferred, free);
  const weight = profile ? { scale: profile.scale, coarse: false } : chooseWeight(records[header.index], header, stats, col, inferred, free, excerpt);
  if (weight instanceof LayoutRefusal) return weight;
  if (!col.has('weight')) return new LayoutRefusal(records[header.index]?.line ?? null, 'a weight column', `no weight column; saw ${describe(header.cells)}`);
  inferMarketValue(stats, col, inferred, free);
  inferText(stats, col, inferred, free);
  inferDate(stats, col, inferred, free);
  if (!col.has('name') && !col.has('ticker')) {
    return new LayoutRefusal(records[header.index]?.line ?? rows[0]!.line, 'a column of holding names or tickers', `no name or ticker column; saw ${describe(header.cells)}`);
  }
  const values = col.has('marketValue') ? stats.at(col.get('marketValue')!) : null;
  const byValue = weight.coarse && values !== null && precise(values) >= MOSTLY && consistent(values, stats.at(col.get('weight')!)) >= MOSTLY;
  return { header: header.index, end, col, inferred, scale: weight.scale, byValue, headerCells: header.cells, numbers: { weight: stats.at(col.get('weight')!).numbers, ...(values ? { marketValue: values.numbers } : {}) } };
}

/** A table's columns, each one's stats made on first use. */
interface Stats {
  width: number;
  at(j: number): ColumnStats;
  /** A column's first filled value: a column whose first value is no id or date is not looked at further for one. */
  first(j: number): string;
}

/** The stats of the columns that pass `keep` (tested on the index first, so others are never made). */
function columnsWhere(stats: Stats, keep: (j: number) => boolean, test: (s: ColumnStats) => boolean): ColumnStats[] {
  const out: ColumnStats[] = [];
  for (let j = 0; j < stats.width; j++) if (keep(j) && test(stats.at(j))) out.push(stats.at(j));
  return out;
}

interface Header {
  index: number;
  cells: string[];
  meanings: (Meaning | null)[];
}

/**
 * The header: among the first lines, the row naming the most meanings we know (two at least);
 * else the first row of labels (three or more cells, none a number) above a row with numbers,
 * whose columns are then told by their values alone.
 */
function findHeader(records: readonly CsvRecord[]): Header | null {
  let best: Header | null = null;
  let bestCount = 1;
  const limit = Math.min(records.length, HEADER_WITHIN);
  for (let i = 0; i < limit; i++) {
    const cells = records[i]!.cells.map((c) => c.trim());
    const meanings = cells.map(meaningOf);
    const count = new Set(meanings.filter((m) => m !== null)).size;
    if (count > bestCount) {
      best = { index: i, cells, meanings };
      bestCount = count;
    }
  }
  if (best) return best;
  for (let i = 0; i + 1 < limit; i++) {
    const cells = records[i]!.cells.map((c) => c.trim());
    const filled = cells.filter((c) => c !== '');
    const next = records[i + 1]!.cells;
    if (filled.length >= 3 && filled.every((c) => numberOrNaN(c) === null || Number.isNaN(numberOrNaN(c))) && next.length >= cells.length && next.some((c) => Number.isFinite(numberOrNaN(c)))) {
      return { index: i, cells, meanings: cells.map(() => null) };
    }
  }
  return null;
}

/** A disclaimer after an issuer's table: one cell of prose (a re-save may pad it with empty cells); a row cut to one short cell is damage, not a footer. */
export function disclaimerLine(record: CsvRecord): boolean {
  return record.cells.filter((c) => c.trim() !== '').length === 1 && (record.cells[0] ?? '').trim().length >= 40;
}

/** The table ends at a blank line, or at a line of one cell (a note, a disclaimer, "# as of …") or the issuer's own footer. */
function tableEnd(records: readonly CsvRecord[], from: number, footer?: (record: CsvRecord) => boolean): number {
  const ends = footer ?? ((r: CsvRecord) => r.cells.filter((c) => c.trim() !== '').length <= 1);
  let i = from;
  while (i < records.length && !isBlank(records[i]!) && !ends(records[i]!)) i++;
  return i;
}

/** What one column's values are, over the table's rows. */
interface ColumnStats {
  index: number;
  texts: string[];
  filled: number;
  /** Values read as numbers (NaN where a cell is not one, null where blank or rounded away). */
  numbers: (number | null)[];
  numeric: number;
  /** Cells printed as "<0.01%": a weight rounded away. */
  belowPrecision: number;
  sum: number;
  dates: number;
  date: string | null;
  oneDate: boolean;
  isin: number;
  cusip: number;
  sedol: number;
  meanLength: number;
  codeLike: number;
  distinct: number;
}

/** A column's stats; what only telling an unnamed column by its values needs (ids, dates, codes) is counted only for those (`unnamed`). */
function columnStats(rows: readonly CsvRecord[], j: number, unnamed: boolean): ColumnStats {
  const texts = rows.map((r) => (r.cells[j] ?? '').trim());
  const s: ColumnStats = { index: j, texts, filled: 0, numbers: [], numeric: 0, belowPrecision: 0, sum: 0, dates: 0, date: null, oneDate: true, isin: 0, cusip: 0, sedol: 0, meanLength: 0, codeLike: 0, distinct: 0 };
  let length = 0;
  for (const text of texts) {
    const below = text.charCodeAt(0) === 60 && isBelowPrintedPrecision(text);
    const value = below ? null : numberOrNaN(text);
    s.numbers.push(value);
    if (text === '') continue;
    s.filled++;
    length += text.length;
    if (below) s.belowPrecision++;
    else if (value !== null && !Number.isNaN(value)) {
      s.numeric++;
      s.sum += value;
    }
    if (unnamed) countKinds(s, text);
  }
  s.meanLength = s.filled === 0 ? 0 : length / s.filled;
  if (unnamed) s.distinct = new Set(texts.filter((t) => t !== '')).size;
  return s;
}

/** Codes, identifiers and dates among a column's values (for columns told by their values). */
function countKinds(s: ColumnStats, text: string): void {
  if (/^[A-Z0-9][A-Z0-9.\-/ ]{0,11}$/.test(text)) s.codeLike++;
  if (text.length === 12 && isinCheckDigitHolds(text)) s.isin++;
  else if (text.length === 9 && cusipCheckDigitHolds(text)) s.cusip++;
  else if (text.length === 7 && sedolCheckDigitHolds(text)) s.sedol++;
  if (s.filled > 3 && s.dates === 0) return;
  const date = /\d/.test(text) ? readDate(text) : null;
  if (!date) return;
  s.dates++;
  if (s.date === null) s.date = date;
  else if (s.date !== date) s.oneDate = false;
}

/** Share of a column's numbers printed with four significant digits or more (a market value precise enough to weight by; "$4.0B" is not). */
function precise(s: ColumnStats): number {
  const digits = s.texts.filter((t, i) => s.numbers[i] !== null && t.replace(/\D/g, '').replace(/^0+/, '').length >= 4).length;
  return share(s, digits);
}

/** Share of a column's filled cells that pass a test counted in its stats. */
function share(s: ColumnStats, count: number): number {
  return s.filled === 0 ? 0 : count / s.filled;
}

function isNumeric(s: ColumnStats): boolean {
  return s.filled > 0 && share(s, s.numeric + s.belowPrecision) >= MOSTLY && share(s, s.dates) < 0.5;
}

function inferIdentifiers(stats: Stats, col: Map<Meaning, number>, inferred: Map<Meaning, string>, free: (j: number) => boolean): void {
  for (const [meaning, count, what] of [
    ['isin', (s: ColumnStats) => s.isin, 'ISIN'],
    ['cusip', (s: ColumnStats) => s.cusip, 'CUSIP'],
    ['sedol', (s: ColumnStats) => s.sedol, 'SEDOL'],
  ] as const) {
    if (col.has(meaning)) continue;
    const [found] = columnsWhere(stats, (j) => free(j) && isIdentifier(stats.first(j)), (s) => s.filled > 0 && share(s, count(s)) >= 0.8);
    if (!found) continue;
    col.set(meaning, found.index);
    inferred.set(meaning, `its values pass the ${what} check digit`);
  }
}

function isIdentifier(text: string): boolean {
  return isinCheckDigitHolds(text) || cusipCheckDigitHolds(text) || sedolCheckDigitHolds(text);
}

/** A plausible total for a whole fund's weights, in percent or in fractions. */
function wholeScale(sum: number): 100 | 1 | null {
  if (sum >= 90 && sum <= 110) return 100;
  if (sum >= 0.9 && sum <= 1.1) return 1;
  return null;
}

/** A header that says "share of the fund" even where the vocabulary does not know it ("Wt. (adj)", "% alloc"). */
const WEIGHTISH = /%|weight|\bwt\b|pct|percent|alloc/i;

/**
 * The weight column. Candidates are the columns whose header names a weight, and free numeric
 * columns whose header says share or whose values add up to a whole fund. Two candidates that
 * disagree are refused, naming both; a weight that adds up to nothing sensible is refused (an
 * excerpt is exempt: its rows cannot add up). Weights printed too coarsely for small holdings
 * (0.00, "<0.01%") are flagged so that market value can weight instead.
 */
function chooseWeight(
  headerRecord: CsvRecord | undefined,
  header: Header,
  stats: Stats,
  col: Map<Meaning, number>,
  inferred: Map<Meaning, string>,
  free: (j: number) => boolean,
  excerpt: boolean,
): { scale: 100 | 1; coarse: boolean } | LayoutRefusal {
  const line = headerRecord?.line ?? null;
  const named = columnsWhere(stats, (j) => header.meanings[j] === 'weight', isNumeric);
  const guessed = columnsWhere(stats, (j) => free(j) && (named.length === 0 || WEIGHTISH.test(header.cells[j] ?? '')), (s) => isNumeric(s) && (WEIGHTISH.test(header.cells[s.index] ?? '') || (named.length === 0 && wholeScale(s.sum) !== null && s.sum > 0)));
  const candidates = [...named, ...guessed];
  const label = (s: ColumnStats): string => (header.cells[s.index] ? `"${header.cells[s.index]}"` : `column ${s.index + 1}`);
  if (candidates.length === 0) return new LayoutRefusal(line, 'a weight column (a share of the fund on every row)', `no weight column; saw ${describe(header.cells)}`);
  const [first, ...others] = candidates;
  for (const other of others) {
    const gap = largestGap(first!, other);
    // Two printings of one weight differ by their rounding at most (each half its last digit, as a share of its total).
    const rounding = 100 * (halfUnit(first!) / Math.abs(first!.sum) + halfUnit(other) / Math.abs(other.sum)) + 1e-9;
    if (gap.points > rounding) {
      return new LayoutRefusal(
        line,
        'one weight column',
        `two that disagree: ${label(first!)} (Σ ${round(first!.sum)}) and ${label(other)} (Σ ${round(other.sum)}) differ by ${gap.points.toFixed(2)} points of weight on row ${gap.row + 1} of the table`,
        true,
      );
    }
  }
  const chosen = first!;
  col.set('weight', chosen.index);
  if (!named.includes(chosen)) inferred.set('weight', `its values add up to ${round(chosen.sum)}, a whole fund`);
  const coarse = chosen.belowPrecision > 0 || chosen.numbers.some((v) => v === 0);
  const scale = wholeScale(chosen.sum) ?? (chosen.sum > 1.1 || chosen.belowPrecision > 0 || coarse ? 100 : 1);
  // Rounded weights that run short are weighed by market value later; only a total that no fund has is refused here.
  if (!excerpt && wholeScale(chosen.sum) === null && !(coarse && chosen.sum >= 60 && chosen.sum <= 110)) {
    return new LayoutRefusal(line, `weights in ${label(chosen)} that add up to about 100% (or 1) of the fund`, `a total of ${round(chosen.sum)} over ${chosen.filled} rows`, true);
  }
  return { scale, coarse };
}

/** Half the last printed digit of a column's values (0.005 for "9.01%", 0.00005 for 0.0671). */
function halfUnit(s: ColumnStats): number {
  let decimals = 0;
  for (const t of s.texts) {
    const m = /\.(\d+)/.exec(t);
    if (m && m[1]!.length > decimals) decimals = m[1]!.length;
  }
  return 0.5 * 10 ** -decimals;
}

/** The largest difference between two columns' shares of their own totals, in percentage points. */
function largestGap(a: ColumnStats, b: ColumnStats): { points: number; row: number } {
  let points = 0;
  let row = 0;
  a.numbers.forEach((x, i) => {
    const y = b.numbers[i];
    if (x === null || y === null || y === undefined || Number.isNaN(x) || Number.isNaN(y)) return;
    const gap = Math.abs((x / a.sum - y / b.sum) * 100);
    if (gap > points) {
      points = gap;
      row = i;
    }
  });
  return { points, row };
}

/** Share of rows where two columns agree as shares of their totals (within rounding of the printed weight). */
function consistent(values: ColumnStats, weights: ColumnStats): number {
  let both = 0;
  let agree = 0;
  values.numbers.forEach((v, i) => {
    const w = weights.numbers[i];
    if (v === null || w === null || w === undefined || Number.isNaN(v) || Number.isNaN(w) || v <= 0 || w <= 0) return;
    both++;
    const a = v / values.sum;
    const b = w / weights.sum;
    if (Math.abs(a - b) <= 0.0002 + 0.02 * b) agree++;
  });
  return both === 0 ? 0 : agree / both;
}

function inferMarketValue(stats: Stats, col: Map<Meaning, number>, inferred: Map<Meaning, string>, free: (j: number) => boolean): void {
  if (col.has('marketValue')) return;
  const weights = stats.at(col.get('weight')!);
  const [found] = columnsWhere(stats, free, (s) => isNumeric(s) && s.sum > 1000 && consistent(s, weights) >= MOSTLY);
  if (!found) return;
  col.set('marketValue', found.index);
  inferred.set('marketValue', 'its values are proportional to the weights');
}

/** Names and tickers told by their values: names are long and varied; tickers are short codes. */
function inferText(stats: Stats, col: Map<Meaning, number>, inferred: Map<Meaning, string>, free: (j: number) => boolean): void {
  if (col.has('ticker') && col.has('name')) return;
  const text = columnsWhere(stats, free, (s) => s.filled > 0 && share(s, s.numeric) < 0.5 && share(s, s.dates) < 0.5 && share(s, s.distinct) >= 0.8);
  if (!col.has('ticker')) {
    const ticker = text.find((s) => share(s, s.codeLike) >= MOSTLY && s.meanLength <= 8);
    if (ticker) {
      col.set('ticker', ticker.index);
      inferred.set('ticker', 'its values are short codes, one per row');
    }
  }
  if (!col.has('name')) {
    const name = text.filter((s) => s.index !== col.get('ticker') && s.meanLength > 6).sort((a, b) => b.meanLength - a.meanLength)[0];
    if (name) {
      col.set('name', name.index);
      inferred.set('name', 'its values are long and different on every row');
    }
  }
}

function inferDate(stats: Stats, col: Map<Meaning, number>, inferred: Map<Meaning, string>, free: (j: number) => boolean): void {
  if (col.has('date')) return;
  const [found] = columnsWhere(stats, (j) => free(j) && /\d/.test(stats.first(j)) && readDate(stats.first(j)) !== null, (s) => s.filled > 0 && share(s, s.dates) >= MOSTLY && s.oneDate);
  if (!found) return;
  col.set('date', found.index);
  inferred.set('date', `every value is the date ${found.date}`);
}

/** A whole table read row by row with its layout: RawRows for the builder. */
export function readRows(file: string, records: readonly CsvRecord[], layout: Layout, profile?: Profile): RawRow[] {
  const { col } = layout;
  const at = (m: Meaning): number => col.get(m) ?? -1;
  const [nameAt, tickerAt, classAt, cashAt, sectorAt, countryAt, exchangeAt, sharesAt] = (['name', 'ticker', 'assetClass', 'isCash', 'sector', 'country', 'exchange', 'shares'] as const).map(at);
  const idsAt = (['isin', 'cusip', 'sedol', 'identifier'] as const).map(at).filter((j) => j >= 0);
  const hasClass = classAt! >= 0 || cashAt! >= 0;
  const columnName = (m: Meaning): string => layout.headerCells[at(m)] || meaningText(m);
  const weights = layout.numbers.weight;
  const values = layout.numbers.marketValue;
  const headerRecord = records[layout.header];
  // Labels repeat (a few dozen sectors and countries over thousands of rows): each is mapped once.
  const sectors = new Map<string, GicsSector | null>();
  const sectorOf = (label: string): GicsSector | null => {
    let sector = sectors.get(label);
    if (sector === undefined) {
      // An issuer's profile prints GICS sectors; any other table may print sub-industries or industries (Vanguard's) instead.
      sector = sectorFromLabel(label, 'gics-sector') ?? (profile ? null : sectorFromLabel(label, 'gics-sub-industry'));
      sectors.set(label, sector);
    }
    return sector;
  };
  const countries = new Map<string, string | null>();
  const countryOf = (label: string): string | null => {
    let code = countries.get(label);
    if (code === undefined) countries.set(label, (code = countryCode(label)));
    return code;
  };
  const rows: RawRow[] = [];
  for (let i = layout.header + 1; i < layout.end; i++) {
    const record = records[i]!;
    const cells = record.cells;
    // An issuer's row as short as its header lost cells (a cut file): refused, not read short.
    if (profile && headerRecord) requireWidth(file, record, headerRecord);
    const k = i - layout.header - 1;
    const name = cellText(cells, nameAt!);
    const ticker = cellText(cells, tickerAt!);
    const ids = profile ? shapedIds(cells, idsAt) : identifiers(cells, idsAt);
    const weight = weights[k]!;
    const value = values ? values[k]! : null;
    const shares = sharesAt! >= 0 && (!profile || profile.readsShares) ? numberOrNaN(cellText(cells, sharesAt!)) : null;
    let label = cellText(cells, classAt!);
    let reason: string | null;
    // A nameless line that its ticker shows to be cash ("Cash&Other") is left out, not a reason to refuse the file.
    const nameless = name === '' ? nonEquityReason({ name: ticker, ticker: '', quantity: (weight ?? 0) < 0 ? -1 : null }) : null;
    if (profile && nameless) {
      reason = `${nameless} (no name printed)`;
    } else if (profile) {
      if (profile.nameRequired === 'every row' && name === '') throw new HoldingsFileError(file, record.line, `a holding name in "${columnName('name')}"`, cells.join(','));
      if (profile.nameRequired === 'name or ticker' && name === '' && ticker === '') throw new HoldingsFileError(file, record.line, 'a ticker or a name', cells.join(','));
      const quantity = shares === null || Number.isNaN(shares) ? null : shares;
      ({ reason, assetClass: label } = profile.classify({ name, ticker, label, hasLabel: classAt! >= 0, quantity, hasId: Object.keys(ids).length > 0 }));
    } else {
      const printed = hasClass ? printedClassReason(label, cashAt! >= 0 ? cellText(cells, cashAt!) : undefined) : undefined;
      reason = printed !== undefined ? printed : nonEquityReason({ name: name || ticker, ticker, quantity: shares, ...(idsAt.length > 0 ? { hasId: Object.keys(ids).length > 0 } : {}) });
      if (reason === null && ((weight ?? 0) < 0 || (value ?? 0) < 0)) reason = 'negative weight (a short or a liability, not a holding)';
    }
    if (reason === null && layout.byValue && value === null) reason = `no market value printed in "${columnName('marketValue')}", so it cannot be weighted`;
    const unreadable = Number.isNaN(weight) ? 'weight' : value !== null && Number.isNaN(value) ? 'marketValue' : shares !== null && Number.isNaN(shares) ? 'shares' : null;
    if (unreadable) {
      const bad = cellText(cells, at(unreadable));
      // A row that is plainly not a holding is left out with its reason; an equity row we cannot read refuses the file (an issuer's file, any row).
      if (reason === null || profile) throw new HoldingsFileError(file, record.line, `a number in "${columnName(unreadable)}"`, bad);
      reason = `${reason}; its "${columnName(unreadable)}" cell "${bad}" could not be read`;
    }
    if (reason === null && name === '' && (profile ? profile.nameRequired !== 'name or ticker' : ticker === '' && Object.keys(ids).length === 0)) {
      throw new HoldingsFileError(file, record.line, `a holding name in "${columnName('name')}"`, cells.join(','));
    }
    const equity = reason === null;
    const sectorLabel = cellText(cells, sectorAt!) || null;
    const sector = equity && sectorLabel !== null ? sectorOf(sectorLabel) : null;
    const row: RawRow = {
      line: record.line,
      ticker,
      name: profile ? name : name || ticker,
      keep: equity ? 'equity' : { reason: reason! },
      assetClass: label,
      reportedWeight: weight === null || Number.isNaN(weight) ? null : weight / layout.scale,
      marketValue: value === null || Number.isNaN(value) ? null : value,
      industry: equity ? sectorLabel : null,
      sector,
      sectorSource: sector === null ? null : sector === sectorLabel ? 'file' : 'mapped',
      country: equity ? countryOf(cellText(cells, countryAt!)) : null,
      exchange: cellText(cells, exchangeAt!) || null,
      ids: equity ? ids : {},
    };
    rows.push(profile?.finish ? profile.finish(row) : row);
  }
  return rows;
}

/** Identifiers that pass their check digits; an "Identifier" column may hold any of the three. */
/** What issuers print for "none" in a text cell ("-", "---", "n/a"). */
const NONE = new Set(['-', '--', '---', '—', 'n/a', 'N/A']);

/** A cell's trimmed text; '' for a column the table lacks (-1) and for a printed "none". */
function cellText(cells: readonly string[], j: number): string {
  const text = j < 0 ? '' : (cells[j] ?? '').trim();
  return text.length <= 3 && NONE.has(text) ? '' : text;
}

/** Identifiers an issuer prints, kept by their shape as printed (a 9-character CUSIP, a 12-character ISIN, a 7-character SEDOL). */
function shapedIds(cells: readonly string[], columns: readonly number[]): Identifiers {
  const out: Identifiers = {};
  for (const j of columns) {
    const id = cellText(cells, j);
    if (/^[A-Z]{2}[0-9A-Z]{10}$/.test(id)) out.isin ??= id;
    else if (/^[0-9A-Z]{9}$/.test(id)) out.cusip ??= id;
    else if (/^[0-9A-Z]{7}$/.test(id)) out.sedol ??= id;
  }
  return out;
}

function identifiers(cells: readonly string[], columns: readonly number[]): Identifiers {
  const out: Identifiers = {};
  for (const j of columns) {
    const id = cellText(cells, j);
    if (id.length === 12 && isinCheckDigitHolds(id)) out.isin ??= id;
    else if (id.length === 9 && cusipCheckDigitHolds(id)) out.cusip ??= id;
    else if (id.length === 7 && sedolCheckDigitHolds(id)) out.sedol ??= id;
  }
  return out;
}

/** The as-of date: one date on every row, else a dated line above or below the table ("as of", 基準日). */
export function readAsOf(file: string, records: readonly CsvRecord[], layout: Layout, profile?: Profile): AsOf {
  const j = layout.col.get('date');
  if (j !== undefined) {
    let first: { date: string; line: number } | null = null;
    for (let i = layout.header + 1; i < layout.end; i++) {
      const record = records[i]!;
      const raw = (record.cells[j] ?? '').trim();
      const date = readDate(raw);
      if (date === null) throw new HoldingsFileError(file, record.line, `a date such as "2026-04-13" in "${layout.headerCells[j] || 'date'}"`, raw);
      first ??= { date, line: record.line };
      if (date !== first.date) throw new HoldingsFileError(file, record.line, `the same "${layout.headerCells[j] || 'date'}" as line ${first.line} (${first.date}): one file, one as-of date`, raw);
    }
    if (first) return { date: first.date, source: 'file' };
  }
  if (profile) return { date: null, reason: profile.noDate };
  const around = [...records.slice(0, Math.max(layout.header, 0)), ...records.slice(layout.end, layout.end + 30)];
  for (const record of around) {
    const text = record.cells.join(' ');
    if (!/as of|as at|holdings|date|基準日|日付/i.test(text)) continue;
    const date = readDate(text.replace(/^.*?(?:as of|as at|:)\s*/i, '')) ?? record.cells.map(readDate).find((d) => d !== null) ?? null;
    if (date) return { date, source: 'file' };
  }
  return { date: null, reason: 'the file prints no as-of date' };
}

/** The fund ticker printed on every row, where there is such a column; a file of two funds would blend their weights, and is refused. */
function fundInFile(file: string, records: readonly CsvRecord[], layout: Layout): string | undefined {
  const j = layout.col.get('fundTicker');
  if (j === undefined) return undefined;
  let first: { fund: string; line: number } | null = null;
  for (const record of records.slice(layout.header + 1, layout.end)) {
    const fund = (record.cells[j] ?? '').trim();
    first ??= { fund, line: record.line };
    if (fund !== first.fund) throw new HoldingsFileError(file, record.line, `the same "${layout.headerCells[j]}" as line ${first.line} (${first.fund}): one file, one fund`, fund);
  }
  return first?.fund || undefined;
}

/** What the notes say about how the columns were read. */
function layoutNote(file: string, layout: Layout): string {
  const named = [...layout.col.entries()]
    .filter(([m]) => !layout.inferred.has(m))
    .map(([m, j]) => `${meaningText(m)} ← "${layout.headerCells[j]}"`);
  const guessed = [...layout.inferred.entries()].map(([m, why]) => `${meaningText(m)} ← column ${layout.col.get(m)! + 1}${layout.headerCells[layout.col.get(m)!] ? ` ("${layout.headerCells[layout.col.get(m)!]}")` : ''}, because ${why}`);
  return [
    `Read by column meaning: ${file} is in no issuer layout we know, so its columns were read by what they mean`,
    named.length > 0 ? `; by header: ${named.join(', ')}` : '',
    guessed.length > 0 ? `; by their values alone: ${guessed.join('; ')}` : '',
    `. Weights are ${layout.scale === 100 ? 'percent' : 'fractions'} of the fund.`,
  ].join('');
}

const read = new WeakMap<Doc, { records: CsvRecord[]; layout: Layout | LayoutRefusal; damaged: boolean }>();

/** A document's records and layout, read once per Doc (detection and parsing share them). */
function readDocOnce(doc: Doc): { records: CsvRecord[]; layout: Layout | LayoutRefusal; damaged: boolean } {
  let done = read.get(doc);
  if (!done) {
    let records: CsvRecord[];
    let damaged = false;
    try {
      records = docRecords(doc);
    } catch (error) {
      // A quote left open: detection looks at what can be read; parsing reports the damage.
      if (!(error instanceof HoldingsFileError)) throw error;
      records = docRecords(doc, true);
      damaged = true;
    }
    done = { records, layout: readLayout(records, doc.excerpt === true), damaged };
    read.set(doc, done);
  }
  return done;
}

/** The layout of a document, or why it cannot be read. */
export function layoutOf(doc: Doc): Layout | LayoutRefusal {
  return readDocOnce(doc).layout;
}

/**
 * Issuers told by header names only they print, for a table read by column meaning: its figures
 * still rest on the columns' meanings, but the source line names the issuer.
 */
const ISSUER_HEADERS: readonly { issuer: Issuer; names: readonly string[] }[] = [
  // Invesco's newer download and the PowerShares-era header.
  { issuer: 'Invesco', names: ['% TNA', 'Class of shares', 'Share/ Par', 'FundTicker', 'HoldingsTicker', 'SecurityNum'] },
];

function issuerOf(layout: Layout): Issuer {
  const keys = new Set(layout.headerCells.map(headerKey));
  return ISSUER_HEADERS.find((i) => i.names.some((n) => keys.has(headerKey(n))))?.issuer ?? 'Unknown';
}

/** Reads a document with no issuer layout by its columns' meanings; throws HoldingsFileError with the reason where that is not clear. */
export function readByMeaning(doc: Doc, fund: string): Holdings {
  const { layout, records, damaged } = readDocOnce(doc);
  if (damaged) docRecords(doc);
  if (layout instanceof LayoutRefusal) throw new HoldingsFileError(doc.file, layout.line, layout.expected, layout.found);
  const rows = readRows(doc.file, records, layout);
  const meta: FileMeta = {
    fund,
    fundInFile: fundInFile(doc.file, records, layout),
    name: fundInFile(doc.file, records, layout) ?? fund,
    issuer: issuerOf(layout),
    format: COLUMN_MEANING,
    file: doc.file,
    excerpt: doc.excerpt === true,
    asOf: readAsOf(doc.file, records, layout),
    weightBasis: layout.byValue ? 'market-value' : 'reported-weight',
    ...(layout.byValue ? { basisReason: 'the file prints weights too rounded for small holdings (0.00 or "<0.01%")' } : {}),
    notes: [layoutNote(doc.file, layout)],
  };
  return buildHoldings(meta, rows);
}

/** Reads an issuer's CSV with its profile: the same header, rows, numbers, date and fund checks as any table, the issuer's classes and notes. */
export function readWithProfile(doc: Doc, fund: string, profile: Profile): Holdings {
  requireText(doc, profile.kind);
  const records = docRecords(doc);
  const layout = readLayout(records, doc.excerpt === true, profile);
  if (layout instanceof LayoutRefusal) throw new HoldingsFileError(doc.file, layout.line, layout.expected, layout.found);
  const preamble = profile.preamble?.(doc.file, records.slice(0, layout.header)) ?? {};
  const rows = readRows(doc.file, records, layout, profile);
  const owner = fundInFile(doc.file, records, layout);
  const asOf = preamble.asOf ?? readAsOf(doc.file, records, layout, profile);
  const byValue = profile.byValue !== undefined && layout.col.has('marketValue');
  return buildHoldings(
    {
      fund,
      fundInFile: owner,
      name: owner ?? preamble.name ?? fund,
      issuer: profile.issuer,
      format: profile.format,
      file: doc.file,
      excerpt: doc.excerpt === true,
      asOf,
      weightBasis: byValue ? 'market-value' : 'reported-weight',
      ...(byValue ? { basisReason: profile.byValue } : {}),
      notes: profile.notes(rows),
    },
    rows,
  );
}

/** The format of a snapshot read by column meaning (a card says the layout was inferred). */
export const COLUMN_MEANING = 'column-meaning';

function describe(cells: readonly string[]): string {
  const filled = cells.filter((c) => c !== '');
  return filled.length === 0 ? 'no named columns' : filled.slice(0, 12).join(', ') + (filled.length > 12 ? ', …' : '');
}

function round(x: number): string {
  return Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(x >= 10 ? 2 : 4);
}

