import { getPriority } from 'node:os';
import { Client } from 'pg';
import { BACKGROUND_NICENESS, BackgroundConnection } from 'src/database/background-connection';
import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { createTestApp, TestApp } from 'test/support/test-app';

/** The tests' server runs on this machine; raising a process's priority back, and another user's at all, needs root. */
const onThisMachineAsRoot = process.getuid?.() === 0 ? describe : describe.skip;

onThisMachineAsRoot('the database work of an upload', () => {
  let t: TestApp;
  let punjab: Agent;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    punjab = await signIn(t, 'focal_person', 'PK-PB');
    admin = new Client({ connectionString: t.config.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  /** The service's connections to its database, by server process. */
  const serviceBackends = async (): Promise<number[]> =>
    (
      await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tip-case-database'`,
      )
    ).rows.map((r) => r.pid);

  async function until<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const found = await probe();
      if (found !== null) return found;
    }
    throw new Error(`${what}: not within 10 s`);
  }

  it('runs behind the requests people wait on, and its connection goes back to the pool at the usual priority', async () => {
    // the upload is held on its unit's months (which an approval holds) while it is looked at
    const holder = new Client({ connectionString: t.config.databaseUrl });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(hashtext('tip-months:POLICE-PK-PB'))`);
    const answer = Promise.resolve(punjab.upload(await buildWorkbook(goodCase('9301'))));
    let importing: number;
    try {
      importing = await until('the upload waiting on its months', async () => {
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tip-case-database'
              AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock_shared%'`,
        );
        return rows[0]?.pid ?? null;
      });
      expect(getPriority(importing)).toBe(BACKGROUND_NICENESS);
      // a request meanwhile is answered on a connection at the usual priority
      expect((await punjab.get('/api/v1/cases')).status).toBe(200);
      const others = (await serviceBackends()).filter((pid) => pid !== importing);
      expect(others.length).toBeGreaterThan(0);
      expect(others.map((pid) => getPriority(pid))).toEqual(others.map(() => 0));
    } finally {
      await holder.end();
    }
    const res = await answer;
    expect([res.status, res.body.status]).toEqual([201, 'committed']);
    expect(getPriority(importing)).toBe(0);
    const backends = await serviceBackends();
    expect(backends.map((pid) => getPriority(pid))).toEqual(backends.map(() => 0));
  });

  it('closes a connection whose priority cannot be raised back, and the service goes on', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    const [{ pid }] = await runner.manager.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
    const connection = await BackgroundConnection.lower(runner);
    expect([connection.lowered, getPriority(pid)]).toEqual([true, BACKGROUND_NICENESS]);
    // as a service not running as root: it may lower a priority but not raise one
    process.seteuid(65534);
    try {
      await connection.release();
    } finally {
      process.seteuid(0);
    }
    await until('the lowered connection closed', async () => ((await serviceBackends()).includes(pid) ? null : true));
    expect(await t.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect((await punjab.get('/api/v1/cases')).status).toBe(200);
  });
});
