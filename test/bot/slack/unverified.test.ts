import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { ByteBudget } from '../../../bot/http-guard.ts';
import { guardedServer } from '../../../bot/slack/guard.ts';
import { flood, floodTarget } from './unverified-flood.ts';
import { SECRET } from './support.ts';
import { slowPost as heldPost } from '../../support/slow-post.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => void (await Promise.all(closers.splice(0).map((c) => c()))));

/** A POST to /slack/events signed (rightly or wrongly) over the whole body, held after `sent` bytes. */
function slowPost(port: number, body: Buffer, sent: number, secret: string) {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`;
  return heldPost(port, '/slack/events', { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body, sent);
}

describe('Slack: a budget for unverified bytes across connections', () => {
  test('a request that would pass the budget is refused from its headers (503, Retry-After); the budget comes back when bodies are verified', async () => {
    const budget = new ByteBudget(100_000);
    let reached = 0;
    const server = guardedServer((_req, res) => (reached++, res.writeHead(200).end()), { signingSecret: SECRET, path: '/slack/events', unverified: budget });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    const port = (server.address() as { port: number }).port;
    const body = Buffer.from(`payload=${'x'.repeat(59_992)}`);
    // Two bodies of 60,000 bytes held half-sent: the first takes 60,000 of the budget, the second does not fit.
    const first = slowPost(port, body, 30_000, SECRET);
    const until = Date.now() + 5_000;
    while (budget.used === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(budget.used).toBe(60_000);
    const second = slowPost(port, body, 1, 'a-wrong-secret');
    expect(await second.status).toBe(503);
    expect(budget.used).toBe(60_000);
    first.finish();
    expect(await first.status).toBe(200);
    expect(reached).toBe(1);
    expect(budget.used).toBe(0);
    // Spent and given back: the next wrongly signed body is read and refused for its signature (401), not for the budget.
    const third = slowPost(port, body, body.length, 'a-wrong-secret');
    third.finish();
    expect(await third.status).toBe(401);
    expect(budget.used).toBe(0);
    expect(reached).toBe(1);
  });

  test('1,500 connections × 250 KB of wrongly signed body: RSS growth bounded, and most of it not kept after they close', async () => {
    // The server in a process of its own, with the defaults `npm run slack` has, so its RSS is its own.
    const target = await floodTarget(0, { exposeGc: true });
    closers.push(target.stop);
    const before = await target.report();
    const statuses = await flood(target.port, 1_500, 250 * 1024);
    const during = await target.report();
    // Kept is what survives a collection: the refused bodies must not be referenced once their
    // sockets close. When V8 collects on its own depends on load (a loaded CI machine may wait), so
    // the test collects, then allows up to 5 s for the pages to go back.
    let after = during;
    for (const until = Date.now() + 5_000; Date.now() < until; ) {
      target.gc();
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await target.report();
      if (after.rss - before.rss < 100) break;
    }
    // Every one refused: for its signature (401), for the budget (503) or, past the connection cap, closed unread (0).
    expect([...statuses.keys()].filter((s) => ![0, 401, 503].includes(s))).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1_500);
    // Before the budget this flood took the process from 142 to 507 MB and 483 MB stayed.
    console.log(`unverified flood: RSS ${before.rss} MB before, peak ${during.peak} MB, ${after.rss} MB after they closed (collected); answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(during.peak - before.rss).toBeLessThan(150);
    expect(after.rss - before.rss).toBeLessThan(100);
  }, 60_000);
});
