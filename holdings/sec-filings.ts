import { XmlTokenizer } from './xml-stream.ts';

/**
 * Finding a fund's latest N-PORT-P on EDGAR: the per-series (or per-trust) filing list, the
 * submissions API for each filing's report period, and the raw filing's path. Pure: paths and
 * parsing only; the fetcher in store/ does the requests.
 */

/** One filing in an EDGAR Atom filing list. */
export interface FilingEntry {
  accession: string;
  /** 'NPORT-P' or 'NPORT-P/A'. */
  form: string;
  filingDate: string;
  /** The filer's CIK, read from the filing link (a series files under its trust's CIK). */
  cik: number | null;
}

/** The SEC's three hosts, each moved by SYNC_BASE_URL with its path and query kept. */
export const SEC_HOSTS = { www: 'https://www.sec.gov', data: 'https://data.sec.gov', efts: 'https://efts.sec.gov' } as const;

/** The per-series (S000004311) or per-registrant (CIK 884394, for unit investment trusts) list of N-PORT-P filings, newest first. */
export function filingListPath(seriesOrCik: string | number): string {
  const id = typeof seriesOrCik === 'number' ? String(seriesOrCik).padStart(10, '0') : seriesOrCik;
  return `/cgi-bin/browse-edgar?action=getcompany&CIK=${id}&type=NPORT-P&dateb=&owner=include&count=10&output=atom`;
}

/** The submissions API (data.sec.gov): every recent filing of a CIK with its report date. */
export function submissionsPath(cik: number): string {
  return `/submissions/CIK${String(cik).padStart(10, '0')}.json`;
}

/** The raw XML of a filing (not the styled xslFormNPORT-P_X01 view). */
export function primaryDocPath(cik: number, accession: string): string {
  return `/Archives/edgar/data/${cik}/${accession.replace(/-/g, '')}/primary_doc.xml`;
}

/** Reads an EDGAR Atom filing list; entries that are not N-PORT-P (or its amendment) are left out. */
export function parseFilingList(xml: string): FilingEntry[] {
  const entries: FilingEntry[] = [];
  let entry: Partial<Record<string, string>> | null = null;
  let field: string | null = null;
  let text = '';
  const tokenizer = new XmlTokenizer({
    open(name) {
      if (name === 'entry') entry = {};
      else if (entry) {
        field = name;
        text = '';
      }
    },
    text(t) {
      if (field) text += t;
    },
    close(name) {
      if (name === 'entry' && entry) {
        const e: Partial<Record<string, string>> = entry;
        const accession = e['accession-number'] ?? e['accession-nunber'];
        const form = e['filing-type'] ?? '';
        const cik = /\/edgar\/data\/(\d+)\//.exec(e['filing-href'] ?? '')?.[1];
        if (accession && /^NPORT-P(\/A)?$/.test(form) && /^\d{4}-\d{2}-\d{2}$/.test(e['filing-date'] ?? '')) {
          entries.push({ accession, form, filingDate: e['filing-date']!, cik: cik ? Number(cik) : null });
        }
        entry = null;
      } else if (entry && field === name) {
        entry[name] = text.trim();
      }
      field = null;
    },
  });
  tokenizer.write(xml);
  tokenizer.end();
  return entries;
}

/** Report dates by accession number, from the submissions API's `filings.recent` columns. */
export function reportDatesFrom(json: unknown): Map<string, string> {
  const recent = (json as { filings?: { recent?: { accessionNumber?: unknown; reportDate?: unknown } } } | null)?.filings?.recent;
  const out = new Map<string, string>();
  const acc = recent?.accessionNumber;
  const dates = recent?.reportDate;
  if (!Array.isArray(acc) || !Array.isArray(dates)) return out;
  acc.forEach((a, i) => {
    const d = dates[i];
    if (typeof a === 'string' && typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) out.set(a, d);
  });
  return out;
}

/**
 * The filing to read: the latest report period, and for one period the latest filing (an amendment
 * replaces the original). Amendments of old periods are often filed after a newer original, so
 * filing order alone would pick stale holdings. Without report dates, the newest original filing.
 */
