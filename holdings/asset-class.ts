/**
 * What a row is when the file prints no asset class: issuers put cash, currencies, futures,
 * forwards, swaps and options inside the holdings table (SPDR, Schwab, Global X, ARK), and a
 * row taken for a stock moves every weight. Each test here gives the reason the row is left out.
 */

/**
 * Futures as issuers name a contract: an E-mini, or a name ending in its expiry month and year
 * ("S&P MID 400 EMINI MAR 26", "CME E-Mini NASDAQ 100 Index Future", "ES DEC25"). Unambiguous:
 * no company is named so.
 */
export const FUTURES_NAME = /\bE-?MINI\b|\b(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) ?'?\d{2}$/i;
/**
 * Futures tickers in the exchanges' month-year code: root, month letter (F G H J K M N Q U V X Z),
 * one or two year digits, optionally a Bloomberg yellow key ("ESZ5", "NQH6", "ESZ25 Index").
 * Only roots of equity-index futures are listed, so a stock ticker such as "NVDA" never matches.
 */
export const FUTURES_TICKER = /^(?:ES|NQ|RTY|YM|MES|MNQ|M2K|MYM|EMD|MFS|MME|TP|NK|VG|GX|Z|FESX|DM)[FGHJKMNQUVXZ]\d{1,2}(?: (?:Index|Comdty|Curncy))?$/;
/** Any contract-shaped ticker: a short root, a month letter, a one- or two-digit year ("FAH6", "IXTU6"); a second signal only. */
const CONTRACT_TICKER = /^[A-Z]{1,4}[FGHJKMNQUVXZ]\d{1,2}(?: (?:Index|Comdty|Curncy))?$/;
export const FORWARD_NAME = /\b(?:FX FORWARDS?|CURRENCY CONTRACTS?|FOREIGN EXCHANGE CONTRACTS?)\b/i;
export const SWAP_NAME = /\b(?:TOTAL RETURN SWAPS?|INTEREST RATE SWAPS?|CREDIT DEFAULT SWAPS?)\b/i;
/** A listed option as issuers print one: CALL or PUT with a strike. */
export const OPTION_NAME = /\b(?:CALL|PUT)\b.*\b\d+(?:\.\d+)?\b/i;
/**
 * Words that name a derivative but also real companies ("Option Care Health", "Forward Air",
 * "FutureFuel", a "Swap-like" name): they exclude a row only with a second signal (see secondSignal).
 */
const DERIVATIVE_WORDS: readonly { word: RegExp; reason: string }[] = [
  { word: /\b(?:FUTURES?|FUT|MINI)\b/i, reason: 'futures (notional exposure, not a holding)' },
  { word: /\b(?:FORWARDS?|FWD)\b/i, reason: 'currency forward (not a holding)' },
  { word: /\b(?:SWAPS?|TRS)\b/i, reason: 'swap (derivative, not a holding)' },
  { word: /\bOPTIONS?\b/i, reason: 'option (derivative, not a holding)' },
];
/** ISO 4217 codes a cash or forward line prints as its ticker. */
const CURRENCY_CODE = /^(?:USD|EUR|JPY|GBP|CHF|CAD|AUD|NZD|HKD|SGD|CNY|CNH|KRW|TWD|INR|IDR|MYR|THB|PHP|SEK|NOK|DKK|PLN|HUF|CZK|ILS|ZAR|BRL|MXN|CLP|COP|PEN|TRY|SAR|AED|QAR|KWD|EGP|RUB|RON|ISK|PKR)$/;
/** A cash line's ticker built from its currency ("CASH_JPY" in SPDR's 2021 files, "CASHCNY" as Roundhill's identifier). */
const CASH_CODE = /^CASH[_ ]?[A-Z]{3}$/;
/** Cash and its kin as issuers print them, including Global X's bare currency names. */
export const CASH_NAME =
  /^(?:US DOLLARS?|U\.S\. DOLLARS?|USD CASH|CASH(?:\s*(?:&|AND)\s*(?:EQUIVALENTS|OTHER)| COLLATERAL)?|.*\bCURRENCY\b.*|NET OTHER ASSETS.*|OTHER ASSETS (?:AND|&|LESS) LIABILITIES.*)$/i;
export const PAYABLE_NAME = /\b(?:PAYABLES?|RECEIVABLES?|ACCRUED|DIVIDENDS? RECEIVABLE|MARGIN)\b/i;
export const MONEY_MARKET_NAME = /\b(?:MONEY MARKET|MMF|(?:TREASURY|GOVERNMENT) (?:OBLIGATIONS|PORTFOLIO)|TRSY|GOVT (?:CASH|MM|MONEY)|LIQUID(?:ITY)? (?:ASSETS|FUND)|CASH MANAGEMENT|SWEEP)\b/i;
/** A money-market fund's ticker: five letters ending in XX ("FGXXX", "AGPXX"); a second signal only. */
const MONEY_MARKET_TICKER = /^[A-Z]{3}XX$/;
/** Currencies named bare, as Global X prints them ("TAIWAN DOLLAR", "KOREAN WON", "EURO"). */
export const CURRENCY_NAME =
  /^(?:[A-Z .]+ )?(?:DOLLARS?|WON|FRANCS?|EUROS?|YEN|POUNDS? STERLING|STERLING|KRONE|KRONA|KRONER|KRONOR|RUPEES?|RUPIAH|RINGGIT|BAHT|PESOS?|REAL|REAIS|RAND|YUAN|RENMINBI|SHEKEL|ZLOTY|FORINT|LIRA|RIYAL|DIRHAM|DINAR|KORUNA|NEW TAIWAN DOLLAR)$/i;

