import type { Context, Lang } from '../../commands/context.ts';
import { MAX_IMPORT_BYTES } from '../../commands/import.ts';
import { t } from '../../commands/messages.ts';
import { mi } from '../../commands/messages-import.ts';
import { UserError } from '../../commands/user-error.ts';
import { download, DownloadError, type DownloadLimits } from '../../store/download.ts';

/*
 * Slack slash commands cannot carry a file, so an admin imports a fund by sharing the issuer's
 * file in a message whose text is `import FUND` (in a DM with the bot, or a channel it is in).
 * This module reads such a message: the fund from its text, and the shared file as the command's
 * `attachment`, downloaded from Slack's file host with the bot token only when /import asks.
 */

/** A file as a `file_share` message event carries it (the fields used here). */
export interface SharedFile {
  id?: string;
  name?: string | null;
  title?: string | null;
  size?: number;
  url_private_download?: string;
  url_private?: string;
  /** "check_file_info" when the event omits the file's details (then files.info has them). */
  file_access?: string;
}

/** How a shared file is fetched: one attempt (the admin can share it again), 20 s, the import size cap. */
export const SLACK_FILE_LIMITS: Pick<DownloadLimits, 'timeoutMs' | 'tries' | 'maxBytes'> = { timeoutMs: 20_000, tries: 1, maxBytes: MAX_IMPORT_BYTES };

/**
 * `import FUND` or `/import FUND` (full-width letters, slash and spaces tolerated, a leading
 * mention of the bot allowed) → the fund text as typed; null when the message is not an import.
 * `import` alone gives an empty fund, which /import then explains.
 */
export function parseImportText(text: string | undefined): { fund: string } | null {
  const normalized = (text ?? '').normalize('NFKC').replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>\s*/i, '').trim();
  const match = /^\/?import(?:\s+([\s\S]*))?$/i.exec(normalized);
  return match ? { fund: (match[1] ?? '').trim() } : null;
}

/** Slack's file hosts (commercial and GovSlack), over https; the bot token goes nowhere else. */
export function isSlackFileUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && (u.hostname === 'files.slack.com' || u.hostname === 'files.slack-gov.com');
  } catch {
    return false;
  }
}

/** The name /import checks (.csv/.xlsx) and shows. */
export function sharedFileName(file: SharedFile): string {
  return file.name || file.title || file.id || 'file';
}

export interface SlackFileReaderOptions {
  botToken: string;
  isAllowedUrl: (url: string) => boolean;
  limits?: Partial<DownloadLimits>;
  /** files.info, for a file the event described only by id (file_access: check_file_info). */
  fileInfo?: (id: string) => Promise<SharedFile | undefined>;
}

/**
 * The command's view of a shared file: name and size at once, bytes only when /import reads them
 * (after its admin, type and size checks), downloaded from `url_private_download` with
 * `Authorization: Bearer <bot token>`, a timeout and a size cap enforced while streaming. A URL
 * off Slack's file hosts is refused before any request, so the token cannot leak. Failures are
 * the admin's to retry, so they are UserErrors.
 */
export function slackFileReader(file: SharedFile, lang: Lang, options: SlackFileReaderOptions): NonNullable<Context['attachment']> {
  const filename = sharedFileName(file);
  return {
    filename,
    size: file.size ?? 0,
    async read() {
      let url = file.url_private_download ?? file.url_private;
      if (!url && file.id && options.fileInfo) {
        const info = await options.fileInfo(file.id).catch(() => undefined);
        url = info?.url_private_download ?? info?.url_private;
        if (info?.size && info.size > MAX_IMPORT_BYTES) throw new UserError('too-large', t(lang, mi.tooLarge(filename, MAX_IMPORT_BYTES / 1024 / 1024)));
      }
      if (!url) throw new UserError('download-failed', t(lang, mi.downloadFailed(filename, 'no download link')));
      if (!options.isAllowedUrl(url)) throw new UserError('download-failed', t(lang, mi.downloadFailed(filename, 'not a Slack file link')));
      try {
        const got = await download(url, { ...SLACK_FILE_LIMITS, ...options.limits, headers: { authorization: `Bearer ${options.botToken}` } });
        // Without files:read Slack answers its sign-in page with 200 rather than the file.
        if (got.contentType?.startsWith('text/html')) throw new DownloadError('http', 'Slack sent a web page instead of the file; the app may need the files:read scope', false);
        return got.bytes;
      } catch (error) {
        if (!(error instanceof DownloadError)) throw error;
        if (error.reason === 'too-large') throw new UserError('too-large', t(lang, mi.tooLarge(filename, MAX_IMPORT_BYTES / 1024 / 1024)));
        throw new UserError('download-failed', t(lang, mi.downloadFailed(filename, error.message)));
      }
    },
  };
}
