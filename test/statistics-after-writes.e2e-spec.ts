import { Client } from 'pg';
import * as CUBE from 'src/statistics/statistics-cube.sql';
import * as SQL from 'src/statistics/statistics.sql';
import { Agent, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { nationalTip } from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';

jest.setTimeout(60_000);

/**
 * A write through the service is answered once the statistics have taken it in: the next reader
 * of a figure finds the cube up to date and waits for nothing, and its figure counts the write.
 */
describe('statistics after a write through the service', () => {
  let t: TestApp;
  let focal: Agent;
  let analyst: Agent;
  const period = { from: '2024-01-01', to: '2024-12-31' };

  beforeAll(async () => {
    t = await createTestApp();
    [focal, analyst] = await Promise.all([signIn(t, 'focal_person', 'PK-PB'), signIn(t, 'analyst')]);
  });
  afterAll(() => t.close());

  const generation = async () =>
    (await t.dataSource.query<Array<{ generation: number }>>(`SELECT generation::int FROM statistics_cube_state`))[0]
      .generation;
  const marks = async () =>
    Number((await t.dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM statistics_dirty`))[0].n);
  /** The summary's figures national, for trafficking in persons in 2024: as the analyst reads them, and counted on the case tables. */
  const summary = async () => {
    const res = await analyst.get('/api/v1/statistics/summary').query(period);
    expect(res.status).toBe(200);
    const { casesRegistered, casesInvestigated, prosecutions, convictions, victimsIdentified, suspects } = res.body;
    return {
      casesRegistered,
      casesInvestigated,
      prosecutedPersons: prosecutions.persons,
      prosecutedCases: prosecutions.cases,
      convictedPersons: convictions.persons,
      convictedCases: convictions.cases,
      victimsIdentified,
      suspects,
    };
  };
  const fromTables = async () => {
    const rows = await t.dataSource.query<Array<Record<string, number>>>(
      SQL.SUMMARY_BY_JURISDICTION,
      nationalTip(period),
    );
    return Object.fromEntries(
      SQL.SUMMARY_FIGURES.map((figure) => [figure, rows.reduce((n, row) => n + row[figure], 0)]),
    );
  };
  /** A write answered `status`, after which nothing is left marked and the cube has a new generation; the analyst's figures equal the case tables'. */
  const expectTakenIn = async (write: () => Promise<{ status: number; body: { id?: string } }>, status: number) => {
    const before = await generation();
    const res = await write();
    expect(res.status).toBe(status);
    expect(await marks()).toBe(0);
    expect(await generation()).toBeGreaterThan(before);
    expect(await summary()).toEqual(await fromTables());
    return res.body;
  };

  it('takes each kind of write to a case in before answering it', async () => {
    const registered = (await summary()).casesRegistered;
    const created = await expectTakenIn(
      () => focal.post('/api/v1/cases', caseBody({ firNumber: '5501', firYear: 2024, firDate: '2024-03-02' })),
      201,
    );
    const id = created.id!;
    expect((await summary()).casesRegistered).toBe(registered + 1);
    await expectTakenIn(() => focal.patch(`/api/v1/cases/${id}`, { offenceFamily: 'som' }), 200);
    expect((await summary()).casesRegistered).toBe(registered);
    await expectTakenIn(() => focal.patch(`/api/v1/cases/${id}`, { offenceFamily: 'tip' }), 200);
    const victim = await expectTakenIn(
      () =>
        focal.post(`/api/v1/cases/${id}/victims`, {
          ref: 'V-after-1',
          sex: 'female',
          age: 14,
          nationality: 'PAK',
          identifiedOn: '2024-04-03',
        }),
      201,
    );
    await expectTakenIn(() => focal.patch(`/api/v1/cases/${id}/victims/${victim.id}`, { age: 15 }), 200);
    const defendant = await expectTakenIn(
      () => focal.post(`/api/v1/cases/${id}/defendants`, { ref: 'D-after-1' }),
      201,
    );
    const prosecution = await expectTakenIn(
      () =>
        focal.post(`/api/v1/cases/${id}/prosecutions`, { defendantId: defendant.id, prosecutionDate: '2024-06-01' }),
      201,
    );
    await expectTakenIn(
      () =>
        focal.put(`/api/v1/cases/${id}/prosecutions/${prosecution.id}/conviction`, {
          judgmentDate: '2024-11-20',
          imprisonmentMonths: 84,
        }),
      200,
    );
    await expectTakenIn(() => focal.delete(`/api/v1/cases/${id}/victims/${victim.id}`), 204);
    await expectTakenIn(() => focal.delete(`/api/v1/cases/${id}`), 204);
    expect((await summary()).casesRegistered).toBe(registered);
  });

  it('leaves everything as it was after a refused write', async () => {
    const before = await generation();
    const res = await focal.post(
      '/api/v1/cases',
      caseBody({ firNumber: '5502', firYear: 2024, firDate: '2031-01-01' }),
    );
    expect(res.status).toBe(422);
    expect(await marks()).toBe(0);
    expect(await generation()).toBe(before);
  });

  it('answers a write while another refresh holds the cube, and the next reader takes it in', async () => {
    const registered = (await summary()).casesRegistered;
    const holder = new Client({ connectionString: t.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      expect((await holder.query<{ locked: boolean }>(CUBE.REFRESH_LOCK)).rows[0].locked).toBe(true);
      const started = Date.now();
      const res = await focal.post(
        '/api/v1/cases',
        caseBody({ firNumber: '5503', firYear: 2024, firDate: '2024-05-05' }),
      );
      expect(res.status).toBe(201);
      // answered although the cube could not take it in: the write stays marked for a later refresh
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await marks()).toBeGreaterThan(0);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect((await summary()).casesRegistered).toBe(registered + 1);
    expect(await marks()).toBe(0);
  });
});
