import { MIN_SECTOR_COVERAGE, type ConcentrationData } from './concentration.ts';
import type { Lang } from './context.ts';
import { percent } from './format.ts';
import { m, sectorName, t } from './messages.ts';
import { msec } from './messages-sectors.ts';
import { SELECT_SECTOR_FUNDS } from '../holdings/sector-fill.ts';

/** Whether any weight lacks a sector (then page 2 says over what the shares are computed, and from where). */
const partial = (c: ConcentrationData) => c.sectorCoverage.known < 1 - 1e-9;
/**
 * Whether the unknown part shows at one decimal (known ≤ 99.9%): then the field names carry the
 * known share too. Below that, shares over the known weight and over the whole print the same.
 */
const visiblyPartial = (c: ConcentrationData) => percent(c.sectorCoverage.known, 1) !== '100.0%';

/** 0.962 → "96.2%"; a share that would print as 100.0% though some weight is unknown gets two decimals, or "over 99.99%". */
export function knownShare(known: number): string {
  if (known >= 1 - 1e-9) return percent(1, 1);
  const one = percent(known, 1);
  if (one !== '100.0%') return one;
  const two = percent(known, 2);
  return two !== '100.00%' ? two : '>99.99%';
}

/** Whether the sector shares and Tech+ are shown at all: something is known, and at least MIN_SECTOR_COVERAGE of the weight. */
export function sectorsShown(c: ConcentrationData): boolean {
  return Object.keys(c.sectors).length > 0 && c.sectorCoverage.known >= MIN_SECTOR_COVERAGE;
}

/**
 * The "Top sectors" field: the first `count` sectors over the known weight, its name saying so
 * where some weight has no sector; or why no sector figure is shown.
 */
export function sectorField(lang: Lang, c: ConcentrationData, count: number): { name: string; value: string } {
  const name = sectorsShown(c) && visiblyPartial(c) ? t(lang, msec.sectorsOfKnown(knownShare(c.sectorCoverage.known))) : t(lang, m.fSectors());
  if (!sectorsShown(c)) return { name, value: Object.keys(c.sectors).length === 0 ? t(lang, msec.none(c.fund)) : t(lang, msec.tooFew(knownShare(c.sectorCoverage.known))) };
  const value = Object.entries(c.sectors)
    .slice(0, count)
    .map(([sector, w]) => `${sectorName(lang, sector)} ${percent(w, 1)}`)
    .join(' · ');
  return { name, value };
}

/** The Tech+ field: over the known weight (its name saying so where some is unknown), or why it is not shown. */
export function techPlusField(lang: Lang, c: ConcentrationData): { name: string; value: string; inline: true } {
  if (c.techPlus === null) return { name: t(lang, m.fTechPlus()), value: t(lang, msec.notShown()), inline: true };
  const name = visiblyPartial(c) ? t(lang, msec.techPlusOfKnown(knownShare(c.sectorCoverage.known))) : t(lang, m.fTechPlus());
  return { name, value: percent(c.techPlus, 1), inline: true };
}

/**
 * The full coverage statement for page 2 (null when every sector is known): how much of the weight,
 * from the file itself and from which other funds' files (the Select Sector SPDR ones named as
 * such), as of when.
 */
export function coverageLine(lang: Lang, c: ConcentrationData): string | null {
  const { known, fromFile, donors } = c.sectorCoverage;
  if (!partial(c) || known <= 0) return null;
  const parts: string[] = [];
  if (fromFile > 0) parts.push(t(lang, msec.fromFile(knownShare(fromFile))));
  if (donors.length > 0) {
    const select = donors.filter((d) => d.fund in SELECT_SECTOR_FUNDS);
    const others = donors.filter((d) => !(d.fund in SELECT_SECTOR_FUNDS)).map((d) => t(lang, msec.fundAsOf(d.fund, d.asOf)));
    if (select.length > 0) {
      const dates = [...new Set(select.map((d) => d.asOf ?? '?'))].sort();
      others.push(t(lang, msec.selectSector(select.map((d) => d.fund).join(', '), dates.length === 1 ? dates[0]! : `${dates[0]}–${dates.at(-1)}`)));
    }
    parts.push(t(lang, msec.fromFunds(knownShare(Math.max(0, known - fromFile)), others.join('; '))));
  }
  return t(lang, msec.coverage(knownShare(known), parts.join(lang === 'ja' ? '、' : '; ')));
}
