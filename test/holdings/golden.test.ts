import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDoc } from '../../holdings/doc.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';
import { detectParser } from '../../holdings/parsers/index.ts';
import type { Holdings } from '../../holdings/types.ts';
import { HAS_RAW, RAW } from '../support/raw.ts';

/**
 * Golden figures: every real file in ../shared/data/holdings/raw, the Yomiuri 333 member list in
 * ../shared/data/sources/jp and every fixture is read, and
 * what comes out (fund, as-of, count, HHI, top 10, every weight, every excluded row with its
 * reason, the notes; or the refusal) is reduced to SHA-256 digests and compared with
 * golden.json. The digests were recorded from the eleven issuer parsers before the one table
 * reader replaced them (GOLDEN_RECORD=1 writes them again), so "same figures as before" is
 * checked bit for bit: weights are hashed as their shortest round-trip decimal. Only digests
 * are committed, never a figure from the shared files.
 */
const GOLDEN = path.join(import.meta.dirname, 'golden.json');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const RECORD = process.env.GOLDEN_RECORD === '1';
/** The Yomiuri 333 member list (no weights: equal by the index's rule), read from ../shared beside the raw files. */
const SOURCES_JP = path.resolve(RAW, '../../sources/jp');

const sha = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);

/** A file's figures, each reduced to a digest so that a difference says which figure moved. */
function figures(h: Holdings): Record<string, string> {
  const weights = h.positions.map((p) => p.weight);
  const hhi = weights.reduce((s, w) => s + w * w, 0);
  return {
    identity: sha([h.fund, h.fundInFile ?? null, h.name, h.issuer, h.format, h.weightBasis, h.weighting ?? null]),
    asOf: sha(h.asOf),
    count: sha(h.positions.length),
    hhi: sha(String(hhi)),
    top10: sha(h.positions.slice(0, 10).map((p) => [p.ticker, String(p.weight)])),
    weights: sha(h.positions.map((p) => [p.ticker, p.name, p.ids, String(p.weight), p.reportedWeight, p.marketValue]).sort((a, b) => String(a).localeCompare(String(b)))),
    labels: sha(h.positions.map((p) => [p.ticker, p.sector, p.sectorSource, p.industry, p.country, p.countrySource, p.exchange])),
    excluded: sha(h.excluded),
    totals: sha([h.reportedEquityWeight, h.reportedTotalWeight]),
    notes: sha(h.notes),
  };
}

/** Every file to check: [key, absolute path, excerpt?]. */
function files(): [string, string, boolean][] {
  const out: [string, string, boolean][] = [];
  const walk = (root: string, prefix: string, excerpt: (rel: string) => boolean): void => {
    for (const name of readdirSync(root).sort()) {
      const full = path.join(root, name);
      const rel = `${prefix}/${name}`;
      if (statSync(full).isDirectory()) walk(full, rel, excerpt);
      else if (!name.startsWith('.') && !/\.(md|txt)$/i.test(name)) out.push([rel, full, excerpt(rel)]);
    }
  };
  if (HAS_RAW) walk(RAW, 'raw', () => false);
  if (HAS_RAW && existsSync(SOURCES_JP)) walk(SOURCES_JP, 'sources/jp', () => false);
  walk(FIXTURES, 'fixtures', (rel) => rel.startsWith('fixtures/variants/'));
  return out;
}

async function read(full: string, excerpt: boolean): Promise<Record<string, string>> {
  const file = path.basename(full);
  try {
    const doc = { ...(await readDoc(file, readFileSync(full))), ...(excerpt ? { excerpt: true } : {}) };
    // The fund a folder names (the catalog's rule is tested elsewhere): the folder, upper-cased.
    return figures(detectParser(doc).parse(doc, path.basename(path.dirname(full)).toUpperCase()));
  } catch (error) {
    if (!(error instanceof HoldingsFileError)) throw error;
    return { refused: sha(error.message) };
  }
}

const golden: Record<string, Record<string, string>> = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : {};

describe('golden figures: every real file and fixture reads as it did before the one table reader', () => {
  if (!HAS_RAW) it.skip(`${RAW} absent: only the fixtures are compared`, () => {});

  it('has a recorded digest for every file, and the same figures', async () => {
    const got: Record<string, Record<string, string>> = {};
    for (const [key, full, excerpt] of files()) got[key] = await read(full, excerpt);
    if (RECORD) {
      writeFileSync(GOLDEN, `${JSON.stringify({ ...golden, ...got }, null, 1)}\n`);
      return;
    }
    // The raw files count only where they are present here.
    const want = Object.fromEntries(Object.entries(golden).filter(([k]) => (HAS_RAW || !k.startsWith('raw/')) && (existsSync(SOURCES_JP) || !k.startsWith('sources/'))));
    for (const key of Object.keys(want)) expect(got[key], `${key}: no longer found`).toBeDefined();
    // Every file recorded must give the same digests; a file added since (a new variant) has its own test.
    const moved = Object.keys(want).flatMap((key) =>
      Object.keys({ ...want[key], ...got[key] })
        .filter((fig) => want[key]![fig] !== got[key]?.[fig])
        .map((fig) => `${key}: ${fig}`),
    );
    expect(moved).toEqual([]);
    // The raw set is all the ../shared files: the 17 there today.
    if (HAS_RAW) expect(Object.keys(got).filter((k) => k.startsWith('raw/')).length).toBeGreaterThanOrEqual(17);
  }, 120_000);
});
