import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { KeepAliveConnection, rawRequest } from '../../bench/keep-alive-client.ts';

/** The Discord bench's load generator must count what the server sent, or its rows mean nothing. */
describe('the bench keep-alive client', () => {
  const servers: (Server | NetServer)[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const listen = async <S extends Server | NetServer>(server: S): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  test('GIVEN a Node server answering 200 KB, a 409 and a closing 401 THEN each answer has its status, every body byte and its first bytes, on one connection until the close', async () => {
    const big = Buffer.alloc(200_000, 'x');
    big.write('{"type":4,"data":{}}');
    const sockets = new Set<unknown>();
    let bodies = '';
    const port = await listen(
      createServer((req, res) => {
        sockets.add(req.socket);
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          bodies += body;
          if (body === 'big') return res.writeHead(200, { 'content-type': 'application/json', 'content-length': big.length }).end(big);
          if (body === 'replay') return res.writeHead(409, { 'content-length': 2 }).end('no');
          res.setHeader('connection', 'close');
          res.writeHead(401, { 'content-length': 3 }).end('bad');
        });
      }),
    );
    const connection = new KeepAliveConnection('127.0.0.1', port, 20);
    const send = (body: string) => connection.send(rawRequest('127.0.0.1', port, '/', { 'content-type': 'text/plain' }, Buffer.from(body)));
    const first = await send('big');
    expect(first).toEqual({ status: 200, bytes: 200_000, start: '{"type":4,"data":{}}' });
    expect(await send('big')).toEqual(first);
    expect(await send('replay')).toEqual({ status: 409, bytes: 2, start: 'no' });
    expect(sockets.size).toBe(1);
    expect(await send('forged')).toEqual({ status: 401, bytes: 3, start: 'bad' });
    // The server closed that connection: the next request opens another.
    expect(await send('big')).toEqual(first);
    expect(sockets.size).toBe(2);
    expect(bodies).toBe('bigbigreplayforgedbig');
    connection.close();
  });

  test('GIVEN an answer whose head arrives byte by byte and whose body is longer than its content-length THEN the first is read whole and the second is an error, never a count', async () => {
    let mode = 'slow';
    const port = await listen(
      createNetServer((socket) => {
        socket.on('data', async () => {
          const answer = mode === 'slow' ? 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello' : 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\ntoo long';
          if (mode !== 'slow') return void socket.write(answer);
          for (const ch of answer) {
            socket.write(ch);
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
        });
      }),
    );
    const connection = new KeepAliveConnection('127.0.0.1', port);
    const request = rawRequest('127.0.0.1', port, '/', {}, Buffer.from('x'));
    expect(await connection.send(request)).toEqual({ status: 200, bytes: 5, start: 'hello' });
    mode = 'long';
    await expect(connection.send(request)).rejects.toThrow(/8 body bytes for a content-length of 2/);
    connection.close();
  });
});
