/** The fields of a slash command the bot reads (Slack posts more: team_domain, user_name, …). */
export interface SlashCommand {
  command: string;
  text: string;
  team_id: string;
  user_id: string;
  channel_id: string;
  response_url: string;
  trigger_id: string;
}

/**
 * A verified request body that is a slash command (form-encoded, with `command` and `user_id`),
 * or null for anything else: button clicks (a `payload` field), events (JSON) and the ssl_check
 * probe go to Bolt as before. Bolt reads a command the same way (querystring of the whole body).
 */
export function slashCommandOf(contentType: string | undefined, body: Buffer): SlashCommand | null {
  if (!contentType?.startsWith('application/x-www-form-urlencoded')) return null;
  const form = new URLSearchParams(body.toString('utf8'));
  const command = form.get('command');
  const user = form.get('user_id');
  if (!command || !user || form.has('payload') || form.has('ssl_check')) return null;
  const field = (name: string) => form.get(name) ?? '';
  return { command, text: field('text'), team_id: field('team_id'), user_id: user, channel_id: field('channel_id'), response_url: field('response_url'), trigger_id: field('trigger_id') };
}
