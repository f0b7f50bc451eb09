import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageReportDates, reportDatesFrom, submissionsPages, submissionsPath } from '../../holdings/sec-filings.ts';

/**
 * The submissions API's real shape (test/fixtures/sec-submissions/PROVENANCE.md: Tesla's document
 * as the edgartools authors stored it, `recent` cut to its first 20 filings, `files` as served).
 * The stand-in of archive-server.ts writes `files` entries itself; this checks the backfill's
 * reading of them on one the SEC wrote. Expected values are copied by hand from the file.
 */
const FILE = path.resolve(import.meta.dirname, '../fixtures/sec-submissions/CIK0001318605_recent-first-20.json');
const text = readFileSync(FILE, 'utf8');
const json: unknown = JSON.parse(text);

describe('a real submissions document (Tesla, CIK 1318605, stored 2022-12-11)', () => {
  it('lives at the path the backfill asks for', () => {
    expect(submissionsPath(1318605)).toBe('/submissions/CIK0001318605.json');
    expect(text).toContain('"cik": "1318605"');
  });

  it('names its one older page with the filing dates it covers', () => {
    expect(submissionsPages(json)).toEqual([{ name: 'CIK0001318605-submissions-001.json', filingFrom: '2005-02-17', filingTo: '2013-12-10' }]);
  });

  it('gives each of its 20 recent filings its report date, from the pretty-printed columns', () => {
    const dates = reportDatesFrom(json);
    expect(dates.size).toBe(20);
    expect(dates.get('0000950170-22-019867')).toBe('2022-09-30'); // the 10-Q for the quarter ended 2022-09-30, filed 2022-10-24
    expect(dates.get('0001771340-22-000011')).toBe('2022-09-25'); // a Form 3 filed 2022-10-05
    expect(dates.get('0000899243-22-028189')).toBe('2022-08-09'); // the 20th and last kept
    expect(dates.has('0000899243-22-028188')).toBe(false); // the 21st filing, cut from the excerpt
  });

  it('an older page reads like `recent`: its columns at the top level', () => {
    const recent = (json as { filings: { recent: Record<string, unknown[]> } }).filings.recent;
    // A page built from the real columns, as the SEC serves its -submissions-NNN.json pages.
    const page = Object.fromEntries(Object.entries(recent).map(([k, v]) => [k, v.slice(6, 8)]));
    expect([...pageReportDates(page)]).toEqual([
      ['0000950170-22-019867', '2022-09-30'],
      ['0001564590-22-034639', '2022-10-19'],
    ]);
  });

  it('a `files` entry that is not a submissions page name is not followed', () => {
    const tampered = JSON.parse(text.replace('"CIK0001318605-submissions-001.json"', '"../../Archives/secret.json"'));
    expect(submissionsPages(tampered)).toEqual([]);
  });
});
