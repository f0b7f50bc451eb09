import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fundKey } from '../holdings/fund-name.ts';
import type { Store } from '../store/store.ts';
import { hasStore, type SnapshotMeta } from '../store/types.ts';
import type { Context, Requester } from './context.ts';
import { defineCommand } from './define.ts';
import { integer } from './format.ts';
import { t } from './messages.ts';
import { mr } from './messages-remove.ts';
import { UserError } from './user-error.ts';
import type { View } from './view.ts';

const FUND = /^[A-Z0-9][A-Z0-9.\-]{0,11}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type RemovalStore = Pick<Store, 'snapshots' | 'removeSnapshots'>;

/** The holdings source as removal needs it: the store, and refresh() so the next card reads what is left. */
function removalTarget(source: object): { store: RemovalStore; refresh(): Promise<boolean> } | null {
  if (!hasStore(source)) return null;
  const s = source as { store: Partial<RemovalStore>; refresh?: unknown };
  if (typeof s.store.snapshots !== 'function' || typeof s.store.removeSnapshots !== 'function' || typeof s.refresh !== 'function') return null;
  return source as unknown as { store: RemovalStore; refresh(): Promise<boolean> };
}

/**
 * The confirmation code: a digest of who asks and exactly which snapshots (ids and file checksums)
 * the preview listed. A press or a typed code removes only what that person was shown; if a
 * snapshot arrived or went in between, the code no longer matches and nothing is removed. It is
 * not a secret (the admin check is the guard); it makes removal a deliberate second step.
 */
export function confirmationCode(requester: Requester, fund: string, asOf: string | undefined, snapshots: readonly SnapshotMeta[]): string {
  const what = snapshots.map((s) => `${s.id}:${s.checksum}`).join(',');
  return createHash('sha256').update(`${requester.platform}|${requester.userId}|${fund}|${asOf ?? '*'}|${what}`).digest('hex').slice(0, 12);
}

/** The command line that repeats this request, with or without its confirmation code. */
function commandLine(fund: string, asOf: string | undefined, code?: string): string {
  return [fund, ...(asOf ? [`as-of=${asOf}`] : []), ...(code ? [`confirm=${code}`] : [])].join(' ');
}

function snapshotTable(ctx: Context, list: readonly SnapshotMeta[]): NonNullable<View['table']> {
  const { lang } = ctx;
  return {
    columns: [
      { label: t(lang, mr.colFile()), align: 'left' },
      { label: t(lang, mr.colAsOf()), align: 'left' },
      { label: t(lang, mr.colPositions()), align: 'right' },
      { label: t(lang, mr.colImported()), align: 'left' },
    ],
    rows: list.map((s) => [s.file, s.asOf ?? t(lang, mr.undated()), integer(s.positions), s.importedAt.slice(0, 10)]),
  };
}

/** What the fund is answered from once `gone` is removed (the latest of the rest), in words. */
function afterwards(ctx: Context, fund: string, rest: readonly SnapshotMeta[], done: boolean): string {
  const latest = rest[rest.length - 1];
  if (!latest) return t(ctx.lang, done ? mr.noneLeft(fund) : mr.willLeaveNone(fund));
  const asOf = latest.asOf ?? t(ctx.lang, mr.undated());
  return t(ctx.lang, done ? mr.nowLatest(fund, latest.file, asOf) : mr.willBeLatest(fund, latest.file, asOf));
}

const describeSnapshot = (s: SnapshotMeta) => ({ id: s.id, file: s.file, asOf: s.asOf, positions: s.positions });

export const removeSnapshotCommand = defineCommand({
  name: 'remove-snapshot',
  description: {
    en: 'Admins: remove a bad stored snapshot of a fund (e.g. one dated in the future)',
    ja: '管理者向け：ファンドの誤ったスナップショット（未来の基準日など）を削除する',
  },
  examples: ['/remove-snapshot VT as-of=2099-01-01'],
  adminOnly: true,
  args: z.object({
    fund: z.string().min(1).max(16).describe('Fund ticker whose snapshot to remove, e.g. VT | スナップショットを削除するファンドのティッカー（例：VT）'),
    'as-of': z.string().max(20).optional().describe('As-of date of the snapshot, YYYY-MM-DD (leave out: every snapshot of the fund) | 削除するスナップショットの基準日 YYYY-MM-DD（省略時はそのファンドの全件）'),
    confirm: z.string().max(40).optional().describe('The confirmation code the first step shows | 最初の手順で表示される確認コード'),
  }),
  async run({ fund: rawFund, 'as-of': rawAsOf, confirm }, ctx) {
    const { lang } = ctx;
    // Deleting data every user reads is an admin's call: the platform's admin flag decides, before anything is read.
    if (!ctx.requester.isAdmin) throw new UserError('not-admin', t(lang, mr.notAdmin()));
    const target = removalTarget(ctx.data);
    if (!target) throw new UserError('no-store', t(lang, mr.noStore()));
    const fund = fundKey(rawFund) ?? rawFund.trim().toUpperCase();
    if (!FUND.test(fund)) throw new UserError('bad-fund', t(lang, mr.badFund(rawFund)));
    const asOf = rawAsOf?.trim() || undefined;
    if (asOf !== undefined && !DATE.test(asOf)) throw new UserError('bad-date', t(lang, mr.badDate(asOf)));

    const all = await target.store.snapshots(fund);
    if (all.length === 0) throw new UserError('unknown-fund', t(lang, mr.unknownFund(fund)));
    const chosen = asOf === undefined ? all : all.filter((s) => s.asOf === asOf);
    if (chosen.length === 0) {
      const dates = [...new Set(all.map((s) => s.asOf ?? t(lang, mr.undated())))].join(', ');
      throw new UserError('unknown-date', t(lang, mr.unknownDate(fund, asOf!, dates)));
    }
    const code = confirmationCode(ctx.requester, fund, asOf, chosen);
    const rest = all.filter((s) => !chosen.includes(s));

    if (confirm === undefined) {
      const line = `/remove-snapshot ${commandLine(fund, asOf, code)}`;
      return {
        lang,
        title: t(lang, mr.previewTitle(fund, chosen.length)),
        tone: 'warning',
        summary: `${t(lang, mr.previewSummary(line))}\n${afterwards(ctx, fund, rest, false)}`,
        table: snapshotTable(ctx, chosen),
        // Pressed, it replaces this preview with the result; the press is checked like a typed command (admin, code).
        actions: [{ kind: 'command', command: 'remove-snapshot', args: commandLine(fund, asOf, code), label: t(lang, mr.removeButton()), style: 'primary', update: true }],
        sources: [],
        ephemeral: true,
        data: { fund, asOf: asOf ?? null, status: 'confirm', code, snapshots: chosen.map(describeSnapshot) },
      };
    }
    if (confirm.trim().toLowerCase() !== code) throw new UserError('stale-confirm', t(lang, mr.staleConfirm(`/remove-snapshot ${commandLine(fund, asOf)}`)));

    const removed = await target.store.removeSnapshots(fund, asOf, chosen.map((s) => s.id));
    await target.refresh();
    return {
      lang,
      title: t(lang, mr.removedTitle(fund, removed.length)),
      tone: 'info',
      summary: afterwards(ctx, fund, rest, true),
      table: snapshotTable(ctx, removed),
      sources: [],
      // The result concerns the admin who ran it; what is left is public through every command.
      ephemeral: true,
      data: { fund, asOf: asOf ?? null, status: 'removed', snapshots: removed.map(describeSnapshot) },
    };
  },
});
