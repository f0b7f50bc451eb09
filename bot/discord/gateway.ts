/**
 * `npm run discord`: gateway mode. Env: DISCORD_TOKEN, HOLDINGS_DIR; DISCORD_SHARDS > 1 starts
 * discord.js's ShardingManager, which forks one process per shard running this same file.
 * Only the Guilds intent: slash commands, autocomplete and buttons arrive as interactions, so
 * no privileged intent (members, presence, message content) is needed.
 */
import path from 'node:path';
import { Client, Events, GatewayIntentBits, ShardingManager } from 'discord.js';
import { stderrLogger } from '../log.ts';
import type { Runtime } from '../runtime.ts';
import { createBotRuntime } from '../alert-post.ts';
import { isEntryPoint, requireEnv } from './entry.ts';
import { handleGatewayInteraction } from './gateway-adapter.ts';
import { createHandler } from './interaction.ts';
import { startOrExit } from '../startup.ts';

export { handleGatewayInteraction, payloadOf } from './gateway-adapter.ts';

/** A client wired to the shared handler; not logged in. */
export function createGatewayClient(runtime: Pick<Runtime, 'context'>): Client {
  const client = new Client({ intents: [GatewayIntentBits.Guilds] });
  const handler = createHandler({ context: (lang, requester) => runtime.context(lang, requester) });
  client.on(Events.InteractionCreate, (interaction) => {
    handleGatewayInteraction(interaction, handler).catch((error: unknown) =>
      stderrLogger.error({ interaction: interaction.id, error: error instanceof Error ? error.message : String(error) }, 'discord gateway reply failed'),
    );
  });
  client.once(Events.ClientReady, (ready) => stderrLogger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size, shard: ready.shard?.ids ?? [0] }, 'discord gateway ready'));
  return client;
}

async function main(): Promise<void> {
  const token = requireEnv('DISCORD_TOKEN', 'copy the bot token from the Developer Portal → your application → Bot.');
  const shards = Number(process.env.DISCORD_SHARDS ?? 1);
  if (shards > 1 && !process.env.SHARDING_MANAGER) {
    // The manager forks bin/run.js with this entry point, so each shard runs what this process runs
    // (the build in dist/, or the source through tsx); process.argv[2] names it (see bin/run.js).
    const runner = path.resolve(process.argv[1] ?? 'bin/run.js');
    const manager = new ShardingManager(runner, { token, totalShards: shards, shardArgs: [process.argv[2] ?? import.meta.filename] });
    manager.on('shardCreate', (shard) => stderrLogger.info({ shard: shard.id }, 'discord shard started'));
    await manager.spawn();
    return;
  }
  const runtime = await createBotRuntime({ discordToken: token });
  const client = createGatewayClient(runtime);
  const stop = () => void client.destroy().then(() => runtime.close()).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await client.login(token);
}

if (isEntryPoint(import.meta.url)) await startOrExit('the Discord gateway bot', main);