export function chooseFiling(entries: readonly FilingEntry[], reportDates: ReadonlyMap<string, string>): (FilingEntry & { reportDate: string | null }) | null {
  const dated = entries.filter((e) => reportDates.has(e.accession)).map((e) => ({ ...e, reportDate: reportDates.get(e.accession)! }));
  if (dated.length > 0) {
    dated.sort((a, b) => (a.reportDate !== b.reportDate ? (a.reportDate < b.reportDate ? 1 : -1) : a.filingDate < b.filingDate ? 1 : a.filingDate > b.filingDate ? -1 : 0));
    return dated[0]!;
  }
  const originals = entries.filter((e) => e.form === 'NPORT-P').sort((a, b) => (a.filingDate < b.filingDate ? 1 : a.filingDate > b.filingDate ? -1 : 0));
  const first = originals[0];
  return first ? { ...first, reportDate: null } : null;
}

/** What a filing was fetched as: the directory's series id and registrant CIK for the fund asked for (null: not known). */
export interface FilingExpectation {
  seriesId: string | null;
  cik: number | null;
}

/**
 * Why a filing is not the one asked for, or null when it fits: its `<seriesId>` must be the
 * series asked for (when one was), and its registrant CIK the one asked for (when both are
 * known). A list that mixes up series, or a forged filing, would otherwise be stored under the
 * ticker asked for with another fund's holdings.
 */
export function filingMismatch(found: { seriesId: string | null; cik: number | null; name?: string }, asked: FilingExpectation): string | null {
  const who = found.name ? ` (${found.name})` : '';
  if (asked.seriesId !== null && found.seriesId !== asked.seriesId) {
    return found.seriesId === null
      ? `the filing names no series${who}, but series ${asked.seriesId} was asked for`
      : `the filing is of series ${found.seriesId}${who}, not ${asked.seriesId} as asked for`;
  }
  if (asked.cik !== null && found.cik !== null && found.cik !== asked.cik) return `the filing is of registrant CIK ${found.cik}${who}, not ${asked.cik} as asked for`;
  return null;
}

/** Entries per page of the archive's filing list (EDGAR's browse-edgar allows up to 100). */
export const ARCHIVE_PAGE = 100;

/** One page of a series' whole N-PORT-P list, newest filed first: `start` entries are skipped. */
export function archiveListPath(seriesOrCik: string | number, start: number, count = ARCHIVE_PAGE): string {
  return filingListPath(seriesOrCik).replace('&count=10&', `&start=${start}&count=${count}&`);
}

/** An older page of the submissions API (`filings.files`), with the filing dates it covers. */
export interface SubmissionsPage {
  name: string;
  filingFrom: string | null;
  filingTo: string | null;
}

/** The older pages the submissions API points to (`filings.files`); their columns read like `recent`. */
export function submissionsPages(json: unknown): SubmissionsPage[] {
  const files = (json as { filings?: { files?: unknown } } | null)?.filings?.files;
  if (!Array.isArray(files)) return [];
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  return files
    .filter((f): f is { name: string; filingFrom?: unknown; filingTo?: unknown } => typeof (f as { name?: unknown })?.name === 'string' && /^CIK\d{10}-submissions-\d{3}\.json$/.test((f as { name: string }).name))
    .map((f) => ({ name: f.name, filingFrom: date(f.filingFrom), filingTo: date(f.filingTo) }));
}

/** Report dates by accession from one older submissions page: the same columns as `filings.recent`, at the top level. */
export function pageReportDates(json: unknown): Map<string, string> {
  return reportDatesFrom({ filings: { recent: json } });
}

/**
 * The filing to read for every report period on or after `since` (YYYY-MM-DD): for each period the
 * latest filed (an amendment replaces what it amends). Filings without a known report date are left
 * out and counted, so the caller can say so rather than guess their period from the filing date.
 */
export function filingsPerPeriod(
  entries: readonly FilingEntry[],
  reportDates: ReadonlyMap<string, string>,
  since: string,
): { chosen: (FilingEntry & { reportDate: string })[]; undated: number } {
  const byPeriod = new Map<string, FilingEntry & { reportDate: string }>();
  let undated = 0;
  for (const e of entries) {
    const reportDate = reportDates.get(e.accession);
    if (!reportDate) {
      undated++;
      continue;
    }
    if (reportDate < since) continue;
    const held = byPeriod.get(reportDate);
    if (!held || e.filingDate > held.filingDate || (e.filingDate === held.filingDate && e.form === 'NPORT-P/A' && held.form !== 'NPORT-P/A')) byPeriod.set(reportDate, { ...e, reportDate });
  }
  return { chosen: [...byPeriod.values()].sort((a, b) => (a.reportDate < b.reportDate ? -1 : 1)), undated };
}
