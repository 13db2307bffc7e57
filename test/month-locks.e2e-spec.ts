import { Response } from 'supertest';
import { holdMonthsForChange } from 'src/submissions/month-locks';
import { buildWorkbook, goodCase, SheetData } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';

/**
 * Once NPB approves a unit's month, a write that would change one of that month's figures is
 * refused (409, nothing written); writes that touch only other months, or other units, go through.
 */
describe('locked months', () => {
  let t: TestApp;
  let punjab: Agent;
  let admin: Agent;
  /** A Punjab case registered in March 2024, with a defendant and a victim. */
  let march: { id: string; defendantId: string; victimId: string };
  /** A Punjab case registered in April 2024. */
  let april: string;

  const setMarch = async (status: 'approved' | 'reopened') =>
    t.dataSource.query(
      `INSERT INTO submissions (reporting_unit_code, month, status, first_submitted_at, submitted_at)
       VALUES ('POLICE-PK-PB', '2024-03-01', $1, now(), now())
       ON CONFLICT (reporting_unit_code, month) DO UPDATE SET status = EXCLUDED.status`,
      [status],
    );

  const stored = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT fir_date::text, deleted_at IS NULL AS live,
                (SELECT count(*)::int FROM victims WHERE case_id = cases.id) AS victims,
                (SELECT count(*)::int FROM prosecutions WHERE case_id = cases.id) AS prosecutions
           FROM cases WHERE id = $1`,
        [id],
      )
    )[0] as { fir_date: string; live: boolean; victims: number; prosecutions: number };

  const expectLocked = (res: Response, months: string[]) => {
    expectProblem(res, 409, 'SUBMISSION.MONTH_LOCKED');
    expect(res.body).toMatchObject({ months, reportingUnit: 'POLICE-PK-PB' });
  };

  const create = async (who: Agent, body: Record<string, unknown>) => {
    const res = await who.post('/api/v1/cases', caseBody(body));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    [punjab, admin] = await Promise.all([signIn(t, 'focal_person', 'PK-PB'), signIn(t, 'admin')]);
    const marchId = await create(punjab, { firNumber: '0301', firDate: '2024-03-05' });
    const defendant = await punjab.post(`/api/v1/cases/${marchId}/defendants`, { ref: 'D1', sex: 'male', age: 30 });
    expect(defendant.status).toBe(201);
    const victim = await punjab.post(`/api/v1/cases/${marchId}/victims`, {
      ref: 'V1',
      sex: 'female',
      age: 19,
      identifiedOn: '2024-03-06',
    });
    expect(victim.status).toBe(201);
    march = { id: marchId, defendantId: defendant.body.id, victimId: victim.body.id };
    april = await create(punjab, { firNumber: '0401', firDate: '2024-04-02' });
    await setMarch('approved');
  });
  afterAll(() => t.close());

  it('refuses a new case registered in the approved month, and writes nothing', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM cases'))[0].n;
    expectLocked(await punjab.post('/api/v1/cases', caseBody({ firNumber: '0302', firDate: '2024-03-20' })), [
      '2024-03',
    ]);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM cases'))[0].n).toBe(before);
  });

  it('refuses to move a case out of the approved month, to delete it, or to add a victim identified in it', async () => {
    const url = `/api/v1/cases/${march.id}`;
    const was = await stored(march.id);
    expectLocked(await punjab.patch(url, { firDate: '2024-02-28' }), ['2024-03']);
    expectLocked(await punjab.delete(url), ['2024-03']);
    expectLocked(await punjab.post(`${url}/victims`, { ref: 'V2', sex: 'male', age: 12, identifiedOn: '2024-03-25' }), [
      '2024-03',
    ]);
    // a victim identified in March counts in its figures by sex and age
    expectLocked(await punjab.patch(`${url}/victims/${march.victimId}`, { age: 17 }), ['2024-03']);
    expect((await punjab.get(`${url}/victims/${march.victimId}`)).body.age).toBe(19);
    // the month's figures by district would change
    expectLocked(await punjab.patch(url, { district: 'Lahore' }), ['2024-03']);
    expect(await stored(march.id)).toEqual(was);
    expect((await punjab.get(url)).body).toMatchObject({ firDate: '2024-03-05', district: 'PK628' });
  });

  it('lets a March case change where no figure depends on it', async () => {
    const res = await punjab.patch(`/api/v1/cases/${march.id}`, {
      remarks: 'IO transferred',
      policeStation: 'PS Saddar',
    });
    expect([res.status, res.body.remarks]).toEqual([200, 'IO transferred']);
  });

  it('lets a March case gain a prosecution that began in April', async () => {
    const res = await punjab.post(`/api/v1/cases/${march.id}/prosecutions`, {
      defendantId: march.defendantId,
      court: 'Sessions Court RYK',
      prosecutionDate: '2024-04-10',
    });
    expect(res.status).toBe(201);
    expect((await stored(march.id)).prosecutions).toBe(1);
    // but not one dated in March
    const prosecution = `/api/v1/cases/${march.id}/prosecutions/${res.body.id}`;
    expectLocked(await punjab.patch(prosecution, { prosecutionDate: '2024-03-28' }), ['2024-03']);
    expect((await punjab.get(prosecution)).body.prosecutionDate).toBe('2024-04-10');
  });

  it('leaves cases of other months and of other units free', async () => {
    const url = `/api/v1/cases/${april}`;
    expect((await punjab.patch(url, { firDate: '2024-04-01', remarks: 'FIR date corrected' })).status).toBe(200);
    expect((await punjab.post(`${url}/victims`, { ref: 'V1', sex: 'female', identifiedOn: '2024-04-21' })).status).toBe(
      201,
    );
    expect(await stored(april)).toMatchObject({ fir_date: '2024-04-01', victims: 1 });

    const fia = await create(admin, { firNumber: '0303', firDate: '2024-03-05', reportingUnit: 'FIA' });
    const moved = await admin.patch(`/api/v1/cases/${fia}`, { firDate: '2024-02-28' });
    expect(moved.status).toBe(200);
    expect((await stored(fia)).fir_date).toBe('2024-02-28');
  });

  it('allows the same edit once the month is re-opened', async () => {
    await setMarch('reopened');
    try {
      const res = await punjab.patch(`/api/v1/cases/${march.id}`, { firDate: '2024-03-04' });
      expect(res.status).toBe(200);
      expect((await stored(march.id)).fir_date).toBe('2024-03-04');
    } finally {
      await setMarch('approved');
    }
  });

  it('makes a write under way when a month is approved wait, and compare with the approved month', async () => {
    await setMarch('reopened');
    const approval = t.dataSource.createQueryRunner();
    await approval.connect();
    try {
      await approval.startTransaction();
      await holdMonthsForChange(approval.manager, 'POLICE-PK-PB');
      await approval.query(
        `UPDATE submissions SET status = 'approved' WHERE reporting_unit_code = 'POLICE-PK-PB' AND month = '2024-03-01'`,
      );
      let answered = false;
      const write = punjab
        .patch(`/api/v1/cases/${march.id}`, { firDate: '2024-02-27' })
        .then((res) => ((answered = true), res));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(answered).toBe(false);
      await approval.commitTransaction();
      expectLocked(await write, ['2024-03']);
      expect((await stored(march.id)).fir_date).toBe('2024-03-04');
    } finally {
      if (approval.isTransactionActive) await approval.rollbackTransaction();
      await approval.release();
      await setMarch('approved');
    }
  });

  describe('uploads', () => {
    const upload = (file: Buffer, query = '') => punjab.upload(file, { query });
    const casesNumbered = async (fir: string) =>
      (await t.dataSource.query('SELECT count(*)::int AS n FROM cases WHERE fir_number = $1', [fir]))[0].n;

    /** A case registered in April 2024, with victims identified then and no prosecution: nothing in March. */
    const aprilOnly = (fir: string): SheetData => {
      const sheets = goodCase(fir, {
        'FIR Date': '05/04/2024',
        Status: 'Registered',
        'Status Date': '05/04/2024',
        'Investigation Concluded On': '',
      });
      return {
        Cases: sheets.Cases,
        Victims: sheets.Victims.map((v) => ({ ...v, 'Identified On': '2024-04-06' })),
        Defendants: sheets.Defendants,
      };
    };

    it('rejects a whole upload one of whose cases would change March, listing its row, and a dry run alike', async () => {
      // goodCase's prosecutions began in March 2024; the second case is April's only
      const locked = goodCase('0777');
      const free = aprilOnly('0778');
      const file = await buildWorkbook({
        Cases: [...locked.Cases, ...free.Cases],
        Victims: [...locked.Victims, ...free.Victims],
        Defendants: [...locked.Defendants, ...free.Defendants],
        Prosecutions: locked.Prosecutions,
      });
      for (const query of ['?dryRun=true', '']) {
        const res = await upload(file, query);
        expect(res.body.status).toBe('rejected');
        expect(res.body.errors).toEqual([
          expect.objectContaining({
            sheet: 'Cases',
            row: 2,
            code: 'IMPORT.MONTH_LOCKED',
            message: expect.stringContaining('2024-03'),
          }),
        ]);
      }
      expect(await casesNumbered('0777')).toBe(0);
      expect(await casesNumbered('0778')).toBe(0);
    });

    it('rejects an added victim identified in March of a stored case, naming its row', async () => {
      const file = await buildWorkbook({
        Victims: [
          {
            District: 'R.Y. Khan',
            'Police Station': 'PS Saddar',
            'FIR No': '0301',
            'FIR Year': 2024,
            'Victim Ref': 'V9',
            Sex: 'Female',
            Age: 20,
            Nationality: 'Pakistani',
            'Identified On': '2024-03-15',
          },
        ],
      });
      const res = await upload(file);
      expect(res.body.status).toBe('rejected');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ sheet: 'Victims', row: 2, code: 'IMPORT.MONTH_LOCKED' }),
      ]);
      expect((await stored(march.id)).victims).toBe(1);
    });

    it('commits an upload that touches only April', async () => {
      const file = await buildWorkbook(aprilOnly('0779'));
      const dry = await upload(file, '?dryRun=true');
      expect([dry.body.status, dry.body.errors]).toEqual(['validated', []]);
      expect(await casesNumbered('0779')).toBe(0);
      const res = await upload(file);
      expect([res.status, res.body.status, res.body.errors]).toEqual([201, 'committed', []]);
      expect(res.body.counts).toEqual(dry.body.counts);
      expect(await casesNumbered('0779')).toBe(1);
    });
  });
});
