/**
 * A new user with SEC_USER_AGENT set whose machine cannot reach the SEC (offline, a firewall): the
 * SEC's fund lists cannot come in, so a curated fund such as VT (whose N-PORT series only those
 * lists give) cannot be fetched. Found trying the README's command offline: the answer said
 * "nothing is known to download for it", and the directory line printed the library's
 * "getaddrinfo ENOTFOUND www.sec.gov".
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readConfig } from '../../bot/config.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { createRuntime, type Runtime } from '../../bot/runtime.ts';
import { sayData } from '../../commands/messages-data.ts';
import { directoryProblem } from '../../store/directory-command.ts';
import { DownloadError } from '../../store/download.ts';
import { tempDir } from './helpers.ts';

/** A loopback port nothing listens on: every connection is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('SEC_USER_AGENT set, the SEC unreachable', () => {
  const tmp = tempDir('topheavy-sec-unreachable-');
  let runtime: Runtime;
  const errors: string[] = [];

  beforeAll(async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const config = { ...readConfig({}), holdingsDir: path.join(tmp.dir, 'no-such-folder'), databaseUrl: `file:${path.join(tmp.dir, 'store.db')}`, refreshSeconds: 0 };
    runtime = await createRuntime(config, { fetch: { env: { SEC_USER_AGENT: 'topheavy tests ops@example.org', SYNC_BASE_URL: base }, timeoutMs: 500, tries: 2, backoffMs: 5 }, onError: (e) => errors.push(String(e)) });
  });
  afterAll(async () => {
    await runtime?.close();
    tmp.remove();
  });

  test('/hhi VT says the SEC’s fund lists could not be downloaded (in English and Japanese), not that nothing is known to download', async () => {
    const en = await dispatch({ command: 'hhi', text: 'VT' }, runtime.context('en'));
    expect((en.data as { error?: { code: string } }).error?.code).toBe('fetch-network');
    expect(en.summary).toMatch(/^Could not fetch VT’s holdings: its SEC Form N-PORT series is found through the SEC’s fund lists, and those could not be downloaded just now/);
    expect(en.summary).not.toMatch(/nothing is known/);
    const ja = await dispatch({ command: 'hhi', text: 'VT' }, runtime.context('ja'));
    expect(ja.summary).toMatch(/^VTの保有銘柄を取得できませんでした：SEC様式N-PORTの系列はSECのファンド一覧で調べますが/);
  });

  test('a ticker the curated names do not hold is said to wait for the SEC’s lists, not to be no fund at all', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const view = await dispatch({ command: 'hhi', text: 'VFIAX' }, runtime.context(lang));
      expect((view.data as { error?: { code: string } }).error?.code).toBe('unknown-fund');
      expect(view.summary).toMatch(lang === 'en' ? /The SEC’s fund lists could not be downloaded just now, so only stored funds and the curated names are known/ : /SECのファンド一覧を今ダウンロードできないため/);
    }
  });

  test('the directory line says the lists could not be downloaded in plain words; the library’s words stay in the detail for logs', () => {
    const problem = directoryProblem(new DownloadError('network', 'fetch failed: getaddrinfo ENOTFOUND www.sec.gov (tried 3 times)', true));
    const line = sayData('en')({ kind: 'directory-failed', problem, background: true });
    expect(line).toMatch(/^fund directory: Could not download the SEC’s fund lists: .+\. The directory is unchanged\.$/);
    expect(line).not.toMatch(/getaddrinfo|ENOTFOUND|fetch failed/);
    expect(sayData('ja')({ kind: 'directory-failed', problem, background: true })).not.toMatch(/getaddrinfo|ENOTFOUND/);
    expect(problem.kind === 'download' && problem.detail).toMatch(/ENOTFOUND/);
  });
});
