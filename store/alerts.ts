import { effectiveN, topN } from '../analytics/index.ts';
import type { AlertMetric, AlertRule, TrendMetric } from './store.ts';

/** English and Japanese text; the surface that posts picks one (kept local so store/ imports nothing from commands/). */
export interface AlertText {
  en: string;
  ja: string;
}

/** The figures alert rules look at, for one snapshot of one fund. Fractions are fractions (0.1 = 10%). */
export interface AlertFigures {
  fund: string;
  asOf: string | null;
  largest: number;
  effectiveN: number;
  top10: number;
  /** Effective N of the snapshot about `years` before this one (trend rules), by years; absent where none is stored. */
  past?: Partial<Record<number, { effectiveN: number; asOf: string }>>;
}

/** One rule that a new snapshot crossed: who to tell, where, and what to say. */
export interface AlertCrossing {
  rule: AlertRule;
  fund: string;
  metric: AlertMetric;
  value: number;
  previousValue: number | null;
  threshold: number;
  asOf: string | null;
  previousAsOf: string | null;
  message: AlertText;
}

/** The alert figures of a snapshot's equity weights (any order; they sum to 1). */
export function alertFigures(fund: string, asOf: string | null, weights: readonly number[]): AlertFigures {
  return { fund, asOf, largest: weights.reduce((m, w) => Math.max(m, w), 0), effectiveN: effectiveN(weights), top10: topN(weights, 10) };
}

/** The look-back of a trend metric in years ('effective-n-fell-2y' → 2), or null for a level metric. */
export function trendYears(metric: AlertMetric): number | null {
  const m = /^effective-n-fell-(\d+)y$/.exec(metric);
  return m ? Number(m[1]) : null;
}

/**
 * A metric's value for one snapshot. Trend metrics: the fall of effective N over their window,
 * 1 − N_now / N_then (0.2 = fell 20%); NaN where no snapshot that far back is stored.
 */
function valueOf(metric: AlertMetric, f: AlertFigures): number {
  if (metric === 'largest-above') return f.largest;
  if (metric === 'top10-above') return f.top10;
  if (metric === 'effective-n-below') return f.effectiveN;
  const then = f.past?.[trendYears(metric)!];
  return then ? 1 - f.effectiveN / then.effectiveN : Number.NaN;
}

/** "Beyond" is strict: a value sitting exactly on the threshold has not crossed it (NaN never is). */
function beyond(metric: AlertMetric, value: number, threshold: number): boolean {
  return metric === 'effective-n-below' ? value < threshold : value > threshold;
}

/**
 * The rules a new snapshot crosses: beyond the threshold now, and not beyond it in the previous
 * snapshot (or there was none). A fund that stays beyond its threshold is reported once, when it
 * gets there, not on every later snapshot. Pure: no clock, no I/O; rules are returned in input order.
 *
 * @example crossedAlerts([{ metric: 'largest-above', threshold: 0.1, … }], { largest: 0.12, … }, { largest: 0.09, … }) // → one crossing
 */
export function crossedAlerts(rules: readonly AlertRule[], current: AlertFigures, previous: AlertFigures | undefined): AlertCrossing[] {
  const out: AlertCrossing[] = [];
  for (const rule of rules) {
    const value = valueOf(rule.metric, current);
    if (!beyond(rule.metric, value, rule.threshold)) continue;
    const previousValue = previous ? valueOf(rule.metric, previous) : null;
    if (previousValue !== null && beyond(rule.metric, previousValue, rule.threshold)) continue;
    const years = trendYears(rule.metric);
    const crossing = { rule, fund: current.fund, metric: rule.metric, value, previousValue: Number.isNaN(previousValue) ? null : previousValue, threshold: rule.threshold, asOf: current.asOf, previousAsOf: previous?.asOf ?? null };
    out.push({ ...crossing, message: years ? trendMessage(crossing, years, current) : alertMessage(crossing) });
  }
  return out;
}

/** How a metric's value is written: percentages for shares of the fund, one decimal for effective N. */
export function formatAlertValue(metric: AlertMetric, value: number): string {
  return metric === 'effective-n-below' ? value.toFixed(1) : `${+(value * 100).toFixed(2)}%`;
}

/** "IVW: effective N fell 31.2% over 2 years (68.0 as of 2024-06-28 → 46.8 as of 2026-06-30), more than the 20% threshold." */
function trendMessage(c: Omit<AlertCrossing, 'message' | 'rule'>, years: number, now: AlertFigures): AlertText {
  const then = now.past![years]!;
  const fell = formatAlertValue(c.metric, c.value);
  const th = formatAlertValue(c.metric, c.threshold);
  const span = `${then.effectiveN.toFixed(1)} as of ${then.asOf} → ${now.effectiveN.toFixed(1)} as of ${c.asOf ?? 'undated'}`;
  return {
    en: `${c.fund}: effective N fell ${fell} over ${years} year${years === 1 ? '' : 's'} (${span}), more than the ${th} threshold.`,
    ja: `${c.fund}：実効銘柄数が${years}年で${fell}減少し（${then.asOf}時点 ${then.effectiveN.toFixed(1)} → ${c.asOf ?? '基準日なし'}時点 ${now.effectiveN.toFixed(1)}）、しきい値${th}を超えました。`,
  };
}

const METRIC_TEXT: Record<Exclude<AlertMetric, TrendMetric>, AlertText> = {
  'largest-above': { en: 'largest holding', ja: '最大銘柄の比率' },
  'top10-above': { en: 'top-10 weight', ja: '上位10銘柄の比率' },
  'effective-n-below': { en: 'effective number of holdings', ja: '実効銘柄数' },
};

/** The posted sentence: fund, metric, value, threshold, and both as-of dates. */
export function alertMessage(c: Omit<AlertCrossing, 'message' | 'rule'>): AlertText {
  const metric = c.metric as Exclude<AlertMetric, TrendMetric>;
  const v = formatAlertValue(c.metric, c.value);
  const th = formatAlertValue(c.metric, c.threshold);
  const up = c.metric !== 'effective-n-below';
  const now = c.asOf ?? 'undated';
  const nowJa = c.asOf ?? '基準日なし';
  const before =
    c.previousValue === null
      ? { en: 'first stored snapshot', ja: '初めて保存されたスナップショット' }
      : {
          en: `was ${formatAlertValue(c.metric, c.previousValue)} as of ${c.previousAsOf ?? 'undated'}`,
          ja: `${c.previousAsOf ?? '基準日なし'}時点では${formatAlertValue(c.metric, c.previousValue)}`,
        };
  return {
    en: `${c.fund}: ${METRIC_TEXT[metric].en} ${v} as of ${now} is now ${up ? 'above' : 'below'} the ${th} threshold (${before.en}).`,
    ja: `${c.fund}：${nowJa}時点の${METRIC_TEXT[metric].ja}が${v}となり、しきい値${th}を${up ? '上回りました' : '下回りました'}（${before.ja}）。`,
  };
}
