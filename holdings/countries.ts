/** iShares "Location" names (and a few other spellings) → ISO 3166-1 alpha-2. */
const BY_NAME: Record<string, string> = {
  'australia': 'AU', 'austria': 'AT', 'belgium': 'BE', 'brazil': 'BR', 'canada': 'CA', 'chile': 'CL',
  'china': 'CN', 'colombia': 'CO', 'czech republic': 'CZ', 'czechia': 'CZ', 'denmark': 'DK', 'egypt': 'EG',
  'finland': 'FI', 'france': 'FR', 'germany': 'DE', 'greece': 'GR', 'hong kong': 'HK', 'hungary': 'HU',
  'india': 'IN', 'indonesia': 'ID', 'ireland': 'IE', 'israel': 'IL', 'italy': 'IT', 'japan': 'JP',
  'korea (south)': 'KR', 'south korea': 'KR', 'korea': 'KR', 'kuwait': 'KW', 'luxembourg': 'LU',
  'macau': 'MO', 'malaysia': 'MY', 'mexico': 'MX', 'netherlands': 'NL', 'new zealand': 'NZ', 'norway': 'NO',
  'peru': 'PE', 'philippines': 'PH', 'poland': 'PL', 'portugal': 'PT', 'qatar': 'QA',
  'russian federation': 'RU', 'russia': 'RU', 'saudi arabia': 'SA', 'singapore': 'SG', 'south africa': 'ZA',
  'spain': 'ES', 'sweden': 'SE', 'switzerland': 'CH', 'taiwan': 'TW', 'thailand': 'TH', 'turkey': 'TR',
  'türkiye': 'TR', 'united arab emirates': 'AE', 'united kingdom': 'GB', 'united states': 'US',
  'argentina': 'AR', 'bermuda': 'BM', 'cayman islands': 'KY', 'jersey': 'JE', 'guernsey': 'GG',
  'isle of man': 'IM', 'puerto rico': 'PR', 'uruguay': 'UY', 'panama': 'PA', 'bahamas': 'BS',
  'virgin islands (british)': 'VG', 'british virgin islands': 'VG', 'monaco': 'MC', 'iceland': 'IS',
  'pakistan': 'PK', 'vietnam': 'VN', 'romania': 'RO', 'slovenia': 'SI', 'estonia': 'EE',
};

/**
 * A country name or code as an issuer prints it → ISO-2, or null where the file names none
 * ("-", "European Union", blank). Unknown names return null too; callers record them.
 */
export function countryCode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim();
  if (/^[A-Z]{2}$/.test(text)) return text;
  return BY_NAME[text.toLowerCase()] ?? null;
}
