import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { attachmentReader, isDiscordCdnUrl } from '../../bot/discord/attachment.ts';
import { UserError } from '../../commands/user-error.ts';
import { download, DownloadError } from '../../store/download.ts';
import { hostsPolicy, isPrivateAddress, sameSitePolicy, siteOf, urlProblem } from '../../store/url-policy.ts';

let server: Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const to = (location: string) => res.writeHead(302, { location }).end();
    if (req.url === '/file.csv') res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n');
    else if (req.url === '/same-site') to('/file.csv');
    else if (req.url === '/metadata') to('http://169.254.169.254/latest/meta-data/');
    else if (req.url === '/elsewhere') to('https://evil.example/steal');
    else if (req.url?.startsWith('/loop')) to(`/loop${Number(req.url.slice(5) || 0) + 1}`);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as DownloadError);

describe('downloads follow redirects only to allowed hosts, never to private addresses', () => {
  test('a redirect on the same host is followed', async () => {
    const got = await download(`${base}/same-site`, { tries: 1 });
    expect(new TextDecoder().decode(got.bytes)).toBe('a,b\n1,2\n');
  });

  test('a redirect to the cloud metadata address (169.254.169.254) is refused before it is requested', async () => {
    const e = await failure(download(`${base}/metadata`, { tries: 1, timeoutMs: 2_000 }));
    expect(e).toBeInstanceOf(DownloadError);
    expect(e!.reason).toBe('refused-host');
    expect(e!.message).toBe('refused a redirect: 169.254.169.254 is not an allowed host for this download');
  });

  test('a redirect to another site is refused; so is a first URL outside an explicit host list', async () => {
    const e = await failure(download(`${base}/elsewhere`, { tries: 1 }));
    expect(e!.message).toBe('refused a redirect: evil.example is not an allowed host for this download');
    const before = hits.length;
    const direct = await failure(download(`${base}/file.csv`, { tries: 1, policy: hostsPolicy(['cdn.discordapp.com']) }));
    expect(direct!.message).toMatch(/^refused: 127\.0\.0\.1:\d+ is not an allowed host/);
    expect(hits.length).toBe(before);
  });

  test('redirects are bounded (5)', async () => {
    const e = await failure(download(`${base}/loop0`, { tries: 1 }));
    expect(e!.message).toBe('more than 5 redirects');
    expect(hits.filter((h) => h.startsWith('/loop')).length).toBe(6);
  });

  test('an allowed host name that resolves to a private address is refused; loopback only when the policy allows it', async () => {
    const policy = hostsPolicy(['files.slack.com']);
    const resolveTo = (address: string) => async () => [address];
    expect(await urlProblem(new URL('https://files.slack.com/x'), policy, resolveTo('10.1.2.3'))).toBe('files.slack.com is a private, loopback or link-local address');
    expect(await urlProblem(new URL('https://files.slack.com/x'), policy, resolveTo('fe80::1'))).toMatch(/private/);
    expect(await urlProblem(new URL('https://files.slack.com/x'), policy, resolveTo('54.1.2.3'))).toBeNull();
    // A public first URL never gets to loopback by redirect; a loopback first URL (a configured SYNC_BASE_URL) may stay there.
    expect(sameSitePolicy('https://www.ishares.com/x').allowPrivate).toBe(false);
    expect(sameSitePolicy('http://127.0.0.1:8080/x').allowPrivate).toBe(true);
  });

  test.each([
    ['127.0.0.1', true],
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['2606:4700::1', false],
  ])('isPrivateAddress(%s) = %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  test.each([
    ['www.ishares.com', 'ishares.com'],
    ['www.sec.gov', 'sec.gov'],
    ['www.am.mufg.co.jp', 'mufg.co.jp'],
    ['files.slack.com', 'slack.com'],
  ])('siteOf(%s) = %s', (host, site) => expect(siteOf(host)).toBe(site));
});

describe('Discord attachment URLs are checked against Discord\'s CDN hosts', () => {
  test.each([
    ['https://cdn.discordapp.com/attachments/1/2/f.csv', true],
    ['https://media.discordapp.net/attachments/1/2/f.csv', true],
    ['http://cdn.discordapp.com/attachments/1/2/f.csv', false],
    ['https://cdn.discordapp.com.evil.example/f.csv', false],
    ['https://169.254.169.254/latest', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => expect(isDiscordCdnUrl(url)).toBe(ok));

  test('an attachment pointing anywhere else is refused as the user\'s problem, and nothing is fetched', async () => {
    const before = hits.length;
    const reader = attachmentReader({ url: `${base}/file.csv`, filename: 'f.csv', size: 8 }, 'en');
    const e = await reader.read().then(() => null, (error: unknown) => error);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toContain('not a Discord attachment link');
    expect(hits.length).toBe(before);
  });
});
