import type { Issuer } from '../holdings/types.ts';

/**
 * Where each fund's current holdings file is published, as data. A URL is `base + path`; the base
 * can be moved per issuer (a mirror, a proxy, a local test server) while the path stays the
 * issuer's own, so a test server answers on exactly the paths the issuers use.
 */
export interface IssuerSite {
  issuer: Issuer;
  /** The issuer's public origin, or null where no public URL serves a file our parsers read. */
  base: string | null;
  /** Environment variable that moves this issuer's base (SYNC_BASE_URL moves every issuer). */
  env: string;
  /** Why there is no public base, said to the user when such a fund is asked for. */
  note?: string;
}

export interface FundSource {
  fund: string;
  site: IssuerSite;
  /** Path (and query) on the issuer's site. */
  path: string;
  /** The name the issuer gives the downloaded file: snapshots record it, and the parsers read the extension. */
  file: string;
}

const ISHARES: IssuerSite = { issuer: 'iShares', base: 'https://www.ishares.com', env: 'ISHARES_BASE_URL' };
const SPDR: IssuerSite = { issuer: 'SPDR', base: 'https://www.ssga.com', env: 'SPDR_BASE_URL' };
const INVESCO: IssuerSite = { issuer: 'Invesco', base: 'https://www.invesco.com', env: 'INVESCO_BASE_URL' };
const ARK: IssuerSite = { issuer: 'ARK', base: 'https://assets.ark-funds.com', env: 'ARK_BASE_URL' };
// Vanguard's "Holdings details" CSV is assembled in the browser from a JSON API, and Schwab's
// public holdings file is a dated CSV in another layout than the xlsx we parse: neither has a URL
// that serves the file our parsers read. They sync from a mirror (the base) laid out as HOLDINGS_DIR.
const VANGUARD: IssuerSite = {
  issuer: 'Vanguard',
  base: null,
  env: 'VANGUARD_BASE_URL',
  note: 'Vanguard publishes the "Holdings details" CSV only through its website’s download button; set VANGUARD_BASE_URL to a mirror serving /<FUND>/<file>, or download it and run `topheavy data import`',
};
const SCHWAB: IssuerSite = {
  issuer: 'Schwab',
  base: null,
  env: 'SCHWAB_BASE_URL',
  note: 'Schwab publishes no public URL for the holdings xlsx we read; set SCHWAB_BASE_URL to a mirror serving /<FUND>/<file>, or download it and run `topheavy data import`',
};

/** iShares' holdings download: the product page's ajax component, as the "Download holdings" link uses it. */
const ishares = (fund: string, product: string, slug: string): FundSource => ({
  fund,
  site: ISHARES,
  path: `/us/products/${product}/${slug}/1467271812596.ajax?fileType=csv&fileName=${fund}_holdings&dataType=fund`,
  file: `${fund}_holdings.csv`,
});

// The path three public projects fetch (ISSUER-URLS.md: QG src_ssga, EV, SQ statestreet.ts); the
// website links the same file under /us/en/intermediary/, which we have no evidence is stable.
const spdr = (fund: string): FundSource => {
  const file = `holdings-daily-us-en-${fund.toLowerCase()}.xlsx`;
  return { fund, site: SPDR, path: `/library-content/products/fund-data/etfs/us/${file}`, file };
};

const mirror = (fund: string, site: IssuerSite, file: string): FundSource => ({ fund, site, path: `/${fund}/${encodeURIComponent(file)}`, file });

