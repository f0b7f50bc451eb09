/**
 * npm run slack — the Slack bot. HTTP mode (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, PORT) serves
 * /slack/events; with SLACK_APP_TOKEN set it connects by Socket Mode instead, for workspaces
 * that cannot expose a URL. Holdings come from HOLDINGS_DIR like every other surface.
 */
import { createBotRuntime } from '../alert-post.ts';
import { stderrLogger } from '../log.ts';
import { StoredInteractionIds } from '../../store/seen-interactions.ts';
import { createSlackApp, SLACK_EVENTS_PATH } from './app.ts';
import { DELIVERY_KEEP_MS } from './guard.ts';
import { parseTeamLangs } from './locale.ts';
import { startOrExit } from '../startup.ts';

await startOrExit('the Slack bot', async () => {
  const env = process.env;
  // Alerts are posted with chat.postMessage when a bot token is given.
  const runtime = await createBotRuntime({ slackToken: env.SLACK_BOT_TOKEN });
  const langs = parseTeamLangs(env.SLACK_LANG);
  const slack = createSlackApp({
    signingSecret: env.SLACK_SIGNING_SECRET,
    botToken: env.SLACK_BOT_TOKEN,
    appToken: env.SLACK_APP_TOKEN,
    runtime,
    locale: { teamLangs: langs.teamLangs, ...(langs.defaultLang ? { defaultLang: langs.defaultLang } : {}) },
    warmUp: true,
    // Delivery ids live in the store too, so a retry that reaches another replica runs nothing there.
    sharedDeliveries: new StoredInteractionIds(runtime.store, DELIVERY_KEEP_MS),
  });
  if (!env.SLACK_BOT_TOKEN) stderrLogger.info({}, 'SLACK_BOT_TOKEN is not set: slash-command replies still work; locale lookup, App Home, charts and file imports are off');

  const port = Number(env.PORT ?? 3000);
  await slack.start({ port, host: env.HOST ?? '0.0.0.0' });
  const funds = runtime.data.list().length;
  stderrLogger.info(
    slack.mode === 'socket' ? { mode: 'socket', funds } : { mode: 'http', port, path: SLACK_EVENTS_PATH, funds },
    'topheavy Slack bot ready',
  );

  const shutdown = async () => {
    await slack.stop().catch(() => undefined);
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
});
