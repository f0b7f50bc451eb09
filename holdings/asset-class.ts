/**
 * What a row is when the file prints no asset class: issuers put cash, currencies, futures,
 * forwards, swaps and options inside the holdings table (SPDR, Schwab, Global X, ARK), and a
 * row taken for a stock moves every weight. Each test here gives the reason the row is left out.
 */

/** Index futures as issuers name them: "S&P MID 400 EMINI MAR 26", "CME E-Mini NASDAQ 100 Index Future", "ES DEC25". */
export const FUTURES_NAME = /\b(?:E-?MINI|MINI|FUTURES?|FUT)\b|\b(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) ?'?\d{2}$/i;
/**
 * Futures tickers in the exchanges' month-year code: root, month letter (F G H J K M N Q U V X Z),
 * one or two year digits, optionally a Bloomberg yellow key ("ESZ5", "NQH6", "ESZ25 Index").
 * Only roots of equity-index futures are listed, so a stock ticker such as "NVDA" never matches.
 */
export const FUTURES_TICKER = /^(?:ES|NQ|RTY|YM|MES|MNQ|M2K|MYM|EMD|MFS|MME|TP|NK|VG|GX|Z|FESX|DM)[FGHJKMNQUVXZ]\d{1,2}(?: (?:Index|Comdty|Curncy))?$/;
export const FORWARD_NAME = /\b(?:FORWARDS?|FWD|FX FORWARD|CURRENCY CONTRACT|FOREIGN EXCHANGE CONTRACT)\b/i;
export const SWAP_NAME = /\b(?:SWAPS?|TOTAL RETURN SWAP|TRS)\b/i;
export const OPTION_NAME = /\b(?:CALL|PUT)\b.*\b\d+(?:\.\d+)?\b|\bOPTIONS?\b/i;
/** Cash and its kin as issuers print them, including Global X's bare currency names. */
export const CASH_NAME =
  /^(?:US DOLLARS?|U\.S\. DOLLARS?|USD CASH|CASH(?: & EQUIVALENTS| AND EQUIVALENTS| COLLATERAL| & OTHER| AND OTHER)?|.*\bCURRENCY\b.*|NET OTHER ASSETS.*|OTHER ASSETS (?:AND|&|LESS) LIABILITIES.*)$/i;
export const PAYABLE_NAME = /\b(?:PAYABLES?|RECEIVABLES?|ACCRUED|DIVIDENDS? RECEIVABLE|MARGIN)\b/i;
export const MONEY_MARKET_NAME = /\b(?:MONEY MARKET|MMF|TREASURY (?:OBLIGATIONS|PORTFOLIO)|TRSY|GOVT (?:CASH|MM|MONEY)|LIQUID(?:ITY)? (?:ASSETS|FUND)|CASH MANAGEMENT|SWEEP)\b/i;
/** Currencies named bare, as Global X prints them ("TAIWAN DOLLAR", "KOREAN WON", "EURO"). */
export const CURRENCY_NAME =
  /^(?:[A-Z .]+ )?(?:DOLLARS?|WON|FRANCS?|EUROS?|YEN|POUNDS? STERLING|STERLING|KRONE|KRONA|KRONER|KRONOR|RUPEES?|RUPIAH|RINGGIT|BAHT|PESOS?|REAL|REAIS|RAND|YUAN|RENMINBI|SHEKEL|ZLOTY|FORINT|LIRA|RIYAL|DIRHAM|DINAR|KORUNA|NEW TAIWAN DOLLAR)$/i;

export interface RowFacts {
  name: string;
  ticker: string;
  /** Shares or contracts held, where printed. */
  quantity?: number | null;
  /** True where the row carries a security identifier (CUSIP, ISIN, SEDOL). */
  hasId?: boolean;
}

/**
 * Why a row the file does not classify is not an equity holding, or null when nothing marks it
 * as anything but a stock. Tests run from the surest sign to the weakest: the ticker's shape,
 * then the name, then a zero or negative quantity (a short, a liability or an expired line).
 */
export function nonEquityReason(row: RowFacts): string | null {
  const name = row.name.trim();
  const ticker = row.ticker.trim();
  if (FUTURES_TICKER.test(ticker) || FUTURES_NAME.test(name)) return 'futures (notional exposure, not a holding)';
  if (FORWARD_NAME.test(name)) return 'currency forward (not a holding)';
  if (SWAP_NAME.test(name)) return 'swap (derivative, not a holding)';
  if (!row.hasId && OPTION_NAME.test(name)) return 'option (derivative, not a holding)';
  if (MONEY_MARKET_NAME.test(name) && (ticker === '' || !row.hasId)) return 'money-market fund (cash sweep)';
  if (CASH_NAME.test(name)) return 'cash';
  if (ticker === '' || ticker === '-') {
    if (CURRENCY_NAME.test(name)) return `currency (cash held in ${name.toLowerCase()})`;
    if (PAYABLE_NAME.test(name)) return 'payables and receivables (not a holding)';
  }
  if (row.quantity !== undefined && row.quantity !== null && row.quantity <= 0) {
    return row.quantity === 0 ? 'zero quantity (not a position held)' : 'negative quantity (a short or a liability, not a holding)';
  }
  return null;
}
