import type { FundSummary, HoldingsSource } from '../commands/context.ts';
import type { Catalog, LoadProblem } from '../holdings/catalog.ts';
import type { Holdings } from '../holdings/types.ts';
import type { Store } from '../store/store.ts';
import type { SnapshotHistory, SnapshotMeta, SnapshotWeights } from '../store/types.ts';

/** The commands' view of a loaded HOLDINGS_DIR (tests and benches use it without a database). */
export function catalogSource(catalog: Catalog): HoldingsSource {
  const summaries: FundSummary[] = [...catalog.funds.values()].map(({ holdings: h }) => ({
    fund: h.fund,
    name: h.name,
    issuer: h.issuer,
    file: h.file,
    asOf: h.asOf.date,
    positions: h.positions.length,
  }));
  return {
    list: () => summaries,
    get: (fund) => catalog.funds.get(fund)?.holdings,
    problems: () => catalog.problems,
    describe: () => catalog.dir,
  };
}

interface Loaded {
  meta: SnapshotMeta;
  /** Read on first ask where the store reads synchronously (SQLite), at refresh otherwise. */
  holdings: Holdings | undefined;
  /** The snapshot before the latest, for "change since"; its weights are read as holdings are. */
  before: SnapshotMeta | undefined;
  previous: SnapshotWeights | undefined;
}

/**
 * Holdings read from the store. Commands ask synchronously, so the latest snapshot of each fund
 * (and the weights of the one before, for "change since") is kept in memory once read. On SQLite
 * a fund is read when first asked for (better-sqlite3 reads synchronously), so a one-shot
 * `topheavy hhi VT` reads VT alone; on PostgreSQL every fund is read at refresh. `refresh()`
 * reloads only funds whose latest snapshot changed, and costs one tiny query when nothing did.
 */
export class StoreSource implements HoldingsSource, SnapshotHistory {
  private loaded = new Map<string, Loaded>();
  private lastId = '';
  private loadedGeneration = 0;
  private importProblems: LoadProblem[] = [];
  /** Weights per snapshot id: snapshots never change once stored, so this never goes stale. */
  private weights = new Map<number, number[]>();

  constructor(
    /** The `store` capability (see hasStore): commands that keep settings, such as /alerts, reach the database here. */
    readonly store: Store,
    private readonly where: string,
  ) {}

  /** Reloads what changed since the last call. Resolves true when anything did. */
  async refresh(): Promise<boolean> {
    // The stamp (highest id and count) also changes when a snapshot is removed (`data remove`).
    const lastId = await this.store.snapshotStamp();
    if (lastId === this.lastId) return false;
    const all = await this.store.snapshots();
    const byFund = new Map<string, SnapshotMeta[]>();
    for (const s of all) byFund.set(s.fund, [...(byFund.get(s.fund) ?? []), s]);
    const next = new Map<string, Loaded>();
    for (const [fund, list] of byFund) {
      const latest = list[list.length - 1]!;
      const before = list[list.length - 2];
      const current = this.loaded.get(fund);
      if (current && current.meta.id === latest.id && current.before?.id === before?.id) {
        next.set(fund, current);
        continue;
      }
      const entry: Loaded = { meta: latest, holdings: current?.meta.id === latest.id ? current.holdings : undefined, before, previous: undefined };
      if (!this.store.readsNow) {
        entry.holdings ??= await this.store.readHoldings(latest.id);
        if (!entry.holdings) continue;
        this.weights.set(latest.id, entry.holdings.positions.map((p) => p.weight));
        entry.previous = before && { meta: before, weights: await this.weightsOf(before.id) };
      }
      next.set(fund, entry);
    }
    this.loaded = next;
    this.lastId = lastId;
    this.loadedGeneration++;
    return true;
  }

  setImportProblems(problems: LoadProblem[]): void {
    this.importProblems = problems;
    this.loadedGeneration++;
  }

  /** Moves on whenever refresh() loads a change or the import problems are replaced (see HoldingsSource). */
  generation(): number {
    return this.loadedGeneration;
  }

  list(): FundSummary[] {
    return [...this.loaded.values()]
      .map(({ meta }) => ({ fund: meta.fund, name: meta.name, issuer: meta.issuer, file: meta.file, asOf: meta.asOf, positions: meta.positions }))
      .sort((a, b) => a.fund.localeCompare(b.fund));
  }

  get(fund: string): Holdings | undefined {
    const entry = this.loaded.get(fund);
    if (entry && !entry.holdings && this.store.readsNow) {
      entry.holdings = this.store.readHoldingsNow(entry.meta.id);
      if (entry.holdings) this.weights.set(entry.meta.id, entry.holdings.positions.map((p) => p.weight));
    }
    return entry?.holdings;
  }

  /** The stored snapshot `get(fund)` returns. */
  meta(fund: string): SnapshotMeta | undefined {
    return this.loaded.get(fund)?.meta;
  }

  problems(): LoadProblem[] {
    return this.importProblems;
  }

  describe(): string {
    return this.where;
  }

  previous(fund: string): SnapshotWeights | undefined {
    const entry = this.loaded.get(fund);
    if (entry?.before && !entry.previous && this.store.readsNow) {
      const id = entry.before.id;
      const weights = this.weights.get(id) ?? this.store.weightsOfNow(id);
      this.weights.set(id, weights);
      entry.previous = { meta: entry.before, weights };
    }
    return entry?.previous;
  }

  async history(fund: string): Promise<SnapshotWeights[]> {
    const out: SnapshotWeights[] = [];
    for (const meta of await this.store.snapshots(fund)) out.push({ meta, weights: await this.weightsOf(meta.id) });
    return out;
  }

  holdingsAt(snapshotId: number): Promise<Holdings | undefined> {
    return this.store.readHoldings(snapshotId);
  }

  private async weightsOf(id: number): Promise<number[]> {
    let w = this.weights.get(id);
    if (!w) {
      w = await this.store.weightsOf(id);
      this.weights.set(id, w);
    }
    return w;
  }
}
