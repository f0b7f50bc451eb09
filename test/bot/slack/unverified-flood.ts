import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';

/** The unverified-bytes server (unverified-server.ts) in a child process, and a way to read its memory. */
export async function floodTarget(budget: number, options: { exposeGc?: boolean } = {}): Promise<{ port: number; gc(): void; report(): Promise<{ rss: number; peak: number; heap: number; external: number }>; stop(): Promise<void> }> {
  const root = path.resolve(import.meta.dirname, '../../..');
  const child: ChildProcess = spawn(process.execPath, [...(options.exposeGc || process.env.FLOOD_GC ? ['--expose-gc'] : []), '--import', 'tsx', path.join(import.meta.dirname, 'unverified-server.ts'), String(budget)], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      const line = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve, reject) => {
    const line = lines.shift();
    if (line !== undefined) return resolve(line);
    const timer = setTimeout(() => reject(new Error('the flood target said nothing for 30 s')), 30_000);
    waiting.push((l) => (clearTimeout(timer), resolve(l)));
  });
  const port = Number((await nextLine()).replace(/^port /, ''));
  return {
    port,
    gc: () => void child.stdin!.write('gc\n'),
    report: async () => {
      child.stdin!.write('report\n');
      return JSON.parse(await nextLine()) as { rss: number; peak: number; heap: number; external: number };
    },
    stop: () => new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.stdin!.end();
    }),
  };
}

/**
 * `connections` sockets at once, each a POST to /slack/events whose headers look signed (fresh
 * timestamp, a well-formed but wrong v0 signature) and whose body is `bodyBytes` long. Every
 * socket sends all but the last byte of its body and holds it until every socket has sent that
 * much (or been answered), so the server holds every body it reads at the same moment; then the
 * last bytes go. Resolves with how many got each status (0: closed with no answer).
 */
export async function flood(port: number, connections: number, bodyBytes: number, timeoutMs = 60_000): Promise<Map<number, number>> {
  const body = Buffer.alloc(bodyBytes, 'a');
  const ts = Math.floor(Date.now() / 1000);
  const head = Buffer.from(
    `POST /slack/events HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\n` +
      `x-slack-request-timestamp: ${ts}\r\nx-slack-signature: v0=${'0'.repeat(64)}\r\ncontent-length: ${bodyBytes}\r\nconnection: close\r\n\r\n`,
  );
  const statuses = new Map<number, number>();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const one = () => {
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const answered = new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      const done = () => {
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        socket.destroy();
        held();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
      socket.on('error', () => undefined);
      socket.once('close', () => (clearTimeout(timer), done()));
      socket.write(head);
      socket.write(body.subarray(0, bodyBytes - 1), () => held());
      void released.then(() => socket.writable && socket.end(body.subarray(bodyBytes - 1)));
    });
    return { holding, answered };
  };
  const all = Array.from({ length: connections }, one);
  await Promise.all(all.map((c) => c.holding));
  release();
  await Promise.all(all.map((c) => c.answered));
  return statuses;
}
