import { sql, type Selectable } from 'kysely';
import { checkDirectory } from './directory-check.ts';
import type { Database } from './schema.ts';
import { CURATED } from './curated-funds.ts';
import { DirectoryIndex } from './directory-search.ts';
import type { Store } from './store.ts';

/** Where a fund's holdings may come from, in the order tried. */
export type HoldingsSourceKind = 'stored' | 'issuer' | 'sec-nport' | 'stand-in';

export interface Bilingual {
  en: string;
  ja: string;
}

/**
 * One fund or index a user may name. SEC share classes of one series are one entry (one
 * portfolio); an index entry lists the funds that track it, or answers with its own weights
 * where those are stored (TOPIX, N225, YOMIURI333).
 */
export interface DirectoryEntry {
  /** 'sec:S000004310', 'sec-cik:884394' (unit investment trust), 'jp:emaxis-slim-acwi', 'index:SP500'. */
  key: string;
  kind: 'fund' | 'index';
  /** Upper case; the first is the one its holdings are stored (and fetched) under. */
  tickers: string[];
  nameEn: string | null;
  nameJa: string | null;
  /** Other names people use: 'オルカン', 'semis', 'sp500'. */
  aliases: string[];
  issuer: string | null;
  /** Directory key of the index it tracks ('index:SP500'). */
  tracks: string | null;
  sources: HoldingsSourceKind[];
  cik: number | null;
  seriesId: string | null;
  classIds: string[];
  /** Tickers whose stored holdings stand in for this one, first stored wins. */
  standIn: string[];
  /** What the card says when they do (the stand-in ticker is named by the command). */
  standInNote: Bilingual | null;
  /** Set for a fund we know but never answer for (a hedged or ex-Japan variant): why. */
  noHoldings: Bilingual | null;
  origin: 'sec-mf' | 'sec-uit' | 'curated';
}

/** Rows per INSERT: 19 columns × 400 stays below SQLite's 32,766 parameters. */
const CHUNK = 400;

export interface ReplaceOptions {
  /** Store it even if it drops more than MAX_DROP_SHARE of the current entries (`--allow-shrink`). */
  allowShrink?: boolean;
  /** Told each symbol left out by checkDirectory (one line each). */
  onFlagged?: (lines: string[]) => void;
}

/**
 * Replaces the whole directory in one transaction: readers see the old one or the new one,
 * never a half-written mix, and a failure leaves the old one in place. The new entries are
 * checked first (directory-check.ts: hostile symbols left out, duplicate tickers and large drops
 * refused with DirectoryRefusal). Concurrent refreshes take turns: on PostgreSQL the table is
 * locked against other writers (readers go on) before it is counted and replaced; on SQLite
 * BEGIN IMMEDIATE already serialises them. Returns how many entries were stored.
 */
export async function replaceDirectory(store: Store, entries: readonly DirectoryEntry[], options: ReplaceOptions = {}): Promise<number> {
  const now = new Date().toISOString();
  return store.write(async (trx) => {
    if (store.backend === 'postgres') await sql`lock table fund_directory in share row exclusive mode`.execute(trx);
    const current = await trx.selectFrom('fund_directory').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const checked = checkDirectory(entries, Number(current.n), options.allowShrink);
    if (checked.flagged.length > 0) options.onFlagged?.(checked.flagged);
    entries = checked.entries;
    await trx.deleteFrom('fund_directory').execute();
    for (let i = 0; i < entries.length; i += CHUNK) {
      await trx
        .insertInto('fund_directory')
        .values(entries.slice(i, i + CHUNK).map((e) => toRow(e, now)))
        .execute();
    }
    return entries.length;
  });
}

/** Every entry, by key. */
export async function readDirectory(store: Store): Promise<DirectoryEntry[]> {
  const rows = await store.db.selectFrom('fund_directory').selectAll().orderBy('key').execute();
  return rows.map(fromRow);
}

