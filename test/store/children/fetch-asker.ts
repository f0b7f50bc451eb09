/**
 * Child process for the cross-process fetch tests: opens the store named by argv[2], makes one
 * fetcher whose sources all sit at argv[3], says "ready", and on "go" asks for every fund in the
 * JSON list argv[5] (`times` asks each, at once) with ensure or refresh (argv[4]); then prints
 * "done" and the outcomes as JSON.
 */
import { createInterface } from 'node:readline';
import type { FundRef } from '../../../store/fund-fetch.ts';
import { createFundFetcher } from '../../../store/on-demand.ts';
import { Store } from '../../../store/store.ts';

const [url, base, mode, refsJson, times = '1'] = process.argv.slice(2);
const store = await Store.open(url);
const fetcher = createFundFetcher(store, { env: { SEC_USER_AGENT: 'topheavy tests ops@example.org', SYNC_BASE_URL: base }, timeoutMs: 5_000, tries: 2, backoffMs: 10 });
const refs = JSON.parse(refsJson!) as FundRef[];
process.stdout.write('ready\n');
const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (line.trim() !== 'go') continue;
  const asks = refs.flatMap((r) => Array.from({ length: Number(times) }, () => (mode === 'refresh' ? fetcher.refresh(r) : fetcher.ensure(r))));
  const outcomes = await Promise.all(asks);
  process.stdout.write(`done ${JSON.stringify(outcomes)}\n`);
  break;
}
rl.close();
await store.close();
