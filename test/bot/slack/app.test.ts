import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../../bot/dispatch.ts';
import { memoryLogger } from '../../../bot/log.ts';
import { renderSlack } from '../../../bot/slack/render.ts';
import { renderHome } from '../../../bot/slack/home.ts';
import { COMMANDS } from '../../../commands/registry.ts';
import type { Catalog } from '../../../holdings/catalog.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { actionBody, commandBody, signedHeaders, startFakeSlack, startLoopbackSlack, triggerId, type FakeSlack, type LoopbackSlack } from './support.ts';

if (!HAS_RAW) console.warn('[skip] Slack HTTP tests need the real issuer files in ../shared/data/holdings/raw.');

let catalog: Catalog;
let fake: FakeSlack;
let bot: LoopbackSlack;

beforeAll(async () => {
  if (!HAS_RAW) return;
  catalog = await rawCatalog();
  fake = await startFakeSlack();
  bot = await startLoopbackSlack(catalog, fake.url);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** Posts a signed body to the bot and times the acknowledgement. */
async function post(body: string, headers: Record<string, string> = signedHeaders(body)) {
  const start = performance.now();
  const res = await fetch(bot.url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - start };
}

const respondPath = (name: string) => `/respond/${name}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Σ w² → 1/HHI, and the top-10 sum, straight from the positions. */
function independent(code: string) {
  const w = catalog.funds.get(code)!.holdings.positions.map((p) => p.weight).sort((a, b) => b - a);
  const hhi = w.reduce((s, x) => s + x * x, 0);
  return { effectiveN: 1 / hhi, top10: w.slice(0, 10).reduce((s, x) => s + x, 0), count: w.length };
}

describe.skipIf(!HAS_RAW)('Slack over loopback HTTP, signed with a test secret', () => {
  test('GIVEN /hhi VT WHEN posted THEN it is acknowledged with an empty 200 at once, and the card posted to response_url carries the analytics numbers', async () => {
    const responseUrl = `${fake.url}${respondPath('hhi-vt')}`;
    const ack = await post(commandBody('hhi', 'VT', responseUrl));
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    expect(ack.ms).toBeLessThan(1_000);

    const [reply] = await fake.waitFor(respondPath('hhi-vt'));
    const direct = await dispatch({ command: 'hhi', text: 'VT' }, bot.context('en'), memoryLogger());
    const expected = renderSlack(direct);
    expect(reply!.body).toEqual({ replace_original: false, response_type: 'in_channel', text: expected.text, blocks: expected.blocks });

    // The same numbers as the analytics, computed again here from the weights.
    const want = independent('VT');
    const data = direct.data as { effectiveN: number; top10: number; count: number };
    expect(data.effectiveN).toBeCloseTo(want.effectiveN, 8);
    expect(data.top10).toBeCloseTo(want.top10, 12);
    const posted = JSON.stringify(reply!.body.blocks);
    expect(posted).toContain(`*Effective N (1/HHI)*\\n${want.effectiveN.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} of ${want.count.toLocaleString('en-US')} · HHI`);
    expect(posted).toContain(`${(want.top10 * 100).toFixed(1)}%`);
    expect(posted).toContain('Source: VT — Vanguard');
  });

  test('GIVEN /overlap VOO QQQ WHEN posted THEN the reply carries the same overlap figures as the dispatcher', async () => {
    const ack = await post(commandBody('overlap', 'VOO QQQ', `${fake.url}${respondPath('overlap')}`));
    expect(ack.status).toBe(200);
    const [reply] = await fake.waitFor(respondPath('overlap'));
    const direct = await dispatch({ command: 'overlap', text: 'VOO QQQ' }, bot.context('en'), memoryLogger());
    // The card as the renderer makes it for this invocation (its table gets the CSV button).
    expect(reply!.body.blocks).toEqual(renderSlack(direct, { origin: { command: 'overlap', args: 'VOO QQQ' } }).blocks);
    const data = direct.data as { weightOverlap: number; commonCount: number };
    const posted = JSON.stringify(reply!.body.blocks);
    expect(posted).toContain(`${(data.weightOverlap * 100).toFixed(2)}%`);
    expect(posted).toContain(`*Names in common*\\n${data.commonCount}`);
  });

  test('GIVEN a bad signature THEN 401 and nothing runs or posts', async () => {
    const before = bot.runs.length;
    const body = commandBody('hhi', 'VT', `${fake.url}${respondPath('forged')}`);
    const forged = await post(body, signedHeaders(body, { secret: 'someone-elses-secret' }));
    const tampered = await post(body.replace('VT', 'QQQ'), signedHeaders(body));
    expect(forged.status).toBe(401);
    expect(tampered.status).toBe(401);
    await sleep(200);
    expect(bot.runs.length).toBe(before);
    expect(fake.received.filter((r) => r.path === respondPath('forged'))).toEqual([]);
  });

  test('GIVEN a correctly signed request older than 5 minutes THEN 401 and nothing runs (replay refused)', async () => {
    const before = bot.runs.length;
    const body = commandBody('hhi', 'VT', `${fake.url}${respondPath('stale')}`);
    const old = await post(body, signedHeaders(body, { ts: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(old.status).toBe(401);
    await sleep(200);
    expect(bot.runs.length).toBe(before);
    expect(fake.received.filter((r) => r.path === respondPath('stale'))).toEqual([]);
  });

  test('GIVEN an unsigned ssl_check probe that also carries a slash command THEN 200 and nothing runs: the guard answers it, Bolt never sees it', async () => {
    const before = bot.runs.length;
    const smuggled = `ssl_check=1&${commandBody('hhi', 'VT', `${fake.url}${respondPath('smuggled')}`)}`;
    const probe = await post(smuggled, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(probe.status).toBe(200);
    expect(probe.text).toBe('');
    // The same command unsigned and without the probe field is refused.
    const plain = commandBody('hhi', 'VT', `${fake.url}${respondPath('smuggled')}`);
    expect((await post(plain, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
    await sleep(200);
    expect(bot.runs.length).toBe(before);
    expect(fake.received.filter((r) => r.path === respondPath('smuggled'))).toEqual([]);
  });

  test('GIVEN the same delivery retried with X-Slack-Retry-Num: 1 THEN both are acknowledged but it is answered once', async () => {
    const before = bot.runs.length;
    const body = commandBody('hhi', 'QQQ', `${fake.url}${respondPath('retry')}`, { trigger: triggerId() });
    const first = await post(body);
    const retry = await post(body, signedHeaders(body, { retryNum: 1 }));
    expect([first.status, retry.status]).toEqual([200, 200]);
    await fake.waitFor(respondPath('retry'));
    await sleep(300);
    expect(fake.received.filter((r) => r.path === respondPath('retry'))).toHaveLength(1);
    expect(bot.runs.length - before).toBe(1);
  });

  test('GIVEN an update button (cmd:hhi:update) WHEN clicked THEN the card is replaced (replace_original) with the command run on the button value', async () => {
    const ack = await post(actionBody({ action_id: 'cmd:hhi:update', value: 'SOXX' }, `${fake.url}${respondPath('update')}`));
    expect(ack.status).toBe(200);
    const [reply] = await fake.waitFor(respondPath('update'));
    const expected = renderSlack(await dispatch({ command: 'hhi', text: 'SOXX' }, bot.context('en'), memoryLogger()));
    expect(reply!.body).toEqual({ replace_original: true, text: expected.text, blocks: expected.blocks });
  });

  test('GIVEN the lesson button a card offers WHEN clicked THEN it runs /lesson <id> as a new message, leaving the card', async () => {
    const card = renderSlack(await dispatch({ command: 'hhi', text: 'VT' }, bot.context('en'), memoryLogger()));
    const button = card.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e) => e.action_id.startsWith('lesson:'))!;
    expect(button.action_id).toBe('lesson:hhi-and-effective-n');
    const before = bot.runs.length;
    await post(actionBody(button, `${fake.url}${respondPath('lesson')}`));
    const [reply] = await fake.waitFor(respondPath('lesson'));
    expect(reply!.body.replace_original).toBe(false);
    expect(bot.runs.slice(before)).toEqual([{ command: 'lesson', text: 'hhi-and-effective-n' }]);
  });

  test('GIVEN a bad argument THEN the usage comes back ephemerally', async () => {
    await post(commandBody('overlap', 'VOO', `${fake.url}${respondPath('bad')}`));
    const [reply] = await fake.waitFor(respondPath('bad'));
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply!.body.blocks)).toContain('/overlap');
  });

  test('GIVEN a user whose Slack locale is ja-JP THEN the card is in Japanese, from users.info with include_locale', async () => {
    fake.locales.set('UJA', 'ja-JP');
    await post(commandBody('hhi', 'VT', `${fake.url}${respondPath('ja')}`, { user: 'UJA' }));
    const [reply] = await fake.waitFor(respondPath('ja'));
    const lookup = fake.received.find((r) => r.path === '/api/users.info' && r.body.user === 'UJA');
    expect(lookup?.body.include_locale).toBe('true');
    expect(reply!.body.blocks).toEqual(renderSlack(await dispatch({ command: 'hhi', text: 'VT' }, bot.context('ja'), memoryLogger())).blocks);
    expect(JSON.stringify(reply!.body.blocks)).toContain('出典');
  });

  test("GIVEN users.info refuses one user (user_not_found) THEN that user's card falls back to English and the next user of the workspace is still asked; GIVEN missing_scope THEN the workspace is not asked again", async () => {
    const asked = (team: string) => fake.received.filter((r) => r.path === '/api/users.info' && String(r.body.user).startsWith(team)).length;
    fake.failures.set('users.info', 'user_not_found');
    try {
      for (const user of ['UNF1', 'UNF2']) {
        await post(commandBody('funds', '', `${fake.url}${respondPath(`nf-${user}`)}`, { user, team: 'T0NF' }));
        const [reply] = await fake.waitFor(respondPath(`nf-${user}`));
        expect(reply!.body.blocks).toEqual(renderSlack(await dispatch({ command: 'funds', text: '' }, bot.context('en'), memoryLogger()), { origin: { command: 'funds', args: '' } }).blocks);
      }
    } finally {
      fake.failures.delete('users.info');
    }
    expect(asked('UNF')).toBe(2);
    fake.locales.set('UMS1', 'missing_scope');
    for (const user of ['UMS1', 'UMS2']) {
      await post(commandBody('funds', '', `${fake.url}${respondPath(`ms-${user}`)}`, { user, team: 'T0MS' }));
      await fake.waitFor(respondPath(`ms-${user}`));
    }
    expect(asked('UMS')).toBe(1);
  });

  test('GIVEN the Home tab is opened THEN views.publish receives the loaded funds and every command', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0TEST',
      api_app_id: 'A0TEST',
      event_id: `Ev${triggerId().replace('.', '')}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'U0HOME', channel: 'D0TEST', tab: 'home', event_ts: '1700000000.000100' },
    });
    const ack = await post(body, { ...signedHeaders(body), 'content-type': 'application/json' });
    expect(ack.status).toBe(200);
    const [published] = await fake.waitFor('/api/views.publish');
    expect(published!.body.user_id).toBe('U0HOME');
    const view = JSON.parse(String(published!.body.view)) as unknown;
    expect(view).toEqual(renderHome('en', bot.context('en').data, COMMANDS));
    const text = JSON.stringify(view);
    for (const code of catalog.funds.keys()) expect(text).toContain(code);
    for (const c of COMMANDS) expect(text).toContain(`*/${c.name}*`);
  });
});

