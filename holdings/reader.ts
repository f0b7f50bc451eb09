import { nonEquityReason, printedClassReason } from './asset-class.ts';
import { buildHoldings, type FileMeta, type RawRow } from './build.ts';
import { numberOrNaN, readDate } from './cells.ts';
import { cusipCheckDigitHolds, isinCheckDigitHolds, sedolCheckDigitHolds } from './check-digits.ts';
import { countryCode } from './countries.ts';
import { csvRecords, isBlank, requireText, requireWidth, type CsvRecord } from './csv.ts';
import type { Cell, Doc } from './doc.ts';
import { HoldingsFileError } from './errors.ts';
import { headerKey } from './header.ts';
import { sectorFromLabel } from './sectors.ts';
import { sheetRecords } from './table.ts';
import { disclaimerLine, LayoutRefusal, readLayout, type Layout, type LayoutRules } from './table-layout.ts';
import type { AsOf, GicsSector, Holdings, Identifiers, Issuer, Weighting } from './types.ts';
import { meaningText, type Meaning } from './vocabulary.ts';

export { disclaimerLine, LayoutRefusal, type Layout };

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

/**
 * What is truly one issuer's about its table, declared for the one reader: how it prints weights,
 * what its own classes mean, where its table ends, what its notes say. The header, the row loop,
 * the numbers, the date and fund checks are the reader's, the same for every issuer.
 */
export interface Profile extends LayoutRules {
  format: string;
  issuer: Issuer;
  /** Why the as-of date is unknown where the file has no date column. */
  noDate: string;
  /** The issuer's rule for what a row is: a reason to leave it out (null for equity), and the class stored. */
  classify(row: { name: string; ticker: string; label: string; hasLabel: boolean; sector: string; quantity: number | null; weight: number | null; marketValue: number | null; hasId: boolean }): { reason: string | null; assetClass: string };
  /** True where every row must print its asset class (a blank one could be a stock or cash: guessing would move weights silently). */
  classRequired?: boolean;
  /** What a file of this issuer is called in a refusal ("an ARK CSV", "an xlsx workbook (Schwab holdings)"). */
  kind: string;
  /** True for an issuer whose file is a workbook (a text file is refused), else a text file is expected. */
  sheet?: boolean;
  /** How a sheet's weight cell is printed, where its type tells (a number a fraction, "4.72%" text a percent); else the profile's scale. */
  scaleOf?(cell: Cell | undefined): 100 | 1;
  /** Which rows must name their holding: every row (by name, or by name and ticker), the equity rows, any row by a name or a ticker, or none (a row is told by its classes). */
  nameRequired: 'every row' | 'name and ticker' | 'equity rows' | 'name or ticker' | 'none';
  /** How the index behind the file weights its members, where not by market value (the Nikkei 225 by price). */
  weighting?: Weighting;
  /** The shape every row's code or ticker must have (a Tokyo security code), and how a refusal names it. */
  tickerShape?: { test(ticker: string): boolean; expected: string };
  /** True where every row must print its weight (an index's weight file). */
  weightRequired?: boolean;
  /** The row's identifiers, where the issuer's cells need more than their printed shape (a CUSIP Excel stored as a number). */
  ids?(record: CsvRecord, layout: Layout): Identifiers;
  /** True where names and tickers are kept as printed, a "-" included (iShares' warrants and cash lines print ticker "-"). */
  keepsDash?: boolean;
  /** Whether the shares column is read (and a number it cannot read refuses the file). */
  readsShares?: boolean;
  /** The fund's name, ticker, as-of date and notes from the lines above the header; `closed`, what must follow the table where the file may not end with it (else it was cut short). */
  preamble?(file: string, records: readonly CsvRecord[]): { name?: string; fund?: string; asOf?: AsOf; notes?: string[]; closed?: string };
  /** Why market value weights the fund where the file prints one (the printed weights are too rounded), told from the rows read. */
  byValue?: string | ((rows: readonly RawRow[]) => string);
  /** How the file's sector labels map to GICS sectors where they are not sector names (Vanguard's sub-industries, JPX's TSE-33, Nikkei's 36 industries); each label is mapped once. */
  sectorOf?(label: string): GicsSector | null;
  /** The issuer's last word on a row read (a ticker that carries its exchange, a country told by it), with the record it came from. */
  finish?(row: RawRow, record: CsvRecord, layout: Layout): RawRow;
  /**
   * Sections after the table (Vanguard's fixed income and short-term reserves), each a title line,
   * its own header and rows: read by the same row loop with that header, every row left out with
   * its section's reason; a one-cell note between them is passed over.
   */
  sections?: { title(record: CsvRecord): string | null; reason(title: string): string };
  /** The notes the issuer's file calls for, from the rows read. */
  notes(rows: readonly RawRow[], layout: Layout): string[];
}


