import { describe, expect, test } from 'vitest';
import { downloadWhy, md } from '../../commands/messages-directory.ts';

// Found as a new user: a fund with no N-PORT list answered "HTTP 404; try again later", which
// sends the reader back tomorrow for the same 404. Only errors that pass with time say so.
describe('a failed download says whether waiting helps', () => {
  test.each([404, 410])('HTTP %i: no file there, no "try again later", in both languages', (status) => {
    const why = downloadWhy({ kind: 'http', status });
    expect(why.en).toContain(`HTTP ${status}`);
    expect(why.en).not.toMatch(/try again/);
    expect(why.ja).toContain(`HTTP ${status}`);
    expect(why.ja).not.toContain('後でもう一度');
  });

  test.each([401, 403, 451])('HTTP %i: refused, no "try again later"', (status) => {
    const why = downloadWhy({ kind: 'http', status });
    expect(why.en).toBe(`the server refused the request (HTTP ${status})`);
    expect(why.ja).not.toContain('後でもう一度');
  });

  test.each([429, 500, 503])('HTTP %i passes with time: "try again later"', (status) => {
    const why = downloadWhy({ kind: 'http', status });
    expect(why.en).toMatch(new RegExp(`HTTP ${status}; try again later$`));
    expect(why.ja).toContain('後でもう一度');
  });

  test('the whole refusal reads as one sentence', () => {
    const line = md.fetchFailed('XYZ', 'network', 'SEC N-PORT list: HTTP 404', { kind: 'http', status: 404 });
    expect(line.en).toBe('Could not fetch XYZ’s holdings: the server has no file at that address (HTTP 404): the source may have moved it, or files none for this fund.');
    expect(line.ja.startsWith('XYZの保有銘柄を取得できませんでした：サーバーのそのアドレスにファイルがありません（HTTP 404）')).toBe(true);
  });
});

// Found as a new user offline: "iShares could not be reached (fetch failed: getaddrinfo ENOTFOUND
// www.ishares.com (tried 3 times))" reached the chat. The reader gets plain words in both languages.
test('an unreachable issuer is said in plain words, without the library’s error text', async () => {
  const { mf } = await import('../../commands/messages-fetch.ts');
  const problem = { kind: 'network', detail: 'fetch failed: getaddrinfo ENOTFOUND www.ishares.com (tried 3 times)' } as const;
  const line = mf.fallback('ACWI', 'iShares', problem);
  expect(line.en).toBe('ACWI: iShares could not be reached (after several tries); SEC Form N-PORT answers instead.');
  expect(line.ja).toBe('ACWI：iSharesは接続できませんでした（何度か試しました）。代わりにSEC様式N-PORTから取得します。');
  for (const text of [line.en, line.ja, mf.issuerDid('iShares', problem).en, mf.fallbackNote('iShares', problem).ja]) expect(text).not.toMatch(/ENOTFOUND|getaddrinfo|fetch failed/);
});
