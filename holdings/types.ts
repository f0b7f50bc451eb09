import { z } from 'zod';

/** The eleven GICS sectors, spelled as MSCI and S&P spell them. */
export const GICS_SECTORS = [
  'Information Technology',
  'Communication Services',
  'Consumer Discretionary',
  'Consumer Staples',
  'Energy',
  'Financials',
  'Health Care',
  'Industrials',
  'Materials',
  'Real Estate',
  'Utilities',
] as const;
export const gicsSector = z.enum(GICS_SECTORS);
export type GicsSector = z.infer<typeof gicsSector>;

// 'SEC': holdings read from the fund's own SEC Form N-PORT filing rather than an issuer file.
export const ISSUERS = ['iShares', 'SPDR', 'Vanguard', 'Invesco', 'Schwab', 'ARK', 'JPX', 'Global X', 'Nikkei', 'SEC', 'Unknown'] as const;
export const issuer = z.enum(ISSUERS);
export type Issuer = z.infer<typeof issuer>;

/** Where a position's sector came from: the file itself, a mapping of the file's own label, or another fund. */
export const sectorSource = z.enum(['file', 'mapped', 'peer']);

export const identifiers = z
  .object({
    cusip: z.string().regex(/^[0-9A-Z]{9}$/).optional(),
    isin: z.string().regex(/^[A-Z]{2}[0-9A-Z]{10}$/).optional(),
    sedol: z.string().regex(/^[0-9A-Z]{7}$/).optional(),
  })
  .strict();
export type Identifiers = z.infer<typeof identifiers>;

export const position = z
  .object({
    /** Ticker as the issuer prints it, trimmed; '' where the file gives none. */
    ticker: z.string(),
    name: z.string().min(1),
    /** Fraction of the fund's equity positions, after explicit normalisation (Σ = 1). */
    weight: z.number().min(0).max(1),
    /** The weight the file printed, as a fraction of the whole fund; null where it printed none or "<0.01%". */
    reportedWeight: z.number().nullable(),
    marketValue: z.number().nullable(),
    sector: gicsSector.nullable(),
    sectorSource: sectorSource.nullable(),
    /** The issuer's own classification (iShares sector, GICS sub-industry, TSE-33 sector), kept as printed. */
    industry: z.string().nullable(),
    /** ISO 3166-1 alpha-2. */
    country: z.string().regex(/^[A-Z]{2}$/).nullable(),
    countrySource: sectorSource.nullable(),
    exchange: z.string().nullable(),
    assetClass: z.literal('equity'),
    ids: identifiers,
  })
  .strict();
export type Position = z.infer<typeof position>;

export const excludedRow = z
  .object({
    /** 1-based line (CSV) or row (xlsx) in the file. */
    line: z.number().int().positive(),
    ticker: z.string(),
    name: z.string(),
    /** The issuer's asset-class label, or what the row was taken to be. */
    assetClass: z.string(),
    reason: z.string().min(1),
    /** As printed, as a fraction of the fund; null where none was printed. */
    reportedWeight: z.number().nullable(),
    marketValue: z.number().nullable(),
  })
  .strict();
export type ExcludedRow = z.infer<typeof excludedRow>;

export const asOf = z.union([
  z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), source: z.enum(['file']) }).strict(),
  z.object({ date: z.null(), reason: z.string().min(1) }).strict(),
]);
export type AsOf = z.infer<typeof asOf>;

/** Where a downloaded snapshot came from, and how late it is: said on the card ("SEC N-PORT for 2026-06-30, filed 2026-08-25"). */
export const holdingsOrigin = z
  .object({
    /** 'sec-archive': one period of the fund's N-PORT archive, stored by a backfill (/history). */
    kind: z.enum(['issuer', 'sec-nport', 'sec-archive']),
    url: z.string().min(1),
    /** The period the holdings are as of, as the source states it. */
    reportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    /** When the source was filed (N-PORT) or published; null where unknown. */
    filedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    /** How the fund was looked up, so `data sync` can fetch it again without the directory. */
    lookup: z.object({ cik: z.number().int().nullable(), seriesId: z.string().nullable(), issuer: z.string().nullable() }).strict().optional(),
  })
  .strict();
export type HoldingsOrigin = z.infer<typeof holdingsOrigin>;

/** 'equal': the index gives every member the same weight by rule (Yomiuri 333), so nothing printed is used. */
export const weightBasis = z.enum(['reported-weight', 'market-value', 'equal']);
export type WeightBasis = z.infer<typeof weightBasis>;

/**
 * How the index or fund sets its weights: by market cap (almost every fund), by share price
 * (Nikkei 225, the Dow), or equally (Yomiuri 333). Cards must say so when it is not cap.
 */
export const weighting = z.enum(['cap', 'price', 'equal']);
export type Weighting = z.infer<typeof weighting>;

export const holdings = z
  .object({
    /** Fund ticker, upper case (the folder name under HOLDINGS_DIR). */
    fund: z.string().regex(/^[A-Z0-9][A-Z0-9.\-]{0,11}$/),
    /** The fund ticker the file itself prints (SPDR "Ticker Symbol:", Invesco "Fund Ticker", ARK "fund", Vanguard "(VT)"), where it prints one. */
    fundInFile: z.string().min(1).optional(),
    /** Fund name as the file prints it, else the fund ticker. */
    name: z.string().min(1),
    issuer,
    /** Parser that read the file, e.g. "ishares-csv". */
    format: z.string().min(1),
    /** File name (no directory), as named in every figure's source line. */
    file: z.string().min(1),
    asOf,
    /** What the equity weights were computed from. */
    weightBasis,
    /** Absent means cap-weighted, the default for funds. */
    weighting: weighting.optional(),
    /** Σ of the printed weights of the equity rows (fraction); null when the file printed none usable. */
    reportedEquityWeight: z.number().nullable(),
    /** Σ of the printed weights of every row, equity or not (fraction); null when unknown. */
    reportedTotalWeight: z.number().nullable(),
    positions: z.array(position).min(1),
    excluded: z.array(excludedRow),
    /** Every adjustment made, in plain words: normalisation, merges, fills. */
    notes: z.array(z.string()),
    /** Set for snapshots downloaded on demand or by sync; absent for files imported from a folder. */
    origin: holdingsOrigin.optional(),
  })
  .strict();
export type Holdings = z.infer<typeof holdings>;