/**
 * Every word any name rule of nonEquityReason needs (a superset: a match here only means the
 * rules are run). Keeps them off the thousands of plain company names of a large file.
 */
const SUSPECT = /FUT|MINI|FORWARD|FWD|SWAP|TRS|OPTION|CALL|PUT|MONEY|MMF|TREAS|GOVT|GOVERNMENT|LIQUID|CASH|SWEEP|CURRENC|DOLLAR|ASSETS|CONTRACT|FOREIGN EXCHANGE|\d{2}$/i;

export interface RowFacts {
  name: string;
  ticker: string;
  /** Shares or contracts held, where printed. */
  quantity?: number | null;
  /** True where the row carries a security identifier (CUSIP, ISIN, SEDOL). */
  hasId?: boolean;
}

/**
 * What besides its name marks a row as a contract or cash rather than a company: a
 * contract-shaped ticker ("ESZ5"), a currency code for a ticker, a zero or negative quantity, or
 * neither ticker nor identifier. null when nothing does (a listed company with its ticker).
 */
export function secondSignal(row: RowFacts): string | null {
  const ticker = row.ticker.trim();
  if (CONTRACT_TICKER.test(ticker)) return 'a contract-shaped ticker';
  if (CURRENCY_CODE.test(ticker)) return 'a currency code for a ticker';
  if (row.quantity !== undefined && row.quantity !== null && row.quantity <= 0) return 'a zero or negative quantity';
  if ((ticker === '' || ticker === '-') && !row.hasId) return 'no ticker or identifier';
  return null;
}

/**
 * Why a row the file does not classify is not an equity holding, or null when nothing marks it
 * as anything but a stock. Tests run from the surest sign to the weakest: the ticker's shape and
 * contract names no company bears, then words that companies bear too ("Option", "Forward") only
 * with a second signal, then cash names, then a zero or negative quantity.
 */
export function nonEquityReason(row: RowFacts): string | null {
  const name = row.name.trim();
  const ticker = row.ticker.trim();
  // Most rows are plain stocks: one test of every word the rules below look for settles them.
  if (!SUSPECT.test(name) && ticker !== '' && ticker !== '-' && !FUTURES_TICKER.test(ticker) && !CURRENCY_CODE.test(ticker) && !CASH_CODE.test(ticker) && !(row.quantity !== undefined && row.quantity !== null && row.quantity <= 0)) return null;
  if (FUTURES_TICKER.test(ticker) || FUTURES_NAME.test(name)) return 'futures (notional exposure, not a holding)';
  if (FORWARD_NAME.test(name)) return 'currency forward (not a holding)';
  if (SWAP_NAME.test(name)) return 'swap (derivative, not a holding)';
  if (!row.hasId && OPTION_NAME.test(name)) return 'option (derivative, not a holding)';
  const word = DERIVATIVE_WORDS.find((d) => d.word.test(name));
  if (word && secondSignal(row) !== null) return word.reason;
  if (MONEY_MARKET_NAME.test(name) && (ticker === '' || !row.hasId || MONEY_MARKET_TICKER.test(ticker))) return 'money-market fund (cash sweep)';
  if (CASH_NAME.test(name)) return 'cash';
  // A bare currency name, or one beside its ISO code (Roundhill: CNY "CHINESE YUAN") or a CASH_ code (SPDR 2021: CASH_JPY "Japanese Yen") as ticker; ConocoPhillips keeps "COP".
  if (CURRENCY_NAME.test(name) && (ticker === '' || ticker === '-' || CURRENCY_CODE.test(ticker) || CASH_CODE.test(ticker))) return `currency (cash held in ${name.toLowerCase()})`;
  if ((ticker === '' || ticker === '-') && PAYABLE_NAME.test(name)) return 'payables and receivables (not a holding)';
  if (row.quantity !== undefined && row.quantity !== null && row.quantity <= 0) {
    return row.quantity === 0 ? 'zero quantity (not a position held)' : 'negative quantity (a short or a liability, not a holding)';
  }
  return null;
}

/** Asset-class labels issuers print, by what they mean; the first that matches decides. */
const CLASS_REASONS: readonly { test: RegExp; reason: string | null }[] = [
  { test: /future/i, reason: 'futures (notional exposure, not a holding)' },
  { test: /forward|\bfx\b/i, reason: 'currency forward (not a holding)' },
  { test: /swap/i, reason: 'swap (derivative, not a holding)' },
  { test: /option|warrant|right/i, reason: 'option or right (derivative, not a holding)' },
  { test: /money market|mmf/i, reason: 'money-market fund (cash sweep)' },
  { test: /collateral|margin/i, reason: 'collateral and margin (cash)' },
  { test: /cash|currency|uninvest/i, reason: 'cash' },
  { test: /common|stock|equit|depositary|depository|\badr\b|\bgdr\b|share|reit|real estate investment trust|unit/i, reason: null },
];

/**
 * The file's own word on a row (its asset-class or security-type label, or its is_cash flag):
 * null for equity, a reason for anything else, undefined when the file says nothing (a blank
 * label, no such column), so that the name decides. A label we do not know is not equity.
 */
export function printedClassReason(label: string, isCash?: string): string | null | undefined {
  const flag = (isCash ?? '').trim().toLowerCase();
  if (/^(?:1|y|yes|true)$/.test(flag)) return 'cash (the file marks it as cash)';
  const text = label.trim();
  if (text === '' || text === '-') return /^(?:0|n|no|false)$/.test(flag) ? null : undefined;
  const hit = CLASS_REASONS.find((c) => c.test.test(text));
  return hit ? hit.reason : `not equity (asset class "${text}")`;
}
