/**
 * The figures in a piece of lesson text, normalised so English and Japanese can be compared and
 * checked against domain.md:
 * - full-width digits and "％" fold to ASCII (NFKC);
 * - dates become "YYYY-MM-DD" / "YYYY-MM" / "YYYY" whether written "2000-03-10", "10 March 2000",
 *   "Mar 2000" or "2000年3月10日";
 * - money becomes its value in units: "US$224bn" = "2,240億ドル" = "224000000000";
 * - percentages keep their "%": "41.6%" = "41.6％";
 * - small bare integers (0–10) are counts and ordinals ("top 10", "step 3"), not figures, and are skipped.
 */

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const EN_UNITS: Record<string, number> = { bn: 1e9, billion: 1e9, tn: 1e12, trillion: 1e12, m: 1e6, million: 1e6 };
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

const num = (text: string) => Number(text.replace(/,/g, ''));
const pad = (n: number) => String(n).padStart(2, '0');
/** Money in units, rounded: 13.77 × 1e12 must equal 13兆7,700億 exactly. */
const money = (value: number) => String(Math.round(value));

export function figuresOf(source: string): string[] {
  const out: string[] = [];
  let text = source
    .normalize('NFKC')
    .replace(/\{\{[^{}]*\}\}/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ');
  const take = (re: RegExp, emit: (m: RegExpExecArray) => string[]) => {
    text = text.replace(re, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      out.push(...emit(match));
      return ' ';
    });
  };
  // Dates.
  take(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => [`${m[1]}-${m[2]}-${m[3]}`]);
  take(/\b(\d{4})-(0[1-9]|1[0-2])\b(?!-)/g, (m) => [`${m[1]}-${m[2]}`]);
  take(/(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/g, (m) => [m[3] ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : `${m[1]}-${pad(Number(m[2]))}`]);
  take(
    /\b(?:(\d{1,2})\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:(\d{1,2}),\s+)?(\d{4})\b/g,
    (m) => {
      const month = pad(MONTHS[m[2]!.toLowerCase()]!);
      const day = m[1] ?? m[3];
      return [day ? `${m[4]}-${month}-${pad(Number(day))}` : `${m[4]}-${month}`];
    },
  );
  take(/(\d{4})年/g, (m) => [m[1]!]);
  // Money and counts with units.
  take(new RegExp(String.raw`(${NUMBER})\s*(?:[-–~〜]\s*(${NUMBER})\s*)?(bn|billion|tn|trillion|million|m)\b`, 'g'), (m) => {
    const unit = EN_UNITS[m[3]!]!;
    return [m[1]!, m[2]].filter((x): x is string => x !== undefined).map((x) => money(num(x) * unit));
  });
  take(new RegExp(String.raw`(?=(?:${NUMBER})[兆億万])(?:(${NUMBER})兆)?(?:(${NUMBER})億)?(?:(${NUMBER})万)?`, 'g'), (m) => {
    if (!m[1] && !m[2] && !m[3]) return [];
    return [money((m[1] ? num(m[1]) * 1e12 : 0) + (m[2] ? num(m[2]) * 1e8 : 0) + (m[3] ? num(m[3]) * 1e4 : 0))];
  });
  // Percentages, then whatever numbers are left.
  take(new RegExp(String.raw`(${NUMBER})\s*%`, 'g'), (m) => [`${num(m[1]!)}%`]);
  take(new RegExp(NUMBER, 'g'), (m) => {
    const value = num(m[0]);
    return Number.isInteger(value) && value <= 10 ? [] : [String(value)];
  });
  return out;
}

/** Distinct figures, sorted, for set comparisons. */
export function figureSet(text: string): string[] {
  return [...new Set(figuresOf(text))].sort();
}

/**
 * Everything domain.md allows: its figures by value ("41%" and "41" alike) plus every
 * prefix of its dates ("2025-12-31" allows "2025-12" and "2025").
 */
export function domainFigures(domain: string): Set<string> {
  const allowed = new Set<string>();
  for (const f of figuresOf(domain)) {
    const bare = f.replace(/%$/, '');
    allowed.add(bare);
    const date = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(bare);
    if (date) {
      allowed.add(date[1]!);
      allowed.add(`${date[1]}-${date[2]}`);
    }
  }
  return allowed;
}
