import { Client } from 'pg';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';
import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { expectCubeToEqualCaseTables } from 'test/support/cube-comparison';
import { expectProblem } from 'test/support/problem';
import { rng } from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';

/**
 * An import whose database connection is cut (pg_terminate_backend from another connection)
 * while it stages rows, while it writes them, while the statistics take it in and while it
 * commits. Each point is reached deterministically: the import is made to wait there on a lock
 * this test holds, found waiting in pg_stat_activity, and terminated. Nothing of the upload may remain, its batch
 * says why it failed, the same file then commits, and the statistics cube still agrees with
 * the case tables.
 */
const SUITE_TIMEOUT_MS = 90_000;
/** How long the import may take to reach the point where it waits. */
const REACH_TIMEOUT_MS = 20_000;
/** How long the answer may take once the import's connection is cut. */
const ANSWER_TIMEOUT_MS = 10_000;
jest.setTimeout(SUITE_TIMEOUT_MS);

/** The tables an import writes; none may change through an import that failed. */
const CASE_TABLES = [
  'cases',
  'case_status_events',
  'route_points',
  'victims',
  'defendants',
  'prosecutions',
  'convictions',
] as const;

/** Test-only hooks in this file's own database: each takes an advisory lock of its point (free unless the test holds it). */
const HOOKS = `
  CREATE FUNCTION fault_point() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN PERFORM pg_advisory_xact_lock(hashtext('fault:' || TG_ARGV[0])); RETURN NULL; END $$;
  CREATE TRIGGER fault_while_writing AFTER INSERT ON victims FOR EACH ROW EXECUTE FUNCTION fault_point('writing');
  CREATE TRIGGER fault_while_counting AFTER INSERT ON statistics_generation_deltas FOR EACH ROW EXECUTE FUNCTION fault_point('counting');
  CREATE CONSTRAINT TRIGGER fault_at_commit AFTER INSERT ON cases DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION fault_point('commit');`;

/** A lock the test holds, and the statement in which the import then waits for it. */
interface Hold {
  readonly take: (holder: Client) => Promise<unknown>;
  readonly statement: RegExp;
}

/** Where the import is cut: it is held at each hold in turn, each taken before the one before is let go. */
interface Point {
  readonly name: string;
  readonly holds: readonly Hold[];
}

const POINTS: readonly Point[] = [
  {
    // staging is the first statement of the import's transaction to read the stored cases: the import is first held
    // before it (on its unit's months, which an approval holds), the table locked, and the import let go into it
    name: 'staging',
    holds: [
      {
        take: (holder) => holder.query(`SELECT pg_advisory_lock(hashtext('tip-months:POLICE-PK-PB'))`),
        statement: /pg_advisory_xact_lock_shared/,
      },
      {
        take: (holder) => holder.query('BEGIN; LOCK TABLE cases IN ACCESS EXCLUSIVE MODE'),
        statement: /INSERT INTO import_cases/,
      },
    ],
  },
  {
    // the upload's cases are written by then: victims come once the Cases sheet has been read
    name: 'writing',
    holds: [
      {
        take: (holder) => holder.query(`SELECT pg_advisory_lock(hashtext('fault:writing'))`),
        statement: /INSERT INTO victims/,
      },
    ],
  },
  {
    // the statistics take the upload in just before it commits (StatisticsRepository.refreshWithin)
    name: 'counting',
    holds: [
      {
        take: (holder) => holder.query(`SELECT pg_advisory_lock(hashtext('fault:counting'))`),
        // the refresh's statements go as one query, which pg_stat_activity shows by its first kilobyte
        statement: /^CREATE TEMP TABLE IF NOT EXISTS statistics_delta_cases/,
      },
    ],
  },
  {
    // the deferred trigger runs inside COMMIT
    name: 'commit',
    holds: [
      {
        take: (holder) => holder.query(`SELECT pg_advisory_lock(hashtext('fault:commit'))`),
        statement: /^COMMIT$/,
      },
    ],
  },
];

