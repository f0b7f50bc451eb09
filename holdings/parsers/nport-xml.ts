import { StringDecoder } from 'node:string_decoder';
import { HoldingsFileError } from '../errors.ts';
import { MAX_MARKET_VALUE, scaledSum } from '../sane.ts';
import { filingMismatch, type FilingExpectation } from '../sec-filings.ts';
import type { ExcludedRow, Holdings, Position } from '../types.ts';
import { XmlError, XmlTokenizer, type XmlHandler } from '../xml-stream.ts';

/**
 * SEC Form N-PORT-P (`primary_doc.xml`), read as a stream. It is a separate entry point from the
 * CSV/XLSX detection because a large trust's filing runs to hundreds of MB: the file is fed chunk
 * by chunk and only one holding at a time is kept as text.
 *
 * Equity = asset categories EC (common) and EP (preferred). Everything else is excluded with its
 * reason: STIV (short-term investment vehicles: money-market funds, securities-lending collateral),
 * derivatives (DE, DIR, DCO, DCR, DFE, DO), debt (DBT, ABS-*, LON, SN), repos (RA), cash, and the rest.
 * Weights come from valUSD over the equity total: pctVal is of net assets, which include the
 * collateral and cash, so it does not add to 100 over equity.
 */
export const NPORT_FORMAT = 'sec-nport-xml';

/** Equity below this share of net assets: the filing is incomplete (trimmed) or not an equity fund. */
export const MIN_EQUITY_SHARE = 0.5;

export interface NportFiling {
  holdings: Holdings;
  /** The period the holdings are as of (repPdDate). */
  reportDate: string;
  cik: number | null;
  seriesId: string | null;
  netAssets: number | null;
}

export interface NportOptions {
  /** The fund ticker the snapshot is stored under. */
  fund: string;
  /** Named in every error and on the card's source line. */
  file: string;
  /** Bytes past which the stream is refused (a size cap enforced while reading). */
  maxBytes?: number;
  /** The series and registrant asked for: a filing of another is refused with the reason (sec-filings.ts filingMismatch). */
  expect?: FilingExpectation;
}

/** Why a filing was read but cannot be used for a concentration figure (shown to the user). */
export class NportRefusal extends HoldingsFileError {
  constructor(
    file: string,
    readonly reason: 'no-holdings' | 'final' | 'no-equity' | 'incomplete' | 'wrong-fund',
    expected: string,
    /** The whole reason, never clipped: it is what the user is told. */
    readonly detail: string,
  ) {
    super(file, null, expected);
    this.message = `${file}: ${detail}`;
  }
}

interface Sec {
  line: number;
  name: string;
  title: string;
  cusip: string;
  isin: string;
  ticker: string;
  sedol: string;
  valUSD: string;
  pctVal: string;
  assetCat: string;
  country: string;
  cashCollateral: boolean;
}

const EMPTY_SEC = (line: number): Sec => ({ line, name: '', title: '', cusip: '', isin: '', ticker: '', sedol: '', valUSD: '', pctVal: '', assetCat: '', country: '', cashCollateral: false });

const CATEGORY_REASON: Record<string, string> = {
  STIV: 'short-term investment vehicle (money-market fund or securities-lending collateral), not a holding of the index',
  DE: 'derivative (equity future, swap or option): exposure, not a holding',
  DIR: 'derivative (interest rate)',
  DCO: 'derivative (commodity)',
  DCR: 'derivative (credit)',
  DFE: 'derivative (foreign exchange)',
  DO: 'derivative (other)',
  DBT: 'debt security, not equity',
  LON: 'loan, not equity',
  SN: 'structured note, not equity',
  RA: 'repurchase agreement (cash-like)',
  RE: 'real estate, not a listed security',
  COMM: 'commodity, not equity',
};

function reasonFor(cat: string): string {
  if (CATEGORY_REASON[cat]) return CATEGORY_REASON[cat]!;
  if (cat.startsWith('ABS')) return 'asset-backed debt, not equity';
  if (cat === '') return 'no asset category given';
  return `asset category ${cat}, not common or preferred equity`;
}

