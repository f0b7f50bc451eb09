/**
 * The shape Bolt assumes of a verified request before any listener runs. Bolt reads
 * `body.actions[0]`, `body.user.id`, `body.channel.id`, `body.event.type` and the like without
 * checking, so a signed but malformed payload (from a buggy proxy, a test tool, or a replayed and
 * edited request under a leaked secret) became a 500, and a `payload` of `null` crashed the
 * process. Slack's own payloads always pass; anything else is answered 400 before Bolt sees it.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
/** Absent, or an object whose `id` is a string (Slack's team, channel, user, view references). */
const optionalRef = (v: unknown, nullable = false): boolean => v === undefined || (nullable && v === null) || (isObject(v) && isString(v.id));

/** An interactive payload (form field `payload`): a button click, a shortcut, a view submission… */
function interactiveOk(p: unknown): boolean {
  if (!isObject(p) || !isString(p.type)) return false;
  if (!isObject(p.user) || !isString(p.user.id)) return false;
  if (!optionalRef(p.team, true) || !optionalRef(p.channel) || !(p.message === undefined || p.message === null || isObject(p.message))) return false;
  if (p.response_url !== undefined && !isString(p.response_url)) return false;
  if (p.type === 'block_actions' || p.type === 'interactive_message') {
    return Array.isArray(p.actions) && p.actions.length > 0 && p.actions.every((a) => isObject(a) && isString(a.type) && (isString(a.action_id) || isString(a.name)));
  }
  if (p.type === 'view_submission' || p.type === 'view_closed') return isObject(p.view) && isString(p.view.id);
  if (p.type === 'shortcut' || p.type === 'message_action') return isString(p.callback_id);
  if (p.type === 'block_suggestion') return isString(p.action_id);
  return true;
}

/** A JSON body: an Events API callback, or the one-time url_verification challenge. */
function eventOk(b: unknown): boolean {
  if (!isObject(b) || !isString(b.type)) return false;
  if (b.type === 'url_verification') return isString(b.challenge);
  if (b.type === 'event_callback') return isObject(b.event) && isString(b.event.type) && (b.authorizations === undefined || Array.isArray(b.authorizations));
  return true;
}

/** True when a verified body is not something Bolt can take safely; such a request is answered 400. */
export function malformedPayload(contentType: string | undefined, body: Buffer): boolean {
  const type = contentType ?? '';
  try {
    if (type.startsWith('application/json')) return !eventOk(JSON.parse(body.toString('utf8')));
    if (!type.startsWith('application/x-www-form-urlencoded')) return true;
    const form = new URLSearchParams(body.toString('utf8'));
    const payload = form.get('payload');
    if (payload !== null) return !interactiveOk(JSON.parse(payload));
    // A slash command this app does not serve: Bolt answers it (no listener); it needs these two.
    return !isString(form.get('command')) || !isString(form.get('user_id'));
  } catch {
    return true;
  }
}
