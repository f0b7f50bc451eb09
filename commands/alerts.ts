import { z } from 'zod';
import { formatAlertValue } from '../store/alerts.ts';
import { ALERT_METRICS, type AlertMetric } from '../store/store.ts';
import { hasStore } from '../store/types.ts';
import type { Context } from './context.ts';
import { defineCommand } from './define.ts';
import { t } from './messages.ts';
import { ms } from './messages-store.ts';
import { UserError } from './user-error.ts';

/** A rule as listed (field names stable for --json). Thresholds are fractions for the percent metrics. */
export interface AlertRuleView {
  metric: AlertMetric;
  threshold: number;
  channelId: string;
}

/**
 * The server an alert belongs to. The console has no server; it keeps its rules under "local", so a
 * console user can try alerts and the console prints them.
 */
function serverOf(ctx: Context): string | null {
  return ctx.requester.platform === 'console' ? (ctx.requester.serverId ?? 'local') : ctx.requester.serverId;
}

/** `<#123>` (Discord), `<#C123|general>` (Slack), `#C123` or a bare id → the id; anything else is refused. */
function channelId(raw: string | undefined, ctx: Context): string {
  const given = raw?.trim();
  if (!given) {
    if (ctx.requester.channelId) return ctx.requester.channelId;
    if (ctx.requester.platform === 'console') return 'console';
    throw new UserError('alert-channel', t(ctx.lang, ms.alertNeedsChannel()));
  }
  const id = /^<#([A-Za-z0-9_-]+)(?:\|[^>]*)?>$/.exec(given)?.[1] ?? given.replace(/^#/, '');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new UserError('alert-channel', t(ctx.lang, ms.alertNeedsChannel()));
  return id;
}

/** `value=10` means 10% for the percent metrics (stored as 0.1) and 10 holdings for effective N. */
function thresholdOf(metric: AlertMetric, value: number | undefined, ctx: Context): number {
  if (value === undefined || !Number.isFinite(value)) throw new UserError('alert-value', t(ctx.lang, ms.alertNeedsValue()));
  if (metric === 'effective-n-below') {
    if (!(value > 0)) throw new UserError('alert-value', t(ctx.lang, ms.alertNeedsValue()));
    return value;
  }
  if (!(value > 0 && value < 100)) throw new UserError('alert-value', t(ctx.lang, ms.alertBadPercent(String(value))));
  return value / 100;
}

export const alertsCommand = defineCommand({
  name: 'alerts',
  description: {
    en: 'This server’s concentration alerts: list them; admins set or remove one',
    ja: 'このサーバーの集中度アラート：一覧表示。管理者は設定・削除も可能',
  },
  examples: ['/alerts', '/alerts set metric=largest-above value=10', '/alerts set metric=effective-n-fell-2y value=20', '/alerts remove metric=largest-above'],
  args: z.object({
    action: z.enum(['list', 'set', 'remove']).default('list').describe('list, set or remove | list（一覧）、set（設定）、remove（削除）'),
    metric: z.enum(ALERT_METRICS as [AlertMetric, ...AlertMetric[]]).optional().describe('What to watch | 監視する指標'),
    value: z.number().optional().describe('Threshold: % (largest, top10, effective-n-fell-Ny: % fall), holdings (effective-n-below) | しきい値：%（largest・top10・減少率）、銘柄数（effective-n-below）'),
    channel: z.string().max(100).optional().describe('Channel to post in (default: this one) | 投稿先チャンネル（省略時はこのチャンネル）'),
  }),
  async run({ action, metric, value, channel }, ctx) {
    const { lang } = ctx;
    if (!hasStore(ctx.data)) throw new UserError('no-store', t(lang, ms.alertsNoStore()));
    const store = ctx.data.store;
    const server = serverOf(ctx);
    if (server === null) throw new UserError('no-server', t(lang, ms.alertsNoServer()));
    const platform = ctx.requester.platform;
    let notice: string | undefined;
    if (action !== 'list') {
      // Changing where the bot posts is a server setting: the platform's admin flag decides.
      if (!ctx.requester.isAdmin) throw new UserError('not-admin', t(lang, ms.alertsAdminOnly()));
      if (!metric) throw new UserError('alert-metric', t(lang, ms.alertNeedsMetric(action)));
      if (action === 'set') {
        const threshold = thresholdOf(metric, value, ctx);
        const target = channelId(channel, ctx);
        await store.setAlert(platform, server, metric, threshold, target);
        notice = t(lang, ms.alertSet(t(lang, ms.metricName(metric)), formatAlertValue(metric, threshold), `#${target}`));
      } else {
        const removed = await store.removeAlert(platform, server, metric);
        notice = t(lang, removed ? ms.alertRemoved(t(lang, ms.metricName(metric))) : ms.alertNotFound(metric));
      }
    }
    const rules: AlertRuleView[] = (await store.alerts(platform, server)).map((r) => ({ metric: r.metric, threshold: r.threshold, channelId: r.channelId }));
    const summary = rules.length === 0 ? t(lang, ms.alertsNone()) : t(lang, ms.alertsSummary(rules.length));
    return {
      lang,
      title: t(lang, ms.alertsTitle(ctx.requester.platform === 'slack')),
      tone: 'info',
      summary: notice ? `${notice}\n${summary}` : summary,
      ...(rules.length > 0
        ? {
            table: {
              columns: [
                { label: t(lang, ms.colMetric()), align: 'left' as const },
                { label: t(lang, ms.colThreshold()), align: 'right' as const },
                { label: t(lang, ms.colChannel()), align: 'left' as const },
              ],
              rows: rules.map((r) => [t(lang, ms.metricName(r.metric)), formatAlertValue(r.metric, r.threshold), `#${r.channelId}`]),
            },
          }
        : {}),
      sources: [],
      // A settings card is for the person who asked, like help; the alerts themselves post publicly.
      ephemeral: true,
      data: { server, rules, ...(action !== 'list' ? { action, metric } : {}) },
    };
  },
});
