import { connect } from 'node:net';

/**
 * A POST over a raw socket that sends its headers and the first `sent` bytes of `body`, then
 * waits: `finish()` sends the rest. `status` resolves with the answer's status once the server
 * closes the connection (0: closed with no answer).
 */
export function slowPost(port: number, path: string, headers: Record<string, string>, body: Buffer, sent: number): { status: Promise<number>; finish(): void } {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  const status = new Promise<number>((resolve) => {
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
  });
  const lines = Object.entries({ host: 'x', ...headers, 'content-length': String(body.length), connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.write(`POST ${path} HTTP/1.1\r\n${lines.join('')}\r\n`);
  socket.write(body.subarray(0, sent));
  return { status, finish: () => socket.end(body.subarray(sent)) };
}
