import { isBelowPrintedPrecision, numberOrNaN, readDate } from './cells.ts';
import { cusipCheckDigitHolds, isinCheckDigitHolds, sedolCheckDigitHolds } from './check-digits.ts';
import { isBlank, type CsvRecord } from './csv.ts';
import { headerKey } from './header.ts';
import { meaningOf, type Meaning } from './vocabulary.ts';

/**
 * How a table lies, told by its header and confirmed by its values (holdings/reader.ts reads it):
 * where the header and the rows are, which column means what, and what the weights are. Columns
 * the header does not name are recognised by their values alone: identifiers by their check
 * digits, the weight by a total that makes a whole fund, market value by its proportion to the
 * weights, names and tickers by their shape, a date column by holding one date.
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


/** What an issuer's profile fixes about its table (holdings/reader.ts Profile): its columns are then read as its header names them. */
export interface LayoutRules {
  /** Percent (100) or fractions (1), as the issuer prints weights; the builder's whole-fund check judges the total. */
  scale: 100 | 1;
  /** The header as a refusal names it ("the ARK header"). */
  header: string;
  /** A line that ends the table besides a blank one (a disclaimer). */
  footer?: (record: CsvRecord, header: readonly string[]) => boolean;
  /** True where a table with no rows is left to the issuer's own checks (a download cut before its first row) rather than refused here. */
  rowsOptional?: boolean;
  /** Header names that mean a field in this issuer's files, over the shared vocabulary's. */
  columns?: Partial<Record<Meaning, readonly string[]>>;
  /** A line after the blank that ends the table which still belongs to it (SPDR's cash line), told with the header's cells. */
  trailing?: (record: CsvRecord, header: readonly string[]) => boolean;
  /**
   * A member list with no weights: the index's rule weighs every member the same, so the table
   * must print no weight column; a member listed on several rows counts once, and the list must
   * hold `count` members (`index` names the index in a refusal).
   */
  memberList?: { count: number; index: string };
}

const HEADER_WITHIN = 40;
/** Column shares above which a column is taken to hold a kind of value. */
const MOSTLY = 0.9;


/** The layout of the table in these records, or why it cannot be read. */
export function readLayout(records: readonly CsvRecord[], excerpt: boolean, profile?: LayoutRules): Layout | LayoutRefusal {
  const header = findHeader(records);
  if (header === null) return new LayoutRefusal(null, 'a table with a header row or columns whose values say what they are', `no such table in the first ${HEADER_WITHIN} lines`);
  const end = tableEnd(records, header.index + 1, profile, header.cells);
  const rows = records.slice(header.index + 1, end);
  if (rows.length === 0 && !profile?.rowsOptional) return new LayoutRefusal((records[header.index]?.line ?? 0) + 1, `holding rows under ${profile?.header ?? 'the header'}`, 'none', true);
  const width = Math.max(header.cells.length, ...rows.slice(0, 50).map((r) => r.cells.length));
  // Each column's values are looked at only when a decision needs them (VT: 4 of 11 columns).
  const made: (ColumnStats | undefined)[] = [];
  const firsts: (string | undefined)[] = [];
  const stats: Stats = {
    width,
    at: (j) => (made[j] ??= columnStats(rows, j, header.meanings[j] === null)),
    first: (j) => (firsts[j] ??= firstFilled(rows, j)),
  };
  const col = new Map<Meaning, number>();
  const inferred = new Map<Meaning, string>();
  header.meanings.forEach((m, j) => {
    if (m !== null && !col.has(m)) col.set(m, j);
  });
  // An issuer's own name for a meaning wins over the shared one (Nikkei's industry, not its broad "Sector", is what maps to GICS).
  for (const [m, names] of Object.entries(profile?.columns ?? {}) as [Meaning, readonly string[]][]) {
    const j = header.cells.findIndex((c) => names.some((n) => headerKey(n) === headerKey(c)));
    if (j >= 0) col.set(m, j);
  }
  const line = records[header.index]?.line ?? null;
  // An issuer's profile names its columns: they are read as its header says, and its weights judged by the builder.
  const weight = profile ? { scale: profile.scale, coarse: false } : inferColumns(records[header.index], header, stats, col, inferred, excerpt);
  if (weight instanceof LayoutRefusal) return weight;
  if (profile?.memberList) {
    const printed = header.cells.find((c, j) => col.get('weight') === j || WEIGHTISH.test(c));
    if (printed !== undefined) return new LayoutRefusal(line, `a member list without weights (${profile.memberList.index} weighs its members by rule)`, `a weight column (${printed}) among ${describe(header.cells)}`);
  } else if (!col.has('weight')) return new LayoutRefusal(line, 'a weight column', `no weight column; saw ${describe(header.cells)}`);
  if (!col.has('name') && !col.has('ticker')) {
    return new LayoutRefusal(records[header.index]?.line ?? rows[0]!.line, 'a column of holding names or tickers', `no name or ticker column; saw ${describe(header.cells)}`);
  }
  const values = col.has('marketValue') ? stats.at(col.get('marketValue')!) : null;
  const byValue = weight.coarse && values !== null && precise(values) >= MOSTLY && consistent(values, stats.at(col.get('weight')!)) >= MOSTLY;
  const weights = col.has('weight') ? stats.at(col.get('weight')!).numbers : rows.map(() => null);
  return { header: header.index, end, col, inferred, scale: weight.scale, byValue, headerCells: header.cells, numbers: { weight: weights, ...(values ? { marketValue: values.numbers } : {}) } };
}

