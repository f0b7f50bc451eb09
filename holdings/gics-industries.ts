import type { GicsSector } from './types.ts';

/**
 * The 74 GICS industries (the level above sub-industries; 2023 structure, with the names they
 * replaced), by sector. Vanguard's 2020–2024 files print these in a column called "SECTOR"
 * ("Software", "Broadline Retail", "Interactive Media & Services").
 */
const INDUSTRIES: Readonly<Record<GicsSector, readonly string[]>> = {
  Energy: ['Energy Equipment & Services', 'Oil, Gas & Consumable Fuels'],
  Materials: ['Chemicals', 'Construction Materials', 'Containers & Packaging', 'Metals & Mining', 'Paper & Forest Products'],
  Industrials: [
    'Aerospace & Defense', 'Building Products', 'Construction & Engineering', 'Electrical Equipment', 'Industrial Conglomerates',
    'Machinery', 'Trading Companies & Distributors', 'Commercial Services & Supplies', 'Professional Services',
    'Air Freight & Logistics', 'Passenger Airlines', 'Airlines', 'Marine Transportation', 'Marine', 'Ground Transportation',
    'Road & Rail', 'Transportation Infrastructure',
  ],
  'Consumer Discretionary': [
    'Automobile Components', 'Auto Components', 'Automobiles', 'Household Durables', 'Leisure Products',
    'Textiles, Apparel & Luxury Goods', 'Hotels, Restaurants & Leisure', 'Diversified Consumer Services', 'Distributors',
    'Broadline Retail', 'Internet & Direct Marketing Retail', 'Multiline Retail', 'Specialty Retail',
  ],
  'Consumer Staples': [
    'Consumer Staples Distribution & Retail', 'Food & Staples Retailing', 'Beverages', 'Food Products', 'Tobacco',
    'Household Products', 'Personal Care Products', 'Personal Products',
  ],
  'Health Care': [
    'Health Care Equipment & Supplies', 'Health Care Providers & Services', 'Health Care Technology', 'Biotechnology',
    'Pharmaceuticals', 'Life Sciences Tools & Services',
  ],
  Financials: [
    'Banks', 'Financial Services', 'Diversified Financial Services', 'Thrifts & Mortgage Finance', 'Consumer Finance',
    'Capital Markets', 'Mortgage Real Estate Investment Trusts (REITs)', 'Insurance',
  ],
  'Information Technology': [
    'IT Services', 'Software', 'Communications Equipment', 'Technology Hardware, Storage & Peripherals',
    'Electronic Equipment, Instruments & Components', 'Semiconductors & Semiconductor Equipment',
  ],
  'Communication Services': [
    'Diversified Telecommunication Services', 'Wireless Telecommunication Services', 'Media', 'Entertainment',
    'Interactive Media & Services',
  ],
  Utilities: ['Electric Utilities', 'Gas Utilities', 'Multi-Utilities', 'Water Utilities', 'Independent Power and Renewable Electricity Producers'],
  'Real Estate': [
    'Diversified REITs', 'Industrial REITs', 'Hotel & Resort REITs', 'Office REITs', 'Health Care REITs', 'Residential REITs',
    'Retail REITs', 'Specialized REITs', 'Real Estate Management & Development', 'Equity Real Estate Investment Trusts (REITs)',
  ],
};

/** GICS industry (lower case) → sector. */
export const SECTOR_BY_INDUSTRY: Readonly<Record<string, GicsSector>> = Object.freeze(
  Object.fromEntries(Object.entries(INDUSTRIES).flatMap(([sector, names]) => names.map((n) => [n.toLowerCase(), sector as GicsSector] as const))),
);
