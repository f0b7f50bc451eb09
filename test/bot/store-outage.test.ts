import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseNport } from '../../holdings/parsers/nport-xml.ts';
import { Store } from '../../store/store.ts';
import { tempDir, waitFor } from '../store/helpers.ts';
import { HAS_PG, startPg, type PgCluster } from '../store/pg.ts';
import { HAS_SEC, nportFile } from '../store/sec-server.ts';
import { commandPayload, signedHeaders as discordHeaders, MEMBER, testKeys, USER } from './discord/support.ts';
import { commandBody, SECRET, signedHeaders as slackHeaders, startFakeSlack, type FakeSlack } from './slack/support.ts';

/**
 * Issue 22 item 1, on a real PostgreSQL: a Discord HTTP server and a Slack server (each its own
 * process, the bot's own runtime) answer a steady stream of signed /history (reads the store on
 * every ask) and /hhi (answered from memory) while the test terminates their backends and then
 * stops and restarts the cluster. No process may exit; while the database is down /history gets
 * the plain "store unavailable" message in the asker's language and /hhi still answers; within
 * 5 s of the database's return everything succeeds again.
 */
const UNAVAILABLE = { en: 'The store is unavailable just now', ja: 'データベースが一時的に使えません' };
const FAILED = ['That did not work', '実行できませんでした', 'Error id', 'エラーID'];
const keys = testKeys();
const publicHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

type Phase = 'before' | 'terminated' | 'down' | 'back';
interface Answer {
  surface: 'discord' | 'slack';
  command: 'history' | 'hhi';
  lang: 'en' | 'ja';
  phase: Phase;
  sentAt: number;
  outcome: 'ok' | 'unavailable' | 'failed';
  detail: string;
}

function classify(status: number, text: string, lang: 'en' | 'ja'): { outcome: Answer['outcome']; detail: string } {
  if (status === 200 && text.includes(UNAVAILABLE[lang])) return { outcome: 'unavailable', detail: '' };
  if (status !== 200 || FAILED.some((f) => text.includes(f)) || !text.includes('DAX')) return { outcome: 'failed', detail: `${status} ${text.slice(0, 300)}` };
  return { outcome: 'ok', detail: '' };
}

