/**
 * Text hygiene for Discord. `allowed_mentions: { parse: [] }` already stops pings; escaping as
 * well keeps echoed user text (an unknown ticker like "@everyone") from even *looking* like a
 * mention, and keeps a table cell from closing its code block.
 */
export function escapeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<([@#])/g, '<\u200b$1');
}

/** A cell inside a ``` block: a backtick run could end the block early. */
export function escapeCodeBlock(text: string): string {
  return text.replace(/`/g, 'ˋ');
}

/** Cuts to at most `max` UTF-16 units, ending with the marker and never splitting a surrogate pair. */
export function clip(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - marker.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + marker;
}
