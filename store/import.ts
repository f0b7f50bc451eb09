import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fillFromPeers, loadCatalog, parseFile } from '../holdings/catalog.ts';
import { fundKey } from '../holdings/fund-name.ts';
import { HoldingsFileError } from '../holdings/errors.ts';
import type { Holdings } from '../holdings/types.ts';
import { alertsForStored } from './alert-check.ts';
import type { AlertCrossing } from './alerts.ts';
import type { Store } from './store.ts';

/** sha256 of a file's bytes: the same file imported twice is recognised by this. */
export function checksumOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What happened to one file, as it happens (progress lines) and in the summary. */
export interface ImportEvent {
  fund: string;
  file: string;
  status: 'parsing' | 'stored' | 'unchanged' | 'failed';
  asOf?: string | null;
  positions?: number;
  /** For failures: file, line and what was expected there. */
  message?: string;
  /** For "stored": the new snapshot, so alerts can be checked against the one before it. */
  snapshotId?: number;
}

export interface ImportSummary {
  stored: ImportEvent[];
  unchanged: ImportEvent[];
  failed: ImportEvent[];
  /** Alert rules that the newly stored snapshots crossed (empty when nothing new, or no rules). */
  alerts: AlertCrossing[];
}

export interface ImportOptions {
  /** Progress, one call per file and step. */
  onEvent?: (event: ImportEvent) => void;
  /** The fund a single file belongs to; defaults to its folder's name. */
  fund?: string;
  /** Loaded funds to take missing sectors and countries from (a single file has no peers of its own). */
  peers?: readonly Holdings[];
}

const HOLDINGS_FILE = (name: string) => !name.startsWith('.') && !/\.(md|txt)$/i.test(name);
const FUND = /^[A-Z0-9][A-Z0-9.\-]{0,11}$/;

/** Imports a file, or a HOLDINGS_DIR-style folder (one sub-folder per fund). Never throws for a bad file. */
export async function importPath(store: Store, target: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary: ImportSummary = { stored: [], unchanged: [], failed: [], alerts: [] };
  const emit = (event: ImportEvent) => {
    options.onEvent?.(event);
    if (event.status !== 'parsing') summary[event.status].push(event);
  };
  const info = await stat(target).catch(() => null);
  if (!info) {
    emit({ fund: options.fund ?? '?', file: target, status: 'failed', message: `${target}: no such file or folder` });
  } else if (info.isDirectory()) {
    // A fund's own folder (issuer files directly inside) is that fund; otherwise one sub-folder per fund.
    const direct = [];
    for (const name of (await readdir(target)).filter(HOLDINGS_FILE).sort()) if ((await stat(path.join(target, name))).isFile()) direct.push(name);
    if (direct.length > 0) {
      const fund = (options.fund ?? path.basename(path.resolve(target))).toUpperCase();
      for (const name of direct) await importFile(store, fund, path.join(target, name), options.peers ?? [], emit);
    } else {
      await importDir(store, target, options, emit);
    }
  } else {
    const named = options.fund ?? path.basename(path.dirname(path.resolve(target)));
    const fund = fundKey(named) ?? named.toUpperCase();
    await importFile(store, fund, target, options.peers ?? [], emit);
  }
  // After everything is stored, so a folder holding several files of a fund alerts on the newest only.
  summary.alerts = await alertsForStored(store, summary.stored);
  return summary;
}

async function importFile(store: Store, fund: string, filePath: string, peers: readonly Holdings[], emit: (e: ImportEvent) => void): Promise<void> {
  const file = path.basename(filePath);
  if (!FUND.test(fund)) {
    emit({ fund, file, status: 'failed', message: `${file}: "${fund}" is not a fund ticker; name the fund with --fund TICKER` });
    return;
  }
  const checksum = checksumOf(await readFile(filePath));
  const known = await store.findByChecksum(fund, checksum);
  if (known) {
    emit({ fund, file, status: 'unchanged', asOf: known.asOf, positions: known.positions });
    return;
  }
  emit({ fund, file, status: 'parsing' });
  let h: Holdings;
  try {
    h = await parseFile(fund, filePath);
  } catch (error) {
    if (!(error instanceof HoldingsFileError)) throw error;
    emit({ fund, file, status: 'failed', message: error.message });
    return;
  }
  const own = h.fundInFile === undefined ? null : fundKey(h.fundInFile);
  if (own && own !== fund) {
    emit({ fund, file, status: 'failed', message: `${file}: the file holds the holdings of ${own}, not ${fund}; nothing was stored (import it with --fund ${own})` });
    return;
  }
  // Clone the peers: fillFromPeers fills every fund it is given, and the caller's values must stay as they are.
  if (peers.length > 0) fillFromPeers([h, ...peers.filter((p) => p.fund !== fund).map((p) => structuredClone(p))]);
  await storeOne(store, h, checksum, file, emit);
}