describe.skipIf(!HAS_PG || !HAS_SEC)('the bot survives its PostgreSQL restarting', () => {
  let cluster: PgCluster;
  let url = '';
  let fake: FakeSlack;
  const children: ChildProcess[] = [];
  const holdings = tempDir('topheavy-outage-');
  const ports = { discord: 0, slack: 0 };
  const stderr: string[] = [];

  beforeAll(async () => {
    cluster = await startPg();
    url = await cluster.createDatabase();
    const store = await Store.open(url);
    const file = 'DAX_2024-01-31_primary_doc.xml';
    const { holdings: dax } = await parseNport(Readable.from([readFileSync(nportFile(file), 'utf8')]), { fund: 'DAX', file });
    await store.importHoldings(dax, 'dax-2024-01');
    await store.close();
    fake = await startFakeSlack();
    for (const [surface, secret] of [['discord', publicHex], ['slack', SECRET]] as const) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'children/outage-bot.ts'), surface, secret], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, DATABASE_URL: url, HOLDINGS_DIR: holdings.dir, SEC_USER_AGENT: '', SYNC_SCHEDULE: 'off' },
      });
      child.stderr!.on("data", (c: Buffer) => stderr.push(`${surface}: ${c.toString()}`));
      children.push(child);
      ports[surface] = Number(/ready (\d+)/.exec(await waitFor(child, /ready \d+\n/, 60_000))![1]);
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await fake?.close();
    cluster?.stop();
    holdings.remove();
  });

  let n = 0;
  async function ask(surface: Answer['surface'], command: Answer['command'], lang: Answer['lang'], phase: () => Phase): Promise<Answer> {
    const sentAt = Date.now();
    const at = phase();
    try {
      if (surface === 'discord') {
        // A user per ask: the per-user rate limit is not what is tested.
        const member = { ...MEMBER, user: { ...USER, id: String(900_000_000_000_000_000n + BigInt(++n)) } };
        const payload: Record<string, unknown> = commandPayload(command, [{ name: 'fund', type: 3, value: 'DAX' }], { locale: lang === 'ja' ? 'ja' : 'en-US', member });
        delete payload.token; // answered in full in the HTTP response, never deferred to Discord's API
        const body = JSON.stringify(payload);
        const r = await fetch(`http://127.0.0.1:${ports.discord}/`, { method: 'POST', body, headers: discordHeaders(body, keys.privateKey), signal: AbortSignal.timeout(10_000) });
        return { surface, command, lang, phase: at, sentAt, ...classify(r.status, await r.text(), lang) };
      }
      const respond = `/respond/${++n}`;
      const body = commandBody(command, 'DAX', `${fake.url}${respond}`, { user: `U${n}` });
      const r = await fetch(`http://127.0.0.1:${ports.slack}/slack/events`, { method: 'POST', body, headers: slackHeaders(body), signal: AbortSignal.timeout(10_000) });
      await r.arrayBuffer();
      if (r.status !== 200) return { surface, command, lang, phase: at, sentAt, outcome: 'failed', detail: `ack ${r.status}` };
      const [post] = await fake.waitFor(respond, 1, 10_000);
      return { surface, command, lang, phase: at, sentAt, ...classify(200, JSON.stringify(post!.body), lang) };
    } catch (error) {
      return { surface, command, lang, phase: at, sentAt, outcome: 'failed', detail: String(error) };
    }
  }

  test('backends terminated, then the cluster stopped and restarted: no exit, the plain message while down, all answers good within 5 s of its return', async () => {
    let phase: Phase = 'before';
    const answers: Promise<Answer>[] = [];
    let streaming = true;
    let paused = false;
    const stream = (async () => {
      for (let i = 0; streaming; i++) {
        if (paused) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const lang = i % 2 === 0 ? 'en' : 'ja';
        for (const command of ['history', 'hhi'] as const) {
          answers.push(ask('discord', command, lang, () => phase));
          answers.push(ask('slack', command, 'en', () => phase));
        }
        await new Promise((r) => setTimeout(r, Number(process.env.OUTAGE_INTERVAL_MS ?? 250)));
      }
    })();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(2_000);

    // 1. Every session of the bots terminated (as a failover or idle_session_timeout does).
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    await admin.end();
    phase = 'terminated';
    await sleep(2_500);
    // Every ask of this phase answered before the next begins (a loaded machine answers late).
    paused = true;
    await Promise.all(answers);
    paused = false;

    // 2. The cluster stopped (fast shutdown ends every session), kept down, started again.
    phase = 'down';
    await cluster.stopServer();
    await sleep(3_000);
    await cluster.startServer();
    phase = 'back';
    const backAt = Date.now();
    await sleep(7_000);
    streaming = false;
    await stream;
    const all = await Promise.all(answers);

    const alive = children.map((c) => c.exitCode === null && c.signalCode === null);
    const by = (p: Phase) => all.filter((a) => a.phase === p);
    const tally = (list: Answer[]) => list.reduce<Record<string, number>>((acc, a) => ((acc[`${a.surface} ${a.command} ${a.outcome}`] = (acc[`${a.surface} ${a.command} ${a.outcome}`] ?? 0) + 1), acc), {});
    const recovered = all.filter((a) => a.phase === 'back' && a.outcome === 'ok').map((a) => a.sentAt);
    const lastBad = Math.max(backAt, ...all.filter((a) => a.phase === 'back' && a.outcome !== 'ok').map((a) => a.sentAt));
    console.log(
      `[outage] ${killed.rowCount} backends terminated; ${all.length} asks; before ${JSON.stringify(tally(by('before')))}; terminated ${JSON.stringify(tally(by('terminated')))}; down ${JSON.stringify(tally(by('down')))}; back ${JSON.stringify(tally(by('back')))}; last bad answer ${lastBad - backAt} ms after the database returned`,
    );

    if (process.env.OUTAGE_LOG) (await import("node:fs")).writeFileSync(process.env.OUTAGE_LOG, stderr.join(""));
    if (!alive.every(Boolean)) console.log(`[outage] exits: ${children.map((c) => `${c.exitCode}/${c.signalCode}`).join(", ")}; first failure: ${all.find((a) => a.outcome === "failed")?.detail}; stderr: ${stderr.join("").slice(-3000)}`);
    expect(alive).toEqual([true, true]);
    expect(killed.rowCount).toBeGreaterThan(0);
    // Never an internal error or a refused request, in any phase.
    expect(all.filter((a) => a.outcome === 'failed').map((a) => `${a.phase} ${a.surface} ${a.command}: ${a.detail}`)).toEqual([]);
    // Before, and after the backends were terminated (each statement retried once on a new connection): every answer good.
    expect(by('before').every((a) => a.outcome === 'ok')).toBe(true);
    expect(by('terminated').every((a) => a.outcome === 'ok')).toBe(true);
    // While down: /history (needs the store) gets the plain message on both surfaces, in the asker's
    // language (asks sent just before the stop may be answered after it: phases go by send time);
    // /hhi never does: it is answered from memory.
    const unavailable = all.filter((a) => a.outcome === 'unavailable');
    expect(new Set(unavailable.map((a) => `${a.surface} ${a.command} ${a.lang}`))).toEqual(new Set(['discord history en', 'discord history ja', 'slack history en']));
    expect(unavailable.every((a) => a.phase === 'down' || a.phase === 'back')).toBe(true);
    // ('down' begins as the shutdown starts, so the first few of its asks may still be answered.)
    const downSlack = by('down').filter((a) => a.command === 'history' && a.surface === 'slack');
    expect(downSlack.filter((a) => a.outcome === 'unavailable').length).toBeGreaterThan(downSlack.length / 2);
    expect(all.filter((a) => a.command === 'hhi').every((a) => a.outcome === 'ok')).toBe(true);
    // Back: everything asked 5 s after the return (and before, from the first good answer on) succeeds.
    expect(recovered.length).toBeGreaterThan(0);
    expect(lastBad - backAt).toBeLessThan(5_000);
    expect(by('back').filter((a) => a.sentAt >= backAt + 5_000).every((a) => a.outcome === 'ok')).toBe(true);
    // The reason reached the logs: the lost connections and the unavailable store, as structured lines.
    const log = stderr.join("");
    if (process.env.OUTAGE_LOG) (await import("node:fs")).writeFileSync(process.env.OUTAGE_LOG, log);
    expect(log).toMatch(/"msg":"store unavailable"/);
  }, 120_000);
});
