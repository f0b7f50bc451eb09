import { EPHEMERAL } from './limits.ts';
import type { FollowUp } from './interaction.ts';

const API = 'https://discord.com/api/v10';

/**
 * Finishes a deferred HTTP interaction through its webhook (the interaction token is the only
 * credential needed, valid 15 minutes). A deferred reply cannot become ephemeral afterwards, so
 * an ephemeral result (an error) deletes the "thinking…" placeholder and arrives as an ephemeral
 * follow-up instead.
 */
export async function webhookFollowUp(f: FollowUp, send: typeof fetch = fetch): Promise<void> {
  const base = `${API}/webhooks/${encodeURIComponent(f.applicationId)}/${encodeURIComponent(f.token)}`;
  const headers = { 'content-type': 'application/json' };
  const { flags, ...message } = f.message;
  if (!f.update && (flags & EPHEMERAL) !== 0) {
    await send(`${base}/messages/@original`, { method: 'DELETE' });
    await check(send(base, { method: 'POST', headers, body: JSON.stringify(f.message) }));
    return;
  }
  await check(send(`${base}/messages/@original`, { method: 'PATCH', headers, body: JSON.stringify(message) }));
}

async function check(response: Promise<Response>): Promise<void> {
  const r = await response;
  if (!r.ok) throw new Error(`Discord webhook answered ${r.status}`);
}
