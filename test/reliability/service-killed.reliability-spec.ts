import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { agentOf } from 'test/support/agent';
import { buildService, startBuiltService } from 'test/support/built-service';
import { createTestApp, TestApp } from 'test/support/test-app';
import { createDatabase, databaseUrl } from 'test/support/test-database';
import { freePort } from 'test/support/own-postgres';

/**
 * The service itself (dist/src/main.js, as `npm start` runs it, in a child process) is killed with SIGKILL in the middle of
 * an import, its cases already written in the import's transaction. Started again on the same
 * database, it shows nothing of the upload, records the batch as interrupted, and takes the
 * same file.
 */
const SUITE_TIMEOUT_MS = 300_000;
/** Building the service (dist/) when it is older than its sources, as `npm start` does. */
const BUILD_TIMEOUT_MS = 180_000;
/** The service's start (`npm start`: dist/src/main.js), migrations checked. */
const START_TIMEOUT_MS = 60_000;
/** How long the import may take to reach the point where it is held. */
const REACH_TIMEOUT_MS = 20_000;
jest.setTimeout(SUITE_TIMEOUT_MS);

/** A test-only hook in this file's own database: victims wait on an advisory lock the test may hold. */
const HOOK = `
  CREATE FUNCTION fault_point() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN PERFORM pg_advisory_xact_lock(hashtext('fault:' || TG_ARGV[0])); RETURN NULL; END $$;
  CREATE TRIGGER fault_while_writing AFTER INSERT ON victims FOR EACH ROW EXECUTE FUNCTION fault_point('writing');`;

describe('the service killed in the middle of an import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tip-killed-'));
  let t: TestApp;
  let url: string;
  let port: number;
  let child: ChildProcess | null = null;

  /** Starts the service as `npm start` does; resolves once /health answers 200. */
  async function startService(): Promise<{ process: ChildProcess; ms: number }> {
    const started = await startBuiltService(
      {
        NODE_ENV: 'test',
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        JWT_SECRET: t.config.auth.jwtSecret,
        CNIC_HMAC_SECRET: t.config.cnicHmacSecret,
        UPLOAD_ENCRYPTION_KEY: t.config.uploadKeys.current.toString('hex'),
        SCHEDULER_ENABLED: 'false',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      },
      port,
      START_TIMEOUT_MS,
    );
    child = started.process;
    return started;
  }

  beforeAll(async () => {
    buildService(BUILD_TIMEOUT_MS);
    const name = `${process.env.TIP_TEST_RUN_ID}_killed`;
    await createDatabase(process.env.TIP_TEST_SERVER_URL!, name, `${process.env.TIP_TEST_RUN_ID}_template`);
    url = databaseUrl(process.env.TIP_TEST_SERVER_URL!, name);
    // an application in this process on the same database, for its users and its view of the tables
    t = await createTestApp({ DATABASE_URL: url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    await t.dataSource.query(HOOK);
    port = await freePort();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows nothing of the upload after a restart, marks its batch interrupted, and takes the file again', async () => {
    const user = await t.userWithToken('focal_person', 'PK-PB');
    const file = await buildWorkbook(goodCase('9501'));
    const first = await startService();
    const punjab = agentOf(request(`http://127.0.0.1:${port}`), user);
    const count = async (sql: string, params: unknown[] = []) =>
      Number((await t.dataSource.query<Array<{ n: string }>>(sql, params))[0].n);

    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    let pid = 0;
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('fault:writing'))`);
      const accepted = await punjab.upload(file, { query: '?async=true' }).expect(202);
      const batchId = accepted.body.id as string;
      // held while writing victims, the upload's case already written in its transaction
      for (const deadline = Date.now() + REACH_TIMEOUT_MS; !pid;) {
        const rows = await t.dataSource.query<Array<{ pid: number }>>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO victims%'`,
        );
        if (rows.length) pid = rows[0].pid;
        else if (Date.now() > deadline) throw new Error('the import was not held while writing');
        else await new Promise((r) => setTimeout(r, 20));
      }
      const killed = new Promise((resolve) => first.process.once('exit', resolve));
      first.process.kill('SIGKILL');
      expect(await killed).toBeNull(); // no exit code: killed by the signal
      await holder.query(`SELECT pg_advisory_unlock(hashtext('fault:writing'))`);

      // its connection's backend ends with it, its transaction rolled back
      for (const deadline = Date.now() + REACH_TIMEOUT_MS; ;) {
        if (!(await count('SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1', [pid]))) break;
        if (Date.now() > deadline) throw new Error('the import connection outlived the service');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(
        await count(`SELECT count(*) AS n FROM import_batches WHERE id = $1 AND status = 'processing'`, [batchId]),
      ).toBe(1);

      const second = await startService();
      const shown = await punjab.get(`/api/v1/imports/${batchId}`).expect(200);
      expect([shown.body.status, shown.body.errors.map((e: { code: string }) => e.code)]).toEqual([
        'interrupted',
        ['IMPORT.INTERRUPTED'],
      ]);
      for (const table of [
        'cases',
        'victims',
        'defendants',
        'prosecutions',
        'convictions',
        'route_points',
        'case_status_events',
      ])
        expect([table, await count(`SELECT count(*) AS n FROM ${table}`)]).toEqual([table, 0]);
      expect((await punjab.get('/api/v1/cases').expect(200)).body.total).toBe(0);

      const again = await punjab.upload(file).expect(201);
      expect(again.body.status).toBe('committed');
      expect((await punjab.get('/api/v1/cases').expect(200)).body.total).toBe(1);
      process.stdout.write(
        `[service killed] started in ${Math.round(first.ms)} ms, again in ${Math.round(second.ms)} ms after SIGKILL\n`,
      );
    } finally {
      await holder.release();
    }
  });
});
