import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** PostgreSQL 15 as installed on these machines; PG_BIN overrides. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const HAS_PG = existsSync(path.join(PG_BIN, 'initdb')) && existsSync(path.join(PG_BIN, 'pg_ctl'));
if (!HAS_PG) console.warn(`[skip] PostgreSQL binaries not found in ${PG_BIN} (set PG_BIN): the PostgreSQL half of the store suite is skipped.`);

export interface PgCluster {
  /** postgres://… of the cluster's `postgres` database. */
  url: string;
  /** A fresh, empty database on the cluster; its URL. */
  createDatabase(): Promise<string>;
  stop(): void;
  /** Stops the server (fast shutdown: sessions are ended, as in a restart or failover), keeping its data. Async: the caller's event loop runs on meanwhile. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and data. */
  startServer(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the server to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * initdb + pg_ctl into a temp folder, on a free port, trust auth on 127.0.0.1 only. PostgreSQL
 * refuses to run as root, so as root the cluster runs as the `postgres` user (runuser).
 */
export async function startPg(): Promise<PgCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'topheavy-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const command = (cmd: string, args: string[]) => (asRoot ? (['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const) : ([cmd, args] as const));
  const runAsync = (cmd: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [file, argv] = command(cmd, args);
      execFile(file, [...argv], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || stdout || error.message}`)) : resolve()));
    });
  const run = (cmd: string, args: string[]) => {
    const full = command(cmd, args);
    const r = spawnSync(full[0], [...full[1]], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const port = await freePort();
  run(path.join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  // fsync off: a test cluster is thrown away; the unix socket goes to our own folder, not /var/run.
  const startArgs = [
    '-D', data, '-w', '-t', '30', '-l', path.join(dir, 'log'),
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
    'start',
  ];
  run(path.join(PG_BIN, 'pg_ctl'), startArgs);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    url,
    async createDatabase() {
      const name = `t${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    startServer: () => runAsync(path.join(PG_BIN, 'pg_ctl'), startArgs),
    stopServer: () => runAsync(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    stop() {
      try {
        run(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error(`running as root needs a "${name}" user to run PostgreSQL`);
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}