/** The columns of a table no issuer's profile names, told by their values where the header says nothing we know: the weight's scale, or why it cannot be read. */
function inferColumns(headerRecord: CsvRecord | undefined, header: Header, stats: Stats, col: Map<Meaning, number>, inferred: Map<Meaning, string>, excerpt: boolean): ReturnType<typeof chooseWeight> {
  const free = (j: number): boolean => header.meanings[j] === null && ![...col.values()].includes(j);
  inferIdentifiers(stats, col, inferred, free);
  const weight = chooseWeight(headerRecord, header, stats, col, inferred, free, excerpt);
  if (weight instanceof LayoutRefusal) return weight;
  inferMarketValue(stats, col, inferred, free);
  inferText(stats, col, inferred, free);
  inferDate(stats, col, inferred, free);
  return weight;
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
function tableEnd(records: readonly CsvRecord[], from: number, rules: LayoutRules | undefined, header: readonly string[]): number {
  const ends = rules?.footer ?? ((r: CsvRecord) => filledUpTo(r.cells, 2) <= 1);
  let i = from;
  while (i < records.length && !isBlank(records[i]!) && !ends(records[i]!, header)) i++;
  if (!rules?.trailing) return i;
  // Past the blank: lines the issuer's rule claims, blanks between them skipped, until one it does not.
  let end = i;
  for (let j = i; j < records.length; j++) {
    if (isBlank(records[j]!)) continue;
    if (!rules.trailing(records[j]!, header)) break;
    end = j + 1;
  }
  return end;
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
  let count = 0;
  s.texts.forEach((t, i) => {
    if (s.numbers[i] !== null && significantDigits(t, 4) >= 4) count++;
  });
  return share(s, count);
}

/** The digits of a printed number from its first non-zero one ("$0.0123" → 3, "1,234" → 4), counted up to `enough`. */
function significantDigits(text: string, enough: number): number {
  let n = 0;
  for (let k = 0; k < text.length && n < enough; k++) {
    const c = text.charCodeAt(k);
    if (c >= 49 && c <= 57) n++;
    else if (c === 48 && n > 0) n++;
  }
  return n;
}

/** A column's first filled value, trimmed ('' when it has none). */
function firstFilled(rows: readonly CsvRecord[], j: number): string {
  for (const r of rows) {
    const t = (r.cells[j] ?? '').trim();
    if (t !== '') return t;
  }
  return '';
}

/** How many of the cells are filled, counted up to `enough` (a table row has more than one). */
function filledUpTo(cells: readonly string[], enough: number): number {
  let n = 0;
  for (let k = 0; k < cells.length && n < enough; k++) if (cells[k]!.trim() !== '') n++;
  return n;
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

export function describe(cells: readonly string[]): string {
  const filled = cells.filter((c) => c !== '');
  return filled.length === 0 ? 'no named columns' : filled.slice(0, 12).join(', ') + (filled.length > 12 ? ', …' : '');
}

function round(x: number): string {
  return Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(x >= 10 ? 2 : 4);
}