/** A cheap "has the directory changed?" probe: entry count and last write. */
export async function directoryVersion(store: Store): Promise<string> {
  const row = await store.db
    .selectFrom('fund_directory')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('at')])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}@${row.at ?? ''}`;
}

function toRow(e: DirectoryEntry, now: string): Database['fund_directory'] {
  return {
    key: e.key,
    kind: e.kind,
    tickers: JSON.stringify(e.tickers),
    name_en: e.nameEn,
    name_ja: e.nameJa,
    aliases: JSON.stringify(e.aliases),
    issuer: e.issuer,
    tracks: e.tracks,
    sources: JSON.stringify(e.sources),
    cik: e.cik,
    series_id: e.seriesId,
    class_ids: JSON.stringify(e.classIds),
    stand_in: JSON.stringify(e.standIn),
    stand_in_en: e.standInNote?.en ?? null,
    stand_in_ja: e.standInNote?.ja ?? null,
    no_holdings_en: e.noHoldings?.en ?? null,
    no_holdings_ja: e.noHoldings?.ja ?? null,
    origin: e.origin,
    updated_at: now,
  };
}

function fromRow(r: Selectable<Database['fund_directory']>): DirectoryEntry {
  const pair = (en: string | null, ja: string | null): Bilingual | null => (en === null ? null : { en, ja: ja ?? en });
  return {
    key: r.key,
    kind: r.kind === 'index' ? 'index' : 'fund',
    tickers: JSON.parse(r.tickers) as string[],
    nameEn: r.name_en,
    nameJa: r.name_ja,
    aliases: JSON.parse(r.aliases) as string[],
    issuer: r.issuer,
    tracks: r.tracks,
    sources: JSON.parse(r.sources) as HoldingsSourceKind[],
    cik: r.cik === null ? null : Number(r.cik),
    seriesId: r.series_id,
    classIds: JSON.parse(r.class_ids) as string[],
    standIn: JSON.parse(r.stand_in) as string[],
    standInNote: pair(r.stand_in_en, r.stand_in_ja),
    noHoldings: pair(r.no_holdings_en, r.no_holdings_ja),
    origin: r.origin as DirectoryEntry['origin'],
  };
}

/** When the SEC's lists were last stored in the directory (ISO), or null when they never were. */
export async function secListsUpdatedAt(store: Store): Promise<string | null> {
  const row = await store.db
    .selectFrom('fund_directory')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('origin', 'in', ['sec-mf', 'sec-uit'])
    .executeTakeFirstOrThrow();
  return row.at ?? null;
}

/**
 * The directory as commands read it: loaded from the store on first use (never at start, so a
 * one-shot command that names a stored ticker pays nothing), then kept in memory; `refresh()`
 * reloads it when another process (or `topheavy data directory`) has replaced it since. A store
 * whose directory was never filled still has the curated funds and indexes. `fill()` brings the
 * SEC's lists in when they are missing (through `fillSec`, which returns the entries it stored, or
 * null), single-flight, and says whether the directory changed.
 */
export function directoryLoader(
  store: Store,
  fillSec?: (onDownload?: () => void) => Promise<readonly DirectoryEntry[] | null>,
): { index(): Promise<DirectoryIndex>; refresh(): Promise<void>; fill(onDownload?: () => void): Promise<boolean> } {
  let loading: Promise<{ version: string; index: DirectoryIndex; sec: boolean }> | undefined;
  let filling: Promise<boolean> | undefined;
  // A failed fill (the SEC unreachable) is not tried again at every unknown name: once per 10 minutes.
  let lastTry = -Infinity;
  const load = async () => {
    const version = await directoryVersion(store);
    const entries = await readDirectory(store);
    return { version, index: new DirectoryIndex(entries.length > 0 ? entries : CURATED), sec: entries.some((e) => e.origin !== 'curated') };
  };
  const refresh = async () => {
    if (!loading) return;
    const current = await loading;
    if ((await directoryVersion(store)) !== current.version) loading = load();
  };
  return {
    index: async () => (await (loading ??= load())).index,
    refresh,
    fill: (onDownload) =>
      (filling ??= (async () => {
        if (!fillSec || (await (loading ??= load())).sec || Date.now() - lastTry < 600_000) return false;
        lastTry = Date.now();
        const entries = await fillSec(onDownload);
        if (entries) {
          // The entries just stored are the directory: indexed as they are, not read back from the store.
          loading = Promise.resolve({ version: await directoryVersion(store), index: new DirectoryIndex(entries), sec: true });
          return true;
        }
        const before = await loading;
        await refresh();
        return (await loading) !== before;
      })().finally(() => (filling = undefined))),
  };
}
