import {
  EFFECTIVE_N_REFERENCES,
  JAPAN_EFFECTIVE_N_REFERENCES,
  JAPAN_REFERENCE_SOURCE,
  NEAR_BAND,
  placeOnScale,
  REFERENCE_SOURCE,
  TOP10_REFERENCES,
  type Placement,
  type ReferencePoint,
} from '../analytics/reference-points.ts';
import type { Holdings } from '../holdings/types.ts';
import { concentration, type ConcentrationData } from './concentration.ts';
import type { Context, Lang } from './context.ts';
import { integer, percent } from './format.ts';
import { mv } from './messages-verdict.ts';
import { pairOverlap } from './overlap-data.ts';
import { t } from './messages.ts';
import type { Tone } from './view.ts';

/** Funds this alike in holdings (Σ min weight) track one index. */
const SAME_INDEX_OVERLAP = 0.9;
/** …and hold about as many names (relative difference). */
const SAME_INDEX_COUNT = 0.05;

export interface Verdict {
  tone: Extract<Tone, 'low' | 'moderate' | 'high' | 'extreme'>;
  /** One sentence placing the fund among the reference points. */
  sentence: string;
  /** Said only when top 10 tells a different story from effective N: where the top 10 sits. */
  top10Clause: string | null;
  /** The reference points themselves, as one short field. */
  references: { name: string; value: string };
  /** Where they come from, for the footer. */
  source: string;
  /** The figures the verdict was read from, and the funds it was pooled with (same index). */
  basis: { effectiveN: number; top10: number; peers: string[]; market: 'us' | 'jp' };
}

/** A Japanese fund is read against Japanese indexes: more than half its weight in Japan. */
function marketOf(c: ConcentrationData): 'us' | 'jp' {
  return (c.countries.JP ?? 0) > 0.5 ? 'jp' : 'us';
}

/**
 * Other loaded funds that track the same index as `h`: about as many names and ≥ 90% weight
 * overlap. Their figures are pooled so SPY, VOO and IVV read the same when they differ by less
 * than the near band (they differ only by file date and cash handling).
 */
function sameIndexPeers(ctx: Context, h: Holdings): Holdings[] {
  const n = h.positions.length;
  const out: Holdings[] = [];
  for (const f of ctx.data.list()) {
    if (f.fund === h.fund || Math.abs(f.positions - n) > SAME_INDEX_COUNT * Math.max(n, f.positions)) continue;
    const other = ctx.data.get(f.fund);
    if (other && pairOverlap(h, other, 1).weightOverlap >= SAME_INDEX_OVERLAP) out.push(other);
  }
  return out;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The group's median when every member is within the near band of the others, else the fund's own figure. */
function pooled(own: number, all: readonly number[]): number {
  return Math.max(...all) / Math.min(...all) <= 1 + NEAR_BAND ? median(all) : own;
}

function toneOf(placement: Placement, refs: readonly ReferencePoint[], value: number): Verdict['tone'] {
  const sorted = [...refs].sort((a, b) => a.value - b.value);
  if (placement.kind === 'under') return value < placement.ref.value / 2 ? 'extreme' : 'high';
  if (placement.kind === 'over') return 'low';
  if (placement.kind === 'between') return 'moderate';
  if (placement.ref === sorted[0]) return 'high';
  return placement.ref === sorted[sorted.length - 1] ? 'low' : 'moderate';
}

/**
 * The fund read against reference points with a near band, in words that move by degrees:
 * "about as concentrated as the S&P 500 at end-2025", "less concentrated than …, more than …".
 * `pool` (default true) reads index funds of one index together.
 */
export function verdictOf(ctx: Context, h: Holdings, c: ConcentrationData = concentration(h), pool = true): Verdict {
  const { lang } = ctx;
  const market = marketOf(c);
  const peers = pool ? sameIndexPeers(ctx, h).map(concentration) : [];
  const effN = pooled(c.effectiveN, [c.effectiveN, ...peers.map((p) => p.effectiveN)]);
  const top10 = pooled(c.top10, [c.top10, ...peers.map((p) => p.top10)]);
  const nRefs = market === 'jp' ? JAPAN_EFFECTIVE_N_REFERENCES : EFFECTIVE_N_REFERENCES;
  const placement = placeOnScale(effN, nRefs);
  const sentence = sentenceFor(lang, placement);
  let top10Clause: string | null = null;
  if (market === 'us') {
    // Top 10 is read too; it is said only when it tells a different story from effective N.
    const tp = placeOnScale(top10, TOP10_REFERENCES);
    const sameStory = placement.kind === 'near' && tp.kind === 'near' && tp.ref.short.en === placement.ref.short.en;
    if (!sameStory && tp.kind === 'near') top10Clause = t(lang, mv.top10Near(percent(c.top10, 1), tp.ref.short[lang], percent(tp.ref.value, 0)));
  }
  return {
    tone: toneOf(placement, nRefs, effN),
    sentence,
    top10Clause,
    references: referencesLine(lang, market),
    source: (market === 'jp' ? JAPAN_REFERENCE_SOURCE : REFERENCE_SOURCE)[lang],
    basis: { effectiveN: effN, top10, peers: peers.map((p) => p.fund), market },
  };
}

function sentenceFor(lang: Lang, p: Placement): string {
  const n = (r: ReferencePoint) => integer(r.value);
  if (p.kind === 'near') return t(lang, mv.near(p.ref.label[lang], n(p.ref)));
  if (p.kind === 'under') return t(lang, mv.under(p.ref.label[lang], n(p.ref)));
  if (p.kind === 'over') return t(lang, mv.over(p.ref.label[lang], n(p.ref)));
  return t(lang, mv.between(p.below.label[lang], n(p.below), p.above.label[lang], n(p.above)));
}

const referenceLines = new Map<string, { name: string; value: string }>();

/** The reference points never change while the bot runs: their line is written once per language and market. */
function referencesLine(lang: Lang, market: 'us' | 'jp'): { name: string; value: string } {
  const key = `${lang}:${market}`;
  let line = referenceLines.get(key);
  if (!line) referenceLines.set(key, (line = writeReferencesLine(lang, market)));
  // A copy: the card is the caller's to change.
  return { ...line };
}

/** "end-2025 46, 41% · Mar 2000 79, 27% · long run 100+, 20%" under "S&P 500 (effective N, top 10)". */
function writeReferencesLine(lang: Lang, market: 'us' | 'jp'): { name: string; value: string } {
  if (market === 'jp') {
    return { name: t(lang, mv.japanName()), value: JAPAN_EFFECTIVE_N_REFERENCES.map((r) => `${r.short[lang]} ${integer(r.value)}`).join(' · ') };
  }
  const pairs = [...EFFECTIVE_N_REFERENCES].reverse().map((r) => {
    const top = TOP10_REFERENCES.find((x) => x.short.en === r.short.en) ?? TOP10_REFERENCES[0]!;
    const n = r === EFFECTIVE_N_REFERENCES[0] ? `${integer(r.value)}+` : integer(r.value);
    return `${r.short[lang]} ${n}, ${percent(top.value, 0)}`;
  });
  return { name: t(lang, mv.usName()), value: pairs.join(' · ') };
}
