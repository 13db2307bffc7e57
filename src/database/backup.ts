import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** A backup's name: the time it was taken, in UTC (`tip-20261206T021500Z.dump`), so that names sort by age. */
const BACKUP_NAME = /^tip-\d{8}T\d{6}Z\.dump$/;
/** Where the PostgreSQL packages of Debian and Ubuntu put each major version's programs. */
const DEBIAN_POSTGRESQL = '/usr/lib/postgresql';
/** A dump or restore of the database runs at most this long. */
const TOOL_TIMEOUT_MS = 60 * 60 * 1000;

/** A backup or restore that cannot be done, with a message for the operator. */
export class BackupError extends Error {}

/**
 * Writes a backup of the database at `url` into `dir`: `pg_dump` in its custom format (-Fc,
 * compressed, read by pg_restore), which reads the whole database in one snapshot, so the
 * backup is consistent while the service goes on writing. The file appears under its final
 * name only once complete; then all but the newest `keep` backups in `dir` are deleted.
 */
export async function writeBackup(options: {
  url: string;
  dir: string;
  keep: number;
  binDir?: string;
  now?: Date;
}): Promise<{ file: string; bytes: number; removed: string[] }> {
  const tools = await postgresTools(options.url, options.binDir);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const stamp = (options.now ?? new Date())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const file = join(options.dir, `tip-${stamp}.dump`);
  const partial = `${file}.partial`;
  // it holds every case's personal data: readable by the service's account only (pg_dump keeps the file's mode)
  closeSync(openSync(partial, 'w', 0o600));
  try {
    await tool(tools.pgDump, ['--format=custom', '--file', partial], options.url);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, file);
  const backups = readdirSync(options.dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse();
  const removed = backups.slice(options.keep).map((name) => join(options.dir, name));
  for (const old of removed) rmSync(old);
  return { file, bytes: statSync(file).size, removed };
}

/**
 * Restores a backup into the database at `url`, which must be empty (a restore over data
 * would mix two databases): in one transaction, so that a restore that fails leaves it empty.
 */
export async function restoreBackup(options: { url: string; file: string; binDir?: string }): Promise<void> {
  if (!existsSync(options.file) || !statSync(options.file).isFile())
    throw new BackupError(`No backup file at ${options.file}`);
  const tools = await postgresTools(options.url, options.binDir);
  const held = await userRelations(options.url);
  if (held > 0)
    throw new BackupError(
      `The database ${databaseName(options.url)} is not empty (${held} tables, views or sequences): a backup is restored only into an empty database. Create one (CREATE DATABASE …) and point DATABASE_URL at it.`,
    );
  await tool(
    tools.pgRestore,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', options.file],
    options.url,
  );
}

/** Runs pg_dump or pg_restore on the database at `url`; the password goes in the environment, not on the command line. */
async function tool(program: string, args: string[], url: string): Promise<void> {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  try {
    await run(program, [...args, `--dbname=${target.toString()}`], {
      timeout: TOOL_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, PGPASSWORD: password, PGAPPNAME: program.endsWith('pg_dump') ? 'pg_dump' : 'pg_restore' },
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new BackupError(`${program} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/**
 * pg_dump and pg_restore of the server's major version (or a later one, which reads it
 * too): from `binDir` when given, else from /usr/lib/postgresql/N/bin, else on the PATH.
 */
async function postgresTools(url: string, binDir?: string): Promise<{ pgDump: string; pgRestore: string }> {
  const server = await serverMajor(url);
  const dir = binDir ?? debianBinDir(server);
  const pgDump = dir ? join(dir, 'pg_dump') : 'pg_dump';
  const pgRestore = dir ? join(dir, 'pg_restore') : 'pg_restore';
  for (const program of [pgDump, pgRestore]) {
    let version: string;
    try {
      version = (await run(program, ['--version'])).stdout;
    } catch {
      throw new BackupError(
        `${program} was not found: install the PostgreSQL ${server} client programs or set PG_BIN_DIR to their folder`,
      );
    }
    const major = Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1]);
    if (!(major >= server))
      throw new BackupError(
        `${program} is of PostgreSQL ${major}, older than the server (${server}): set PG_BIN_DIR to the programs of PostgreSQL ${server} or later`,
      );
  }
  return { pgDump, pgRestore };
}

/** The folder of the server's own major version, else of the oldest later one, among Debian's. */
function debianBinDir(server: number): string | null {
  if (!existsSync(DEBIAN_POSTGRESQL)) return null;
  const majors = readdirSync(DEBIAN_POSTGRESQL)
    .map(Number)
    .filter((major) => major >= server && existsSync(join(DEBIAN_POSTGRESQL, String(major), 'bin', 'pg_dump')))
    .sort((a, b) => a - b);
  return majors.length ? join(DEBIAN_POSTGRESQL, String(majors[0]), 'bin') : null;
}

async function serverMajor(url: string): Promise<number> {
  return onDatabase(url, async (client) => {
    const { rows } = await client.query<{ version: string }>(`SELECT current_setting('server_version_num') AS version`);
    return Math.floor(Number(rows[0].version) / 10000);
  });
}

/** Tables, views and sequences outside PostgreSQL's own schemas. */
async function userRelations(url: string): Promise<number> {
  return onDatabase(url, async (client) => {
    const { rows } = await client.query<{ held: number }>(
      `SELECT count(*)::int AS held FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
    );
    return rows[0].held;
  });
}

async function onDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(
      `The database ${databaseName(url)} cannot be reached: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databaseName = (url: string) => `"${decodeURIComponent(new URL(url).pathname.slice(1))}"`;