export function docRecords(doc: Doc, lenient = false): CsvRecord[] {
  return doc.kind === 'text' ? csvRecords(doc.file, doc.text, lenient) : sheetRecords(doc);
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
      // An issuer's profile prints GICS sectors or says how its labels map; any other table may print sub-industries or industries (Vanguard's) instead.
      sector = profile?.sectorOf ? profile.sectorOf(label) : (sectorFromLabel(label, 'gics-sector') ?? (profile ? null : sectorFromLabel(label, 'gics-sub-industry')));
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
    // Blank lines are inside a table only where the issuer's rows resume after one (SPDR's cash line).
    if (profile?.trailing && isBlank(record)) continue;
    const cells = record.cells;
    // An issuer's text row as short as its header lost cells (a cut file): refused, not read short (a sheet leaves trailing blanks out).
    if (profile && headerRecord && !record.raw) requireWidth(file, record, headerRecord);
    const k = i - layout.header - 1;
    const asPrinted = profile?.keepsDash === true;
    const name = asPrinted ? printed(cells, nameAt!) : cellText(cells, nameAt!);
    const ticker = asPrinted ? printed(cells, tickerAt!) : cellText(cells, tickerAt!);
    const ids = profile?.ids ? profile.ids(record, layout) : profile ? shapedIds(cells, idsAt) : identifiers(cells, idsAt);
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
      if (profile.classRequired && classAt! >= 0 && label === '') throw new HoldingsFileError(file, record.line, `an asset class in "${columnName('assetClass')}"`, cells.join(','));
      if ((profile.nameRequired === 'every row' || profile.nameRequired === 'name and ticker') && name === '') throw new HoldingsFileError(file, record.line, `a holding name in "${columnName('name')}"`, cells.join(','));
      if (profile.nameRequired === 'name and ticker' && ticker === '') throw new HoldingsFileError(file, record.line, `a code or ticker in "${columnName('ticker')}"`, cells.join(','));
      if (profile.tickerShape && !profile.tickerShape.test(ticker)) throw new HoldingsFileError(file, record.line, `${profile.tickerShape.expected} in "${columnName('ticker')}"`, ticker);
      if (profile.weightRequired && weight === null) throw new HoldingsFileError(file, record.line, `a weight in "${columnName('weight')}"`, cellText(cells, at('weight')));
      if (profile.nameRequired === 'name or ticker' && name === '' && ticker === '') throw new HoldingsFileError(file, record.line, 'a ticker or a name', cells.join(','));
      const quantity = shares === null || Number.isNaN(shares) ? null : shares;
      ({ reason, assetClass: label } = profile.classify({ name, ticker, label, hasLabel: classAt! >= 0, sector: cellText(cells, sectorAt!), quantity, weight: weight === null || Number.isNaN(weight) ? null : weight, marketValue: value === null || Number.isNaN(value) ? null : value, hasId: Object.keys(ids).length > 0 }));
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
    if (reason === null && name === '' && (profile ? ['equity rows', 'every row', 'name and ticker'].includes(profile.nameRequired) : ticker === '' && Object.keys(ids).length === 0)) {
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
      reportedWeight: weight === null || Number.isNaN(weight) ? null : weight / (profile?.scaleOf && record.raw ? profile.scaleOf(record.raw[col.get('weight')!]) : layout.scale),
      marketValue: value === null || Number.isNaN(value) ? null : value,
      industry: equity ? sectorLabel : null,
      sector,
      sectorSource: sector === null ? null : sector === sectorLabel && !profile?.sectorOf ? 'file' : 'mapped',
      country: equity ? countryOf(cellText(cells, countryAt!)) : null,
      exchange: cellText(cells, exchangeAt!) || null,
      ids: equity ? ids : {},
    };
    rows.push(profile?.finish ? profile.finish(row, record, layout) : row);
  }
  return rows;
}

/** Identifiers that pass their check digits; an "Identifier" column may hold any of the three. */
/** What issuers print for "none" in a text cell ("-", "---", "n/a"). */
const NONE = new Set(['-', '--', '---', '—', 'n/a', 'N/A']);

/** A cell's trimmed text; '' for a column the table lacks (-1) and for a printed "none". */
function cellText(cells: readonly string[], j: number): string {
  const text = printed(cells, j);
  return text.length <= 3 && NONE.has(text) ? '' : text;
}

