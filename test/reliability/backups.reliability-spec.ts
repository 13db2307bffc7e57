import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { buildWorkbook, goodCase, SheetData } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { createTestApp, TestApp } from 'test/support/test-app';
import { createDatabase, databaseUrl } from 'test/support/test-database';
import { freePort } from 'test/support/own-postgres';

/**
 * `npm run backup` under a concurrent import, and `npm run restore` of it into a fresh
 * database: every table holds as many rows as the source did as of the dump, and the
 * statistics are the same. The import is held (on its unit's months, which an approval also
 * holds) until pg_dump has taken its snapshot, then commits while the dump runs: the backup
 * must hold the database exactly as it was before the import, not as after it, nor a mix.
 * pg_dump is held in the middle of its dump (waiting for a table the test has locked) while
 * the import commits, so the two overlap on every run.
 */
const SUITE_TIMEOUT_MS = 180_000;
/** A backup or restore of this small database by the npm scripts (ts-node start included). */
const COMMAND_TIMEOUT_MS = 60_000;
jest.setTimeout(SUITE_TIMEOUT_MS);

const root = join(__dirname, '..', '..');
const npm = promisify(execFile);

/** `npm run <script> [-- args]` with `env`, its output and exit code. */
async function npmRun(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const began = performance.now();
  try {
    const { stdout, stderr } = await npm('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      timeout: COMMAND_TIMEOUT_MS,
    });
    return { code: 0, stdout, stderr, ms: performance.now() - began };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
      ms: performance.now() - began,
    };
  }
}

/** Cases with FIR numbers `from`… in one workbook, each with its victims, defendants and prosecutions. */
async function workbookOf(from: number, cases: number): Promise<Buffer> {
  const sheets: SheetData = { Cases: [], Victims: [], Defendants: [], Prosecutions: [] };
  for (let i = 0; i < cases; i++)
    for (const [sheet, rows] of Object.entries(goodCase(String(from + i)))) sheets[sheet].push(...rows);
  return buildWorkbook(sheets);
}

/** Rows of every table of the public schema, by name. */
async function rowCounts(client: Client): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    counts[name] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
  return counts;
}

