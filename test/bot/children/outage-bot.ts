/**
 * Child process for the database-outage test: one real bot surface on the store named by
 * DATABASE_URL (the bot's own runtime, as `npm run discord:http` and the Slack bot build it), on
 * 127.0.0.1, printing "ready <port>". argv[2]: "discord" (argv[3] the public key, hex) or
 * "slack" (argv[3] the signing secret). Slack's response_url posts may go to loopback (the
 * test's stand-in for hooks.slack.com); nothing else differs from the entry points.
 */
import type { AddressInfo } from 'node:net';
import { createBotRuntime } from '../../../bot/alert-post.ts';
import { startHttpServer } from '../../../bot/discord/http-server.ts';
import { REPLAY_KEEP_MS } from '../../../bot/discord/replay.ts';
import { createSlackApp } from '../../../bot/slack/app.ts';
import { StoredInteractionIds } from '../../../store/seen-interactions.ts';

const [surface, secret] = process.argv.slice(2);
const runtime = await createBotRuntime({});
if (surface === 'discord') {
  const running = await startHttpServer({ runtime, publicKey: secret!, port: 0, host: '127.0.0.1', sharedSeen: new StoredInteractionIds(runtime.store, REPLAY_KEEP_MS) });
  process.stdout.write(`ready ${running.port}\n`);
} else {
  const slack = createSlackApp({ signingSecret: secret, runtime, isAllowedResponseUrl: (url) => url.startsWith('http://127.0.0.1:') });
  const server = await slack.start({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`ready ${(server!.address() as AddressInfo).port}\n`);
}