describe.skipIf(!HAS_RAW)('Slack start-up', () => {
  test('no Web API call is made at start or for replies: no auth.test, only users.info, views.publish and the chart uploads', async () => {
    await bot.slack.drained();
    expect(new Set(fake.received.filter((r) => r.path.startsWith('/api/')).map((r) => r.path))).toEqual(
      new Set(['/api/users.info', '/api/views.publish', '/api/files.getUploadURLExternal', '/api/files.completeUploadExternal']),
    );
  });
});

describe.skipIf(!HAS_RAW)('Slack when the Web API is unreachable', () => {
  test('GIVEN Slack API cannot be reached at start and later THEN the app starts, verifies and answers in the workspace language', async () => {
    const fakeReplies = await startFakeSlack();
    // Port 9 on loopback: nothing listens, so every Web API call fails at once.
    const offline = await startLoopbackSlack(catalog, 'http://127.0.0.1:9', { locale: { teamLangs: { T0TEST: 'ja' } } });
    try {
      const body = commandBody('funds', '', `${fakeReplies.url}/respond/offline`);
      const res = await fetch(offline.url, { method: 'POST', headers: signedHeaders(body), body });
      expect(res.status).toBe(200);
      const [reply] = await fakeReplies.waitFor('/respond/offline');
      expect(reply!.body.blocks).toEqual(renderSlack(await dispatch({ command: 'funds', text: '' }, offline.context('ja'), memoryLogger()), { origin: { command: 'funds', args: '' } }).blocks);
    } finally {
      await offline.stop();
      await fakeReplies.close();
    }
  });
});
