import { PassThrough } from 'node:stream';
import { startChat } from '../../bot/console/chat.ts';
import type { Context, Lang } from '../../commands/context.ts';

/** Types lines into the console chat (no terminal, no chart files) and returns everything it printed. */
export async function chatSession(context: (lang: Lang) => Context, lines: readonly string[], lang: Lang = 'en'): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const done = startChat({ context, lang, input, output, charts: false });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return text;
}
