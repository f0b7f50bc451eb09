import { effectiveN, topN } from '../analytics/index.ts';
import type { AlertMetric, AlertRule } from './store.ts';

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

const VALUE: Record<AlertMetric, (f: AlertFigures) => number> = {
  'largest-above': (f) => f.largest,
  'top10-above': (f) => f.top10,
  'effective-n-below': (f) => f.effectiveN,
};

/** "Beyond" is strict: a value sitting exactly on the threshold has not crossed it. */
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
    const value = VALUE[rule.metric](current);
    if (!beyond(rule.metric, value, rule.threshold)) continue;
    const previousValue = previous ? VALUE[rule.metric](previous) : null;
    if (previousValue !== null && beyond(rule.metric, previousValue, rule.threshold)) continue;
    const crossing = { rule, fund: current.fund, metric: rule.metric, value, previousValue, threshold: rule.threshold, asOf: current.asOf, previousAsOf: previous?.asOf ?? null };
    out.push({ ...crossing, message: alertMessage(crossing) });
  }
  return out;
}

/** How a metric's value is written: percentages for shares of the fund, one decimal for effective N. */
export function formatAlertValue(metric: AlertMetric, value: number): string {
  return metric === 'effective-n-below' ? value.toFixed(1) : `${+(value * 100).toFixed(2)}%`;
}

const METRIC_TEXT: Record<AlertMetric, AlertText> = {
  'largest-above': { en: 'largest holding', ja: '最大銘柄の比率' },
  'top10-above': { en: 'top-10 weight', ja: '上位10銘柄の比率' },
  'effective-n-below': { en: 'effective number of holdings', ja: '実効銘柄数' },
};

/** The posted sentence: fund, metric, value, threshold, and both as-of dates. */
export function alertMessage(c: Omit<AlertCrossing, 'message' | 'rule'>): AlertText {
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
    en: `${c.fund}: ${METRIC_TEXT[c.metric].en} ${v} as of ${now} is now ${up ? 'above' : 'below'} the ${th} threshold (${before.en}).`,
    ja: `${c.fund}：${nowJa}時点の${METRIC_TEXT[c.metric].ja}が${v}となり、しきい値${th}を${up ? '上回りました' : '下回りました'}（${before.ja}）。`,
  };
}
