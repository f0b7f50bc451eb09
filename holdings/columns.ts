import { compactTicker } from './identity.ts';
import { SECTOR_BY_TSE33 } from './tse33.ts';
import type { Holdings, Position } from './types.ts';

/** A text column as small integers: codes[i] indexes names; a null name stands for "not given". */
export interface CodedColumn {
  codes: Uint8Array | Uint16Array;
  names: (string | null)[];
  /** names.length, in the shape analytics' Grouping takes. */
  size: number;
}

/** A fund's positions as parallel arrays, the shapes the analytics functions take. */
export interface Columns {
  /** Weights in position order, typed: what a report reads on every ask. */
  weightArray: Float64Array;
  /**
   * The weights largest first: weightArray itself when the positions are (parsers sort them so),
   * else a copy sorted once here, so top-N and the tail count never sort on an ask.
   */
  descending: Float64Array;
  /** Whether the positions themselves are ordered largest first (then descending === weightArray). */
  ordered: boolean;
  sectorCodes: CodedColumn;
  countryCodes: CodedColumn;
  /** The issuer's own classification (TSE-33 sector, GICS sub-industry…), coded: made with the rest where a label may be TSE-33, else on first read. */
  industryCodes: CodedColumn;
  /** Whether any of those names is a TSE-33 sector (Japanese funds), read from the name table once. */
  hasTse33: boolean;
  /** Whether any sector or country came from another fund (a warning on the card). */
  filledFromPeers: boolean;
  /** The same weights as a plain array, for the analytics functions that take one. */
  weights: number[];
  sectors: (string | null)[];
  countries: (string | null)[];
  /** Tickers compacted for matching what a person types (BRK.B = BRKB). */
  tickers: string[];
}

/**
 * The columns live on the snapshot itself, under a symbol property that is not enumerable: a
 * copy (`{ ...h }`, structuredClone), JSON and the store never carry them, so a Holdings value
 * that was not built through {@link columnsOf} has none and builds its own.
 */
const COLUMNS = Symbol('columns');
type WithColumns = Holdings & { [COLUMNS]?: Columns };

/**
 * Columns of a snapshot, built once per Holdings value. Snapshot creation calls this (the catalog
 * after sectors and countries are filled, the store when it reads a snapshot), so the first ask
 * of a fund finds them made; any other value builds them on its first use. A snapshot never
 * changes after that ({@link forgetColumns} is for the one step that fills it in place).
 */
export function columnsOf(h: Holdings): Columns {
  return (h as WithColumns)[COLUMNS] ?? buildColumns(h);
}

/** The snapshot itself, its columns made: for the places that create snapshots. */
export function withColumns(h: Holdings): Holdings {
  columnsOf(h);
  return h;
}

/** Whether the snapshot's columns are built already (for the bench and tests: the first ask should find them). */
export function hasColumns(h: Holdings): boolean {
  return (h as WithColumns)[COLUMNS] !== undefined;
}

/** Drops the columns of a snapshot whose positions changed in place (sectors or countries filled from peers). */
export function forgetColumns(h: Holdings): void {
  delete (h as WithColumns)[COLUMNS];
}

function buildColumns(h: Holdings): Columns {
  const positions = h.positions;
  const n = positions.length;
  const weightArray = new Float64Array(n);
  const sectors = new Coder(n);
  const countries = new Coder(n);
  let ordered = true;
  let peer = false;
  let maybeTse33 = false;
  for (let i = 0; i < n; i++) {
    const p = positions[i]!;
    const w = p.weight;
    weightArray[i] = w;
    if (i > 0 && w > weightArray[i - 1]!) ordered = false;
    sectors.add(i, p.sector);
    countries.add(i, p.country);
    if (!maybeTse33 && p.industry !== null && TSE33_FIRST_CHARS.has(p.industry.charCodeAt(0))) maybeTse33 = true;
    if (p.sectorSource === 'peer' || p.countrySource === 'peer') peer = true;
  }
  // Industries are coded here only where one may be a TSE-33 sector (Japanese funds), the one
  // use a card makes of them; coding 10,000 free-text labels was half the cost of these columns.
  let industryCodes = maybeTse33 ? codeColumn(positions, (p) => p.industry) : undefined;
  // Sorted once here when a snapshot is not largest first (a hand-made one), never on an ask.
  const descending = ordered ? weightArray : Float64Array.from(weightArray).sort().reverse();
  // Plain arrays and tickers only for the commands that read them: a /hhi card never does.
  let weights: number[] | undefined;
  let sectorNames: (string | null)[] | undefined;
  let countryNames: (string | null)[] | undefined;
  let tickers: string[] | undefined;
  const columns: Columns = {
    weightArray,
    descending,
    ordered,
    sectorCodes: sectors.column(),
    countryCodes: countries.column(),
    get industryCodes() {
      return (industryCodes ??= codeColumn(positions, (p) => p.industry));
    },
    hasTse33: industryCodes !== undefined && industryCodes.names.some((name) => name !== null && Object.hasOwn(SECTOR_BY_TSE33, name)),
    filledFromPeers: peer,
    get weights() {
      return (weights ??= Array.from(weightArray));
    },
    get sectors() {
      return (sectorNames ??= positions.map((p) => p.sector));
    },
    get countries() {
      return (countryNames ??= positions.map((p) => p.country));
    },
    get tickers() {
      return (tickers ??= positions.map((p) => compactTicker(p.ticker)));
    },
  };
  Object.defineProperty(h, COLUMNS, { value: columns, enumerable: false, configurable: true, writable: false });
  return columns;
}

/** First characters of the TSE-33 sector names: a label starting with any other cannot be one. */
const TSE33_FIRST_CHARS = new Set(Object.keys(SECTOR_BY_TSE33).map((name) => name.charCodeAt(0)));

function codeColumn(positions: readonly Position[], value: (p: Position) => string | null): CodedColumn {
  const coder = new Coder(positions.length);
  for (let i = 0; i < positions.length; i++) coder.add(i, value(positions[i]!));
  return coder.column();
}

/** Codes text values in order of first appearance; up to 65,536 distinct values. */
class Coder {
  private readonly index = new Map<string | null, number>();
  private readonly names: (string | null)[] = [];
  private readonly codes: Uint16Array;

  constructor(n: number) {
    this.codes = new Uint16Array(n);
  }

  add(i: number, value: string | null): void {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.names.length;
      if (code > 0xffff) throw new RangeError('columns: more than 65,536 distinct values in one column');
      this.index.set(value, code);
      this.names.push(value);
    }
    this.codes[i] = code;
  }

  column(): CodedColumn {
    // Sectors and countries fit a byte: a quarter of the memory a pass reads.
    const codes = this.names.length <= 0x100 ? Uint8Array.from(this.codes) : this.codes;
    return { codes, names: this.names, size: this.names.length };
  }
}