describe('backups', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tip-backups-'));
  const backups = join(dataDir, 'backups');
  let t: TestApp;
  let punjab: Agent;
  let analyst: Agent;
  let source: Client;
  const clients: Client[] = [];
  const connect = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };
  const period = { from: '2024-01-01', to: '2024-12-31' };
  const summaryOf = async (agent: Agent) =>
    (await agent.get('/api/v1/statistics/summary').query(period).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    punjab = await signIn(t, 'focal_person', 'PK-PB');
    analyst = await signIn(t, 'analyst');
    source = await connect(t.config.databaseUrl!);
    expect((await punjab.upload(await workbookOf(9300, 20)).expect(201)).body.status).toBe('committed');
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a consistent backup under a concurrent import, which restores into a fresh database as the source was', async () => {
    // older backups, of which BACKUP_KEEP=2 leaves the newest beside the new one
    mkdirSync(backups, { recursive: true });
    const older = ['tip-20250101T010000Z.dump', 'tip-20250102T010000Z.dump', 'tip-20250103T010000Z.dump'];
    for (const name of older) writeFileSync(join(backups, name), 'an older backup');
    writeFileSync(join(backups, 'notes.txt'), 'not a backup');

    // the import is accepted and held before it writes anything
    const holder = await connect(t.config.databaseUrl!);
    await holder.query(`SELECT pg_advisory_lock(hashtext('tip-months:POLICE-PK-PB'))`);
    const accepted = await punjab.upload(await workbookOf(9400, 60), { query: '?async=true' }).expect(202);
    const held = async () =>
      (
        await source.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock_shared%'`,
        )
      ).rowCount === 1;
    for (const deadline = Date.now() + 20_000; !(await held());) {
      if (Date.now() > deadline) throw new Error('the import did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    // the source as it is before the import: the figures (their cube refreshed first), then every table
    const summaryBefore = await summaryOf(analyst);
    const before = await rowCounts(source);

    // the backup starts and is held inside its dump: its snapshot taken, it waits for a table the test has locked
    const tableLock = await connect(t.config.databaseUrl!);
    await tableLock.query('BEGIN; LOCK TABLE monthly_exports IN ACCESS EXCLUSIVE MODE');
    const backup = npmRun('backup', { DATABASE_URL: t.config.databaseUrl!, DATA_DIR: dataDir, BACKUP_KEEP: '2' });
    const dumpHeld = async () =>
      (
        await source.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pg_dump' AND wait_event_type = 'Lock'`,
        )
      ).rowCount === 1;
    for (const deadline = Date.now() + COMMAND_TIMEOUT_MS; !(await dumpHeld());) {
      if (Date.now() > deadline) throw new Error('pg_dump did not start');
      await new Promise((r) => setTimeout(r, 10));
    }
    // meanwhile the import is let go, and commits
    await holder.query(`SELECT pg_advisory_unlock(hashtext('tip-months:POLICE-PK-PB'))`);
    let batch = await punjab.get(`/api/v1/imports/${accepted.body.id}`).expect(200);
    for (const deadline = Date.now() + 30_000; batch.body.status === 'processing' && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      batch = await punjab.get(`/api/v1/imports/${accepted.body.id}`).expect(200);
    }
    expect(batch.body.status).toBe('committed');
    const summaryAfter = await summaryOf(analyst);
    const after = await rowCounts(tableLock); // the one connection that may read the locked table
    // then the dump goes on, and ends
    await tableLock.query('COMMIT');
    const written = await backup;
    expect([written.code, written.stderr]).toEqual([0, '']);
    expect(after.cases - before.cases).toBe(60);

    // rotation: the new backup and the newest older one; what is not a backup is left alone
    const files = readdirSync(backups).sort();
    const [newest] = files.filter((name) => /^tip-\d{8}T\d{6}Z\.dump$/.test(name)).reverse();
    expect(files).toEqual(['notes.txt', older[2], newest].sort());
    expect(statSync(join(backups, newest)).mode & 0o777).toBe(0o600);

    // restored into a fresh database: every table as before the import, and not as after it
    const fresh = `${process.env.TIP_TEST_RUN_ID}_restored`;
    await createDatabase(process.env.TIP_TEST_SERVER_URL!, fresh);
    const freshUrl = databaseUrl(process.env.TIP_TEST_SERVER_URL!, fresh);
    const restored = await npmRun('restore', { DATABASE_URL: freshUrl, DATA_DIR: dataDir }, [join(backups, newest)]);
    expect([restored.code, restored.stderr]).toEqual([0, '']);
    const copy = await rowCounts(await connect(freshUrl));
    const same = (a: Record<string, number>, b: Record<string, number>) => JSON.stringify(a) === JSON.stringify(b);
    expect([same(copy, before), same(copy, after)]).toEqual([true, false]);
    expect(copy).toEqual(before);

    // the service on the restored database: the same figures; the import it caught unfinished is marked interrupted
    const second = await createTestApp({ DATABASE_URL: freshUrl, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    try {
      const analystThere = await signIn(second, 'analyst');
      expect(await summaryOf(analystThere)).toEqual(summaryBefore);
      expect(summaryAfter).not.toEqual(summaryBefore);
      const [{ status }] = await second.dataSource.query<Array<{ status: string }>>(
        `SELECT status FROM import_batches WHERE id = $1`,
        [accepted.body.id],
      );
      expect(status).toBe('interrupted');
    } finally {
      await second.close();
    }

    // a database that holds data is refused, and left as it was
    const refused = await npmRun('restore', { DATABASE_URL: t.config.databaseUrl!, DATA_DIR: dataDir }, [
      join(backups, newest),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty .* restored only into an empty database/);
    expect(await rowCounts(source)).toEqual(after);
    process.stdout.write(
      `[backups] backup ${Math.round(written.ms)} ms (held while the import committed), restore ${Math.round(restored.ms)} ms (npm and ts-node start included), ${statSync(join(backups, newest)).size} bytes\n`,
    );
  });

  it('backs up the embedded database when DATABASE_URL is unset, starting its server for the backup and stopping it after', async () => {
    const embeddedDir = mkdtempSync(join(tmpdir(), 'tip-embedded-'));
    // as ./data is: under root the embedded server runs as the postgres user, which must reach its folder
    chmodSync(embeddedDir, 0o755);
    try {
      const port = await freePort();
      const env = { DATABASE_URL: '', DATA_DIR: embeddedDir, EMBEDDED_PG_PORT: String(port) };
      const written = await npmRun('backup', env);
      expect([written.code, written.stderr]).toEqual([0, '']);
      const files = readdirSync(join(embeddedDir, 'backups'));
      expect(files).toEqual([expect.stringMatching(/^tip-\d{8}T\d{6}Z\.dump$/)]);
      // the server it started for the backup is stopped again
      const probe = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/tip` });
      await expect(probe.connect()).rejects.toThrow(/ECONNREFUSED/);
      process.stdout.write(
        `[backups] embedded database backed up in ${Math.round(written.ms)} ms (its first start included)\n`,
      );
    } finally {
      rmSync(embeddedDir, { recursive: true, force: true });
    }
  });
});