const EQUITY = new Set(['EC', 'EP']);

/**
 * Reads an N-PORT-P filing from a stream of bytes. Throws NportRefusal when the filing has no
 * usable equity (final filing, no holdings, bonds only, equity a small fraction of net assets),
 * HoldingsFileError for a file that is not an N-PORT document or is malformed (naming the line).
 */
export async function parseNport(input: AsyncIterable<Uint8Array | string>, options: NportOptions): Promise<NportFiling> {
  const { file } = options;
  const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const head: Record<string, string> = {};
  const merged = new Map<string, { sec: Sec; value: number; pct: number | null; slices: number }>();
  const excluded: ExcludedRow[] = [];
  let holdingsSeen = 0;
  let root: string | null = null;

  const stack: string[] = [];
  let current: Sec | null = null;
  /** Depth of the open <invstOrSec>, so nested derivative identifiers are not taken for the holding's own. */
  let secDepth = -1;
  let textTarget: string | null = null;
  let text = '';

  const finishSec = (sec: Sec) => {
    holdingsSeen++;
    const value = num(sec.valUSD);
    const pct = sec.pctVal === '' ? null : num(sec.pctVal);
    if (value === null) throw new HoldingsFileError(file, sec.line, 'a number in <valUSD>', sec.valUSD || '(nothing)');
    if (Math.abs(value) > MAX_MARKET_VALUE || (value !== 0 && Math.abs(value) < 1e-6)) {
      throw new HoldingsFileError(file, sec.line, `a plausible amount in <valUSD> (0, or between 1e-6 and ${MAX_MARKET_VALUE.toExponential()} dollars)`, sec.valUSD);
    }
    const cat = sec.assetCat;
    if (!EQUITY.has(cat) || sec.cashCollateral) {
      excluded.push({
        line: sec.line,
        ticker: sec.ticker,
        name: sec.name || sec.title || '(unnamed)',
        assetClass: cat || 'unknown',
        reason: sec.cashCollateral ? CATEGORY_REASON.STIV! : reasonFor(cat),
        reportedWeight: pct === null ? null : pct / 100,
        marketValue: value,
      });
      return;
    }
    // Slices of one security (lots reported apart) are one holding: key by ISIN, else CUSIP, else name.
    const key = sec.isin || sec.cusip || `${sec.name}|${sec.title}`;
    const prior = merged.get(key);
    if (prior) {
      prior.value += value;
      prior.pct = prior.pct === null || pct === null ? null : prior.pct + pct;
      prior.slices++;
    } else merged.set(key, { sec, value, pct, slices: 1 });
  };

  const handler: XmlHandler = {
    open(name, attrs, line) {
      if (root === null) {
        root = name;
        if (name !== 'edgarSubmission') throw new HoldingsFileError(file, line, 'an SEC N-PORT filing (<edgarSubmission>)', `<${name}>`);
      }
      stack.push(name);
      const depth = stack.length;
      if (name === 'invstOrSec' && current === null) {
        current = EMPTY_SEC(line);
        secDepth = depth;
        return;
      }
      if (current) {
        const parent = stack[depth - 2];
        if (depth === secDepth + 1) {
          if (name === 'assetConditional') current.assetCat = attrs.assetCat ?? '';
          else if (name === 'currencyConditional') return;
          else if (name === 'cashCollateralCondition') return;
          else textTarget = name;
        } else if (depth === secDepth + 2 && parent === 'identifiers') {
          if (name === 'isin') current.isin = (attrs.value ?? '').trim();
          else if (name === 'ticker') current.ticker = (attrs.value ?? '').trim();
          else if (name === 'other' && /sedol/i.test(attrs.otherDesc ?? '')) current.sedol = (attrs.value ?? '').trim();
        } else if (depth === secDepth + 2 && parent === 'securityLending') {
          if (name === 'cashCollateralCondition' && attrs.isCashCollateral === 'Y') current.cashCollateral = true;
        }
        return;
      }
      if (name === 'cik' && stack[depth - 2] === 'issuerCredentials') textTarget = 'filerCik';
      else if (stack[depth - 2] === 'genInfo' || stack[depth - 2] === 'fundInfo' || stack[depth - 2] === 'seriesClassInfo') textTarget = name;
    },
    text(t) {
      if (textTarget !== null) text += t;
    },
    close(name) {
      const depth = stack.length;
      stack.pop();
      if (current) {
        if (depth === secDepth && name === 'invstOrSec') {
          finishSec(current);
          current = null;
          secDepth = -1;
        } else if (depth === secDepth + 1 && textTarget === name) {
          const v = text.trim();
          const sec = current as Sec;
          if (name === 'name') sec.name = v;
          else if (name === 'title') sec.title = v;
          else if (name === 'cusip') sec.cusip = v;
          else if (name === 'valUSD') sec.valUSD = v;
          else if (name === 'pctVal') sec.pctVal = v;
          else if (name === 'assetCat') sec.assetCat = v;
          else if (name === 'invCountry') sec.country = v;
        }
      } else if (textTarget !== null && (textTarget === name || (textTarget === 'filerCik' && name === 'cik'))) {
        head[textTarget] ??= text.trim();
      }
      textTarget = null;
      text = '';
    },
  };

  const tokenizer = new XmlTokenizer(handler);
  // StringDecoder keeps a character split across chunks whole, and is far faster than a streaming TextDecoder on Node.
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  try {
    for await (const chunk of input) {
      if (typeof chunk === 'string') {
        bytes += chunk.length;
        if (bytes > max) throw new HoldingsFileError(file, null, `an N-PORT filing under ${mb(max)}`, `more than ${mb(max)}`);
        tokenizer.write(chunk);
      } else {
        bytes += chunk.byteLength;
        if (bytes > max) throw new HoldingsFileError(file, null, `an N-PORT filing under ${mb(max)}`, `more than ${mb(max)}`);
        tokenizer.write(decoder.write(chunk as Buffer));
      }
    }
    tokenizer.write(decoder.end());
    tokenizer.end();
  } catch (error) {
    if (error instanceof XmlError) throw new HoldingsFileError(file, error.line, 'well-formed XML', error.message);
    throw error;
  }
  if (root === null) throw new HoldingsFileError(file, null, 'an SEC N-PORT filing (<edgarSubmission>)', 'an empty file');

  const reportDate = head.repPdDate ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(reportDate)) throw new HoldingsFileError(file, null, 'a report date in <repPdDate> (YYYY-MM-DD)', reportDate || '(none)');
  const seriesName = head.seriesName && head.seriesName !== 'N/A' ? head.seriesName : null;
  const name = seriesName ?? head.regName ?? options.fund;
  const netAssets = head.netAssets ? num(head.netAssets) : null;
  const seriesId = /^S\d{9}$/.test(head.seriesId ?? '') ? head.seriesId! : null;
  const cikText = head.regCik ?? head.filerCik;
  const cik = cikText && /^\d+$/.test(cikText) ? Number(cikText) : null;
  const final = head.isFinalFiling === 'Y';
  const wrong = options.expect ? filingMismatch({ seriesId, cik, name }, options.expect) : null;
  if (wrong) throw new NportRefusal(file, 'wrong-fund', 'the filing of the fund asked for', `${wrong}; nothing was stored`);

  if (holdingsSeen === 0) {
    throw new NportRefusal(
      file,
      final ? 'final' : 'no-holdings',
      'a filing that lists the fund’s holdings',
      final ? `the final filing of ${name} (${reportDate}): the fund has closed and lists no holdings` : `a filing of ${name} (${reportDate}) with no holdings listed`,
    );
  }
  if (merged.size === 0) {
    const cats = countBy(excluded.map((e) => e.assetClass));
    throw new NportRefusal(file, 'no-equity', 'a filing with equity holdings (asset category EC or EP)', `${name} (${reportDate}) holds no equity: ${cats}`);
  }

  const rows = [...merged.values()];
  // Scaled before summing (Σ = m·Σ v/m): a sum that overflows is refused, never turned into weights of 0.
  const total = scaledSum(rows.map((r) => r.value));
  if (!(total > 0 && total <= Number.MAX_VALUE)) throw new HoldingsFileError(file, null, 'equity holdings with a positive value in <valUSD>', `a total of ${total}`);
  const equityPct = rows.every((r) => r.pct !== null) ? rows.reduce((s, r) => s + r.pct!, 0) : null;
  const share = netAssets && netAssets > 0 ? total / netAssets : equityPct !== null ? equityPct / 100 : null;
  if (share !== null && share < MIN_EQUITY_SHARE) {
    throw new NportRefusal(
      file,
      'incomplete',
      `a filing whose equity is most of the fund (at least ${MIN_EQUITY_SHARE * 100}% of net assets)`,
      `${name} (${reportDate}): ${rows.length} equity holding${rows.length === 1 ? '' : 's'} adding to ${fmt(share * 100)}% of net assets${equityPct !== null ? ` (Σ pctVal ${fmt(equityPct)})` : ''}, so the filing is incomplete or the fund is not an equity fund`,
    );
  }

  const positions: Position[] = rows
    .map(({ sec, value, pct }) => ({
      ticker: sec.ticker,
      name: sec.name || sec.title,
      weight: value / total,
      reportedWeight: pct === null ? null : pct / 100,
      marketValue: value,
      sector: null,
      sectorSource: null,
      industry: null,
      country: /^[A-Z]{2}$/.test(sec.country) ? sec.country : null,
      countrySource: /^[A-Z]{2}$/.test(sec.country) ? ('file' as const) : null,
      exchange: null,
      assetClass: 'equity' as const,
      ids: ids(sec),
    }))
    .sort((a, b) => b.weight - a.weight);

  const notes = [
    `Weights are each equity holding's valUSD over the equity total ($${Math.round(total).toLocaleString('en-US')}), so they add to 100%; the filing's pctVal is of net assets.`,
  ];
  if (netAssets) notes.push(`Equity (asset categories EC and EP) is ${fmt((total / netAssets) * 100)}% of net assets ($${Math.round(netAssets).toLocaleString('en-US')}).`);
  const sliced = rows.filter((r) => r.slices > 1);
  if (sliced.length) notes.push(`${sliced.length} securit${sliced.length === 1 ? 'y was' : 'ies were'} reported in several slices and merged into one holding each.`);
  if (excluded.length) notes.push(`Excluded ${excluded.length} non-equity row${excluded.length === 1 ? '' : 's'}: ${countBy(excluded.map((e) => e.assetClass))}.`);

  const holdings: Holdings = {
    fund: options.fund,
    name,
    issuer: 'SEC',
    format: NPORT_FORMAT,
    file,
    asOf: { date: reportDate, source: 'file' },
    weightBasis: 'market-value',
    reportedEquityWeight: equityPct === null ? null : equityPct / 100,
    reportedTotalWeight: equityPct === null ? null : (equityPct + excluded.reduce((s, e) => s + (e.reportedWeight ?? 0) * 100, 0)) / 100,
    positions,
    excluded,
    notes,
  };
  return { holdings, reportDate, cik, seriesId, netAssets };
}

/** Identifiers the schema accepts; `N/A` and `000000000` (the SEC's "none") are dropped. */
function ids(sec: Sec): Position['ids'] {
  const out: Position['ids'] = {};
  const isin = sec.isin.toUpperCase();
  if (/^[A-Z]{2}[0-9A-Z]{10}$/.test(isin)) out.isin = isin;
  const cusip = sec.cusip.toUpperCase();
  if (/^[0-9A-Z]{9}$/.test(cusip) && cusip !== '000000000') out.cusip = cusip;
  const sedol = sec.sedol.toUpperCase();
  if (/^[0-9A-Z]{7}$/.test(sedol) && sedol !== '0000000') out.sedol = sedol;
  return out;
}

function num(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`);

/** A whole file (a Buffer or text) as a one-chunk stream, for tests and local files. */
export async function* once(data: Uint8Array | string): AsyncIterable<Uint8Array | string> {
  yield data;
}