async function importDir(store: Store, dir: string, options: ImportOptions, emit: (e: ImportEvent) => void): Promise<void> {
  // Size and modification time first: a file as it was when last hashed is not read again, so a
  // start-up with nothing new costs one stat per file, not reading and hashing every byte.
  const listed: { fund: string; file: string; path: string; size: number; mtimeMs: number }[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const folder = path.join(dir, name);
    if (!(await stat(folder)).isDirectory()) continue;
    for (const file of (await readdir(folder)).filter(HOLDINGS_FILE).sort()) {
      const info = await stat(path.join(folder, file));
      if (info.isFile()) listed.push({ fund: name.toUpperCase(), file, path: path.join(folder, file), size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  const remembered = await store.importedFiles(listed.map((f) => f.path));
  const files: ((typeof listed)[number] & { checksum: string; remembered: boolean })[] = [];
  for (const f of listed) {
    const r = remembered.get(f.path);
    const same = r !== undefined && r.fund === f.fund && r.size === f.size && r.mtimeMs === f.mtimeMs;
    files.push({ ...f, checksum: same ? r.checksum : checksumOf(await readFile(f.path)), remembered: same });
  }
  const key = (fund: string, file: string) => `${fund}/${file}`;
  const known = new Map<string, { asOf: string | null; positions: number }>();
  for (const f of files) {
    const s = (await store.findByChecksum(f.fund, f.checksum)) ?? (await store.findFileByChecksum(f.checksum));
    if (s) known.set(key(f.fund, f.file), { asOf: s.asOf, positions: s.positions });
  }
  const stored = new Set<string>();
  const remember = () => store.rememberFiles(files.filter((f) => !f.remembered && (known.has(key(f.fund, f.file)) || stored.has(key(f.fund, f.file)))));
  // Only files not stored yet need parsing. When none of them reads (say, a layout no parser knows
  // yet), they are reported and the folder is not parsed again: it would only fill sectors for
  // files that are not stored. They are tried again at every start, since a newer build may read them.
  const failures: ImportEvent[] = [];
  let readable = false;
  for (const f of files.filter((x) => !known.has(key(x.fund, x.file)))) {
    if (!FUND.test(f.fund)) {
      readable = true;
      break;
    }
    try {
      await parseFile(f.fund, f.path);
      readable = true;
      break;
    } catch (error) {
      if (!(error instanceof HoldingsFileError)) throw error;
      failures.push({ fund: f.fund, file: f.file, status: 'failed', message: error.message });
    }
  }
  if (!readable) {
    for (const f of files) {
      const k = known.get(key(f.fund, f.file));
      if (k) emit({ fund: f.fund, file: f.file, status: 'unchanged', ...k });
      else emit(failures.find((e) => e.fund === f.fund && e.file === f.file)!);
    }
    await remember();
    return;
  }
  // Something is new: parse the whole folder, so sectors and countries are filled across funds as the catalog does.
  const catalog = await loadCatalog(dir);
  for (const p of catalog.problems) emit({ fund: p.fund, file: p.file, status: 'failed', message: p.message });
  const everyone = [...catalog.funds.values()].map((e) => e.holdings);
  for (const [fund, entry] of catalog.funds) {
    // The folder the entry was read from: its files are keyed by the folder's name, while the entry
    // may carry the ticker its file prints (a TEST file in an ARKK folder is stored as TEST).
    const folder = files.find((f) => f.path === entry.path)?.fund ?? fund;
    const checksums = new Map(files.filter((f) => f.fund === folder).map((f) => [f.file, f.checksum]));
    // The other files of the folder are older snapshots: storing them too gives /history something to show.
    const parsed: Holdings[] = [];
    for (const other of entry.passedOver) {
      const k = known.get(key(folder, other.file));
      if (k) {
        emit({ fund, file: other.file, status: 'unchanged', ...k });
        continue;
      }
      emit({ fund, file: other.file, status: 'parsing' });
      const h = await parseFile(fund, path.join(dir, path.basename(path.dirname(entry.path)), other.file));
      fillFromPeers([h, ...everyone.filter((p) => p.fund !== fund).map((p) => structuredClone(p))]);
      parsed.push(h);
    }
    parsed.push(entry.holdings);
    for (const h of parsed) {
      const checksum = checksums.get(h.file);
      if (checksum === undefined) continue;
      const k = known.get(key(folder, h.file));
      if (k) {
        emit({ fund, file: h.file, status: 'unchanged', ...k });
        continue;
      }
      if (await storeOne(store, h, checksum, h.file, emit)) stored.add(key(folder, h.file));
    }
  }
  await remember();
}

/** Stores one parsed file; a refusal by the store (a date in the future) is that file's failure, not the run's. */
async function storeOne(store: Store, h: Holdings, checksum: string, file: string, emit: (e: ImportEvent) => void): Promise<boolean> {
  try {
    const r = await store.importHoldings(h, checksum);
    emit(resultEvent(r.status, h, file, r.snapshot.id));
    return true;
  } catch (error) {
    if (!(error instanceof HoldingsFileError)) throw error;
    emit({ fund: h.fund, file, status: 'failed', message: error.message });
    return false;
  }
}

function resultEvent(status: 'stored' | 'unchanged', h: Holdings, file: string, snapshotId: number): ImportEvent {
  return { fund: h.fund, file, status, asOf: h.asOf.date, positions: h.positions.length, ...(status === 'stored' ? { snapshotId } : {}) };
}

/** The newest snapshot of every fund, to fill a single file's missing sectors and countries from. */
export async function latestHoldings(store: Store): Promise<Holdings[]> {
  const out: Holdings[] = [];
  for (const s of await store.latestSnapshots()) {
    const h = await store.readHoldings(s.id);
    if (h) out.push(h);
  }
  return out;
}