/** Every fund `topheavy data sync` knows, in the order it syncs them. */
export const FUND_SOURCES: readonly FundSource[] = [
  ishares('IVV', '239726', 'ishares-core-sp-500-etf'),
  ishares('SOXX', '239705', 'ishares-phlx-semiconductor-etf'),
  ishares('ACWI', '239600', 'ishares-msci-acwi-etf'),
  ishares('URTH', '239696', 'ishares-msci-world-etf'),
  spdr('SPY'),
  spdr('DIA'),
  {
    fund: 'QQQ',
    site: INVESCO,
    path: '/us/financial-products/etfs/holdings/main/holdings/0?audienceType=Investor&action=download&ticker=QQQ',
    file: 'qqq_holdings.csv',
  },
  { fund: 'ARKK', site: ARK, path: '/fund-documents/funds-etf-csv/ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv', file: 'ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv' },
  mirror('VOO', VANGUARD, 'Holdings_details_S&P_500_ETF.csv'),
  mirror('VTI', VANGUARD, 'Holdings_details_Total_Stock_Market_ETF.csv'),
  mirror('VT', VANGUARD, 'Holdings_details_Total_World_Stock_ETF.csv'),
  mirror('SCHD', SCHWAB, 'SCHD Daily.xlsx'),
];

export function findSource(fund: string): FundSource | undefined {
  return FUND_SOURCES.find((s) => s.fund === fund.toUpperCase());
}

/**
 * The URL to download a fund from, or null when its issuer has no public URL and no base was set.
 * `<ISSUER>_BASE_URL` beats `SYNC_BASE_URL`, which beats the issuer's own origin.
 */
export function sourceUrl(source: FundSource, env: NodeJS.ProcessEnv = process.env): string | null {
  const base = env[source.site.env]?.trim() || env.SYNC_BASE_URL?.trim() || source.site.base;
  if (!base) return null;
  return `${base.replace(/\/+$/, '')}${source.path}`;
}

const GLOBAL_X: IssuerSite = { issuer: 'Unknown', base: 'https://assets.globalxetfs.com', env: 'GLOBALX_BASE_URL' };

/** iShares product ids and page slugs (the download path needs both), as iShares' screener lists them. */
const ISHARES_PRODUCTS: Record<string, [string, string]> = {
  IVV: ['239726', 'ishares-core-sp-500-etf'],
  IVW: ['239725', 'ishares-sp-500-growth-etf'],
  IWM: ['239710', 'ishares-russell-2000-etf'],
  IWB: ['239707', 'ishares-russell-1000-etf'],
  IWV: ['239714', 'ishares-russell-3000-etf'],
  SOXX: ['239705', 'ishares-phlx-semiconductor-etf'],
  IGV: ['239771', 'ishares-expanded-tech-software-sector-etf'],
  EWJ: ['239665', 'ishares-msci-japan-etf'],
  URTH: ['239696', 'ishares-msci-world-etf'],
  ACWI: ['239600', 'ishares-msci-acwi-etf'],
};

/**
 * The issuer files to try for a fund asked for on demand, best first: the fund's known source,
 * then the issuer's URL pattern by ticker (SPDR, Invesco, iShares where its product id is known,
 * Global X by date, walking back a week). Empty when the issuer publishes no file by URL pattern
 * (Vanguard's JSON, Schwab's HTML): the fetcher then goes to SEC N-PORT.
 */
export function onDemandSources(fund: string, issuer: string | null, now: Date = new Date()): FundSource[] {
  const t = fund.toUpperCase();
  const known = findSource(t);
  if (known) return [known];
  const family = (issuer ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (family.includes('spdr') || family.includes('ssga') || family.includes('statestreet')) return [spdr(t)];
  if (family.includes('invesco')) {
    return [{ fund: t, site: INVESCO, path: `/us/financial-products/etfs/holdings/main/holdings/0?audienceType=Investor&action=download&ticker=${t}`, file: `${t.toLowerCase()}_holdings.csv` }];
  }
  if (family.includes('ishares') || family.includes('blackrock')) {
    const product = ISHARES_PRODUCTS[t];
    return product ? [ishares(t, product[0], product[1])] : [];
  }
  if (family.includes('globalx')) {
    // Global X names each day's file by its date and publishes none on holidays: walk back a week.
    return Array.from({ length: 8 }, (_, back) => {
      const d = new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      const file = `${t.toLowerCase()}_full-holdings_${d}.csv`;
      return { fund: t, site: GLOBAL_X, path: `/funds/holdings/${file}`, file };
    });
  }
  return [];
}
