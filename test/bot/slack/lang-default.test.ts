import { describe, expect, test } from 'vitest';
import { LocaleResolver, parseTeamLangs } from '../../../bot/slack/locale.ts';

describe('SLACK_LANG=ja: the workspace language whenever the reader’s own cannot be looked up', () => {
  const { teamLangs, defaultLang } = parseTeamLangs('ja');
  test.each([
    ['users.info unreachable', async () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND slack.com'), { code: 'slack_webapi_request_error' }))],
    ['users:read not granted', async () => Promise.reject(Object.assign(new Error('missing_scope'), { code: 'slack_webapi_platform_error', data: { error: 'missing_scope' } }))],
    ['no bot token (no lookup at all)', undefined],
  ])('%s → Japanese', async (_, lookup) => {
    const resolver = new LocaleResolver({ teamLangs, ...(defaultLang ? { defaultLang } : {}) });
    expect((await resolver.resolve('T1', 'U1', lookup)).lang).toBe('ja');
    // The next reader of that workspace too, without asking Slack again.
    expect(resolver.known('T1', 'U2', lookup !== undefined)).toEqual({ lang: 'ja', isAdmin: false });
  });

  test('a reader whose locale Slack gives still gets their own language', async () => {
    const resolver = new LocaleResolver({ teamLangs, ...(defaultLang ? { defaultLang } : {}) });
    expect((await resolver.resolve('T1', 'U1', async () => ({ locale: 'en-US', isAdmin: false }))).lang).toBe('en');
  });
});
