import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fillFromPeers } from '../holdings/catalog.ts';
import { MAX_FILE_BYTES } from '../holdings/doc.ts';
import { assertAsOfNotFuture } from '../holdings/as-of.ts';
import { HoldingsFileError } from '../holdings/errors.ts';
import { readHoldings } from '../holdings/read-holdings.ts';
import type { Holdings } from '../holdings/types.ts';
import { checksumOf } from '../store/import.ts';
import type { Store } from '../store/store.ts';
import { hasStore } from '../store/types.ts';
import { exclusionLine, sourceOf } from './card-parts.ts';
import type { Context } from './context.ts';
import { defineCommand } from './define.ts';
import { integer } from './format.ts';
import { t } from './messages.ts';
import { mi } from './messages-import.ts';
import { fundKey } from '../holdings/fund-name.ts';
import { UserError } from './user-error.ts';

/** The largest upload accepted: the holdings reader's own limit (20 MB). */
export const MAX_IMPORT_BYTES = MAX_FILE_BYTES;
const FUND = /^[A-Z0-9][A-Z0-9.\-]{0,11}$/;
const HOLDINGS_NAME = /\.(csv|xlsx|xml)$/i;

type ImportStore = Pick<Store, 'importHoldings'>;

/** The holdings source as /import needs it: the store to write to, and refresh() so the new snapshot is read at once. */
function importTarget(source: object): { store: ImportStore; refresh(): Promise<boolean> } | null {
  if (!hasStore(source)) return null;
  const s = source as { store: Partial<ImportStore>; refresh?: unknown };
  if (typeof s.store.importHoldings !== 'function' || typeof s.refresh !== 'function') return null;
  return source as unknown as { store: ImportStore; refresh(): Promise<boolean> };
}

/** On the console the `file` argument is a local path; no chat user can make the bot read its disk. */
async function consoleAttachment(ctx: Context, file: string): Promise<NonNullable<Context['attachment']>> {
  const full = path.resolve(file);
  const info = await stat(full).catch(() => null);
  if (!info?.isFile()) throw new UserError('no-file', t(ctx.lang, mi.notFound(file)));
  return { filename: path.basename(full), size: info.size, read: async () => new Uint8Array(await readFile(full)) };
}

export const importCommand = defineCommand({
  name: 'import',
  description: {
    en: 'Admins: import an issuer holdings file (CSV/XLSX) or an SEC N-PORT primary_doc.xml for a fund',
    ja: '管理者向け：ファンドの保有銘柄ファイル（CSV/XLSX）またはSEC N-PORTのprimary_doc.xmlを取り込む',
  },
  examples: ['/import IVV file=ivv_holdings.csv'],
  adminOnly: true,
  args: z.object({
    fund: z.string().min(1).max(16).describe('Fund ticker to store the file under, e.g. IVV | ファイルを登録するファンドのティッカー（例：IVV）'),
    file: z.string().min(1).max(400).describe('The issuer holdings file (CSV or XLSX) or N-PORT primary_doc.xml | 運用会社の保有銘柄ファイル（CSV・XLSX）またはN-PORTのprimary_doc.xml'),
  }),
  async run({ fund: rawFund, file }, ctx) {
    const { lang } = ctx;
    // Writing data every user reads is an admin's call: the platform's admin flag decides, before anything is read.
    if (!ctx.requester.isAdmin) throw new UserError('not-admin', t(lang, mi.notAdmin()));
    const target = importTarget(ctx.data);
    if (!target) throw new UserError('no-store', t(lang, mi.noStore()));
    const fund = fundKey(rawFund) ?? rawFund.trim().toUpperCase();
    if (!FUND.test(fund)) throw new UserError('bad-fund', t(lang, mi.badFund(rawFund)));
    const attachment = ctx.attachment ?? (ctx.requester.platform === 'console' ? await consoleAttachment(ctx, file) : undefined);
    if (!attachment) throw new UserError('no-file', t(lang, ctx.requester.platform === 'slack' ? mi.noFileSlack() : mi.noFile()));
    const name = path.basename(attachment.filename.replace(/\\/g, '/'));
    if (!HOLDINGS_NAME.test(name)) throw new UserError('bad-file', t(lang, mi.badName(name)));
    const mb = MAX_IMPORT_BYTES / 1024 / 1024;
    if (attachment.size > MAX_IMPORT_BYTES) throw new UserError('too-large', t(lang, mi.tooLarge(name, mb)));
    const bytes = await attachment.read();
    if (bytes.length > MAX_IMPORT_BYTES) throw new UserError('too-large', t(lang, mi.tooLarge(name, mb)));

    let h: Holdings;
    try {
      // An N-PORT primary_doc.xml is told by its content and read as on demand; anything else by the issuer parsers.
      h = (await readHoldings(name, bytes, fund)).holdings;
      assertAsOfNotFuture(h, ctx.now);
    } catch (error) {
      if (error instanceof HoldingsFileError) throw new UserError('bad-file', t(lang, mi.badFile(error.message)));
      throw error;
    }
    // Never store one fund's holdings under another's ticker: the ticker the file prints must be the one typed.
    const own = h.fundInFile === undefined ? null : fundKey(h.fundInFile);
    if (own && own !== fund) throw new UserError('fund-mismatch', t(lang, mi.fundMismatch(name, own, fund)));
    // A single file has no peers of its own: take missing sectors and countries from the funds loaded (cloned, they stay as they are).
    const peers = ctx.data
      .list()
      .filter((s) => s.fund !== fund)
      .map((s) => ctx.data.get(s.fund))
      .filter((p): p is Holdings => p !== undefined)
      .map((p) => structuredClone(p));
    if (peers.length > 0) fillFromPeers([h, ...peers]);
    // One transaction; the same bytes (checksum) for this fund add nothing.
    const result = await target.store.importHoldings(h, checksumOf(bytes));
    if (result.status === 'stored') await target.refresh();
    const stored = result.status === 'stored';
    return {
      lang,
      title: t(lang, stored ? mi.title(fund, h.name) : mi.titleUnchanged(fund, h.name)),
      tone: 'info',
      summary: `${t(lang, stored ? mi.stored(fund) : mi.unchanged(fund))}\n${exclusionLine(ctx, h)}`,
      fields: [
        { name: t(lang, mi.fFund()), value: `${fund} (${h.issuer})`, inline: true },
        { name: t(lang, mi.fFile()), value: name, inline: true },
        { name: t(lang, mi.fAsOf()), value: h.asOf.date ?? t(lang, mi.undated()), inline: true },
        { name: t(lang, mi.fPositions()), value: integer(h.positions.length), inline: true },
        { name: t(lang, mi.fExcluded()), value: integer(h.excluded.length), inline: true },
        { name: t(lang, mi.fStatus()), value: t(lang, stored ? mi.statusStored() : mi.statusUnchanged()), inline: true },
      ],
      sources: [sourceOf(h, ctx)],
      // The result concerns the admin who ran it; the data itself is then public through every command.
      ephemeral: true,
      data: {
        fund,
        file: name,
        status: result.status,
        asOf: h.asOf.date,
        positions: h.positions.length,
        excluded: h.excluded.length,
        snapshotId: result.snapshot.id,
      },
    };
  },
});
