/**
 * `npm run discord:http`: the HTTP interactions endpoint. Set the application's "Interactions
 * Endpoint URL" to this server (behind HTTPS); run as many as you like behind a load balancer.
 * Env: DISCORD_PUBLIC_KEY (hex, from the portal), PORT (default 8080), HOLDINGS_DIR.
 */
import { createBotRuntime } from '../alert-post.ts';
import { stderrLogger } from '../log.ts';
import { isEntryPoint, requireEnv } from './entry.ts';
import { startHttpServer } from './http-server.ts';
import { REPLAY_KEEP_MS } from './replay.ts';
import { StoredInteractionIds } from '../../store/seen-interactions.ts';
import { publicKeyFromHex } from './verify.ts';
import { startOrExit } from '../startup.ts';

export { startHttpServer, MAX_BODY_BYTES, type HttpServerOptions, type RunningHttpServer } from './http-server.ts';

async function main(): Promise<void> {
  const publicKey = requireEnv('DISCORD_PUBLIC_KEY', 'copy "Public Key" from the Discord Developer Portal → your application → General Information.');
  // A malformed or weak key stops start-up before the store is opened.
  publicKeyFromHex(publicKey);
  // Alerts go to their channels through the REST API when a bot token is given.
  const runtime = await createBotRuntime({ discordToken: process.env.DISCORD_TOKEN });
  // Answered interaction ids live in the store too, so every replica on it refuses a replay.
  const sharedSeen = new StoredInteractionIds(runtime.store, REPLAY_KEEP_MS);
  const running = await startHttpServer({ runtime, publicKey, port: Number(process.env.PORT ?? 8080), warmUp: true, sharedSeen });
  stderrLogger.info({ port: running.port, funds: runtime.data.list().length }, 'discord interactions endpoint listening');
  const stop = () => void running.close().then(() => runtime.close()).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (isEntryPoint(import.meta.url)) await startOrExit('the Discord interactions endpoint', main);
