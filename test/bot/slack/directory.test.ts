import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { catalogSource } from '../../../bot/data-source.ts';
import type { Context, HoldingsSource, Lang, Requester } from '../../../commands/context.ts';
import type { FundFetcher, FundRef } from '../../../store/fund-fetch.ts';
import { CURATED } from '../../../store/curated-funds.ts';
import { DirectoryIndex } from '../../../store/directory-search.ts';
import { HAS_RAW, rawCatalog } from '../../support/raw.ts';
import { commandBody, signedHeaders, startFakeSlack, startLoopbackSlack, type FakeSlack, type LoopbackSlack } from './support.ts';

let fake: FakeSlack;
let bot: LoopbackSlack;
const asked: FundRef[] = [];

/**
 * The real catalog with SOXX held back until the (fake) fetcher "downloads" it: a stand-in for
 * a store that gets the fund on demand. The fetcher takes 300 ms, longer than an ack may wait.
 */
function onDemand(all: HoldingsSource): { data: HoldingsSource; fetcher: FundFetcher } {
  let fetched = false;
  const hidden = (fund: string) => fund === 'SOXX' && !fetched;
  const data: HoldingsSource = { ...all, list: () => all.list().filter((f) => !hidden(f.fund)), get: (fund) => (hidden(fund) ? undefined : all.get(fund)) };
  const fetcher: FundFetcher = {
    async ensure(ref, onProgress) {
      asked.push(ref);
      onProgress?.({ kind: 'issuer', fund: ref.fund, issuer: 'iShares' });
      await new Promise((r) => setTimeout(r, 300));
      fetched = true;
      return { fund: ref.fund, status: 'stored', source: { kind: 'issuer', url: 'http://127.0.0.1/soxx.csv', reportDate: '2026-08-03', filedDate: null } };
    },
  };
  return { data, fetcher };
}

beforeAll(async () => {
  if (!HAS_RAW) return;
  const { data, fetcher } = onDemand(catalogSource(await rawCatalog()));
  const index = new DirectoryIndex(CURATED);
  fake = await startFakeSlack();
  const context = (lang: Lang, requester?: Requester): Context => ({
    lang,
    requester: requester ?? { platform: 'slack', userId: 'U0TEST', serverId: 'T0TEST', channelId: 'C0TEST', isAdmin: false },
    data,
    now: new Date('2026-09-01T00:00:00Z'),
    staleAfterDays: 30,
    directory: { index: async () => index },
    fetcher,
  });
  bot = await startLoopbackSlack(data, fake.url, { runtime: { data, context } });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

async function post(body: string) {
  const res = await fetch(bot.url, { method: 'POST', headers: signedHeaders(body), body });
  return { status: res.status, text: await res.text() };
}

describe.skipIf(!HAS_RAW)('Slack and the fund directory', () => {
  test('GIVEN /hhi "S&P 500" THEN the reply lists the S&P 500 funds as buttons that run /hhi with each', async () => {
    const url = `${fake.url}/respond/sp500`;
    const ack = await post(commandBody('hhi', '"S&P 500"', url));
    expect(ack.status).toBe(200);
    const [reply] = await fake.waitFor('/respond/sp500');
    const blocks = reply!.body.blocks as { type: string; elements?: { type: string; text?: { text: string }; value?: string }[] }[];
    const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    const labels = buttons.map((b) => b.text?.text ?? '');
    expect(labels.some((l) => l.startsWith('IVV — iShares Core S&P 500 ETF'))).toBe(true);
    expect(labels.some((l) => l.startsWith('VOO'))).toBe(true);
    expect(JSON.stringify(buttons)).toContain('fund=IVV');
  });

  test('GIVEN a fund that must be downloaded THEN the ack comes at once and the card follows on response_url', async () => {
    const url = `${fake.url}/respond/soxx`;
    const ack = await post(commandBody('hhi', 'SOXX', url));
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    // Acknowledged before the download finished: no card had been posted yet.
    expect(fake.received.filter((r) => r.path === '/respond/soxx')).toEqual([]);
    const [reply] = await fake.waitFor('/respond/soxx');
    expect(asked.map((r) => r.fund)).toEqual(['SOXX']);
    const text = JSON.stringify(reply!.body.blocks);
    expect(text).toContain('Source: SOXX — iShares');
    expect(text).toContain('fetched just now from the issuer’s file for 2026-08-03');
  });
});
