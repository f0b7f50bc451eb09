import type { Context } from '../../commands/context.ts';
import { MAX_IMPORT_BYTES } from '../../commands/import.ts';
import { t } from '../../commands/messages.ts';
import { mi } from '../../commands/messages-import.ts';
import { UserError } from '../../commands/user-error.ts';
import type { Lang } from '../../commands/context.ts';
import { download, DownloadError, type DownloadLimits } from '../../store/download.ts';
import { hostsPolicy } from '../../store/url-policy.ts';

/** Where Discord serves attachments; an attachment URL anywhere else is not fetched. */
export const DISCORD_CDN_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'] as const;
const CDN_POLICY = hostsPolicy(DISCORD_CDN_HOSTS);

/** An https URL on Discord's CDN. */
export function isDiscordCdnUrl(url: string): boolean {
  try {
    return CDN_POLICY.isAllowed(new URL(url));
  } catch {
    return false;
  }
}

/** A file Discord resolved for an attachment option (`data.resolved.attachments[id]`). */
export interface ResolvedAttachment {
  url: string;
  filename: string;
  size: number;
}

/** How an attachment is fetched: one attempt (the user can upload again), a timeout, the import size cap. */
export const ATTACHMENT_LIMITS: Pick<DownloadLimits, 'timeoutMs' | 'tries' | 'maxBytes'> = { timeoutMs: 20_000, tries: 1, maxBytes: MAX_IMPORT_BYTES };

/**
 * The command's view of an uploaded file: its name and declared size at once, its bytes only when
 * the command asks (after its admin and size checks), fetched from the attachment's CDN url with a
 * timeout and a size cap enforced while streaming. A failed fetch is the user's to retry, so it is a UserError.
 */
export function attachmentReader(
  a: ResolvedAttachment,
  lang: Lang,
  limits: Partial<DownloadLimits> = {},
  /** Tests serve attachments on loopback; production accepts Discord's CDN only, redirects included. */
  isAllowedUrl: (url: string) => boolean = isDiscordCdnUrl,
): NonNullable<Context['attachment']> {
  return {
    filename: a.filename,
    size: a.size,
    async read() {
      if (!isAllowedUrl(a.url)) throw new UserError('download-failed', t(lang, mi.downloadFailed(a.filename, 'not a Discord attachment link')));
      try {
        return (await download(a.url, { ...ATTACHMENT_LIMITS, ...limits, ...(isAllowedUrl === isDiscordCdnUrl ? { policy: CDN_POLICY } : {}) })).bytes;
      } catch (error) {
        if (!(error instanceof DownloadError)) throw error;
        if (error.reason === 'too-large') throw new UserError('too-large', t(lang, mi.tooLarge(a.filename, MAX_IMPORT_BYTES / 1024 / 1024)));
        throw new UserError('download-failed', t(lang, mi.downloadFailed(a.filename, error.message)));
      }
    },
  };
}
