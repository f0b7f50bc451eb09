import { EPHEMERAL } from './limits.ts';
import type { FollowUp } from './interaction.ts';
import { multipartMessage } from './multipart.ts';

const API = 'https://discord.com/api/v10';

/** A webhook request body: JSON, or multipart when the message brings files (the chart). */
function body(message: unknown, files: FollowUp['files']): { headers: Record<string, string>; body: string | Buffer } {
  if (!files?.length) return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) };
  const form = multipartMessage(message, files);
  return { headers: { 'content-type': form.contentType }, body: form.body };
}

/**
 * Finishes a deferred HTTP interaction, or adds a chart to an answer already sent, through its
 * webhook (the interaction token is the only credential needed, valid 15 minutes). A deferred
 * reply cannot become ephemeral afterwards, so an ephemeral result (an error) deletes the
 * "thinking…" placeholder and arrives as an ephemeral follow-up instead.
 */
export async function webhookFollowUp(f: FollowUp, send: typeof fetch = fetch, api = API): Promise<void> {
  const base = `${api}/webhooks/${encodeURIComponent(f.applicationId)}/${encodeURIComponent(f.token)}`;
  const { flags, ...message } = f.message;
  if (!f.update && (flags & EPHEMERAL) !== 0) {
    await send(`${base}/messages/@original`, { method: 'DELETE' });
    await check(send(base, { method: 'POST', ...body(f.message, f.files) }));
    return;
  }
  await check(send(`${base}/messages/@original`, { method: 'PATCH', ...body(message, f.files) }));
}

async function check(response: Promise<Response>): Promise<void> {
  const r = await response;
  if (!r.ok) throw new Error(`Discord webhook answered ${r.status}`);
}