describe('an import whose database connection is cut', () => {
  let t: TestApp;
  let punjab: Agent;
  let admin: Client;
  const random = rng(17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    punjab = await signIn(t, 'focal_person', 'PK-PB');
    admin = new Client({ connectionString: t.config.databaseUrl });
    await admin.connect();
    await admin.query(HOOKS);
    // figures already in the cube before the faults: its upkeep must survive them
    expect((await punjab.upload(await buildWorkbook(goodCase('9100'))).expect(201)).body.status).toBe('committed');
    expect(await t.app.get(StatisticsCube).refresh()).toBe(true);
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  const counts = async (): Promise<Record<string, number>> => {
    const { rows } = await admin.query<Record<string, number>>(
      `SELECT ${CASE_TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
    );
    return { ...rows[0] };
  };

  /** The import's backend once it waits on a lock in `statement`. */
  async function waitingImport(statement: RegExp): Promise<{ pid: number; query: string }> {
    const deadline = Date.now() + REACH_TIMEOUT_MS;
    let waiters: string[] = [];
    while (Date.now() < deadline) {
      const rows = await admin.query<{ pid: number; query: string }>(
        `SELECT pid, query FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'tip-case-database' AND wait_event_type = 'Lock'`,
      );
      const found = rows.rows.find((r) => statement.test(r.query.trim()));
      if (found) return found;
      waiters = rows.rows.map((r) => r.query.trim().slice(0, 60));
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(
      `the import did not reach ${String(statement)} in ${REACH_TIMEOUT_MS} ms; waiting: ${waiters.join(' | ')}`,
    );
  }

  it.each(POINTS.map((point, i) => [point.name, point, `92${i}1`] as const))(
    'cut while %s: nothing of the upload remains, its batch says why, and the same file then commits',
    async (_name, point, fir) => {
      const file = await buildWorkbook(goodCase(fir));
      const before = await counts();
      const started = performance.now();
      const holders: Client[] = [];
      let answer: Promise<{ status: number; headers: Record<string, unknown>; body: Record<string, unknown> }> | null =
        null;
      let cutAt: number;
      try {
        let waiting = { pid: 0, query: '' };
        for (const hold of point.holds) {
          const holder = new Client({ connectionString: t.config.databaseUrl });
          await holder.connect();
          holders.push(holder);
          await hold.take(holder);
          if (!answer) answer = Promise.resolve(punjab.upload(file));
          else await holders.shift()!.end(); // the import moves on, to wait at this hold
          waiting = await waitingImport(hold.statement);
        }
        cutAt = performance.now();
        const [{ terminated }] = (
          await admin.query<{ terminated: boolean }>('SELECT pg_terminate_backend($1) AS terminated', [waiting.pid])
        ).rows;
        expect(terminated).toBe(true);
      } finally {
        for (const holder of holders) await holder.end(); // their locks go with them
      }
      const res = await answer!;
      const answeredMs = performance.now() - cutAt;
      expectProblem(res, 503, 'COMMON.DATABASE_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toMatch(/stack|terminat|pg_|at \/|\.ts:/i);
      expect(answeredMs).toBeLessThan(ANSWER_TIMEOUT_MS);

      // nothing of it: every case table as before, no row naming its batch
      const [batch] = (
        await admin.query<{ id: string; status: string; error_count: number; errors: Array<Record<string, unknown>> }>(
          `SELECT id, status, error_count, errors FROM import_batches WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
          [punjab.id],
        )
      ).rows;
      expect(await counts()).toEqual(before);
      const [{ named }] = (
        await admin.query<{ named: number }>(
          `SELECT (SELECT count(*) FROM cases WHERE import_batch_id = $1 OR fir_number = $2)
                + (SELECT count(*) FROM case_status_events WHERE import_batch_id = $1) AS named`,
          [batch.id, fir],
        )
      ).rows;
      expect(Number(named)).toBe(0);

      // the batch failed, for a reason that quotes nothing of the file
      expect([batch.status, batch.error_count, batch.errors.map((e) => e.code)]).toEqual([
        'failed',
        1,
        ['IMPORT.FAILED'],
      ]);
      expect(batch.errors[0].message).toMatch(/connection to the database was lost.*nothing of it was written/);
      expect(JSON.stringify(batch.errors)).not.toMatch(new RegExp(`${fir}|Accused|35202|3520212345672|Saddar|Khan`));
      const shown = await punjab.get(`/api/v1/imports/${batch.id}`).expect(200);
      expect(shown.body.status).toBe('failed');

      // the unit's import lock went with the connection: the same file commits
      const again = await punjab.upload(file).expect(201);
      expect(again.body.status).toBe('committed');
      const after = await counts();
      expect([
        after.cases - before.cases,
        after.victims - before.victims,
        after.convictions - before.convictions,
      ]).toEqual([1, 2, 1]);
      process.stdout.write(
        `[import fault] cut while ${point.name}: answered 503 ${Math.round(answeredMs)} ms after the cut; ${Math.round(performance.now() - started)} ms with the retry\n`,
      );
    },
  );

  it("a commit whose outcome cannot be recorded leaves nothing: the rows, the batch's status and the audit event are one transaction", async () => {
    // the audit store refuses the event of a committed import (as a full disk or a lost connection would)
    await admin.query(`
      CREATE FUNCTION refuse_commit_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'import.committed' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_commit_record BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_commit_record()`);
    const fir = '9301';
    const file = await buildWorkbook(goodCase(fir));
    const before = await counts();
    let res: { status: number; body: Record<string, unknown> };
    try {
      res = await punjab.upload(file);
    } finally {
      await admin.query('DROP TRIGGER refuse_commit_record ON audit_events; DROP FUNCTION refuse_commit_record()');
    }
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/stack|refused|pg_|at \/|\.ts:/i);
    expect(await counts()).toEqual(before);
    const [batch] = (
      await admin.query<{ id: string; status: string; counts: unknown }>(
        `SELECT id, status, counts FROM import_batches WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [punjab.id],
      )
    ).rows;
    expect([batch.status, batch.counts]).toEqual(['failed', null]);

    // once the store takes it, the same file commits with its record
    const again = await punjab.upload(file).expect(201);
    expect(again.body.status).toBe('committed');
    expect((await counts()).cases).toBe(before.cases + 1);
    const events = await admin.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [again.body.id]);
    expect(events.rows).toEqual([{ action: 'import.committed' }]);
  });

  it('leaves the statistics cube equal to the case tables', async () => {
    expect(await t.app.get(StatisticsCube).refresh()).toBe(true);
    const everything = ['2015-01-01', '2026-12-31', null, null, null, null, null, null];
    for (const params of [
      everything,
      ['2024-01-01', '2024-12-31', 'PK-PB', null, null, null, null, null],
      ['2024-01-01', '2024-12-31', null, null, ['tip'], 'forced_labour', 'transnational', ['POLICE-PK-PB']],
    ])
      await expectCubeToEqualCaseTables(t.dataSource, params, pick);
    // the service's own figures (read from the cube): every upload that committed, nothing of the failed ones
    const summary = await punjab.get('/api/v1/statistics/summary').query({ from: '2024-01-01', to: '2024-12-31' });
    expect(summary.body.casesRegistered).toBe(2 + POINTS.length);
  });
});
