import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { columnsOf, forgetColumns } from './columns.ts';
import { HoldingsFileError } from './errors.ts';
import { fundKey } from './fund-name.ts';
import { forgetIdentity, fundIndex, fundKeys } from './identity.ts';
import { readHoldings } from './read-holdings.ts';
import type { Holdings, Position } from './types.ts';
import { pct } from './build.ts';
import { peerFillNote, SELECT_SECTOR_FUNDS } from './sector-fill.ts';

/** A file that was not loaded, and why, in words a person can act on. */
export interface LoadProblem {
  fund: string;
  file: string;
  message: string;
}

/** A fund's chosen file and the other files of its folder that were passed over. */
export interface CatalogEntry {
  holdings: Holdings;
  path: string;
  passedOver: { file: string; why: string }[];
}

export interface Catalog {
  dir: string;
  funds: Map<string, CatalogEntry>;
  problems: LoadProblem[];
}


/**
 * Reads HOLDINGS_DIR: one sub-folder per fund, named as a person would name it (SPY, qqq-2020,
 * 1306; see fundKey), holding one or more issuer files; a file that prints its own fund ticker
 * is filed under that ticker. Each file is parsed; a bad file is reported and skipped, never fatal. Where a folder
 * holds several good files, the one with the latest as-of date wins (a dated file beats an
 * undated one; between undated files, the more complete layout). Then sectors and countries
 * missing from a file (SPDR prints none) are filled from other loaded funds holding the same
 * security, and each filled fund says so in its notes.
 */
export async function loadCatalog(dir: string): Promise<Catalog> {
  const catalog: Catalog = { dir, funds: new Map(), problems: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return catalog;
  }
  const byFund = new Map<string, Candidate[]>();
  for (const name of names) {
    if (name.startsWith('.') || SKIPPED.test(name)) continue;
    const folder = path.join(dir, name);
    const kind = await entryKind(folder);
    if (kind !== 'folder') {
      catalog.problems.push({ fund: name.toUpperCase(), file: name, message: kind === 'file' ? `"${name}" is a file beside the fund folders: put it in a folder named for its fund (such as SPY or QQQ_2020)` : kind });
      continue;
    }
    const label = folderLabel(name);
    for (const c of await loadFolder(label, folder, catalog.problems)) {
      const list = byFund.get(c.holdings.fund);
      if (list) list.push(c);
      else byFund.set(c.holdings.fund, [c]);
    }
  }
  for (const [fund, candidates] of [...byFund.entries()].sort(([a], [b]) => a.localeCompare(b))) catalog.funds.set(fund, choose(candidates));
  fillFromPeers([...catalog.funds.values()].map((e) => e.holdings));
  // The snapshots are final now: their typed columns are made here, once, not on a first ask.
  for (const { holdings } of catalog.funds.values()) columnsOf(holdings);
  return catalog;
}

/** Parses one file of a fund. Throws HoldingsFileError for anything wrong with the file. */
export async function parseFile(fund: string, filePath: string): Promise<Holdings> {
  const file = path.basename(filePath);
  return (await readHoldings(file, await readFile(filePath), fund)).holdings;
}

/** Notes people keep beside the files (README.txt, PROVENANCE.md): not holdings, not a problem. */
const SKIPPED = /\.(md|txt)$/i;

/** 'file', 'folder', or why the entry cannot be read (a broken link, no permission). */
async function entryKind(full: string): Promise<'file' | 'folder' | string> {
  try {
    const s = await stat(full);
    return s.isDirectory() ? 'folder' : s.isFile() ? 'file' : 'not a regular file or folder';
  } catch (error) {
    return `cannot be read (${errorCode(error)})`;
  }
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function errorCode(error: unknown): string {
  return isFsError(error) ? `${error.code}` : String(error);
}

/**
 * The fund a folder is filed under: its name read as a ticker (fundKey), else its first word
 * ("IWM_2021_strict" → IWM), else the name itself made label-shaped. A name is only a label:
 * the ticker a file prints wins over it.
 */
export function folderLabel(name: string): string {
  const key = fundKey(name);
  if (key) return key;
  const first = fundKey(name.normalize('NFKC').split(/[\s_\-()]+/).find((w) => w !== '') ?? '');
  if (first) return first;
  const shaped = name.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9.]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 12);
  return shaped === '' ? 'FOLDER' : shaped;
}

interface Candidate {
  holdings: Holdings;
  path: string;
  rank: number;
}

/**
 * Parses every file of a folder (issuer tables, or an SEC N-PORT filing a user downloaded). The fund a file belongs to is the ticker it prints, where it
 * prints one (SPDR, Invesco, ARK, Vanguard); else the folder's name. So a folder named
 * "QQQ_2020" holding an Invesco file of QQQ adds to QQQ, and a note says which name was used.
 */