/** A cell's trimmed text as printed; '' for a column the table lacks (-1). */
function printed(cells: readonly string[], j: number): string {
  return j < 0 ? '' : (cells[j] ?? '').trim();
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

/** Reads an issuer's table (CSV or sheet) with its profile: the same header, rows, numbers, date and fund checks as any table, the issuer's classes and notes. */
export function readWithProfile(doc: Doc, fund: string, profile: Profile): Holdings {
  if (!profile.sheet) requireText(doc, profile.kind);
  else if (doc.kind !== 'sheet') throw new HoldingsFileError(doc.file, null, profile.kind, 'a text file');
  const records = docRecords(doc);
  const layout = readLayout(records, doc.excerpt === true, profile);
  if (layout instanceof LayoutRefusal) throw new HoldingsFileError(doc.file, layout.line, layout.expected, layout.found);
  const preamble = profile.preamble?.(doc.file, records.slice(0, layout.header)) ?? {};
  const rows = readRows(doc.file, records, layout, profile);
  if (preamble.closed && layout.end >= records.length) throw new HoldingsFileError(doc.file, records.at(-1)?.line ?? null, preamble.closed, 'the end of the file');
  const owner = fundInFile(doc.file, records, layout);
  const asOf = preamble.asOf ?? readAsOf(doc.file, records, layout, profile);
  const byValue = profile.byValue !== undefined && layout.col.has('marketValue');
  const list = profile.memberList;
  return buildHoldings(
    {
      fund,
      fundInFile: owner ?? preamble.fund,
      name: owner ?? preamble.name ?? fund,
      issuer: profile.issuer,
      format: profile.format,
      file: doc.file,
      excerpt: doc.excerpt === true,
      asOf,
      // A member list prints no weights: the index's rule weighs each member the same, and the card says so.
      weightBasis: list ? 'equal' : byValue ? 'market-value' : 'reported-weight',
      ...(list ? { weighting: 'equal' as const } : profile.weighting ? { weighting: profile.weighting } : {}),
      ...(byValue ? { basisReason: typeof profile.byValue === 'function' ? profile.byValue(rows) : profile.byValue } : {}),
      notes: [...(preamble.notes ?? []), ...profile.notes(rows, layout)],
    },
    list ? members(doc.file, rows, list, records[layout.header]?.line ?? null) : profile.sections ? [...rows, ...laterSections(doc.file, records.slice(layout.end), profile, profile.sections)] : rows,
  );
}

/**
 * The sections after an issuer's table, each read with its own header by the one row loop (an
 * empty one, Vanguard's fixed income, has a header and no rows) and left out with its reason.
 */
function laterSections(file: string, records: readonly CsvRecord[], profile: Profile, sections: NonNullable<Profile['sections']>): RawRow[] {
  const rows: RawRow[] = [];
  let title = '';
  const titleOf = (record: CsvRecord): string | null => (isBlank(record) ? null : sections.title(record));
  for (let i = 0; i < records.length; ) {
    const record = records[i]!;
    const named = titleOf(record);
    if (named !== null) title = named;
    if (named !== null || isBlank(record) || record.cells.filter((c) => c.trim() !== '').length <= 1) {
      i++;
      continue;
    }
    let next = i + 1;
    while (next < records.length && titleOf(records[next]!) === null) next++;
    const section = records.slice(i, next);
    const reason = sections.reason(title);
    const rules: Profile = { ...profile, rowsOptional: true, nameRequired: 'none', classify: () => ({ reason, assetClass: title }) };
    delete rules.finish;
    const layout = readLayout(section, false, rules);
    if (layout instanceof LayoutRefusal || layout.header !== 0 || !layout.col.has('name')) {
      throw new HoldingsFileError(file, record.line, 'a section title or header before more rows after the table', record.cells.join(','));
    }
    // Rows with neither a name nor an amount carry nothing to report.
    rows.push(...readRows(file, section, layout, rules).filter((r) => r.name !== '' || r.marketValue !== null || r.reportedWeight !== null));
    i += layout.end;
  }
  return rows;
}

/** A member list's members: a code listed on several rows (in several groups) counts once, under one name; the list must hold as many as the index has. */
function members(file: string, rows: readonly RawRow[], list: { count: number; index: string }, headerLine: number | null): RawRow[] {
  const byCode = new Map<string, RawRow>();
  for (const row of rows) {
    const seen = byCode.get(row.ticker);
    if (!seen) byCode.set(row.ticker, row);
    else if (seen.name !== row.name) throw new HoldingsFileError(file, row.line, `the name line ${seen.line} gives code ${row.ticker} (${seen.name})`, row.name);
  }
  if (byCode.size !== list.count) throw new HoldingsFileError(file, headerLine, `${list.count} distinct security codes under the header (${list.index} has ${list.count} members)`, `${byCode.size}`);
  return [...byCode.values()];
}

/** The format of a snapshot read by column meaning (a card says the layout was inferred). */
export const COLUMN_MEANING = 'column-meaning';