async function loadFolder(fund: string, folder: string, problems: LoadProblem[]): Promise<Candidate[]> {
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch (error) {
    problems.push({ fund, file: path.basename(folder), message: `the folder cannot be read (${errorCode(error)})` });
    return [];
  }
  const files = entries.filter((f) => !f.startsWith('.') && !SKIPPED.test(f)).sort();
  const good: Candidate[] = [];
  for (const file of files) {
    const filePath = path.join(folder, file);
    // A sub-folder or an entry that cannot be read is named and passed over, never fatal.
    const kind = await entryKind(filePath);
    if (kind !== 'file') {
      problems.push({ fund, file, message: kind === 'folder' ? 'a folder inside a fund folder is not read: put each fund\'s files directly in its own folder' : kind });
      continue;
    }
    try {
      const { holdings, rank } = await readHoldings(file, await readFile(filePath), fund);
      const own = holdings.fundInFile === undefined ? null : fundKey(holdings.fundInFile);
      if (own && own !== fund) {
        holdings.fund = own;
        holdings.notes.push(`Filed under ${fund} (folder "${path.basename(folder)}"), but the file itself names ${own}: stored as ${own}.`);
      } else if (!own && fundKey(path.basename(folder)) === null) {
        holdings.notes.push(`The folder "${path.basename(folder)}" names no fund ticker and the file prints none: stored under ${fund}, a label taken from the folder's name.`);
      }
      good.push({ holdings, path: filePath, rank });
    } catch (error) {
      if (error instanceof HoldingsFileError) problems.push({ fund, file, message: error.message });
      else if (isFsError(error)) problems.push({ fund, file, message: `the file cannot be read (${errorCode(error)})` });
      else throw error;
    }
  }
  return good;
}

/** The freshest file of a fund (a dated file beats an undated one; then the more complete layout); the rest are passed over. */
function choose(good: Candidate[]): CatalogEntry {
  good.sort((x, y) => compareFreshness(y, x));
  const [best, ...rest] = good;
  return {
    holdings: best!.holdings,
    path: best!.path,
    passedOver: rest.map((r) => ({
      file: r.holdings.file,
      why: `${r.holdings.asOf.date ? `as of ${r.holdings.asOf.date}` : 'undated'} (${r.holdings.format}); ${best!.holdings.file} is ${best!.holdings.asOf.date ? `as of ${best!.holdings.asOf.date}` : 'more complete'}`,
    })),
  };
}

function compareFreshness(x: { holdings: Holdings; rank: number }, y: { holdings: Holdings; rank: number }): number {
  const dx = x.holdings.asOf.date;
  const dy = y.holdings.asOf.date;
  if (dx && dy && dx !== dy) return dx < dy ? -1 : 1;
  if (dx && !dy) return 1;
  if (!dx && dy) return -1;
  return x.rank - y.rank;
}

/**
 * Fills missing sectors and countries from other funds that hold the same security (matched by
 * identity keys), preferring the most recent donor; a Select Sector SPDR fund gives its own GICS
 * sector to every security it holds (see SELECT_SECTOR_FUNDS). Mutates the given Holdings values' positions
 * (they are fresh from the parser) and appends a note to each fund that was filled.
 */
export function fillFromPeers(all: readonly Holdings[]): void {
  const donors = [...all].sort((a, b) => (b.asOf.date ?? '').localeCompare(a.asOf.date ?? ''));
  for (const h of all) {
    for (const field of ['sector', 'country'] as const) {
      const missing = h.positions.filter((p) => p[field] === null);
      if (missing.length === 0) continue;
      const used = new Map<string, { count: number; weight: number }>();
      const keys = fundKeys(h);
      h.positions.forEach((p, i) => {
        if (p[field] !== null) return;
        for (const donor of donors) {
          if (donor === h) continue;
          const j = firstMatch(keys[i]!, fundIndex(donor));
          const found = j === undefined ? undefined : donor.positions[j];
          // A Select Sector SPDR fund holds one GICS sector: what it holds is in that sector, whatever its file prints ("-").
          const sector = field === 'sector' ? SELECT_SECTOR_FUNDS[donor.fund] : undefined;
          const from = found && sector && found.sector === null ? { ...found, sector } : found;
          if (!from || from[field] === null) continue;
          assign(p, field, from);
          const tally = used.get(donor.fund) ?? { count: 0, weight: 0 };
          tally.count++;
          tally.weight += p.weight;
          used.set(donor.fund, tally);
          break;
        }
      });
      if (used.size === 0) continue;
      const filled = [...used.values()].reduce((s, t) => s + t.count, 0);
      const filledWeight = [...used.values()].reduce((s, t) => s + t.weight, 0);
      const from = [...used.entries()].map(([fund, t]) => ({ fund, asOf: donorDate(all, fund), count: t.count }));
      h.notes.push(peerFillNote(field, filled, missing.length, pct(filledWeight), from));
    }
  }
  // Countries feed the identity keys (ticker within its market), so keys made before the fill are
  // stale; so are columns, which carry sectors and countries.
  for (const h of all) {
    forgetIdentity(h);
    forgetColumns(h);
  }
}

function firstMatch(keys: readonly string[], index: Map<string, number[]>): number | undefined {
  for (const k of keys) {
    const j = index.get(k)?.[0];
    if (j !== undefined) return j;
  }
  return undefined;
}

function assign(p: Position, field: 'sector' | 'country', from: Position): void {
  if (field === 'sector') {
    p.sector = from.sector;
    p.sectorSource = 'peer';
  } else {
    p.country = from.country;
    p.countrySource = 'peer';
  }
}

function donorDate(all: readonly Holdings[], fund: string): string | null {
  return all.find((h) => h.fund === fund)?.asOf.date ?? null;
}
